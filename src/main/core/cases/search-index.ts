import type { Db } from '../db/open';
import type { RecordKind } from '../../../shared/case-file/records';
import type { SectionName } from '../../../shared/case-file/sections';

/**
 * Full-text search (FTS5 inside the encrypted database) over case codes and free text —
 * never identity, never clinical notes. Accent- and case-insensitive (unicode61 with
 * remove_diacritics 2), prefix matching, ranked by bm25, with snippets.
 */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** The search document of one part of a case (`recordId` for a record), replaced by `text`; no document for an empty text. */
export function setDocument(ctx: { db: Db; caseId: string }, part: string, recordId: string | null, text: string): void {
  const { db, caseId } = ctx;
  const key = recordId ?? '';
  const body = text.trim();
  const existing = db.prepare('SELECT id FROM search_docs WHERE case_id = ? AND part = ? AND record_id = ?').get(caseId, part, key) as { id: number } | undefined;
  if (existing) db.prepare('DELETE FROM case_search WHERE rowid = ?').run(existing.id);
  if (!body) {
    if (existing) db.prepare('DELETE FROM search_docs WHERE id = ?').run(existing.id);
    return;
  }
  const id = existing?.id ?? Number(db.prepare('INSERT INTO search_docs (case_id, part, record_id) VALUES (?, ?, ?)').run(caseId, part, key).lastInsertRowid);
  db.prepare('INSERT INTO case_search (rowid, body) VALUES (?, ?)').run(id, body);
}

const join = (...parts: unknown[]) => parts.filter((p) => typeof p === 'string' && p.trim()).join('\n');

export function sectionText(section: SectionName, data: Record<string, unknown>): string {
  switch (section) {
    case 'profile':
      return join(data.referralSourceDetail);
    case 'experience':
      return join(data.recruitmentPlace, data.recruitmentWebsitesApps, data.notes);
    case 'plan':
      return join(...((data.objectives as { objective: string; actions: string }[] | undefined) ?? []).flatMap((o) => [o.objective, o.actions]));
    case 'return':
      return join(data.destinationPlace, data.receivingOrganisation, data.notes);
    case 'reintegration':
      return join(data.sustainability, data.notes);
    case 'legal':
      return join(data.compensationClaim, data.notes);
    case 'closure':
      return join(data.notes);
  }
}

export function recordText(kind: RecordKind, data: Record<string, unknown>): string {
  switch (kind) {
    case 'note':
      return join(data.body);
    case 'service':
      return join(data.providerName, data.notes);
    case 'followUp':
      return join(data.outcome);
    case 'referral':
      return join(data.organisation, data.reason);
    case 'risk':
      return join(data.safetyPlan, ...((data.factors as { description: string }[] | undefined) ?? []).map((f) => f.description));
    case 'consent':
      return join(data.organisation);
    case 'clinical':
      return ''; // clinical notes are sensitive: not indexed
  }
}

/** Turns what a person typed into an FTS5 query: every word must match, each as a prefix. */
export function toMatchQuery(input: string): string | null {
  const words = input
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

export interface SearchRow {
  case_id: string;
  part: string;
  snippet: string;
}

/** `visible` is an SQL condition on the alias `c` (cases) that limits results to what the caller may see. */
export function searchDocuments(db: Db, input: string, visible: { sql: string; params: unknown[] }, limit: number): SearchRow[] {
  const match = toMatchQuery(input);
  if (!match) return [];
  return db
    .prepare(
      `SELECT d.case_id, d.part, snippet(case_search, 0, '${MARK_START}', '${MARK_END}', '…', 12) AS snippet
       FROM case_search
       JOIN search_docs d ON d.id = case_search.rowid
       JOIN cases c ON c.id = d.case_id
       WHERE case_search MATCH ? AND ${visible.sql}
       ORDER BY bm25(case_search)
       LIMIT ?`,
    )
    .all(match, ...visible.params, limit) as SearchRow[];
}
