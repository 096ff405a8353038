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

/** While a case is being created: its documents, written together at its end (`flushDocuments`). */
export type PendingDocuments = Map<string, { part: string; recordId: string; body: string }>;

/**
 * The search document of one part of a case (`recordId` for a record), replaced by `text`; no
 * document for an empty text. While the case is being created no part has one yet: the
 * documents wait in `creating.documents` and go in together at the end of the creation.
 */
export function setDocument(ctx: { db: Db; caseId: string; creating?: { documents: PendingDocuments } }, part: string, recordId: string | null, text: string): void {
  const { db, caseId } = ctx;
  const key = recordId ?? '';
  const body = text.trim();
  if (ctx.creating) {
    if (body) ctx.creating.documents.set(`${part}\n${key}`, { part, recordId: key, body });
    else ctx.creating.documents.delete(`${part}\n${key}`);
    return;
  }
  const existing = db.prepare('SELECT id FROM search_docs WHERE case_id = ? AND part = ? AND record_id = ?').get(caseId, part, key) as { id: number } | undefined;
  if (existing) db.prepare('DELETE FROM case_search WHERE rowid = ?').run(existing.id);
  if (!body) {
    if (existing) db.prepare('DELETE FROM search_docs WHERE id = ?').run(existing.id);
    return;
  }
  const id = existing?.id ?? Number(db.prepare('INSERT INTO search_docs (case_id, part, record_id) VALUES (?, ?, ?)').run(caseId, part, key).lastInsertRowid);
  db.prepare('INSERT INTO case_search (rowid, body) VALUES (?, ?)').run(id, body);
}

const FLUSH_CHUNK = 32;
const values = (n: number, row: string) => Array.from({ length: n }, () => row).join(', ');
const INSERT_DOCS = Array.from({ length: FLUSH_CHUNK }, (_, i) => `INSERT INTO search_docs (id, case_id, part, record_id) VALUES ${values(i + 1, '(?, ?, ?, ?)')}`);
const INSERT_BODIES = Array.from({ length: FLUSH_CHUNK }, (_, i) => `INSERT INTO case_search (rowid, body) VALUES ${values(i + 1, '(?, ?)')}`);

/** Writes a new case's documents: a statement or two for all of them rather than two each. */
export function flushDocuments(ctx: { db: Db; caseId: string; creating?: { documents: PendingDocuments } }): void {
  const docs = [...(ctx.creating?.documents.values() ?? [])];
  if (!docs.length) return;
  const { db, caseId } = ctx;
  // Ids after the last one (the write holds the database: nobody else adds documents meanwhile).
  let next = ((db.prepare('SELECT max(id) FROM search_docs').pluck().get() as number | null) ?? 0) + 1;
  for (let i = 0; i < docs.length; i += FLUSH_CHUNK) {
    const chunk = docs.slice(i, i + FLUSH_CHUNK).map((d) => ({ ...d, id: next++ }));
    db.prepare(INSERT_DOCS[chunk.length - 1]!).run(chunk.flatMap((d) => [d.id, caseId, d.part, d.recordId]));
    db.prepare(INSERT_BODIES[chunk.length - 1]!).run(chunk.flatMap((d) => [d.id, d.body]));
  }
  ctx.creating!.documents.clear();
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
