import type { CaseFile, CaseRecord } from '../../../shared/case-file/case';
import type { Identity } from '../../../shared/case-file/identity';
import type { RecordKind } from '../../../shared/case-file/records';
import type { SectionName } from '../../../shared/case-file/sections';
import { FIELD_LABELS, REPORT_TEXT, VALUE_LABELS, fill, type ReportLang } from '../../../shared/report-labels';
import type { ReportSection } from '../../../shared/reports';
import { VOCABULARIES, type VocabularyId } from '../../../shared/vocabularies';
import type { Db } from '../db/open';
import { displayName } from '../cases/stamps';
import { AppError } from '../../../shared/errors';
import { appendAudit, type AuditDetail } from '../audit/chain';
import { readOrganisationName } from '../referrals/organisation';
import type { Session } from '../users/session';
import type { PdfMeta, PdfWriter } from '../export/pdf';
import { assertVisible } from '../cases/access';
import { getCaseRow, toHeader } from '../cases/repository';
import { SECTION_NAMES, SECTION_SCHEMAS } from '../../../shared/case-file/sections';
import { stampOf, type Versioned } from '../cases/stamps';
import { readIdentity } from '../cases/identity';
import { listRecords } from '../cases/records';
import { listAttachments } from '../cases/attachments';
import type { AuditAction } from '../../../shared/audit';

/**
 * What the case report and the subject-access export share: reading a case without the case
 * view's "case.viewed" entry (the export records its own), and printing its parts in English or
 * Spanish — field names from the report dictionary, code values from the vocabularies.
 */

/** The case as the caller may read it (need-to-know checked); the identity is null when sealed from them. */
export function readCaseForExport(session: Session, caseId: string): CaseFile {
  assertVisible(session, caseId);
  const { db } = session.vault;
  const rows = db.prepare('SELECT section, data, version, updated_at, updated_by FROM case_sections WHERE case_id = ?').all(caseId) as (Versioned & {
    section: SectionName;
    data: string;
  })[];
  const byName = new Map(rows.map((r) => [r.section, r]));
  const sections = Object.fromEntries(
    SECTION_NAMES.map((name) => {
      const r = byName.get(name);
      return [name, { data: SECTION_SCHEMAS[name].parse(r ? JSON.parse(r.data) : {}), stamp: stampOf(db, r) }];
    }),
  ) as CaseFile['sections'];
  return {
    header: toHeader(db, getCaseRow(db, caseId)!),
    identity: readIdentity(session, caseId),
    sections,
    records: listRecords(db, caseId),
    attachments: listAttachments(db, caseId),
  };
}

/** The vocabulary of each coded field, by `part.field` (or `*.field` for any part). */
const VOCAB_OF: Record<string, VocabularyId> = {
  'profile.gender': 'gender',
  'profile.citizenship': 'country',
  'profile.languages': 'language',
  'profile.education': 'education',
  'profile.maritalStatus': 'maritalStatus',
  'profile.traffickingStatus': 'traffickingStatus',
  'profile.statusDeterminedBy': 'determinedBy',
  'profile.referralSource': 'referralSource',
  'experience.recruitmentMethods': 'recruitmentMethod',
  'experience.recruiterRelationship': 'recruiterRelationship',
  'experience.methodsOfControl': 'methodOfControl',
  'experience.exploitationTypes': 'exploitationType',
  'experience.forcedLabourIndustries': 'forcedLabourIndustry',
  'experience.sexualExploitationTypes': 'sexualExploitationType',
  'experience.countriesOfRecruitment': 'country',
  'experience.countriesOfTransit': 'country',
  'experience.countriesOfExploitation': 'country',
  'experience.perpetratorRoles': 'perpetratorRole',
  'plan.track': 'assistanceTrack',
  'return.destinationCountry': 'country',
  'reintegration.dimensions': 'reintegrationDimension',
  'reintegration.activities': 'serviceType',
  'legal.residenceStatus': 'residenceStatus',
  'legal.proceedingsRole': 'legalRole',
  'closure.reason': 'closureReason',
  'case.status': 'caseStatus',
  'consent.purpose': 'consentPurpose',
  'consent.method': 'consentMethod',
  'risk.level': 'riskLevel',
  'risk.factorLevel': 'riskFactorLevel',
  'service.track': 'assistanceTrack',
  'service.serviceType': 'serviceType',
  'service.status': 'serviceStatus',
  'referral.servicesRequested': 'serviceType',
  'referral.status': 'referralStatus',
  'followUp.type': 'followUpType',
  'clinical.type': 'clinicalRecordType',
  'identity.documentCountry': 'country',
};

/** Fields printed as their own words (provider, direction, discipline). */
const OWN_VALUES: Record<string, string> = { 'service.provider': 'provider', 'referral.direction': 'direction', 'clinical.discipline': 'discipline' };

export class Words {
  readonly text: (typeof REPORT_TEXT)[ReportLang];
  constructor(readonly lang: ReportLang) {
    this.text = REPORT_TEXT[lang];
  }
  field(part: string, field: string): string {
    return FIELD_LABELS[this.lang][`${part}.${field}`] ?? field;
  }
  value(key: string): string {
    return VALUE_LABELS[this.lang][key] ?? key;
  }
  part(name: string): string {
    return VALUE_LABELS[this.lang][`part.${name}`] ?? name;
  }
  record(kind: string): string {
    return VALUE_LABELS[this.lang][`record.${kind}`] ?? kind;
  }
  code(vocab: VocabularyId, code: string): string {
    return VOCABULARIES[vocab].label(code, this.lang);
  }
  /** A stored value as printed: codes translated, lists joined, yes/no, "—" when empty. */
  format(part: string, field: string, value: unknown): string {
    const vocab = VOCAB_OF[`${part}.${field}`];
    const own = OWN_VALUES[`${part}.${field}`];
    if (value === null || value === undefined || value === '') return '';
    if (typeof value === 'boolean') return this.value(value ? 'yes' : 'no');
    if (Array.isArray(value)) return value.map((v) => this.format(part, field, v)).filter(Boolean).join('; ');
    if (typeof value === 'string') {
      if (vocab) return this.code(vocab, value);
      if (own) return this.value(`${own}.${value}`);
      return value;
    }
    if (typeof value === 'number') return String(value);
    return JSON.stringify(value);
  }
}

/** A moment as printed: "2026-11-27 14:05 UTC". */
export const moment = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

/** The part of the case report that holds each record kind. */
export const RECORD_SECTION: Record<RecordKind, ReportSection> = {
  consent: 'consent',
  risk: 'risk',
  service: 'services',
  referral: 'referrals',
  followUp: 'followUps',
  note: 'notes',
  clinical: 'clinical',
};
const SECTION_RECORD = Object.fromEntries(Object.entries(RECORD_SECTION).map(([k, s]) => [s, k])) as Partial<Record<ReportSection, RecordKind>>;

/** The date a record is about, to order them (oldest first). */
const RECORD_DATE: Record<RecordKind, string> = {
  consent: 'givenOn',
  risk: 'assessedOn',
  service: 'startedOn',
  referral: 'referredOn',
  followUp: 'dueOn',
  note: 'writtenOn',
  clinical: 'occurredOn',
};

export function printHeader(w: PdfWriter, words: Words, db: Db, file: CaseFile): void {
  const h = file.header;
  w.heading(words.record('case'));
  w.field(words.text.case, h.code);
  w.field(words.field('case', 'status'), words.code('caseStatus', h.status));
  w.field(words.field('case', 'office'), h.office);
  w.field(words.text.openedOn, h.openedOn);
  if (h.closedOn) w.field(words.field('case', 'closedOn'), h.closedOn);
  w.field(words.field('case', 'assignedIds'), h.assignedIds.map((id) => displayName(db, id) ?? '').filter(Boolean).join('; '));
  w.field(words.field('case', 'supervisorId'), displayName(db, h.supervisorId) ?? '');
}

export function printIdentity(w: PdfWriter, words: Words, identity: Identity | null, note: string | null): void {
  w.heading(words.part('identity'));
  if (!identity) {
    w.field(words.part('identity'), words.text.sealed);
    if (note) w.paragraph(note, { muted: true });
    return;
  }
  const f = (k: keyof Identity) => words.field('identity', k);
  w.field(f('givenNames'), identity.givenNames);
  w.field(f('familyNames'), identity.familyNames);
  w.field(f('aliases'), identity.aliases.join('; '));
  w.field(f('dateOfBirth'), identity.dateOfBirth ?? '');
  w.field(f('estimatedAge'), identity.estimatedAge === null ? '' : String(identity.estimatedAge));
  w.field(f('contacts'), identity.contacts.map((c) => `${words.value(`contactKind.${c.kind}`)}: ${c.value}`).join('; '));
  w.field(f('currentLocation'), identity.currentLocation);
  w.field(f('shelter'), identity.shelter);
  w.field(f('familyContacts'), identity.familyContacts.map((c) => [c.name, c.relation ? `(${c.relation})` : '', c.contact].filter(Boolean).join(' ')).join('; '));
  w.field(
    f('documents'),
    identity.documents.map((d) => [d.type, d.number, d.country ? `(${words.code('country', d.country)})` : ''].filter(Boolean).join(' ')).join('; '),
  );
  w.field(f('photoAttachmentId'), words.value(identity.photoAttachmentId ? 'yes' : 'no'));
}

function printFields(w: PdfWriter, words: Words, part: string, data: Record<string, unknown>, skip: readonly string[] = []): void {
  for (const [field, value] of Object.entries(data)) {
    if (skip.includes(field)) continue;
    w.field(words.field(part, field), words.format(part, field, value));
  }
}

function printSection(w: PdfWriter, words: Words, name: SectionName, data: Record<string, unknown>): void {
  if (name === 'plan') {
    const objectives = (data.objectives ?? []) as { track: string; objective: string; actions: string; plannedEndOn: string | null; actualEndOn: string | null }[];
    if (!objectives.length) {
      w.paragraph(words.text.nothingRecorded, { muted: true });
      return;
    }
    const f = (k: string) => words.field('plan', k);
    w.table(
      [f('track'), f('objective'), f('actions'), f('plannedEndOn'), f('actualEndOn')],
      objectives.map((o) => [words.code('assistanceTrack', o.track), o.objective, o.actions, o.plannedEndOn ?? '', o.actualEndOn ?? '']),
      [2, 3, 4, 1.6, 1.6],
    );
    return;
  }
  printFields(w, words, name, data);
}

function printRecord(w: PdfWriter, words: Words, record: CaseRecord): void {
  const kind = record.kind;
  const date = record.data[RECORD_DATE[kind]];
  w.subheading([words.record(kind), typeof date === 'string' ? date : ''].filter(Boolean).join(' · '));
  if (kind === 'risk') {
    printFields(w, words, 'risk', record.data, ['factors']);
    const factors = (record.data.factors ?? []) as { level: string; description: string }[];
    if (factors.length) {
      w.table(
        [words.text.level, words.text.factor],
        factors.map((x) => [words.code('riskFactorLevel', x.level), x.description]),
        [1, 3],
      );
    }
  } else if (kind === 'referral') {
    const { consentId, ...rest } = record.data;
    printFields(w, words, 'referral', rest);
    w.field(words.field('referral', 'consentId'), words.value(consentId ? 'yes' : 'no'));
  } else {
    printFields(w, words, kind, record.data);
  }
  w.paragraph(fill(words.text.recordedBy, { who: record.createdBy, when: moment(record.createdAt) }), { muted: true });
}

/** One part of the case report (not the identity, which the callers print themselves). */
export function printPart(w: PdfWriter, words: Words, db: Db, file: CaseFile, part: ReportSection): void {
  if (part === 'header') {
    printHeader(w, words, db, file);
    return;
  }
  w.heading(words.part(part));
  if (part === 'clinical') w.paragraph(words.text.clinicalSensitive, { muted: true });
  const kind = SECTION_RECORD[part];
  if (kind) {
    const records = file.records
      .filter((r) => r.kind === kind)
      .sort((a, b) => String(a.data[RECORD_DATE[kind]] ?? '').localeCompare(String(b.data[RECORD_DATE[kind]] ?? '')) || a.createdAt.localeCompare(b.createdAt));
    if (!records.length) w.paragraph(words.text.nothingRecorded, { muted: true });
    for (const r of records) printRecord(w, words, r);
    return;
  }
  printSection(w, words, part as SectionName, file.sections[part as SectionName].data as Record<string, unknown>);
}

/** The document's title and the footer on every page: "Confidential · organisation · date · who". */
export function pdfMeta(session: Session, words: Words, title: string): PdfMeta {
  const { db } = session.vault;
  const organisation = readOrganisationName(db);
  const today = session.vault.location.now().toISOString().slice(0, 10);
  const who = displayName(db, session.accountId) ?? '';
  return {
    title,
    lang: words.lang,
    footer: {
      text: [words.text.confidential, organisation, today, `${words.text.producedBy} ${who}`].filter(Boolean).join(' · '),
      page: (n, m) => fill(words.text.page, { n, m }),
    },
  };
}

/** The vault may have locked (idle, OS lock) while the save dialog was open. */
export function assertStillOpen(session: Session): void {
  if (!session.vault.db.open) throw new AppError('NOT_SIGNED_IN', 'Amparo locked while the file was being chosen; nothing was exported.');
}

/** The export's entry in the trail: what kind, never the content or the path. */
export function auditExport(session: Session, action: AuditAction, caseId: string, detail: AuditDetail): void {
  const { db } = session.vault;
  const at = session.vault.location.now().toISOString();
  db.transaction(() => appendAudit(db, { at, actorId: session.accountId, action, target: caseId, detail }))();
}
