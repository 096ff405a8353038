import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { cli, snapshot } from '../support/cli';

/** The backup commands (issue 6 §1): backup, restore, verify-backup; exit codes of DESIGN.md §8. */
const PASS = 'lantern harbour violet compass';
const WORKER_PASS = 'river stone window temporary';

let temp: ReturnType<typeof makeTempDir>;
let vault: string;
let file: string;



/** The `amparo:` lines of stderr (progress lines are the others). */
const errorLines = (err: string) => err.split('\n').filter((l) => l.startsWith('amparo:'));

beforeAll(async () => {
  temp = makeTempDir('amparo-backup-cli-');
  vault = path.join(temp.dir, 'vault');
  expect((await cli(['init', '--data-dir', vault, '--admin', 'ana.admin'], [PASS])).code).toBe(0);
  expect((await cli(['user', 'add', '--data-dir', vault, '--user', 'ana.admin', '--username', 'marco.cw', '--role', 'caseworker'], [PASS, WORKER_PASS])).code).toBe(0);
  file = path.join(temp.dir, 'office.amparo-backup');
});
afterAll(() => temp?.remove());

describe('backup commands', () => {
  it('backup writes the file as an administrator, with progress on stderr; an existing file is never overwritten', async () => {
    const made = await cli(['backup', '--data-dir', vault, '--user', 'ana.admin', '--out', file], [PASS]);
    expect(made.code).toBe(0);
    expect(made.out).toContain(`Backup written to ${file}`);
    expect(made.err).toContain('backup 100%');
    expect(made.out + made.err).not.toContain(PASS);
    expect(fs.existsSync(file)).toBe(true);
    const before = fs.readFileSync(file);
    const again = await cli(['backup', '--data-dir', vault, '--user', 'ana.admin', '--out', file], [PASS]);
    expect(again.code).toBe(2);
    expect(errorLines(again.err)).toHaveLength(1);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('backup is refused to anyone but an administrator (the router rule), writing nothing', async () => {
    const other = path.join(temp.dir, 'by-caseworker.amparo-backup');
    const refused = await cli(['backup', '--data-dir', vault, '--user', 'marco.cw', '--out', other], [WORKER_PASS]);
    expect(refused.code).toBe(1);
    expect(errorLines(refused.err)).toHaveLength(1);
    expect(fs.existsSync(other)).toBe(false);
  });

  it('verify-backup authenticates and runs every check on a temporary restore', async () => {
    const ok = await cli(['verify-backup', '--from', file, '--user', 'ana.admin'], [PASS]);
    expect(ok.code).toBe(0);
    for (const name of ['authentication', 'keyring', 'database settings', 'database pages', 'foreign keys', 'migrations', 'audit chain']) expect(ok.out).toContain(`ok   ${name}`);
    const wrong = await cli(['verify-backup', '--from', file, '--user', 'ana.admin'], ['not the passphrase at all']);
    expect(wrong.code).toBe(1);
  });

  it('restore writes a new folder that verify accepts; a caseworker of the backup can restore it too', async () => {
    const target = path.join(temp.dir, 'restored');
    const restored = await cli(['restore', '--from', file, '--data-dir', target, '--user', 'ana.admin'], [PASS]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain(`into ${target}`);
    expect(restored.out).toContain('ok   audit chain');
    expect(restored.err).toContain('restore 100%');
    const verify = await cli(['verify', '--data-dir', target, '--user', 'ana.admin'], [PASS]);
    expect(verify.code).toBe(0);
    const byWorker = await cli(['restore', '--from', file, '--data-dir', path.join(temp.dir, 'restored-2'), '--user', 'marco.cw'], [WORKER_PASS]);
    expect(byWorker.code).toBe(0);
  });

  it('restore never writes into a folder that holds anything (exit 2), and refuses a changed file (exit 1) leaving nothing', async () => {
    const before = snapshot(vault);
    const over = await cli(['restore', '--from', file, '--data-dir', vault, '--user', 'ana.admin'], [PASS]);
    expect(over.code).toBe(2);
    expect(errorLines(over.err)).toHaveLength(1);
    expect(snapshot(vault)).toEqual(before);

    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0x40;
    const changed = path.join(temp.dir, 'changed.amparo-backup');
    fs.writeFileSync(changed, bytes);
    const target = path.join(temp.dir, 'from-changed');
    const refused = await cli(['restore', '--from', changed, '--data-dir', target, '--user', 'ana.admin'], [PASS]);
    expect(refused.code).toBe(1);
    expect(errorLines(refused.err)).toEqual([expect.stringContaining('This is not a usable Amparo backup')]);
    expect(fs.existsSync(target)).toBe(false);
    const verify = await cli(['verify-backup', '--from', changed, '--user', 'ana.admin'], [PASS]);
    expect(verify.code).toBe(1);

    const wrong = await cli(['restore', '--from', file, '--data-dir', target, '--user', 'ana.admin'], ['not the passphrase at all']);
    expect(wrong.code).toBe(1);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('bad usage exits 2: a missing option, an unreadable file', async () => {
    expect((await cli(['restore', '--from', file, '--data-dir', path.join(temp.dir, 'x')], [PASS])).code).toBe(2);
    expect((await cli(['backup', '--data-dir', vault, '--user', 'ana.admin'], [PASS])).code).toBe(2);
    const missing = await cli(['verify-backup', '--from', path.join(temp.dir, 'no-such-file'), '--user', 'ana.admin'], [PASS]);
    expect(missing.code).toBe(2);
    const usage = await cli(['help']);
    for (const line of ['backup --data-dir DIR --user USERNAME --out FILE', 'restore --from FILE --data-dir DIR --user USERNAME', 'verify-backup --from FILE --user USERNAME']) expect(usage.out).toContain(line);
  });
});
