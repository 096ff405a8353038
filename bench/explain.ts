import type Database from 'better-sqlite3-multiple-ciphers';
import { AppCore } from '../src/main/core/app/app-core';
import { createRouter } from '../src/main/core/ipc/router';
import { OPS, PERSONAS } from './ops';
import { sessionAs } from '../tests/support/sessions';
import { clockFor, passphraseOf, SUPERVISOR, type BenchVault } from './vaults';

/**
 * Why an operation costs what it costs: every statement the services run for it (captured at
 * `prepare`), its own time with the real parameters, and its EXPLAIN QUERY PLAN.
 */
export interface StatementProfile {
  sql: string;
  calls: number;
  ms: number;
  plan: string[];
}

const EXPLAINED = ['list.first', 'list.filtered', 'list.subqueries', 'list.deep', 'list.assigned', 'home', 'search.common', 'search.rare', 'case.get'];

export async function explainQueries(vault: BenchVault): Promise<Record<string, StatementProfile[]>> {
  const core = new AppCore({ dataDir: vault.dir, clock: clockFor(vault.meta) });
  try {
    await core.login(SUPERVISOR.username, SUPERVISOR.passphrase);
    const supervisor = core.session!;
    const db = supervisor.vault.db;
    const router = createRouter(core);
    const caseIds = (db.prepare('SELECT id FROM cases ORDER BY code').all() as { id: string }[]).map((r) => r.id);
    const out: Record<string, StatementProfile[]> = {};
    for (const persona of PERSONAS) {
      const session = persona.username === SUPERVISOR.username ? supervisor : await sessionAs(supervisor.vault, persona.username, passphraseOf(persona.username));
      const visible = persona.username === SUPERVISOR.username ? caseIds.length : (db.prepare('SELECT count(*) AS n FROM case_assignments WHERE account_id = ?').get(session.accountId) as { n: number }).n;
      const call = async (channel: string, payload: unknown = {}) => {
        const r = await router.handle(session, channel, payload);
        if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
        return r.value;
      };
      for (const op of OPS.filter((o) => EXPLAINED.includes(o.name) && (persona.allOps || o.roleDependent))) {
        const ctx = { call, caseIds, db, visible };
        await op.run(ctx, 1); // warm
        const profiles = new Map<string, StatementProfile>();
        await withProfiling(db, profiles, () => op.run(ctx, 1));
        for (const p of profiles.values()) p.plan = explain(db, p.sql);
        out[`${op.name}${persona.suffix}`] = [...profiles.values()]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 6)
          .map((p) => ({ ...p, ms: Math.round(p.ms * 100) / 100 }));
      }
    }
    return out;
  } finally {
    core.close();
  }
}

async function withProfiling(db: Database.Database, profiles: Map<string, StatementProfile>, work: () => Promise<unknown>): Promise<void> {
  const original = db.prepare;
  const wrap = (sql: string) => {
    const statement = original.call(db, sql);
    const key = sql.replace(/\s+/g, ' ').trim();
    const profile = profiles.get(key) ?? { sql: key, calls: 0, ms: 0, plan: [] };
    profiles.set(key, profile);
    for (const method of ['run', 'get', 'all'] as const) {
      const fn = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const t = performance.now();
        try {
          return fn(...args);
        } finally {
          profile.ms += performance.now() - t;
          profile.calls++;
        }
      };
    }
    return statement;
  };
  Object.defineProperty(db, 'prepare', { value: wrap, configurable: true, writable: true });
  try {
    await work();
  } finally {
    delete (db as unknown as { prepare?: unknown }).prepare;
  }
}

function explain(db: Database.Database, sql: string): string[] {
  if (!/^\s*(SELECT|WITH|UPDATE|DELETE|INSERT)/i.test(sql)) return [];
  try {
    const params = (sql.match(/\?/g) ?? []).map(() => null);
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>([[0, 0]]);
    return rows.map((r) => {
      const d = (depth.get(r.parent) ?? 0) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d - 1)}${r.detail}`;
    });
  } catch {
    return [];
  }
}
