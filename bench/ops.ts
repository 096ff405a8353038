import type Database from 'better-sqlite3-multiple-ciphers';
import { CASELOAD, SUPERVISOR, WORKER, WORKER2 } from './vaults';

/** The operations measured, each as the renderer would call the router. */
export type Call = (channel: string, payload?: unknown) => Promise<unknown>;
export interface OpContext {
  call: Call;
  /** Every case of the vault (the supervisor's operations pick from them). */
  caseIds: readonly string[];
  db: Database.Database;
  /** How many cases the person measured sees. */
  visible: number;
}
export type OpKind = 'interactive' | 'search' | 'statistics';
export interface Op {
  name: string;
  label: string;
  kind: OpKind;
  /** Its SQL depends on who asks (the need-to-know filter): measured for the caseworker too. */
  roleDependent?: boolean;
  /** Measured on the vault only: its worker opens the vault's own file, so the plain twin has no counterpart. */
  encryptedOnly?: boolean;
  run(ctx: OpContext, i: number): Promise<unknown>;
}

/** Makes every save of this run a real change, also on a cached vault saved by an earlier run. */
const RUN = Date.now().toString(36);

export const OPS: readonly Op[] = [
  { name: 'list.first', roleDependent: true, label: 'case list, first page (100, newest first)', kind: 'interactive', run: (c) => c.call('cases.list', {}) },
  {
    name: 'list.filtered',
    roleDependent: true,
    label: 'case list, filtered and sorted (open/follow-up, forced labour, by opening date)',
    kind: 'interactive',
    run: (c) => c.call('cases.list', { status: ['open', 'follow-up'], exploitationType: 'ForcedLabour', sort: 'openedOn', direction: 'asc' }),
  },
  {
    name: 'list.subqueries',
    roleDependent: true,
    label: 'case list, by track and follow-up due, high risk first',
    kind: 'interactive',
    run: (c) => c.call('cases.list', { track: 'legal', followUpDue: true, sort: 'riskLevel', direction: 'desc' }),
  },
  {
    name: 'list.assigned',
    label: `case list of one caseworker (the one with all the other cases): open, by opening date`,
    kind: 'interactive',
    run: (c) => c.call('cases.list', { assignedTo: accountId(c, WORKER.username), status: ['open'], sort: 'openedOn' }),
  },
  {
    name: 'list.assigned.small',
    label: `case list of one caseworker (${CASELOAD} cases): forced labour`,
    kind: 'interactive',
    run: (c) => c.call('cases.list', { assignedTo: accountId(c, WORKER2.username), exploitationType: 'ForcedLabour' }),
  },
  { name: 'list.deep', roleDependent: true, label: 'case list, a page in the middle (offset = half)', kind: 'interactive', run: (c) => c.call('cases.list', { offset: Math.floor(c.visible / 2), limit: 100 }) },
  { name: 'case.get', label: 'open a full case (cases.get)', kind: 'interactive', run: (c, i) => c.call('cases.get', { caseId: pick(c, i) }) },
  {
    name: 'section.save',
    label: 'save a section (legal)',
    kind: 'interactive',
    run: (c, i) => {
      const caseId = pick(c, i);
      const row = c.db.prepare("SELECT version FROM case_sections WHERE case_id = ? AND section = 'legal'").get(caseId) as { version: number } | undefined;
      return c.call('cases.saveSection', { caseId, section: 'legal', version: row?.version ?? 0, data: { residenceStatus: 'temporary-permit', notes: `Audiencia reprogramada (${RUN}-${i})` } });
    },
  },
  {
    name: 'record.add',
    label: 'add a service',
    kind: 'interactive',
    run: (c, i) => c.call('records.add', { caseId: pick(c, i), kind: 'service', data: { track: 'legal', serviceType: 'legal-counselling', status: 'planned' } }),
  },
  { name: 'home', roleDependent: true, label: 'home screen lists', kind: 'interactive', run: (c) => c.call('cases.home', {}) },
  { name: 'search.common', roleDependent: true, label: 'full-text search, common word ("seguimiento")', kind: 'search', run: (c) => c.call('cases.search', { query: 'seguimiento' }) },
  { name: 'search.rare', roleDependent: true, label: 'full-text search, rare word ("Quillabamba")', kind: 'search', run: (c) => c.call('cases.search', { query: 'Quillabamba' }) },
  // Issue 5: the statistics over every consented case, in the worker, through the router.
  { name: 'stats.dashboard', encryptedOnly: true, label: "statistics: the coordinator's dashboard (every chart, in the worker)", kind: 'statistics', run: (c) => c.call('statistics.dashboard', { fromYear: null, toYear: null }) },
  {
    name: 'stats.table',
    encryptedOnly: true,
    label: 'statistics: a table of 3 dimensions (gender × age band × year, in the worker)',
    kind: 'statistics',
    run: (c) => c.call('statistics.table', { dimensions: ['gender', 'age_band', 'year'], fromYear: null, toYear: null }),
  },
];

/** An account's id, looked up once per vault. */
const accountIds = new WeakMap<Database.Database, Map<string, string>>();
function accountId(c: OpContext, username: string): string {
  let ids = accountIds.get(c.db);
  if (!ids) accountIds.set(c.db, (ids = new Map()));
  let id = ids.get(username);
  if (!id) ids.set(username, (id = c.db.prepare('SELECT id FROM accounts WHERE username = ?').pluck().get(username) as string));
  return id;
}

/** A different case each run, spread over the whole vault (cold pages as well as warm ones). */
function pick(c: OpContext, i: number): string {
  return c.caseIds[(i * 7919) % c.caseIds.length]!;
}

/**
 * Who is measured. The supervisor sees every case (every operation); the operations whose SQL
 * depends on the role are measured again for a caseworker with a realistic caseload and for
 * the caseworker to whom all the other cases are assigned (the worst case of the need-to-know
 * filter: it holds for every row).
 */
export const PERSONAS = [
  { username: SUPERVISOR.username, suffix: '', label: '', allOps: true },
  { username: WORKER2.username, suffix: '@caseworker', label: `, as a caseworker with ${CASELOAD} cases`, allOps: false },
  { username: WORKER.username, suffix: '@caseworker-all', label: ', as the caseworker of all the other cases', allOps: false },
] as const;
