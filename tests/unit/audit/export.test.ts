import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppCore, type SaveFileKind } from '../../../src/main/core/app/app-core';
import { createRouter, type Router } from '../../../src/main/core/ipc/router';
import { verifyAuditChain } from '../../../src/main/core/audit/chain';
import { createAccount } from '../../../src/main/core/users/service';
import { createCase } from '../../../src/main/core/cases/service';
import { Session } from '../../../src/main/core/users/session';
import { findById, toSessionInfo } from '../../../src/main/core/users/accounts';
import type { AuditPage } from '../../../src/shared/audit';
import { ADMIN } from '../../support/core-fixture';
import { ManualClock } from '../../support/manual-clock';
import { makeTempDir } from '../../support/temp-dir';

/**
 * `audit.query` and `audit.exportCsv` through the router, as the renderer calls them, with the
 * save dialog replaced by a fake (the shell's cannot run here).
 */
let temp: ReturnType<typeof makeTempDir>;
let out: ReturnType<typeof makeTempDir>;
let core: AppCore;
let router: Router;
let chosen: string | null;
let asked: { suggestedName: string; kind: SaveFileKind }[];
let internalErrors: unknown[];

beforeEach(async () => {
  temp = makeTempDir();
  out = makeTempDir('amparo-export-');
  asked = [];
  chosen = null;
  internalErrors = [];
  core = new AppCore({
    dataDir: temp.dir,
    clock: new ManualClock(),
    pickSavePath: async (suggestedName, kind) => {
      asked.push({ suggestedName, kind });
      return chosen;
    },
  });
  router = createRouter(core, { onInternalError: (e) => internalErrors.push(e) });
  await core.createVault(ADMIN);
}, 60_000);
afterEach(() => {
  core.close();
  temp.remove();
  out.remove();
});

async function call<T>(channel: string, payload: unknown, session = core.session): Promise<T> {
  const envelope = await router.handle(session, channel, payload);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.value as T;
}

describe('audit channels', () => {
  it('audit.query answers a page that matches the contract', async () => {
    const page = await call<AuditPage>('audit.query', { limit: 2 });
    expect(page.entries.map((e) => e.action)).toEqual(['session.login', 'account.created']);
    expect(page.more).toBe(true);
    const rest = await call<AuditPage>('audit.query', { beforeSeq: page.entries[1]!.seq });
    expect(rest).toEqual({ entries: [expect.objectContaining({ action: 'vault.created', actorName: ADMIN.displayName })], more: false });
  });

  it('audit.exportCsv writes the filtered entries to the chosen file and records the export without the path', async () => {
    const admin = core.session!;
    const account = await createAccount(admin, { username: 'marco.cw', displayName: 'Marco "=Caseworker"', role: 'caseworker', initialPassphrase: 'temporary river stone window' });
    const worker = new Session({ ...toSessionInfo(findById(admin.vault.db, account.id)!), mustChangePassphrase: false }, admin.vault, new Uint8Array(32));
    const header = createCase(worker, { office: 'Lima', identity: { givenNames: 'Rosa Elena' } });

    chosen = path.join(out.dir, 'audit-report.csv');
    expect(await call('audit.exportCsv', { action: 'account.created' })).toEqual({ entries: 2 });
    expect(asked).toEqual([{ suggestedName: 'amparo-audit-2026-11-27.csv', kind: 'csv' }]);

    const text = fs.readFileSync(chosen, 'utf8');
    expect(text.startsWith('\uFEFFseq,at,actor,action,target,detail,hash\r\n')).toBe(true);
    const [columns, ...rows] = parse(text, { bom: true }) as string[][];
    expect(columns).toEqual(['seq', 'at', 'actor', 'action', 'target', 'detail', 'hash']);
    expect(rows.map((r) => [r[2], r[3], r[4], JSON.parse(r[5]!)])).toEqual([
      [ADMIN.displayName, 'account.created', ADMIN.displayName, { role: 'administrator' }],
      [ADMIN.displayName, 'account.created', 'Marco "=Caseworker"', { role: 'caseworker' }],
    ]);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r[6]!) && Number(r[0]) > 0)).toBe(true);
    expect(text).not.toContain('Rosa Elena');
    expect(text).not.toContain('Lima');

    // The export is itself in the trail: count and filters, no path, no file name.
    const exported = (await call<AuditPage>('audit.query', { action: 'audit.exported' })).entries;
    expect(exported).toEqual([expect.objectContaining({ actorId: admin.accountId, targetLabel: null, detail: { format: 'csv', entries: 2, action: 'account.created' } })]);
    expect(JSON.stringify(exported)).not.toContain('audit-report');

    // Filtered by a case, the export is about that case.
    const { entries } = await call<{ entries: number }>('audit.exportCsv', { caseCode: header.code });
    expect((await call<AuditPage>('audit.query', { caseCode: header.code, action: 'audit.exported' })).entries).toEqual([
      expect.objectContaining({ targetLabel: header.code, detail: { format: 'csv', entries, caseCode: header.code } }),
    ]);
    const caseRows = parse(fs.readFileSync(chosen, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(caseRows).toHaveLength(entries);
    expect(caseRows[0]).toMatchObject({ action: 'case.created', target: header.code, actor: 'Marco "=Caseworker"' });
    expect(new Set(caseRows.map((r) => r['target']))).toEqual(new Set([header.code]));
    expect(verifyAuditChain(admin.vault.db).problems).toEqual([]);
  });

  it('a cancelled dialog writes and records nothing', async () => {
    const before = (await call<AuditPage>('audit.query', {})).entries.length;
    expect(await call('audit.exportCsv', {})).toBeNull();
    expect(asked).toHaveLength(1);
    expect((await call<AuditPage>('audit.query', {})).entries.length).toBe(before);
    expect(fs.readdirSync(out.dir)).toEqual([]);
  });

  it('a file that cannot be written is not recorded as exported, and leaves no partial file', async () => {
    chosen = path.join(out.dir, 'no-such-folder', 'audit.csv');
    await expect(call('audit.exportCsv', {})).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(internalErrors).toEqual([expect.objectContaining({ code: 'ENOENT' })]);
    expect((await call<AuditPage>('audit.query', { action: 'audit.exported' })).entries).toEqual([]);
    expect(fs.readdirSync(out.dir)).toEqual([]);
  });

  it('replaces an existing file whole', async () => {
    chosen = path.join(out.dir, 'audit.csv');
    fs.writeFileSync(chosen, 'old content that is much longer than nothing at all\n'.repeat(100));
    await call('audit.exportCsv', { action: 'vault.created' });
    const text = fs.readFileSync(chosen, 'utf8');
    expect(text).not.toContain('old content');
    expect(parse(text, { bom: true })).toHaveLength(2);
    expect(fs.readdirSync(out.dir)).toEqual(['audit.csv']);
  });

  it('is refused to caseworkers and coordinators, and before sign-in', async () => {
    const admin = core.session!;
    for (const role of ['caseworker', 'coordinator'] as const) {
      const account = await createAccount(admin, { username: `x.${role}`, displayName: role, role, initialPassphrase: 'temporary river stone window' });
      const session = new Session({ ...toSessionInfo(findById(admin.vault.db, account.id)!), mustChangePassphrase: false }, admin.vault, new Uint8Array(32));
      for (const channel of ['audit.query', 'audit.exportCsv']) {
        expect(await router.handle(session, channel, {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
      }
    }
    expect(await router.handle(null, 'audit.query', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_SIGNED_IN' }) });
    expect(asked).toEqual([]);
  });

  it('locked while the dialog was open: nothing is written', async () => {
    chosen = path.join(out.dir, 'audit.csv');
    const session = core.session!;
    const pending = router.handle(session, 'audit.exportCsv', {});
    core.lockNow('idle');
    expect(await pending).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_SIGNED_IN' }) });
    expect(fs.readdirSync(out.dir)).toEqual([]);
  });
});
