import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, WORKER, makeCoreWithVault, makeCore } from '../../support/core-fixture';
import { createAccount, disableAccount, resetWithRecovery, changeOwnPassphrase, listAll } from '../../../src/main/core/users/service';
import { verifyAuditChain } from '../../../src/main/core/audit/chain';
import { readKeyring } from '../../../src/main/core/vault/keyring';

type Fixture = Awaited<ReturnType<typeof makeCoreWithVault>>;
let f: Fixture;
afterEach(() => f?.cleanup());

const actions = (f: Fixture) =>
  (f.core.session!.vault.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);

describe('first run', () => {
  it('creates the vault and the administrator, signed in, with the recovery key still to confirm', async () => {
    const bare = makeCore();
    expect(bare.core.status().state).toBe('no-vault');
    const { recoveryKey, session } = await bare.core.createVault(ADMIN);
    expect(session).toMatchObject({ username: ADMIN.username, role: 'administrator', mustChangePassphrase: false });
    expect(bare.core.status()).toMatchObject({ state: 'unlocked', recoveryKeyPending: true });
    await expect(bare.core.confirmRecoveryKey(bare.core.session!, '0000-0000-0000-0000-0000-0000-0000-0000-0000')).rejects.toMatchObject({
      code: 'RECOVERY_KEY_MALFORMED',
    });
    await bare.core.confirmRecoveryKey(bare.core.session!, recoveryKey.toLowerCase());
    expect(bare.core.status().recoveryKeyPending).toBe(false);
    await expect(bare.core.createVault(ADMIN)).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
    bare.cleanup();
  });

  it('refuses a weak administrator passphrase and leaves no vault behind', async () => {
    const bare = makeCore();
    await expect(bare.core.createVault({ ...ADMIN, passphrase: 'password1234' })).rejects.toMatchObject({ code: 'PASSPHRASE_COMMON' });
    expect(bare.core.status().state).toBe('no-vault');
    bare.cleanup();
  });
});

describe('sign-in', () => {
  it('counts failed attempts since the last login, audits each, and delays after repeated failures across a restart', async () => {
    f = await makeCoreWithVault();
    f.core.lockNow('manual');
    await expect(f.core.login(ADMIN.username, 'wrong passphrase one two')).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    await expect(f.core.login(ADMIN.username, 'wrong passphrase three four')).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    await expect(f.core.login(ADMIN.username, 'wrong passphrase five six')).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    // Third failure: one second to wait, also for a restarted app.
    const restarted = f.reopen();
    expect(restarted.status().retryAfterSeconds).toBe(1);
    await expect(restarted.login(ADMIN.username, ADMIN.passphrase)).rejects.toMatchObject({ code: 'THROTTLED' });
    f.clock.advance(1000);
    const result = await restarted.login(ADMIN.username, ADMIN.passphrase);
    expect(result.failedAttemptsSinceLastLogin).toBe(3);
    expect(result.lastLoginAt).not.toBeNull();
    const failed = restarted.session!.vault.db.prepare("SELECT target, detail FROM audit_log WHERE action = 'session.login_failed'").all();
    expect(failed).toHaveLength(3);
    expect(JSON.stringify(failed)).not.toContain('wrong passphrase');
    restarted.lockNow('manual');
    expect((await restarted.login(ADMIN.username, ADMIN.passphrase)).failedAttemptsSinceLastLogin).toBe(0);
    restarted.close();
  });

  it('the delay grows with each failure', async () => {
    const { delayAfter } = await import('../../../src/main/core/vault/attempts');
    expect([1, 2, 3, 4, 5, 6, 20].map(delayAfter)).toEqual([0, 0, 1, 2, 4, 8, 300]);
  });
});

describe('accounts', () => {
  it('the administrator adds an account that must change its passphrase at first login', async () => {
    f = await makeCoreWithVault();
    const account = await createAccount(f.core.session!, WORKER);
    expect(account).toMatchObject({ username: WORKER.username, role: 'caseworker', mustChangePassphrase: true, disabled: false });
    await expect(createAccount(f.core.session!, WORKER)).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
    await expect(createAccount(f.core.session!, { ...WORKER, username: 'other.one', initialPassphrase: 'other.one is my passphrase' })).rejects.toMatchObject({
      code: 'PASSPHRASE_CONTAINS_USERNAME',
    });
    expect(readKeyring(`${f.dir}/keyring.json`).slots).toHaveLength(2);
    f.core.lockNow('manual');
    const login = await f.core.login(WORKER.username, WORKER.initialPassphrase);
    expect(login.session.mustChangePassphrase).toBe(true);
    await expect(changeOwnPassphrase(f.core.session!, WORKER.initialPassphrase, WORKER.initialPassphrase)).rejects.toMatchObject({ code: 'PASSPHRASE_REUSED' });
    await expect(changeOwnPassphrase(f.core.session!, 'not my passphrase at all', 'fresh orchard pebble candle')).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    await changeOwnPassphrase(f.core.session!, WORKER.initialPassphrase, 'fresh orchard pebble candle');
    expect(f.core.session!.info.mustChangePassphrase).toBe(false);
  });

  it('disabling removes the account slot, so its passphrase no longer opens the vault', async () => {
    f = await makeCoreWithVault();
    const account = await createAccount(f.core.session!, WORKER);
    await expect(Promise.resolve().then(() => disableAccount(f.core.session!, f.core.session!.accountId))).rejects.toMatchObject({ code: 'CANNOT_DISABLE_SELF' });
    expect(disableAccount(f.core.session!, account.id).disabled).toBe(true);
    expect(readKeyring(`${f.dir}/keyring.json`).slots).toHaveLength(1);
    f.core.lockNow('manual');
    await expect(f.core.login(WORKER.username, WORKER.initialPassphrase)).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
  });

  it('a reset with the recovery key re-enables the account with a temporary passphrase and the same key pair', async () => {
    f = await makeCoreWithVault();
    const account = await createAccount(f.core.session!, WORKER);
    disableAccount(f.core.session!, account.id);
    const db = f.core.session!.vault.db;
    const keyBefore = (db.prepare('SELECT public_key FROM accounts WHERE id = ?').get(account.id) as { public_key: Buffer }).public_key;
    await expect(
      resetWithRecovery(f.core.session!.vault, { accountId: account.id, recoveryKey: 'AAAA', newPassphrase: 'bright canyon maple thread', actorId: f.core.session!.accountId, mustChange: true }),
    ).rejects.toMatchObject({ code: 'RECOVERY_KEY_MALFORMED' });
    const reset = await resetWithRecovery(f.core.session!.vault, {
      accountId: account.id,
      recoveryKey: f.recoveryKey,
      newPassphrase: 'bright canyon maple thread',
      actorId: f.core.session!.accountId,
      mustChange: true,
    });
    expect(reset).toMatchObject({ disabled: false, mustChangePassphrase: true });
    expect(listAll(f.core.session!.vault)).toHaveLength(2);
    f.core.lockNow('manual');
    const login = await f.core.login(WORKER.username, 'bright canyon maple thread');
    expect(login.session.mustChangePassphrase).toBe(true);
    const keyAfter = (f.core.session!.vault.db.prepare('SELECT public_key FROM accounts WHERE id = ?').get(account.id) as { public_key: Buffer }).public_key;
    expect(keyAfter.equals(keyBefore)).toBe(true);
  });

  it('every account change is in the audit trail, and the chain verifies', async () => {
    f = await makeCoreWithVault();
    const account = await createAccount(f.core.session!, WORKER);
    disableAccount(f.core.session!, account.id);
    f.core.updateSettings(f.core.session!, { idleMinutes: 10 });
    expect(actions(f)).toEqual(['vault.created', 'account.created', 'session.login', 'account.created', 'account.disabled', 'settings.changed']);
    expect(verifyAuditChain(f.core.session!.vault.db).problems).toEqual([]);
  });
});

describe('locking', () => {
  it('locks after the idle minutes, closes the database and wipes the session key', async () => {
    f = await makeCoreWithVault();
    const session = f.core.session!;
    const reasons: string[] = [];
    f.core.onLocked((r) => reasons.push(r));
    f.core.updateSettings(session, { idleMinutes: 2 });
    f.clock.advance(90_000);
    f.core.lock.activity();
    f.clock.advance(90_000);
    expect(f.core.session).toBe(session);
    f.clock.advance(31_000);
    expect(f.core.session).toBeNull();
    expect(reasons).toEqual(['idle']);
    expect(session.vault.isOpen).toBe(false);
    expect(session.secretKey.every((b) => b === 0)).toBe(true);
    expect(() => session.vault.db).toThrowError(expect.objectContaining({ code: 'NOT_SIGNED_IN' }) as unknown as Error);
    // The lock itself was audited before the database closed.
    await f.core.login(ADMIN.username, ADMIN.passphrase);
    const last = f.core.session!.vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'session.lock' ORDER BY seq DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(last.detail)).toEqual({ reason: 'idle' });
  });
});
