import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, WORKER, makeCoreWithVault } from '../../support/core-fixture';
import { createRouter } from '../../../src/main/core/ipc/router';
import { createAccount } from '../../../src/main/core/users/service';
import { generateRecoveryKey } from '../../../src/main/core/vault/recovery-key';
import { splitRecoveryKey } from '../../../src/main/core/vault/recovery-shares';
import { verifyAuditChain } from '../../../src/main/core/audit/chain';

type Fixture = Awaited<ReturnType<typeof makeCoreWithVault>>;
let f: Fixture;
afterEach(() => f?.cleanup());

const NEW_PASSPHRASE = 'copper lighthouse morning tide';

describe('recovery.createShares', () => {
  it('checks the recovery key, returns 3 of 5 by default, and audits only the counts', async () => {
    f = await makeCoreWithVault();
    const router = createRouter(f.core);
    const session = f.core.session!;

    const wrong = await router.handle(session, 'recovery.createShares', { recoveryKey: generateRecoveryKey().text });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'RECOVERY_KEY_WRONG' } });
    const typo = await router.handle(session, 'recovery.createShares', { recoveryKey: (f.recoveryKey[0] === 'A' ? 'B' : 'A') + f.recoveryKey.slice(1) });
    expect(typo).toMatchObject({ ok: false, error: { code: 'RECOVERY_KEY_MALFORMED' } });
    const tooMany = await router.handle(session, 'recovery.createShares', { recoveryKey: f.recoveryKey, threshold: 6, shares: 5 });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const created = await router.handle(session, 'recovery.createShares', { recoveryKey: f.recoveryKey.toLowerCase() });
    if (!created.ok) throw new Error(created.error.message);
    const value = created.value as { threshold: number; shares: string[] };
    expect(value.threshold).toBe(3);
    expect(value.shares).toHaveLength(5);
    value.shares.forEach((s, i) => expect(s).toMatch(new RegExp(`^${i + 1}OF5-K3-`)));

    const rows = session.vault.db.prepare("SELECT actor_id AS actorId, target, detail FROM audit_log WHERE action = 'vault.recovery_shares_created'").all();
    expect(rows).toEqual([{ actorId: session.accountId, target: null, detail: '{"shares":5,"threshold":3}' }]);
    expect(verifyAuditChain(session.vault.db).problems).toEqual([]);
  }, 60_000);

  it('is for administrators only, and not while signed out', async () => {
    f = await makeCoreWithVault();
    const router = createRouter(f.core);
    await createAccount(f.core.session!, WORKER);
    f.core.lockNow('manual');
    expect(await router.handle(null, 'recovery.createShares', { recoveryKey: f.recoveryKey })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await f.core.login(WORKER.username, WORKER.initialPassphrase);
    expect(await router.handle(f.core.session, 'recovery.createShares', { recoveryKey: f.recoveryKey })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 60_000);
});

describe('auth.recoverWithShares', () => {
  it('resets a forgotten passphrase with k shares; fewer are refused, and so are shares that do not open the slot', async () => {
    f = await makeCoreWithVault();
    const router = createRouter(f.core);
    const vaultId = f.core.session!.vault.keyring.vaultId;
    const created = await router.handle(f.core.session, 'recovery.createShares', { recoveryKey: f.recoveryKey, threshold: 3, shares: 5 });
    if (!created.ok) throw new Error(created.error.message);
    const shares = (created.value as { shares: string[] }).shares;
    f.core.lockNow('manual');

    const request = (given: string[]) => router.handle(null, 'auth.recoverWithShares', { shares: given, username: ADMIN.username, newPassphrase: NEW_PASSPHRASE });
    expect(await request([shares[0]!, shares[2]!, shares[0]!])).toEqual({ ok: false, error: { code: 'SHARES_TOO_FEW', message: '3 shares are needed, 2 were given (the same share given twice counts once).' } });
    expect(await request([shares[0]!, shares[1]!, 'not a share at all'])).toMatchObject({ ok: false, error: { code: 'SHARE_MALFORMED', message: expect.stringContaining('position 3') } });

    // Consistent shares of this vault's fingerprint, but of another key: only the slot can tell.
    const forged = await splitRecoveryKey(generateRecoveryKey().text, vaultId, { threshold: 2, shares: 2 });
    expect(await request(forged)).toMatchObject({ ok: false, error: { code: 'SHARES_MISMATCHED' } });

    expect(await request([shares[4]!, shares[1]!, shares[3]!])).toEqual({ ok: true, value: { done: true } });
    expect(f.core.session).toBeNull();
    await expect(f.core.login(ADMIN.username, ADMIN.passphrase)).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    f.clock.advance(60_000);
    await f.core.login(ADMIN.username, NEW_PASSPHRASE);
    const actions = (f.core.session!.vault.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);
    expect(actions).toContain('session.recovery_used');
    expect(actions).toContain('account.passphrase_reset');
  }, 120_000);
});
