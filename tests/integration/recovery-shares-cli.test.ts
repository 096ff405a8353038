import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateRecoveryKey } from '../../src/main/core/vault/recovery-key';
import { unlockWithPassphrase, VaultLocation } from '../../src/main/core/vault/vault';
import { makeTempDir } from '../support/temp-dir';
import { cli, snapshot } from '../support/cli';

const PASS = 'lantern harbour violet compass';
const NEW_PASS = 'copper lighthouse morning tide';
let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());



/** A vault with its administrator; returns the recovery key the init printed. */
async function initVault(dir: string): Promise<string> {
  const init = await cli(['init', '--data-dir', dir, '--admin', 'ana.admin'], [PASS]);
  expect(init.code).toBe(0);
  return /([0-9A-Z]{4}-){8}[0-9A-Z]{4}/.exec(init.out)![0];
}

async function signsIn(dir: string, passphrase: string): Promise<boolean> {
  const result = await cli(['verify', '--data-dir', dir, '--user', 'ana.admin'], [passphrase]);
  return result.code === 0;
}

describe('recovery shares on the command line', () => {
  it('recovery-shares writes one private file per share and says they are secrets; k files reset a passphrase', async () => {
    temp = makeTempDir();
    const data = path.join(temp.dir, 'vault');
    const out = path.join(temp.dir, 'shares');
    const key = await initVault(data);

    const split = await cli(['recovery-shares', '--data-dir', data, '--threshold', '3', '--shares', '5', '--out-dir', out], [key]);
    expect(split.code, split.err).toBe(0);
    const files = fs.readdirSync(out).sort();
    expect(files).toEqual([1, 2, 3, 4, 5].map((i) => `amparo-share-${i}-of-5.txt`));
    const shares = files.map((f) => fs.readFileSync(path.join(out, f), 'utf8').trim());
    shares.forEach((s, i) => expect(s).toMatch(new RegExp(`^${i + 1}OF5-K3-[0-9A-Z]{6}(-[0-9A-Z]{4}){11}$`)));
    if (process.platform !== 'win32') for (const f of files) expect(fs.statSync(path.join(out, f)).mode & 0o077).toBe(0);
    expect(split.out).toMatch(/secrets: print each on its own sheet .* then delete the files/);
    // The shares and the key are in the files only, not on the screen.
    for (const s of shares) expect(split.out + split.err).not.toContain(s.split('-').slice(3).join('-'));
    expect(split.out + split.err).not.toContain(key);

    // The audit records the counts and nothing else.
    const { vault, secretKey } = await unlockWithPassphrase(new VaultLocation({ dataDir: data }), 'ana.admin', PASS, false);
    secretKey.fill(0);
    const audit = vault.db.prepare("SELECT actor_id AS actorId, detail FROM audit_log WHERE action = 'vault.recovery_shares_created'").all();
    vault.lock();
    expect(audit).toEqual([{ actorId: null, detail: '{"shares":5,"threshold":3}' }]);

    const pick = [5, 1, 3].map((i) => path.join(out, `amparo-share-${i}-of-5.txt`));
    const recovered = await cli(['recover', '--data-dir', data, '--user', 'ana.admin', '--shares', ...pick], [NEW_PASS]);
    expect(recovered.code, recovered.err).toBe(0);
    expect(recovered.out).toContain('The passphrase of ana.admin was reset');
    expect(await signsIn(data, NEW_PASS)).toBe(true);
    expect(await signsIn(data, PASS)).toBe(false);
  }, 120_000);

  it('fewer than k shares, a typo, or shares of another vault exit 1 with one clear line and change nothing', async () => {
    temp = makeTempDir();
    const data = path.join(temp.dir, 'vault');
    const other = path.join(temp.dir, 'other');
    const out = path.join(temp.dir, 'shares');
    const otherOut = path.join(temp.dir, 'other-shares');
    const key = await initVault(data);
    const otherKey = await initVault(other);
    expect((await cli(['recovery-shares', '--data-dir', data, '--threshold', '3', '--shares', '5', '--out-dir', out], [key])).code).toBe(0);
    expect((await cli(['recovery-shares', '--data-dir', other, '--threshold', '2', '--shares', '3', '--out-dir', otherOut], [otherKey])).code).toBe(0);
    const share = (i: number) => path.join(out, `amparo-share-${i}-of-5.txt`);
    const before = snapshot(data);
    const recover = (files: string[]) => cli(['recover', '--data-dir', data, '--user', 'ana.admin', '--shares', ...files], [NEW_PASS]);

    const two = await recover([share(1), share(4)]);
    expect(two).toMatchObject({ code: 1, err: 'amparo: 3 shares are needed, 2 were given.\n' });
    const twice = await recover([share(1), share(4), share(1)]);
    expect(twice).toMatchObject({ code: 1, err: 'amparo: 3 shares are needed, 2 were given (the same share given twice counts once).\n' });

    const typoFile = path.join(temp.dir, 'typo.txt');
    const text = fs.readFileSync(share(2), 'utf8').trim();
    const at = text.length - 8;
    fs.writeFileSync(typoFile, text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1) + '\n');
    const typo = await recover([share(1), typoFile, share(3)]);
    expect(typo.code).toBe(1);
    expect(typo.err).toBe(`amparo: The share in ${typoFile} has a typo: check each group against its sheet.\n`);

    const foreign = await recover([share(1), path.join(otherOut, 'amparo-share-1-of-3.txt'), share(3)]);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toMatch(/^amparo: The share in .*amparo-share-1-of-3\.txt belongs to another Amparo installation \(vault [0-9A-Z]{6}; this one is [0-9A-Z]{6}\)\.\n$/);

    expect(snapshot(data)).toEqual(before);
    expect(await signsIn(data, PASS)).toBe(true);
  }, 120_000);

  it('recover also takes the recovery key from stdin; a wrong key exits 1', async () => {
    temp = makeTempDir();
    const key = await initVault(temp.dir);
    const wrong = await cli(['recover', '--data-dir', temp.dir, '--user', 'ana.admin'], [generateRecoveryKey().text, NEW_PASS]);
    expect(wrong.code).toBe(1);
    expect(wrong.err.trim().split('\n')).toHaveLength(1);
    const ok = await cli(['recover', '--data-dir', temp.dir, '--user', 'ana.admin'], [key.toLowerCase(), NEW_PASS]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out + ok.err).not.toContain(NEW_PASS);
    expect(await signsIn(temp.dir, NEW_PASS)).toBe(true);
  }, 120_000);

  it('a wrong recovery key writes no share file', async () => {
    temp = makeTempDir();
    await initVault(temp.dir);
    const out = path.join(temp.dir, 'shares');
    const result = await cli(['recovery-shares', '--data-dir', temp.dir, '--threshold', '2', '--shares', '3', '--out-dir', out], [generateRecoveryKey().text]);
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
  }, 60_000);

  it('bad usage exits 2 and writes nothing', async () => {
    temp = makeTempDir();
    const key = await initVault(temp.dir);
    const out = path.join(temp.dir, 'shares');
    const cases: [string[], string[]][] = [
      [['recover', '--data-dir', temp.dir, '--user', 'ana.admin', '--shares'], [NEW_PASS]],
      [['recover', '--data-dir', temp.dir, '--shares', 'a.txt'], [NEW_PASS]],
      [['recover', '--data-dir', temp.dir, '--user', 'ana.admin', '--shares', path.join(temp.dir, 'missing.txt')], [NEW_PASS]],
      [['recover', 'extra', '--data-dir', temp.dir, '--user', 'ana.admin'], [key, NEW_PASS]],
      [['recovery-shares', '--data-dir', temp.dir, '--threshold', '6', '--shares', '5', '--out-dir', out], [key]],
      [['recovery-shares', '--data-dir', temp.dir, '--threshold', '1', '--shares', '5', '--out-dir', out], [key]],
      [['recovery-shares', '--data-dir', temp.dir, '--threshold', '2', '--shares', '11', '--out-dir', out], [key]],
      [['recovery-shares', '--data-dir', temp.dir, '--threshold', '2', '--shares', '3'], [key]],
      [['recovery-shares', '--data-dir', path.join(temp.dir, 'nowhere'), '--out-dir', out], [key]],
      [['recovery-shares', '--data-dir', temp.dir, '--out-dir', out], []],
    ];
    for (const [args, input] of cases) expect((await cli(args, input)).code, args.join(' ')).toBe(2);
    expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);

    // Existing share files are never overwritten.
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'amparo-share-2-of-3.txt'), 'keep me\n');
    const again = await cli(['recovery-shares', '--data-dir', temp.dir, '--threshold', '2', '--shares', '3', '--out-dir', out], [key]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists; nothing was written\n$/);
    expect(fs.readdirSync(out)).toEqual(['amparo-share-2-of-3.txt']);
  }, 60_000);

  it('the usage text lists both commands and says the share files are secrets', async () => {
    const help = await cli(['help']);
    expect(help.out).toContain('recover --data-dir DIR --user USERNAME [--shares FILE...]');
    expect(help.out).toContain('recovery-shares --data-dir DIR --threshold K --shares N --out-dir DIR');
    expect(help.out).toMatch(/These files are secrets:\s+print each on its own sheet for a different trustee, then delete the files/);
  });
});
