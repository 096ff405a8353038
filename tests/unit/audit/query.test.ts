import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryAudit, iterateAudit } from '../../../src/main/core/audit/query';
import { appendAudit } from '../../../src/main/core/audit/chain';
import { createCase, getCaseFile, saveSection } from '../../../src/main/core/cases/service';
import type { AuditEntryView } from '../../../src/shared/audit';
import { makeCaseVault } from '../../support/case-fixture';
import { openDatabase, type Db } from '../../../src/main/core/db/open';
import { migrate } from '../../../src/main/core/db/migrations';
import { MIGRATIONS } from '../../../src/main/core/db/schema';
import { randomBytes } from '../../../src/main/core/crypto/bytes';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The audit screen's query on a real vault: an administrator, a supervisor and two caseworkers
 * (tests/support/case-fixture.ts), two cases, and entries spread over several days.
 */
let f: Awaited<ReturnType<typeof makeCaseVault>>;
let first: { id: string; code: string };
let second: { id: string; code: string };
const DAY = 86_400_000;
const IDENTITY = { givenNames: 'Rosa Elena', familyNames: 'Quispe Mamani', currentLocation: 'Albergue Santa Ana' };

/** A day passes with someone at work: activity every few minutes, so the vault stays unlocked. */
function nextDay(): void {
  for (let passed = 0; passed < DAY; passed += 4 * 60_000) {
    f.clock.advance(4 * 60_000);
    f.core.lock.activity();
  }
}

beforeAll(async () => {
  // Day 1 (2026-11-27): the vault, its administrator and three accounts (the fixture).
  f = await makeCaseVault();
  // Day 2: the caseworker records a case and the supervisor opens it.
  nextDay();
  first = createCase(f.worker, { office: 'Oficina Tumbes Norte', identity: IDENTITY, profile: { gender: 'Feminine' } });
  getCaseFile(f.supervisor, first.id);
  // Day 3: the other caseworker records a case; the first one is changed.
  nextDay();
  second = createCase(f.other, { office: 'Oficina Puno Sur' });
  saveSection(f.worker, first.id, 'legal', 0, { notes: 'Audiencia fijada para marzo' });
}, 120_000);
afterAll(() => f.cleanup());

const db = () => f.admin.vault.db;
const all = (): AuditEntryView[] => queryAudit(db(), { limit: 500 }).entries;

describe('audit query', () => {
  it('lists every entry newest first, with the acting person and a label for the target', () => {
    const entries = all();
    const total = (db().prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    expect(entries).toHaveLength(total);
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => b - a));

    const created = entries.find((e) => e.action === 'account.created' && e.targetLabel === 'Sara Supervisora')!;
    expect(created).toMatchObject({ actorId: f.admin.accountId, actorName: 'Ana Administradora', detail: { role: 'supervisor' } });

    const caseCreated = entries.find((e) => e.action === 'case.created' && e.targetLabel === first.code)!;
    expect(caseCreated).toMatchObject({ actorName: 'Marco Caseworker', at: '2026-11-28T09:00:00.000Z' });
    expect(entries.find((e) => e.action === 'case.viewed')).toMatchObject({ actorName: 'Sara Supervisora', targetLabel: first.code });

    // An entry about nothing in particular, or by nobody (a failed sign-in), has no label.
    expect(entries.find((e) => e.action === 'vault.created')).toMatchObject({ targetLabel: null, actorName: 'Ana Administradora' });
  });

  it('filters by the person who acted', () => {
    const entries = queryAudit(db(), { actorId: f.worker.accountId, limit: 500 }).entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.actorId))).toEqual(new Set([f.worker.accountId]));
    expect(entries.map((e) => e.targetLabel)).toContain(first.code);
    expect(entries.map((e) => e.targetLabel)).not.toContain(second.code);
  });

  it('filters by case code, as typed or in lower case; an unknown code matches nothing', () => {
    const entries = queryAudit(db(), { caseCode: first.code, limit: 500 }).entries;
    expect(new Set(entries.map((e) => e.targetLabel))).toEqual(new Set([first.code]));
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['case.created', 'case.viewed', 'case.changed']));
    expect(queryAudit(db(), { caseCode: ` ${first.code.toLowerCase()} `, limit: 500 }).entries).toEqual(entries);
    expect(queryAudit(db(), { caseCode: 'AR-1999-9999' })).toEqual({ entries: [], more: false });
  });

  it('filters by action', () => {
    const entries = queryAudit(db(), { action: 'account.created', limit: 500 }).entries;
    expect(entries.map((e) => e.targetLabel).sort()).toEqual(['Ana Administradora', 'Lía Caseworker', 'Marco Caseworker', 'Sara Supervisora']);
    expect(queryAudit(db(), { action: 'case.created', caseCode: second.code }).entries.map((e) => e.actorName)).toEqual(['Lía Caseworker']);
    expect(queryAudit(db(), { action: 'case.consent_override' }).entries).toEqual([]);
  });

  it('filters by day range in UTC, both ends included', () => {
    const days = (from?: string, to?: string) => [...new Set(queryAudit(db(), { from, to, limit: 500 }).entries.map((e) => e.at.slice(0, 10)))];
    expect(days('2026-11-28', '2026-11-28')).toEqual(['2026-11-28']);
    expect(days('2026-11-28')).toEqual(['2026-11-29', '2026-11-28']);
    expect(days(undefined, '2026-11-28')).toEqual(['2026-11-28', '2026-11-27']);
    expect(days('2026-11-27', '2026-11-29')).toEqual(['2026-11-29', '2026-11-28', '2026-11-27']);
    expect(days('2026-11-30')).toEqual([]);
    // A range that ends before it starts matches nothing (the screen says so before asking).
    expect(queryAudit(db(), { from: '2026-11-29', to: '2026-11-27' })).toEqual({ entries: [], more: false });
  });

  it('includes the last millisecond of the last day and nothing of the day after', () => {
    const fresh = makeFreshDb();
    appendAudit(fresh, { at: '2026-12-01T00:00:00.000Z', actorId: null, action: 'session.login_failed' });
    appendAudit(fresh, { at: '2026-12-01T23:59:59.999Z', actorId: null, action: 'session.login_failed' });
    appendAudit(fresh, { at: '2026-12-02T00:00:00.000Z', actorId: null, action: 'session.login_failed' });
    expect(queryAudit(fresh, { from: '2026-12-01', to: '2026-12-01' }).entries.map((e) => e.at)).toEqual(['2026-12-01T23:59:59.999Z', '2026-12-01T00:00:00.000Z']);
    expect(queryAudit(fresh, { from: '2026-12-02', to: '2026-12-02' }).entries.map((e) => e.at)).toEqual(['2026-12-02T00:00:00.000Z']);
  });

  it('labels a team by its name, and a target that is none of ours not at all', () => {
    const fresh = makeFreshDb();
    const at = '2026-12-01T10:00:00.000Z';
    fresh.prepare("INSERT INTO accounts (id, username, display_name, role, public_key, escrowed_secret_key, created_at, updated_at) VALUES ('s', 'sara.sup', 'Sara', 'supervisor', ?, x'00', ?, ?)").run(Buffer.alloc(32), at, at);
    fresh.prepare("INSERT INTO teams (id, name, supervisor_id, created_at) VALUES ('t', 'Equipo Norte', 's', ?)").run(at);
    appendAudit(fresh, { at, actorId: 's', action: 'team.created', target: 't' });
    appendAudit(fresh, { at, actorId: 'gone', action: 'settings.changed', target: 'something-else' });
    expect(queryAudit(fresh, {}).entries.map((e) => [e.actorName, e.targetLabel])).toEqual([
      [null, null],
      ['Sara', 'Equipo Norte'],
    ]);
  });

  it('newest by time first, then by number, also when the clock was set back; paging follows that order', () => {
    const fresh = makeFreshDb();
    appendAudit(fresh, { at: '2026-12-01T10:00:00.000Z', actorId: null, action: 'session.login_failed' }); // 1
    appendAudit(fresh, { at: '2026-12-01T09:00:00.000Z', actorId: null, action: 'session.login_failed' }); // 2: clock set back
    appendAudit(fresh, { at: '2026-12-01T10:00:00.000Z', actorId: null, action: 'session.login_failed' }); // 3: same time as 1
    appendAudit(fresh, { at: '2026-12-01T11:00:00.000Z', actorId: null, action: 'session.login_failed' }); // 4
    expect(queryAudit(fresh, {}).entries.map((e) => e.seq)).toEqual([4, 3, 1, 2]);
    const seqs: number[] = [];
    let beforeSeq: number | undefined;
    for (let more = true; more; ) {
      const page = queryAudit(fresh, { limit: 1, beforeSeq });
      seqs.push(...page.entries.map((e) => e.seq));
      beforeSeq = page.entries.at(-1)?.seq;
      more = page.more;
    }
    expect(seqs).toEqual([4, 3, 1, 2]);
    // The export keeps the order of the chain.
    expect([...iterateAudit(fresh, {})].map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('pages with beforeSeq: pages do not overlap, together they are the whole list, and `more` says when to stop', () => {
    const expected = all().map((e) => e.seq);
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    let pages = 0;
    for (;;) {
      const page = queryAudit(db(), { limit: 4, beforeSeq });
      pages++;
      seen.push(...page.entries.map((e) => e.seq));
      if (!page.more) break;
      expect(page.entries).toHaveLength(4);
      beforeSeq = page.entries.at(-1)!.seq;
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 4));
    // With a filter too.
    const mine = queryAudit(db(), { actorId: f.worker.accountId, limit: 500 }).entries.map((e) => e.seq);
    const firstPage = queryAudit(db(), { actorId: f.worker.accountId, limit: 1 });
    expect(firstPage).toMatchObject({ more: mine.length > 1 });
    expect(queryAudit(db(), { actorId: f.worker.accountId, beforeSeq: firstPage.entries[0]!.seq, limit: 500 }).entries.map((e) => e.seq)).toEqual(mine.slice(1));
  });

  it('the export reads the same entries oldest first, with the raw target and the hash', () => {
    const rows = [...iterateAudit(db(), { caseCode: first.code })];
    expect(rows.map((r) => r.seq)).toEqual(queryAudit(db(), { caseCode: first.code, limit: 500 }).entries.map((e) => e.seq).reverse());
    expect(rows.every((r) => r.target === first.id && /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    expect([...iterateAudit(db(), { caseCode: 'nope' })]).toEqual([]);
  });

  it('carries no case content: no identity or free text of a case is in any entry', () => {
    const text = JSON.stringify([...iterateAudit(db(), {})]);
    for (const secret of [...Object.values(IDENTITY), 'Audiencia fijada', 'Tumbes Norte', 'Puno Sur']) expect(text).not.toContain(secret);
  });
});

const opened: { db: Db; remove: () => void }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) {
    o.db.close();
    o.remove();
  }
});

/** An empty vault database of its own (no accounts, no cases), for entries at chosen times. */
function makeFreshDb(): Db {
  const temp = makeTempDir();
  const fresh = openDatabase(path.join(temp.dir, 'audit.db'), randomBytes(32));
  migrate(fresh, MIGRATIONS, { recoveryPublicKey: randomBytes(32) });
  opened.push({ db: fresh, remove: temp.remove });
  return fresh;
}
