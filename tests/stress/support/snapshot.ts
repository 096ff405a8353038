import fs from 'node:fs';
import type { Db } from '../../../src/main/core/db/open';

/**
 * A snapshot of what is committed: every row of every table (keyed by its primary key, or by its
 * whole content when it has none), and the keyring file. The FTS5 index's own tables are left
 * out: they are an index of `search_docs`, rewritten by merges, and checked by integrity_check.
 */
export interface Snapshot {
  tables: Map<string, Map<string, string>>;
  keyring: { fixed: string; slots: Map<string, string> };
}

function tableNames(db: Db): string[] {
  const rows = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string | null }[];
  const fts = rows.filter((r) => /CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name);
  return rows.map((r) => r.name).filter((name) => !fts.some((v) => name === v || name.startsWith(`${v}_`)));
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function encode(row: Record<string, unknown>): string {
  return JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) || v instanceof Uint8Array ? `bytes:${Buffer.from(v).toString('base64')}` : typeof v === 'bigint' ? `bigint:${v}` : v));
}

export function takeSnapshot(db: Db, keyringFile: string): Snapshot {
  const tables = new Map<string, Map<string, string>>();
  for (const table of tableNames(db)) {
    const pk = (db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string; pk: number }[]).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const rows = new Map<string, string>();
    for (const row of db.prepare(`SELECT * FROM ${quote(table)}`).all() as Record<string, unknown>[]) {
      const text = encode(row);
      rows.set(pk.length ? JSON.stringify(pk.map((c) => row[c])) : text, text);
    }
    tables.set(table, rows);
  }
  const keyring = JSON.parse(fs.readFileSync(keyringFile, 'utf8')) as { slots: { id: string }[]; mac: string } & Record<string, unknown>;
  const { slots, mac: _mac, ...fixed } = keyring;
  return { tables, keyring: { fixed: JSON.stringify(fixed), slots: new Map(slots.map((s) => [s.id, JSON.stringify(s)])) } };
}

/** Which rows of the snapshot before may legitimately differ after (see the test for the rule). */
export type MayChange = (table: string, row: Record<string, unknown>) => boolean;

/**
 * Every row that existed before is still there, unchanged, unless `mayChange` says the fuzz may
 * have changed it; every keyring slot that existed before is there unchanged, the rest of the
 * keyring (vault id, public keys, recovery slot) too. New rows and new slots are allowed. Returns
 * the differences (table and key only, never content).
 */
export function compareSnapshots(before: Snapshot, after: Snapshot, mayChange: MayChange, slotMayChange: (slotId: string) => boolean): string[] {
  const problems: string[] = [];
  for (const [table, rows] of before.tables) {
    const now = after.tables.get(table);
    if (!now) {
      problems.push(`table ${table} is gone`);
      continue;
    }
    for (const [key, text] of rows) {
      if (now.get(key) === text) continue;
      if (mayChange(table, JSON.parse(text) as Record<string, unknown>)) continue;
      problems.push(`${table} ${key}: ${now.has(key) ? 'changed' : 'deleted'}`);
    }
  }
  if (after.keyring.fixed !== before.keyring.fixed) problems.push('keyring: vault id, public keys or recovery slot changed');
  for (const [id, slot] of before.keyring.slots) {
    if (after.keyring.slots.get(id) !== slot && !slotMayChange(id)) problems.push(`keyring slot ${id.slice(0, 8)}…: ${after.keyring.slots.has(id) ? 'changed' : 'removed'}`);
  }
  return problems;
}
