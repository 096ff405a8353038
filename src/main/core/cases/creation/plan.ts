import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import type { CaseHeader } from '../../../../shared/case-file/case';
import { identitySchema } from '../../../../shared/case-file/identity';
import type { RecordData, RecordKind } from '../../../../shared/case-file/records';
import { SECTION_SCHEMAS, type SectionName } from '../../../../shared/case-file/sections';
import { VOCABULARIES as V, type VocabularyCode } from '../../../../shared/vocabularies';
import type { AuditAction, AuditDetail } from '../../audit/chain';
import { wipe } from '../../crypto/bytes';
import type { Sealer } from '../../crypto/sealed-box';
import { timeOrderedId } from '../../db/ids';
import { newCaseKey, RECOVERY_HOLDER, sealIdentity, wrapCaseKey, type KeyHolder } from '../case-keys';
import { indexColumns, isConsentOverride, parseRecord } from '../records';
import { listColumnsOf, NO_LIST_COLUMNS, type ListColumns, type ListSources } from '../repository';
import { recordText, sectionText } from '../search-index';

/**
 * A new case (an intake, a received referral, one case of a seed or an import) in two steps:
 * `planCase` checks a draft and builds every row of the case without the database — so a worker
 * thread can build many while the main one writes — and `applyCases` (apply.ts) writes the rows
 * of many cases with a statement per table. Every way a case is created goes through both.
 */
export interface CaseDraft {
  office?: string;
  openedOn: string;
  status?: VocabularyCode<'caseStatus'>;
  identity?: Record<string, unknown>;
  /** The sections, profile included; closure is required for a closed status (the app's rule). */
  sections?: Partial<Record<SectionName, Record<string, unknown>>>;
  /** In order; a referral out may name the consent it relies on by its index in this list. */
  records?: DraftRecord[];
}

export interface DraftRecord {
  kind: RecordKind;
  data: Record<string, unknown>;
  consentIndex?: number;
}

export const draftHeader = z.strictObject({ office: z.string().trim().max(200).default(''), openedOn: z.iso.date(), status: V.caseStatus.schema.default('open') });

/** Who creates the cases and what every case of theirs shares (creation/recorder.ts): no database needed to plan. */
export interface Recorder {
  actorId: string;
  role: string;
  /** The team a new case joins (the recorder's own, or the first a supervisor leads). */
  team: { id: string; supervisorId: string } | null;
  /** Who holds the key of a new case: the recorder and the team's supervisor (active accounts). */
  holders: readonly KeyHolder[];
  recoveryPublicKey: Uint8Array;
}

export interface PlanContext extends Recorder {
  /** When (ISO time, the vault's clock). */
  at: string;
  /** One per batch: wrapping case keys to the same recipients costs no X25519 per case. */
  sealer: Sealer;
}

/** Every row of a new case but its code (given when it is written: codes count on in order). */
export interface PlannedCase {
  id: string;
  at: string;
  actorId: string;
  status: CaseHeader['status'];
  office: string;
  teamId: string | null;
  supervisorId: string | null;
  openedOn: string;
  closedOn: string | null;
  listColumns: ListColumns;
  /** Sections as JSON text, in the order written. */
  sections: { name: SectionName; data: string }[];
  records: { id: string; kind: RecordKind; data: string; track: string | null; dueOn: string | null; doneOn: string | null }[];
  /** The identity sealed with the case key, and the key wrapped to each holder and the recovery key. */
  identity: Uint8Array;
  wraps: { recipient: string; wrapped: Uint8Array }[];
  /** The parts created, in order: one field-history row each (history.ts CREATED). */
  created: { part: string; recordId: string | null }[];
  /** Search documents of the parts with text (the case's own, its code, is added when written). */
  documents: { part: string; recordId: string; body: string }[];
  /** Audit entries made while creating (a consent override, a referral received), before `case.created`. */
  audits: { action: AuditAction; detail: AuditDetail }[];
  /** The parts written, for the one `case.created` audit entry. */
  parts: string[];
}

/** Checks a draft (throwing the error the app shows) and builds its rows. */
export function planCase(draft: CaseDraft, ctx: PlanContext, extra: { audits?: PlannedCase['audits'] } = {}): PlannedCase {
  const header = draftHeader.parse({ office: draft.office, openedOn: draft.openedOn, status: draft.status });
  const closed = header.status === 'closed' || header.status === 'closed-referred';
  if (closed && !draft.sections?.closure?.reason) throw new AppError('CLOSURE_REASON_REQUIRED', 'A case can be closed only with a closure reason.');
  const profile = SECTION_SCHEMAS.profile.parse(draft.sections?.profile ?? {}) as Record<string, unknown>;
  const identity = identitySchema.parse(draft.identity ?? {});
  // A photo is an attachment of the case: a case not yet written has none.
  if (identity.photoAttachmentId) throw new AppError('BAD_REQUEST', 'The photo must be an attachment of the same case.');
  const others = Object.entries(draft.sections ?? {})
    .filter(([name]) => name !== 'profile')
    .map(([name, data]) => [name as SectionName, SECTION_SCHEMAS[name as SectionName].parse(data) as Record<string, unknown>] as const);
  const id = timeOrderedId();
  const plan: PlannedCase = {
    id,
    at: ctx.at,
    actorId: ctx.actorId,
    status: header.status,
    office: header.office,
    teamId: ctx.team?.id ?? null,
    supervisorId: ctx.team?.supervisorId ?? null,
    openedOn: header.openedOn,
    // A case recorded in another status is created in it, closed on its closure date (or when it opened).
    closedOn: closed ? ((draft.sections?.closure?.closedOn as string | null | undefined) ?? header.openedOn) : null,
    listColumns: NO_LIST_COLUMNS,
    sections: [],
    records: [],
    identity: new Uint8Array(0),
    wraps: [],
    created: [],
    documents: [],
    audits: [],
    parts: [],
  };
  const part = (name: string) => {
    if (!plan.parts.includes(name)) plan.parts.push(name);
  };
  const sources: Pick<ListSources, 'profile' | 'experience'> & { risks: { level: string; assessedOn: string }[]; followUps: { dueOn: string; doneOn?: string | null }[]; services: { track: string }[] } = {
    risks: [],
    followUps: [],
    services: [],
  };
  const section = (name: SectionName, data: Record<string, unknown>) => {
    plan.sections.push({ name, data: JSON.stringify(data) });
    plan.created.push({ part: name, recordId: null });
    const body = sectionText(name, data).trim();
    if (body) plan.documents.push({ part: name, recordId: '', body });
    if (name === 'profile') sources.profile = data;
    if (name === 'experience') sources.experience = data;
    part(name);
  };

  section('profile', profile);
  const caseKey = newCaseKey();
  try {
    for (const h of [...ctx.holders, { id: RECOVERY_HOLDER, publicKey: ctx.recoveryPublicKey }]) plan.wraps.push({ recipient: h.id, wrapped: wrapCaseKey(ctx.sealer, h.publicKey, caseKey, id) });
    plan.identity = sealIdentity(caseKey, id, identity);
  } finally {
    wipe(caseKey);
  }
  plan.created.push({ part: 'identity', recordId: null });
  part('identity');
  for (const [name, data] of others) section(name, data);

  const consents = new Map<string, RecordData<'consent'>>();
  const ids: string[] = [];
  for (const r of draft.records ?? []) {
    const input = r.consentIndex !== undefined ? { ...r.data, consentId: ids[r.consentIndex] ?? null } : r.data;
    const data = parseRecord(r.kind, input) as Record<string, unknown>;
    if (r.kind === 'referral' && isConsentOverride(data as RecordData<'referral'>, (c) => consents.get(c) ?? null, ctx.role)) plan.audits.push({ action: 'case.consent_override', detail: { part: 'referral' } });
    const recordId = timeOrderedId();
    ids.push(recordId);
    if (r.kind === 'consent') consents.set(recordId, data as RecordData<'consent'>);
    plan.records.push({ id: recordId, kind: r.kind, data: JSON.stringify(data), ...indexColumns(r.kind, data) });
    plan.created.push({ part: r.kind, recordId });
    const body = recordText(r.kind, data).trim();
    if (body) plan.documents.push({ part: r.kind, recordId, body });
    if (r.kind === 'risk') sources.risks.push(data as { level: string; assessedOn: string });
    else if (r.kind === 'followUp') sources.followUps.push(data as { dueOn: string; doneOn?: string | null });
    else if (r.kind === 'service') sources.services.push(data as { track: string });
    part(r.kind);
  }
  plan.listColumns = listColumnsOf(sources);
  plan.audits.push(...(extra.audits ?? []));
  return plan;
}
