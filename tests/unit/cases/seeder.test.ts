import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identitySchema } from '../../../src/shared/case-file/identity';
import { verifyAuditChain } from '../../../src/main/core/audit/chain';
import { writeCases, type CaseDraft } from '../../../src/main/core/cases/batch';
import { readIdentity } from '../../../src/main/core/cases/identity';
import { scheduleOf, seedCases } from '../../../src/main/core/cases/seed/seeder';
import { syntheticCase } from '../../../src/main/core/cases/synthetic';
import { toHex, wipe } from '../../../src/main/core/crypto/bytes';
import { openDatabase, type Db } from '../../../src/main/core/db/open';
import type { Session } from '../../../src/main/core/users/session';
import { makeCaseVault } from '../../support/case-fixture';

/**
 * The seed (cases/seed/seeder.ts): planner threads plan batches of synthetic cases while the main
 * thread writes them, with a rollback journal when it can. Whatever the batches and the number
 * of planners, a seed must write the same cases as `writeCases` given the same drafts, and leave
 * the vault as the app expects it (write-ahead log, every index, an intact audit chain).
 *
 * Case content (even synthetic) is never printed: comparisons report only the paths (field
 * names, positions) that differ.
 */

describe('scheduleOf', () => {
  /** The schedule's rules, checked for one count and batch size. */
  function checkSchedule(count: number, batchSize: number) {
    const batches = scheduleOf(count, batchSize);
    let next = 0;
    let nominal = Math.min(250, batchSize);
    batches.forEach(([first, size], i) => {
      expect(first, `batch ${i} starts where the previous one ended`).toBe(next);
      expect(size, `batch ${i} is not empty`).toBeGreaterThan(0);
      expect(size, `batch ${i} is at most batchSize`).toBeLessThanOrEqual(batchSize);
      // Every batch has its nominal size (250, doubling, capped at batchSize) but the last, which takes what is left.
      if (i < batches.length - 1) expect(size, `batch ${i} of ${count}/${batchSize}`).toBe(nominal);
      else expect(size, `last batch of ${count}/${batchSize}`).toBe(Math.min(nominal, count - first));
      next = first + size;
      nominal = Math.min(nominal * 2, batchSize);
    });
    expect(next, `${count}/${batchSize} covered exactly`).toBe(count);
    return batches;
  }

  it('starts at 250 (or batchSize if smaller), doubles up to batchSize, is contiguous and covers exactly the count', () => {
    for (const [count, batchSize] of [
      [1, 5000],
      [249, 5000],
      [250, 5000],
      [251, 5000],
      [750, 5000],
      [751, 5000],
      [7750, 5000],
      [12_345, 5000],
      [100_000, 5000],
      [40, 7],
      [1000, 100],
      [1000, 250],
      [1000, 300],
      [1, 1],
      [5, 1],
    ] as const) {
      checkSchedule(count, batchSize);
    }
  });

  it('gives the expected batches for small and large runs', () => {
    expect(scheduleOf(0, 5000)).toEqual([]);
    // A batch holds at least one case (else the schedule would never end).
    for (const bad of [0, -1, 2.5, Number.NaN]) expect(() => scheduleOf(10, bad)).toThrow(RangeError);
    expect(scheduleOf(1, 5000)).toEqual([[0, 1]]);
    expect(scheduleOf(250, 5000)).toEqual([[0, 250]]);
    expect(scheduleOf(251, 5000)).toEqual([
      [0, 250],
      [250, 1],
    ]);
    expect(scheduleOf(40, 7)).toEqual([
      [0, 7],
      [7, 7],
      [14, 7],
      [21, 7],
      [28, 7],
      [35, 5],
    ]);
    expect(scheduleOf(1000, 300)).toEqual([
      [0, 250],
      [250, 300],
      [550, 300],
      [850, 150],
    ]);
    const large = scheduleOf(100_000, 5000);
    // 250 + 500 + 1000 + 2000 + 4000 = 7750, then 18 × 5000 and the 2250 left.
    expect(large.slice(0, 6)).toEqual([
      [0, 250],
      [250, 500],
      [750, 1000],
      [1750, 2000],
      [3750, 4000],
      [7750, 5000],
    ]);
    expect(large).toHaveLength(24);
    expect(large.at(-1)).toEqual([97_750, 2250]);
    expect(large.filter(([, size]) => size === 5000)).toHaveLength(18);
  });
});

// ---------------------------------------------------------------------------------------------

type CaseVault = Awaited<ReturnType<typeof makeCaseVault>>;

const SEED = 4242;
const COUNT = 40;
/** Not 0: the seed continues a sequence (the CLI's `first` is the number of cases already there). */
const FIRST = 3;

/** The paths (names and positions, never values) where `a` and `b` differ. */
function differences(a: unknown, b: unknown, at = '$'): string[] {
  if (Object.is(a, b)) return [];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return [at];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${at}.length`];
    return a.flatMap((x, i) => differences(x, b[i], `${at}[${i}]`));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
  return keys.flatMap((k) => (k in ra && k in rb ? differences(ra[k], rb[k], `${at}.${k}`) : [`${at}.${k} (only on one side)`]));
}

const journalMode = (db: Db) => String(db.pragma('journal_mode', { simple: true })).toLowerCase();

interface CaseRow {
  id: string;
  code: string;
  status: string;
  office: string;
  opened_on: string;
  closed_on: string | null;
  version: number;
  team_id: string | null;
  supervisor_id: string | null;
  gender: string | null;
  citizenship: string | null;
  exploitation_type: string | null;
  risk_level: string | null;
  risk_assessed_on: string | null;
  next_follow_up_on: string | null;
  tracks: string | null;
  assignees: string | null;
}

/**
 * Everything a vault holds about its cases, in write order, with what is proper to one vault
 * (random ids, moments of writing) replaced by what it stands for: an account by its username,
 * a team by its name, a record by its position among the case's records.
 */
function contentsOf(session: Session) {
  const db = session.vault.db;
  const usernames = new Map((db.prepare('SELECT id, username FROM accounts').all() as { id: string; username: string }[]).map((a) => [a.id, a.username]));
  const teams = new Map((db.prepare('SELECT id, name FROM teams').all() as { id: string; name: string }[]).map((t) => [t.id, t.name]));
  const who = (id: string | null) => (id === null ? null : (usernames.get(id) ?? `unknown account`));
  const cases = db
    .prepare(
      `SELECT id, code, status, office, opened_on, closed_on, version, team_id, supervisor_id,
         gender, citizenship, exploitation_type, risk_level, risk_assessed_on, next_follow_up_on, tracks, assignees
       FROM cases ORDER BY rowid`,
    )
    .all() as CaseRow[];
  return cases.map(({ id, team_id, supervisor_id, ...c }) => {
    const records = db.prepare('SELECT id, kind, data, track, due_on, done_on FROM case_records WHERE case_id = ? ORDER BY rowid').all(id) as {
      id: string;
      kind: string;
      data: string;
      track: string | null;
      due_on: string | null;
      done_on: string | null;
    }[];
    const position = new Map(records.map((r, i) => [r.id, i]));
    const recordRef = (recordId: string | null) => (recordId === null || recordId === '' ? recordId : (position.get(recordId) ?? 'not a record of this case'));
    const facts = db.prepare('SELECT * FROM stats_facts WHERE case_id = ?').get(id) as Record<string, unknown> | undefined;
    if (facts) delete facts.case_id;
    return {
      ...c,
      team: team_id === null ? null : (teams.get(team_id) ?? 'unknown team'),
      supervisor: who(supervisor_id),
      sections: db.prepare('SELECT section, data FROM case_sections WHERE case_id = ? ORDER BY section').all(id) as { section: string; data: string }[],
      records: records.map((r) => {
        const data = JSON.parse(r.data) as Record<string, unknown>;
        // A referral's consent is a record id of this vault: compare the consent's position instead.
        if ('consentId' in data) data.consentId = recordRef(data.consentId as string | null);
        return { kind: r.kind, data, track: r.track, due_on: r.due_on, done_on: r.done_on };
      }),
      history: (db.prepare('SELECT part, record_id, field, old_value, new_value FROM case_history WHERE case_id = ? ORDER BY seq').all(id) as { part: string; record_id: string | null }[]).map((h) => ({
        ...h,
        record_id: recordRef(h.record_id),
      })),
      search: (
        db.prepare('SELECT d.part, d.record_id, s.body FROM search_docs d JOIN case_search s ON s.rowid = d.id WHERE d.case_id = ? ORDER BY d.id').all(id) as {
          part: string;
          record_id: string;
          body: string;
        }[]
      ).map((d) => ({ ...d, record_id: recordRef(d.record_id) })),
      facts: facts ?? null,
      keys: (db.prepare('SELECT recipient FROM case_keys WHERE case_id = ?').pluck().all(id) as string[]).map((r) => (r === 'recovery' ? r : who(r))).sort(),
      assignments: (db.prepare('SELECT account_id FROM case_assignments WHERE case_id = ?').pluck().all(id) as string[]).map(who).sort(),
      audit: db.prepare('SELECT action, detail, actor_id FROM audit_log WHERE target = ? ORDER BY seq').all(id).map((a) => {
        const { actor_id, ...rest } = a as { action: string; detail: string; actor_id: string | null };
        return { ...rest, actor: who(actor_id) };
      }),
      hasIdentity: (db.prepare('SELECT count(*) FROM case_identity WHERE case_id = ?').pluck().get(id) as number) === 1,
    };
  });
}
type Contents = ReturnType<typeof contentsOf>;

const idsOf = (session: Session) => session.vault.db.prepare('SELECT id FROM cases ORDER BY rowid').pluck().all() as string[];

/** The schema's indexes and triggers (name and definition), sorted by name. */
const schemaOf = (db: Db) => db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name").all();

/** Indexes a bulk load left to build again (db/suspended-indexes.ts), where the schema has that table. */
function suspendedIndexes(db: Db): number {
  const exists = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'suspended_indexes'").pluck().get() as number;
  return exists ? (db.prepare('SELECT count(*) FROM suspended_indexes').pluck().get() as number) : 0;
}

/** The journal mode stored in the file itself: a fresh connection that sets none reads it from the header. */
function persistedJournalMode(file: string, dataKey: Uint8Array): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${toHex(dataKey)}'"`);
    return journalMode(db);
  } finally {
    db.close();
  }
}

interface SeedObservation {
  /** Cases written so far, at each onProgress. */
  progress: number[];
  /** The connection's journal mode at each onProgress (between batches). */
  modes: string[];
  modeAfter: string;
  persistedModeAfter: string;
  journalLeft: boolean;
  ms: number;
}

async function observeSeed(f: CaseVault, run: { batchSize: number; planners: number }, today: string): Promise<SeedObservation> {
  const db = f.worker.vault.db;
  const file = f.worker.vault.location.paths.database;
  const progress: number[] = [];
  const modes: string[] = [];
  const start = performance.now();
  await seedCases(f.worker, {
    seed: SEED,
    count: COUNT,
    first: FIRST,
    today,
    ...run,
    onProgress: (done) => {
      progress.push(done);
      modes.push(journalMode(db));
    },
  });
  const ms = performance.now() - start;
  const key = f.admin.vault.copyDataKey();
  try {
    return { progress, modes, modeAfter: journalMode(db), persistedModeAfter: persistedJournalMode(file, key), journalLeft: fs.existsSync(`${file}-journal`), ms };
  } finally {
    wipe(key);
  }
}

/** What the scheduled batches add up to after each one: what onProgress should report. */
const cumulative = (count: number, batchSize: number) => scheduleOf(count, batchSize).map(([first, size]) => first + size);

let seeded: CaseVault; // seedCases, 2 planners, batches of 7
let written: CaseVault; // writeCases, the same drafts
let contended: CaseVault; // seedCases, 1 planner, batches of 16, while a second connection holds the database
let today: string;
let drafts: CaseDraft[];
let writtenCodes: string[];
let seededRun: SeedObservation;
let contendedRun: SeedObservation;
let contendedOutcome: { ok: true } | { ok: false; code: string };
let otherConnection: { modeDuring: string; casesSeen: number } | null = null;
let contents: { seeded: Contents; written: Contents; contended: Contents };

beforeAll(async () => {
  [seeded, written, contended] = await Promise.all([makeCaseVault(), makeCaseVault(), makeCaseVault()]);
  today = seeded.worker.vault.location.now().toISOString().slice(0, 10);
  drafts = Array.from({ length: COUNT }, (_, k) => syntheticCase(SEED, FIRST + k, today));

  seededRun = await observeSeed(seeded, { batchSize: 7, planners: 2 }, today);

  writtenCodes = writeCases(written.worker, drafts);

  // Another connection to the same database (as a second process would have), open for the whole seed.
  const file = contended.worker.vault.location.paths.database;
  const key = contended.admin.vault.copyDataKey();
  let other: Db;
  try {
    other = openDatabase(file, key);
  } finally {
    wipe(key);
  }
  try {
    try {
      contendedRun = await observeSeed(contended, { batchSize: 16, planners: 1 }, today);
      contendedOutcome = { ok: true };
    } catch (error) {
      contendedOutcome = { ok: false, code: String((error as { code?: unknown }).code ?? 'no code') };
    }
    otherConnection = { modeDuring: journalMode(other), casesSeen: other.prepare('SELECT count(*) FROM cases').pluck().get() as number };
  } finally {
    other.close();
  }

  contents = { seeded: contentsOf(seeded.worker), written: contentsOf(written.worker), contended: contendedOutcome.ok ? contentsOf(contended.worker) : [] };
}, 60_000);

afterAll(() => {
  seeded?.cleanup();
  written?.cleanup();
  contended?.cleanup();
});

describe('seedCases and writeCases', () => {
  it('write the same codes, in the same order, one per draft', () => {
    expect(writtenCodes).toHaveLength(COUNT);
    expect(contents.written).toHaveLength(COUNT);
    expect(contents.seeded).toHaveLength(COUNT);
    expect(differences(contents.written.map((c) => c.code), writtenCodes), 'writeCases returns the codes in write order').toEqual([]);
    expect(differences(contents.seeded.map((c) => c.code), writtenCodes), 'codes of the seed').toEqual([]);
    // Case k is draft k: its opening date and status as generated.
    expect(differences(contents.seeded.map((c) => [c.opened_on, c.status]), drafts.map((d) => [d.openedOn, d.status ?? 'open']))).toEqual([]);
  });

  it('write the same cases: status, dates, list columns, team, key holders and assignments', () => {
    const header = (c: Contents[number]) => {
      const { sections: _s, records: _r, history: _h, search: _d, facts: _f, audit: _a, ...rest } = c;
      return rest;
    };
    expect(differences(contents.seeded.map(header), contents.written.map(header))).toEqual([]);
    for (const c of contents.seeded) {
      // The recorder and their supervisor hold the case key, and the recovery key.
      expect(c.keys).toEqual(['marco.cw', 'recovery', 'sara.sup']);
      expect(c.assignments).toEqual(['marco.cw']);
      expect(c.team).toBe('Lima');
      expect(c.supervisor).toBe('sara.sup');
      expect(c.version).toBe(1);
      expect(c.hasIdentity).toBe(true);
    }
    // The list columns are not all empty (a check on the check).
    expect(contents.seeded.filter((c) => c.gender && c.citizenship && c.risk_level && c.tracks !== null && c.assignees).length).toBeGreaterThan(COUNT / 2);
  });

  it('write the same sections and records (a referral’s consent the same record of its case)', () => {
    expect(differences(contents.seeded.map((c) => c.sections), contents.written.map((c) => c.sections)), 'sections').toEqual([]);
    expect(differences(contents.seeded.map((c) => c.records), contents.written.map((c) => c.records)), 'records').toEqual([]);
    // What was drafted is what was written: the parts, the record kinds in order.
    contents.seeded.forEach((c, k) => {
      const draft = drafts[k]!;
      expect(c.sections.map((s) => s.section).sort(), `sections of case ${k}`).toEqual(Object.keys(draft.sections ?? {}).sort());
      expect(c.records.map((r) => r.kind), `records of case ${k}`).toEqual((draft.records ?? []).map((r) => r.kind));
      (draft.records ?? []).forEach((r, i) => {
        if (r.consentIndex !== undefined) expect(c.records[i]!.data.consentId, `consent of record ${i} of case ${k}`).toBe(r.consentIndex);
      });
    });
    // The seed has linked referrals to check at all.
    expect(drafts.some((d) => d.records?.some((r) => r.consentIndex !== undefined))).toBe(true);
  });

  it('write the same field history, search documents and statistics facts', () => {
    contents.seeded.forEach((c, k) => expect(c.history.length, `history rows of case ${k}`).toBe(contents.written[k]!.history.length));
    expect(differences(contents.seeded.map((c) => c.history), contents.written.map((c) => c.history)), 'history').toEqual([]);
    expect(differences(contents.seeded.map((c) => c.search), contents.written.map((c) => c.search)), 'search documents').toEqual([]);
    expect(differences(contents.seeded.map((c) => c.facts), contents.written.map((c) => c.facts)), 'stats_facts').toEqual([]);
    for (const c of contents.seeded) {
      expect(c.facts).not.toBeNull();
      // The case's own document is its code.
      expect(c.search[0]).toEqual({ part: 'case', record_id: '', body: c.code });
    }
  });

  it('keep the audit chain intact, with exactly one case.created entry per case', () => {
    for (const [name, f] of [
      ['seeded', seeded],
      ['written', written],
    ] as const) {
      const db = f.admin.vault.db;
      expect(verifyAuditChain(db).problems, name).toEqual([]);
      const created = db.prepare("SELECT target, count(*) AS n FROM audit_log WHERE action = 'case.created' GROUP BY target").all() as { target: string; n: number }[];
      const ids = idsOf(f.worker);
      expect(created.length, name).toBe(ids.length);
      expect(new Set(created.map((c) => c.target)), name).toEqual(new Set(ids));
      expect(created.every((c) => c.n === 1), name).toBe(true);
    }
    expect(differences(contents.seeded.map((c) => c.audit), contents.written.map((c) => c.audit)), 'audit entries of each case').toEqual([]);
    for (const c of contents.seeded) expect(c.audit.at(-1)).toMatchObject({ action: 'case.created', actor: 'marco.cw' });
  });

  it('seal the identities as drafted: the recorder and their supervisor read them back, another caseworker cannot', () => {
    const ids = { seeded: idsOf(seeded.worker), written: idsOf(written.worker) };
    const mismatches: string[] = [];
    drafts.forEach((draft, k) => {
      const expected = identitySchema.parse(draft.identity ?? {});
      for (const [name, session] of [
        ['seeded as recorder', seeded.worker],
        ['seeded as supervisor', seeded.supervisor],
        ['written as recorder', written.worker],
      ] as const) {
        const vault = name.startsWith('seeded') ? 'seeded' : 'written';
        const identity = readIdentity(session, ids[vault][k]!).data;
        // Compared without printing it: only which case and which fields differ.
        if (!isDeepStrictEqual(identity, expected)) mismatches.push(`${name}, case ${k}: ${differences(identity, expected).join(', ')}`);
      }
      if (readIdentity(seeded.other, ids.seeded[k]!).data !== null) mismatches.push(`case ${k} is readable by another caseworker`);
    });
    expect(mismatches).toEqual([]);
  });

  it('leave every index and trigger in place (a seed may build indexes after its rows)', () => {
    const reference = schemaOf(written.admin.vault.db);
    expect(differences(schemaOf(seeded.admin.vault.db), reference), 'schema after a seed').toEqual([]);
    expect(suspendedIndexes(seeded.admin.vault.db)).toBe(0);
    expect(seeded.admin.vault.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(seeded.admin.vault.db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('the seed’s journal', () => {
  it('writes with a rollback journal, batch by batch, then goes back to the write-ahead log, leaving no journal file', () => {
    expect(seededRun.progress).toEqual(cumulative(COUNT, 7));
    // Between batches the rollback journal is in use (no other connection had the database open).
    expect(new Set(seededRun.modes)).toEqual(new Set(['delete']));
    expect(seededRun.modeAfter).toBe('wal');
    // In the file too: a connection opened now (that sets no mode) finds the write-ahead log.
    expect(seededRun.persistedModeAfter).toBe('wal');
    expect(seededRun.journalLeft).toBe(false);
    expect(fs.readdirSync(path.dirname(seeded.worker.vault.location.paths.database)).filter((n) => n.endsWith('-journal'))).toEqual([]);
  });

  it('still seeds, with the write-ahead log, while another connection holds the database open', () => {
    expect(contendedOutcome).toEqual({ ok: true });
    expect(contendedRun.progress).toEqual(cumulative(COUNT, 16));
    expect(new Set(contendedRun.modes)).toEqual(new Set(['wal']));
    expect(contendedRun.modeAfter).toBe('wal');
    expect(contendedRun.persistedModeAfter).toBe('wal');
    expect(contendedRun.journalLeft).toBe(false);
    // The other connection kept working and sees every case.
    expect(otherConnection).toEqual({ modeDuring: 'wal', casesSeen: COUNT });
    expect(verifyAuditChain(contended.admin.vault.db).problems).toEqual([]);
    expect(suspendedIndexes(contended.admin.vault.db)).toBe(0);
    expect(differences(schemaOf(contended.admin.vault.db), schemaOf(written.admin.vault.db)), 'schema after a contended seed').toEqual([]);
  });
});

describe('determinism across planners and batches', () => {
  it('1 planner with batches of 16 writes what 2 planners with batches of 7 wrote, case by case', () => {
    expect(contendedOutcome).toEqual({ ok: true });
    expect(contents.contended.map((c) => c.code)).toEqual(contents.seeded.map((c) => c.code));
    const byCode = new Map(contents.contended.map((c) => [c.code, c]));
    for (const c of contents.seeded) {
      const other = byCode.get(c.code)!;
      expect(differences(other.sections, c.sections), `sections of ${c.code}`).toEqual([]);
      expect(differences(other.records, c.records), `records of ${c.code}`).toEqual([]);
    }
    // And everything else about the cases (history, search, facts, keys, audit) too.
    expect(differences(contents.contended, contents.seeded), 'whole contents').toEqual([]);
  });
});
