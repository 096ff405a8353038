import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readKeyring, type Keyring } from '../../../src/main/core/vault/keyring';
import { MINIMUM_KDF } from '../../../src/main/core/vault/kdf';
import { ADMIN, makeCoreWithVault } from '../../support/core-fixture';

type Fixture = Awaited<ReturnType<typeof makeCoreWithVault>>;
let f: Fixture;
afterEach(() => f?.cleanup());

const keyringPath = () => `${f.dir}/keyring.json`;
const editKeyring = (edit: (k: Keyring) => void) => {
  const k = JSON.parse(fs.readFileSync(keyringPath(), 'utf8')) as Keyring;
  edit(k);
  fs.writeFileSync(keyringPath(), JSON.stringify(k));
};
const flipBase64 = (b64: string) => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[bytes.length - 1]! ^= 0x01;
  return bytes.toString('base64');
};

describe('key slots', () => {
  it('one Argon2id slot per account and a recovery slot; the keyring names nobody', async () => {
    f = await makeCoreWithVault();
    const keyring = readKeyring(keyringPath());
    expect(keyring.slots).toHaveLength(1);
    expect(keyring.slots[0]!.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 262144, iterations: 3, parallelism: 4 });
    expect(keyring.recovery.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: MINIMUM_KDF.memoryKiB });
    const text = fs.readFileSync(keyringPath(), 'utf8');
    expect(text).not.toContain(ADMIN.username);
    expect(text).not.toContain('ana');
    expect(text).not.toContain(ADMIN.displayName);
  });

  it('refuses a wrong passphrase and a wrong username the same way', async () => {
    f = await makeCoreWithVault();
    f.core.lockNow('manual');
    await expect(f.core.login(ADMIN.username, 'lantern harbour violet compasz')).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    await expect(f.core.login('someone.else', ADMIN.passphrase)).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    const ok = await f.core.login(ADMIN.username, ADMIN.passphrase);
    expect(ok.session.role).toBe('administrator');
  });

  it('detects a tampered slot and never uses it', async () => {
    f = await makeCoreWithVault();
    f.core.lockNow('manual');
    editKeyring((k) => (k.slots[0]!.ciphertext = flipBase64(k.slots[0]!.ciphertext)));
    await expect(f.core.login(ADMIN.username, ADMIN.passphrase)).rejects.toMatchObject({ code: 'KEYRING_TAMPERED' });
  });

  it('detects a keyring edited elsewhere (its MAC under the data key)', async () => {
    f = await makeCoreWithVault();
    f.core.lockNow('manual');
    editKeyring((k) => (k.attemptsPublicKey = flipBase64(k.attemptsPublicKey)));
    await expect(f.core.login(ADMIN.username, ADMIN.passphrase)).rejects.toMatchObject({ code: 'KEYRING_TAMPERED' });
  });

  it('refuses downgraded Argon2id parameters', async () => {
    f = await makeCoreWithVault();
    f.core.lockNow('manual');
    for (const weaker of [{ memoryKiB: 65536 }, { iterations: 1 }, { parallelism: 1 }]) {
      const original = fs.readFileSync(keyringPath(), 'utf8');
      editKeyring((k) => Object.assign(k.slots[0]!.kdf, weaker));
      await expect(f.core.login(ADMIN.username, ADMIN.passphrase)).rejects.toMatchObject({ code: 'KDF_DOWNGRADE' });
      fs.writeFileSync(keyringPath(), original);
    }
    await expect(f.core.login(ADMIN.username, ADMIN.passphrase)).resolves.toBeTruthy();
  });

  it('a passphrase change re-seals the slot: the old passphrase stops working, the key pair stays', async () => {
    f = await makeCoreWithVault();
    const before = readKeyring(keyringPath()).slots[0]!;
    const { changeOwnPassphrase } = await import('../../../src/main/core/users/service');
    const publicKeyBefore = f.core.session!.vault.db.prepare('SELECT public_key FROM accounts').get() as { public_key: Buffer };
    await changeOwnPassphrase(f.core.session!, ADMIN.passphrase, 'quiet meadow copper lantern');
    const after = readKeyring(keyringPath()).slots;
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(before.id);
    f.core.lockNow('manual');
    await expect(f.core.login(ADMIN.username, ADMIN.passphrase)).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    await f.core.login(ADMIN.username, 'quiet meadow copper lantern');
    const publicKeyAfter = f.core.session!.vault.db.prepare('SELECT public_key FROM accounts').get() as { public_key: Buffer };
    expect(publicKeyAfter.public_key.equals(publicKeyBefore.public_key)).toBe(true);
  });

  it('the recovery key opens the vault and sets a new passphrase; a wrong one does not', async () => {
    f = await makeCoreWithVault();
    f.core.lockNow('manual');
    const other = '0000-0000-0000-0000-0000-0000-0000-0000-';
    await expect(f.core.recover({ recoveryKey: other + 'ZZZZ', username: ADMIN.username, newPassphrase: 'new harbour copper window' })).rejects.toMatchObject({
      code: 'RECOVERY_KEY_MALFORMED',
    });
    const { generateRecoveryKey } = await import('../../../src/main/core/vault/recovery-key');
    await expect(
      f.core.recover({ recoveryKey: generateRecoveryKey().text, username: ADMIN.username, newPassphrase: 'new harbour copper window' }),
    ).rejects.toMatchObject({ code: 'RECOVERY_KEY_WRONG' });
    await f.core.recover({ recoveryKey: f.recoveryKey, username: ADMIN.username, newPassphrase: 'new harbour copper window' });
    expect(f.core.session).toBeNull();
    await expect(f.core.login(ADMIN.username, ADMIN.passphrase)).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    const result = await f.core.login(ADMIN.username, 'new harbour copper window');
    expect(result.session.mustChangePassphrase).toBe(false);
  });
});
