import type { Db } from '../db/open';
import { canonicalJson } from '../crypto/canonical-json';

/** Field history: who changed which field of which part, when, from what to what (inside the vault). */
export interface HistoryContext {
  db: Db;
  caseId: string;
  at: string;
  actorId: string;
}

const SEALED = null;

export function recordChanges(
  ctx: HistoryContext,
  part: string,
  recordId: string | null,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  options: { sealed?: boolean } = {},
): string[] {
  const insert = ctx.db.prepare('INSERT INTO case_history (case_id, at, actor_id, part, record_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const changed: string[] = [];
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const field of [...fields].sort()) {
    const oldValue = before && field in before ? canonicalJson(before[field]) : null;
    const newValue = field in after ? canonicalJson(after[field]) : null;
    if (oldValue === newValue) continue;
    changed.push(field);
    // Identity values never go into the history in clear: only that the field changed.
    insert.run(ctx.caseId, ctx.at, ctx.actorId, part, recordId, field, options.sealed ? SEALED : oldValue, options.sealed ? SEALED : newValue);
  }
  return changed;
}
