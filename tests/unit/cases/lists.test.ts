import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignedCountsByStatus, CASELOAD, visibleCases, visibleCountsByStatus } from '../../../src/main/core/cases/access';
import { reassignCase } from '../../../src/main/core/cases/reassign';
import { eraseCaseRows } from '../../../src/main/core/retention/retention';
import { writeCases } from '../../../src/main/core/cases/batch';
import { homeLists, listCases, searchCases } from '../../../src/main/core/cases/queries';
import { addRecord, updateRecord } from '../../../src/main/core/cases/records';
import { createCase, saveSection, updateHeader } from '../../../src/main/core/cases/service';
import type { Session } from '../../../src/main/core/users/session';
import { makeCaseVault } from '../../support/case-fixture';

/**
 * The case list at scale (schema step 9): the next follow-up and the tracks are list columns of
 * the case, kept with its follow-ups and services; who may see a case is written in the shape
 * that suits each query (cases/access.ts) — every shape must give the same cases.
 */
let f: Awaited<ReturnType<typeof makeCaseVault>>;
let today: string;
beforeAll(async () => {
  f = await makeCaseVault();
  today = f.worker.vault.location.now().toISOString().slice(0, 10);
}, 60_000);
afterAll(() => f.cleanup());

const day = (offset: number) => new Date(Date.parse(today) + offset * 86_400_000).toISOString().slice(0, 10);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const all = (s: Session, q: Parameters<typeof listCases>[1] = {}) => ids(listCases(s, { limit: 500, ...q }).rows);

describe('list columns kept with the records', () => {
  it('the follow-up due filter and column follow follow-ups added, done and moved', () => {
    const { id } = createCase(f.worker, { office: 'Lima' });
    expect(all(f.worker, { followUpDue: true })).not.toContain(id);
    const later = addRecord(f.worker, id, 'followUp', { dueOn: day(5), type: 'home-visit' });
    expect(listCases(f.worker, { limit: 500 }).rows.find((r) => r.id === id)!.nextFollowUpOn).toBe(day(5));
    expect(all(f.worker, { followUpDue: true })).not.toContain(id);
    const due = addRecord(f.worker, id, 'followUp', { dueOn: day(-1), type: 'phone-call' });
    expect(all(f.worker, { followUpDue: true })).toContain(id);
    expect(listCases(f.worker, { limit: 500 }).rows.find((r) => r.id === id)!.nextFollowUpOn).toBe(day(-1));
    updateRecord(f.worker, due.id, due.stamp.version, { ...due.data, doneOn: today });
    expect(all(f.worker, { followUpDue: true })).not.toContain(id);
    expect(listCases(f.worker, { limit: 500 }).rows.find((r) => r.id === id)!.nextFollowUpOn).toBe(day(5));
    updateRecord(f.worker, later.id, later.stamp.version, { ...later.data, dueOn: today });
    expect(all(f.worker, { followUpDue: true })).toContain(id);
  });

  it('the track filter follows services added and changed', () => {
    const { id } = createCase(f.worker, { office: 'Lima' });
    expect(all(f.worker, { track: 'legal' })).not.toContain(id);
    const s = addRecord(f.worker, id, 'service', { track: 'legal', serviceType: 'legal-counselling', status: 'planned' });
    addRecord(f.worker, id, 'service', { track: 'medical', serviceType: 'health-screening', status: 'planned' });
    expect(all(f.worker, { track: 'legal' })).toContain(id);
    expect(all(f.worker, { track: 'medical' })).toContain(id);
    updateRecord(f.worker, s.id, s.stamp.version, { ...s.data, track: 'shelter', serviceType: 'emergency-shelter' });
    expect(all(f.worker, { track: 'legal' })).not.toContain(id);
    expect(all(f.worker, { track: 'shelter' })).toContain(id);
  });

  it('a batch sets them from its drafts, as the records would', () => {
    const [code] = writeCases(f.worker, [
      {
        openedOn: today,
        records: [
          { kind: 'followUp', data: { dueOn: day(-3), type: 'home-visit', doneOn: day(-2) } },
          { kind: 'followUp', data: { dueOn: day(2), type: 'home-visit' } },
          { kind: 'service', data: { track: 'return', serviceType: 'travel-documents', status: 'planned' } },
          { kind: 'service', data: { track: 'legal', serviceType: 'legal-counselling', status: 'planned' } },
        ],
      },
    ]);
    const row = f.admin.vault.db.prepare('SELECT next_follow_up_on, tracks FROM cases WHERE code = ?').get(code);
    expect(row).toEqual({ next_follow_up_on: day(2), tracks: ',legal,return,' });
  });
});

describe('who sees what, in every shape', () => {
  beforeAll(() => {
    createCase(f.other, { office: 'Cusco' });
    // A case recorded by the supervisor: assigned to them, in the team they lead.
    createCase(f.supervisor, { office: 'Lima' });
  });

  const shapes = (s: Session) => {
    const { db } = s.vault;
    const run = (v: { sql: string; params: unknown[] }) => (db.prepare(`SELECT c.id FROM cases c WHERE ${v.sql} ORDER BY c.id`).pluck().all(...v.params) as string[]).sort();
    const set = run(visibleCases(s, 'set'));
    const probe = run(visibleCases(s, 'probe'));
    CASELOAD.large = 0;
    try {
      return { set, probe, largeSet: run(visibleCases(s, 'set')), largeProbe: run(visibleCases(s, 'probe')) };
    } finally {
      CASELOAD.large = 2000;
    }
  };

  it('gives each person the same cases whatever the shape, the caseload or the query', () => {
    const everyCase = (f.admin.vault.db.prepare('SELECT id FROM cases ORDER BY id').pluck().all() as string[]).sort();
    const assigned = (s: Session) => (f.admin.vault.db.prepare('SELECT case_id FROM case_assignments WHERE account_id = ?').pluck().all(s.accountId) as string[]).sort();
    for (const [s, expected] of [
      [f.worker, assigned(f.worker)],
      [f.other, assigned(f.other)],
      [f.supervisor, everyCase], // they lead the team of both caseworkers
      [f.admin, []],
    ] as const) {
      const got = shapes(s);
      expect(got.set).toEqual(expected);
      expect(got.probe).toEqual(expected);
      expect(got.largeSet).toEqual(expected);
      expect(got.largeProbe).toEqual(expected);
    }
    expect(assigned(f.worker).length).toBeGreaterThan(0);
  });

  it('lists, counts, home and search agree between an ordinary and a very large caseload', () => {
    addRecord(f.worker, all(f.worker)[0]!, 'note', { body: 'Seguimiento en Quillabamba', writtenOn: today });
    const views = (s: Session) => ({
      list: listCases(s, { limit: 500 }),
      filtered: listCases(s, { limit: 500, followUpDue: true, track: 'legal', sort: 'riskLevel' }),
      // The assigned-worker filter: a set to start from, or (very large) a test on the index entry.
      assigned: listCases(s, { limit: 500, assignedTo: f.worker.accountId }),
      assignedFiltered: listCases(s, { limit: 500, assignedTo: f.other.accountId, status: ['open'], sort: 'openedOn', citizenship: 'VE' }),
      assignedNarrow: listCases(s, { limit: 500, assignedTo: f.worker.accountId, followUpDue: true }, { broadAbove: 0 }),
      home: homeLists(s),
      search: searchCases(s, 'seguimiento'),
    });
    for (const s of [f.worker, f.other, f.supervisor]) {
      const ordinary = views(s);
      // Not an agreement between empty lists: the supervisor sees each caseworker's cases.
      if (s === f.supervisor) {
        expect(ordinary.assigned.rows.map((r) => r.id).sort()).toEqual(all(f.worker));
        expect(ordinary.assigned.total).toBeGreaterThan(0);
      }
      CASELOAD.large = 0;
      try {
        expect(views(s)).toEqual(ordinary);
      } finally {
        CASELOAD.large = 2000;
      }
    }
    expect(searchCases(f.worker, 'quillabamba').hits).toHaveLength(1);
    expect(searchCases(f.other, 'quillabamba').hits).toHaveLength(0);
    expect(searchCases(f.supervisor, 'quillabamba').hits).toHaveLength(1);
  });
});

describe('counts by status kept per team and per account (schema step 10)', () => {
  const live = (s: Session) => {
    const v = visibleCases(s, 'probe');
    const rows = s.vault.db.prepare(`SELECT c.status, count(*) AS n FROM cases c WHERE ${v.sql} GROUP BY c.status`).all(...v.params) as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  };
  /** The cases assigned to `accountId` that `s` sees, counted row by row. */
  const liveAssigned = (s: Session, accountId: string) => {
    const v = visibleCases(s, 'probe');
    const rows = s.vault.db
      .prepare(`SELECT c.status, count(*) AS n FROM cases c WHERE ${v.sql} AND EXISTS (SELECT 1 FROM case_assignments x WHERE x.case_id = c.id AND x.account_id = ?) GROUP BY c.status`)
      .all(...v.params, accountId) as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  };
  const check = () => {
    for (const s of [f.worker, f.other, f.supervisor, f.admin]) {
      expect(visibleCountsByStatus(s), s.info.username).toEqual(live(s));
      expect(listCases(s, {}).countsByStatus).toEqual(live(s));
      // The "assigned to" filter alone: from the counts kept per account and team where it can.
      for (const a of [f.worker, f.other, f.supervisor]) {
        const expected = liveAssigned(s, a.accountId);
        expect(listCases(s, { assignedTo: a.accountId }).countsByStatus, `${s.info.username} → ${a.info.username}`).toEqual(expected);
        if (s === f.supervisor) expect(assignedCountsByStatus(s, a.accountId)).toEqual(expected);
      }
    }
    expect(Object.keys(liveAssigned(f.supervisor, f.worker.accountId)).length).toBeGreaterThan(0);
  };

  it('follow intakes, batches, status changes, reassignments and deletions', () => {
    check();
    const a = createCase(f.worker, { office: 'Lima' });
    const b = createCase(f.other, { office: 'Lima' });
    writeCases(f.worker, [{ openedOn: today, status: 'follow-up' }, { openedOn: today, status: 'closed', sections: { closure: { reason: 'goals-achieved' } } }]);
    check();
    updateHeader(f.worker, a.id, 1, { status: 'follow-up' });
    check();
    saveSection(f.worker, a.id, 'closure', 0, { reason: 'goals-achieved' });
    updateHeader(f.worker, a.id, 2, { status: 'closed' });
    check();
    // Taken off one caseworker, given to the other (and back to two people).
    reassignCase(f.supervisor, { caseId: b.id, version: 1, assignedIds: [f.worker.accountId], reason: 'Cambio de turno' });
    check();
    reassignCase(f.supervisor, { caseId: b.id, version: 2, assignedIds: [f.worker.accountId, f.other.accountId], reason: 'Apoyo' });
    check();
    // Deleted row by row (retention), and at once with its assignments cascading.
    const db = f.admin.vault.db;
    db.transaction(() => eraseCaseRows(db, a.id))();
    check();
    db.transaction(() => {
      db.prepare('DELETE FROM stats_facts WHERE case_id = ?').run(b.id);
      for (const t of ['case_keys', 'case_identity', 'case_sections', 'case_records', 'case_history', 'search_docs']) db.prepare(`DELETE FROM ${t} WHERE case_id = ?`).run(b.id);
      db.prepare('DELETE FROM cases WHERE id = ?').run(b.id);
    })();
    expect(db.prepare('SELECT count(*) FROM case_assignments WHERE case_id = ?').pluck().get(b.id)).toBe(0);
    check();
    // What the triggers kept is what schema step 13 counts in an existing vault.
    expect(db.prepare('SELECT account_id, team_id, status, n FROM assignee_case_counts WHERE n > 0 ORDER BY 1, 2, 3').all()).toEqual(
      db
        .prepare("SELECT a.account_id, ifnull(c.team_id, '') AS team_id, c.status, count(*) AS n FROM case_assignments a JOIN cases c ON c.id = a.case_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
        .all(),
    );
  });
});

describe('who is assigned, kept on the case for the list indexes (schema step 12)', () => {
  /** Every case's assignees as the column should hold them, computed here from the assignments. */
  const expected = () => {
    const db = f.admin.vault.db;
    const numbers = new Map((db.prepare('SELECT id, number FROM accounts').all() as { id: string; number: number }[]).map((a) => [a.id, a.number]));
    const byCase = new Map<string, number[]>();
    for (const a of db.prepare('SELECT case_id, account_id FROM case_assignments').all() as { case_id: string; account_id: string }[]) {
      byCase.set(a.case_id, [...(byCase.get(a.case_id) ?? []), numbers.get(a.account_id)!]);
    }
    return (db.prepare('SELECT id FROM cases ORDER BY id').pluck().all() as string[]).map((id) => {
      const list = (byCase.get(id) ?? []).sort((x, y) => x - y);
      return { id, assignees: list.length ? `,${list.join(',')},` : null };
    });
  };
  const kept = () => f.admin.vault.db.prepare('SELECT id, assignees FROM cases ORDER BY id').all();

  it('numbers every account once, new ones included', () => {
    const numbers = f.admin.vault.db.prepare('SELECT number FROM accounts ORDER BY number').pluck().all() as number[];
    expect(numbers.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('follows intakes, batches and reassignments', () => {
    const a = createCase(f.worker, { office: 'Lima' });
    writeCases(f.other, [{ openedOn: today }]);
    expect(kept()).toEqual(expected());
    reassignCase(f.supervisor, { caseId: a.id, version: 1, assignedIds: [f.worker.accountId, f.other.accountId], reason: 'Apoyo' });
    expect(kept()).toEqual(expected());
    expect((f.admin.vault.db.prepare('SELECT assignees FROM cases WHERE id = ?').pluck().get(a.id) as string).split(',').filter(Boolean)).toHaveLength(2);
    reassignCase(f.supervisor, { caseId: a.id, version: 2, assignedIds: [f.other.accountId], reason: 'Cambio de turno' });
    expect(kept()).toEqual(expected());
    // Nobody (not something the app does, but the column must still say so).
    f.admin.vault.db.prepare('DELETE FROM case_assignments WHERE case_id = ?').run(a.id);
    expect(kept()).toEqual(expected());
    expect(f.admin.vault.db.prepare('SELECT assignees FROM cases WHERE id = ?').pluck().get(a.id)).toBeNull();
  });

  it('lets a very large caseload be tested in the index a list is read in, with no set of cases built first', () => {
    CASELOAD.large = 0;
    try {
      const v = visibleCases(f.worker);
      const plan = (f.worker.vault.db.prepare(`EXPLAIN QUERY PLAN SELECT c.rowid FROM cases c WHERE ${v.sql} ORDER BY c.opened_on DESC, c.code DESC LIMIT 100`).all(...v.params) as { detail: string }[]).map((r) => r.detail);
      expect(plan.join('\n')).toMatch(/USING COVERING INDEX cases_opened/);
      expect(plan.join('\n')).not.toMatch(/case_assignments|TEMP B-TREE/);
    } finally {
      CASELOAD.large = 2000;
    }
  });
});
