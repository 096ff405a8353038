import type { Db } from '../db/open';
import { canonicalJson } from '../crypto/canonical-json';

/**
 * Field history: who changed which field of which part, when, from what to what (inside the
 * vault). A part's first version — a section first saved, a record added, every part of a case
 * being created — is ONE row (field `CREATED`, no values): its content is the part's own row,
 * and every change after that is a row per field with its old and new value, so the value a
 * field had when the part was created is the old value of its first change, or, never changed,
 * its value now. `caseHistory` (queries.ts) shows a created part field by field with those
 * values, as when the history held a row per field of it (an intake cost a hundred rows).
 */
export interface HistoryContext {
  db: Db;
  caseId: string;
  at: string;
  actorId: string;
}

/** The `field` of the row that says a part was created (its first version is its content). */
export const CREATED = '*';

const SEALED = null;

/** Records the change and returns the names of the fields that changed (sorted). */
export function recordChanges(
  ctx: HistoryContext,
  part: string,
  recordId: string | null,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  options: { sealed?: boolean } = {},
): string[] {
  const insert = ctx.db.prepare('INSERT INTO case_history (case_id, at, actor_id, part, record_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  if (before === null) {
    insert.run(ctx.caseId, ctx.at, ctx.actorId, part, recordId, CREATED, null, null);
    return Object.keys(after).sort();
  }
  const changed: string[] = [];
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const field of [...fields].sort()) {
    const oldValue = field in before ? canonicalJson(before[field]) : null;
    const newValue = field in after ? canonicalJson(after[field]) : null;
    if (oldValue === newValue) continue;
    changed.push(field);
    // Identity values never go into the history in clear: only that the field changed.
    insert.run(ctx.caseId, ctx.at, ctx.actorId, part, recordId, field, options.sealed ? SEALED : oldValue, options.sealed ? SEALED : newValue);
  }
  return changed;
}
