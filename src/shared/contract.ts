import { z } from 'zod';
import { languageSchema } from './languages';
import {
  accountIdSchema,
  accountSchema,
  appStatusSchema,
  displayNameSchema,
  loginResultSchema,
  lockReasonSchema,
  passphraseSchema,
  recoveryKeyInputSchema,
  sessionInfoSchema,
  settingsSchema,
  usernameSchema,
} from './schemas';
import { roleSchema } from './roles';
import {
  attachmentMetaSchema,
  caseFileSchema,
  caseHeaderSchema,
  caseListQuerySchema,
  caseListSchema,
  caseRecordSchema,
  headerChangeSchema,
  historyEntrySchema,
  homeSchema,
  intakeSchema,
  searchResultSchema,
  timelineEntrySchema,
} from './case-file/case';
import { caseIdSchema, changeStampSchema, reasonSchema, recordIdSchema, versionSchema } from './case-file/common';
import { identitySchema } from './case-file/identity';
import { RECORD_SCHEMAS } from './case-file/records';
import { staffMemberSchema, teamCreateSchema, teamIdSchema, teamSchema } from './staff';
import { auditChainStatusSchema, auditFilterSchema, auditPageSchema, auditQuerySchema } from './audit';
import { recoverySharesRequestSchema, recoverySharesSchema } from './recovery';
import { backupCreatedSchema, backupRestoreRequestSchema, backupRestoredSchema, backupStatusSchema } from './backup';
import { SECTION_SCHEMAS } from './case-file/sections';
import {
  keyFilePreviewSchema,
  organisationNameSchema,
  ourOrganisationSchema,
  partnerAddSchema,
  partnerIdSchema,
  partnerSchema,
  referralPreviewSchema,
  referralSendSchema,
  referralSentSchema,
} from './referrals';
import { retentionDeleteSchema, retentionDeletedSchema, retentionListSchema } from './retention';
import { caseReportRequestSchema, caseReportResultSchema, subjectAccessRequestSchema, subjectAccessResultSchema } from './reports';
import {
  statsDashboardSchema,
  statsExportRequestSchema,
  statsExportedSchema,
  statsProgressSchema,
  statsRangeSchema,
  statsSetRulesSchema,
  statsTableRequestSchema,
  statsTableSchema,
  statsVaultRulesViewSchema,
} from './statistics';

/** A channel: its request and response. Who may call it is the matrix in `authorization.ts`. */
interface ChannelDef<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
}

function channel<Req extends z.ZodType, Res extends z.ZodType>(def: ChannelDef<Req, Res>): ChannelDef<Req, Res> {
  return def;
}

const empty = z.strictObject({});
const done = z.strictObject({ done: z.literal(true) });

const caseRef = z.strictObject({ caseId: caseIdSchema });

/** One request shape per section / record kind, so the router validates the data itself. */
type SectionName = keyof typeof SECTION_SCHEMAS;
type RecordKind = keyof typeof RECORD_SCHEMAS;
type SectionSave<IO extends 'in' | 'out'> = {
  [S in SectionName]: { caseId: string; version: number; section: S; data: IO extends 'in' ? z.input<(typeof SECTION_SCHEMAS)[S]> : z.output<(typeof SECTION_SCHEMAS)[S]> };
}[SectionName];
type RecordAdd<IO extends 'in' | 'out'> = {
  [K in RecordKind]: { caseId: string; kind: K; data: IO extends 'in' ? z.input<(typeof RECORD_SCHEMAS)[K]> : z.output<(typeof RECORD_SCHEMAS)[K]> };
}[RecordKind];
type RecordUpdate<IO extends 'in' | 'out'> = {
  [K in RecordKind]: { recordId: string; version: number; kind: K; data: IO extends 'in' ? z.input<(typeof RECORD_SCHEMAS)[K]> : z.output<(typeof RECORD_SCHEMAS)[K]> };
}[RecordKind];

const union = (key: string, options: z.ZodObject[]) => z.discriminatedUnion(key, options as [z.ZodObject, ...z.ZodObject[]]);
const sectionSave = union(
  'section',
  Object.entries(SECTION_SCHEMAS).map(([section, data]) => z.strictObject({ caseId: caseIdSchema, version: versionSchema, section: z.literal(section), data })),
) as unknown as z.ZodType<SectionSave<'out'>, SectionSave<'in'>>;
const recordAdd = union(
  'kind',
  Object.entries(RECORD_SCHEMAS).map(([kind, data]) => z.strictObject({ caseId: caseIdSchema, kind: z.literal(kind), data })),
) as unknown as z.ZodType<RecordAdd<'out'>, RecordAdd<'in'>>;
const recordUpdate = union(
  'kind',
  Object.entries(RECORD_SCHEMAS).map(([kind, data]) => z.strictObject({ recordId: recordIdSchema, version: versionSchema, kind: z.literal(kind), data })),
) as unknown as z.ZodType<RecordUpdate<'out'>, RecordUpdate<'in'>>;

/** The whole IPC contract: every channel, its schemas and who may call it. */
export const contract = {
  'app.status': channel({ request: empty, response: appStatusSchema }),
  'preferences.setLanguage': channel({
    request: z.strictObject({ language: languageSchema }),
    response: z.strictObject({ language: languageSchema }),
  }),
  'vault.create': channel({
    request: z.strictObject({
      username: usernameSchema,
      displayName: displayNameSchema,
      passphrase: passphraseSchema,
    }),
    response: z.strictObject({ recoveryKey: z.string(), session: sessionInfoSchema }),
  }),
  'vault.confirmRecoveryKey': channel({
    request: z.strictObject({ recoveryKey: recoveryKeyInputSchema }),
    response: done,
  }),
  'auth.login': channel({
    request: z.strictObject({ username: usernameSchema, passphrase: passphraseSchema }),
    response: loginResultSchema,
  }),
  'auth.recover': channel({
    request: z.strictObject({
      recoveryKey: recoveryKeyInputSchema,
      username: usernameSchema,
      newPassphrase: passphraseSchema,
    }),
    response: done,
  }),
  /** A forgotten passphrase reset with k of the n recovery shares instead of the recovery key. */
  'auth.recoverWithShares': channel({
    request: z.strictObject({
      shares: z.array(z.string().min(1).max(400)).min(1).max(16),
      username: usernameSchema,
      newPassphrase: passphraseSchema,
    }),
    response: done,
  }),
  'session.lock': channel({
    request: z.strictObject({ reason: lockReasonSchema.extract(['manual', 'quick-hide', 'logout']) }),
    response: done,
  }),
  'session.activity': channel({ request: empty, response: done }),
  'session.changePassphrase': channel({
    request: z.strictObject({ currentPassphrase: passphraseSchema, newPassphrase: passphraseSchema }),
    response: sessionInfoSchema,
  }),
  'settings.get': channel({ request: empty, response: settingsSchema }),
  'settings.update': channel({
    request: settingsSchema.partial().strict(),
    response: settingsSchema,
  }),
  'users.list': channel({ request: empty, response: z.array(accountSchema) }),
  'users.create': channel({
    request: z.strictObject({
      username: usernameSchema,
      displayName: displayNameSchema,
      role: roleSchema,
      initialPassphrase: passphraseSchema,
      /** For a caseworker: the team they join. */
      teamId: teamIdSchema.nullable().optional(),
    }),
    response: accountSchema,
  }),
  'users.disable': channel({
    request: z.strictObject({ accountId: accountIdSchema }),
    response: accountSchema,
  }),
  'users.resetPassphrase': channel({
    request: z.strictObject({
      accountId: accountIdSchema,
      recoveryKey: recoveryKeyInputSchema,
      newPassphrase: passphraseSchema,
    }),
    response: accountSchema,
  }),
  'users.setTeam': channel({
    request: z.strictObject({ accountId: accountIdSchema, teamId: teamIdSchema.nullable() }),
    response: accountSchema,
  }),
  'teams.list': channel({ request: empty, response: z.array(teamSchema) }),
  'teams.create': channel({ request: teamCreateSchema, response: teamSchema }),
  'staff.directory': channel({ request: empty, response: z.array(staffMemberSchema) }),
  /** Splits the recovery key into shares (k of n) to print, each on its own sheet. */
  'recovery.createShares': channel({ request: recoverySharesRequestSchema, response: recoverySharesSchema }),
  /** Writes an encrypted backup through the main process's save dialog; null when cancelled. */
  'backup.create': channel({ request: empty, response: backupCreatedSchema.nullable() }),
  /** The last backup, whether a reminder is due, and the progress of one being made. */
  'backup.status': channel({ request: empty, response: backupStatusSchema }),
  /** Replaces the vault by a backup chosen in the main process's open dialog, verified first; null when cancelled. Locks after. */
  'backup.restore': channel({ request: backupRestoreRequestSchema, response: backupRestoredSchema.nullable() }),
  /** The same on a computer without a vault (first run: a new laptop set up from a backup). */
  'vault.restore': channel({ request: backupRestoreRequestSchema, response: backupRestoredSchema.nullable() }),
  'audit.query': channel({ request: auditQuerySchema, response: auditPageSchema }),
  /** Writes the filtered trail as CSV through the main process's save dialog; null when cancelled. */
  'audit.exportCsv': channel({ request: auditFilterSchema, response: z.strictObject({ entries: z.number().int().nonnegative() }).nullable() }),
  /** Walks the whole hash chain: whether the trail is intact, and the first problems (entry numbers only, no content). */
  'audit.verify': channel({ request: empty, response: auditChainStatusSchema }),
  'cases.list': channel({ request: caseListQuerySchema, response: caseListSchema }),
  'cases.create': channel({ request: intakeSchema, response: caseHeaderSchema }),
  'cases.get': channel({ request: caseRef, response: caseFileSchema }),
  'cases.updateHeader': channel({
    request: z.strictObject({ caseId: caseIdSchema, version: versionSchema, change: headerChangeSchema }),
    response: caseHeaderSchema,
  }),
  /** A supervisor changes who works on a case, with a reason (audited; the identity key follows). */
  'cases.reassign': channel({
    request: z.strictObject({
      caseId: caseIdSchema,
      version: versionSchema,
      assignedIds: z.array(accountIdSchema).min(1).max(20),
      reason: reasonSchema,
    }),
    response: caseHeaderSchema,
  }),
  'cases.saveSection': channel({
    request: sectionSave,
    response: z.strictObject({ data: z.record(z.string(), z.unknown()), stamp: changeStampSchema }),
  }),
  'cases.saveIdentity': channel({
    request: z.strictObject({ caseId: caseIdSchema, version: versionSchema, data: identitySchema }),
    response: z.strictObject({ data: identitySchema, stamp: changeStampSchema }),
  }),
  'records.add': channel({ request: recordAdd, response: caseRecordSchema }),
  'records.update': channel({ request: recordUpdate, response: caseRecordSchema }),
  'cases.search': channel({
    request: z.strictObject({ query: z.string().max(200), limit: z.number().int().min(1).max(200).default(50) }),
    response: searchResultSchema,
  }),
  'cases.home': channel({ request: empty, response: homeSchema }),
  'cases.timeline': channel({ request: caseRef, response: z.array(timelineEntrySchema) }),
  'cases.history': channel({ request: caseRef, response: z.array(historyEntrySchema) }),
  /** Opens the main process's file dialog: the renderer never sees a path. Null when cancelled. */
  'attachments.add': channel({ request: caseRef, response: attachmentMetaSchema.nullable() }),
  /** Writes an unencrypted copy where the person chooses in the main process's save dialog (audited); null when cancelled. */
  'attachments.saveCopy': channel({ request: z.strictObject({ attachmentId: z.uuid() }), response: z.strictObject({ bytes: z.number().int().nonnegative() }).nullable() }),
  /** Deletes an attachment, with a reason (field history), based on the case's version; its bytes leave the database. */
  'attachments.delete': channel({
    request: z.strictObject({ caseId: caseIdSchema, attachmentId: z.uuid(), version: versionSchema, reason: reasonSchema }),
    response: caseHeaderSchema,
  }),
  /** The cases the caller may see that were closed longer ago than the retention period: codes, closure dates and reasons only. */
  'retention.list': channel({ request: empty, response: retentionListSchema }),
  /** Deletes a case past retention for good, then rewrites the database (a worker thread); the reason is not stored. */
  'retention.delete': channel({ request: retentionDeleteSchema, response: retentionDeletedSchema }),
  /** Referral packages (issue 6 §2): our organisation's name and fingerprint (the key pair is made on first use). */
  'organisation.get': channel({ request: empty, response: ourOrganisationSchema }),
  'organisation.setName': channel({ request: z.strictObject({ name: organisationNameSchema }), response: ourOrganisationSchema }),
  /** Writes our public key file through the main process's save dialog; null when cancelled. */
  'organisation.exportKey': channel({ request: empty, response: z.strictObject({ fingerprint: z.string() }).nullable() }),
  'partners.list': channel({ request: empty, response: z.array(partnerSchema) }),
  /** Reads a partner's key file chosen in the main process's dialog; nothing is stored. Null when cancelled. */
  'partners.readKeyFile': channel({ request: empty, response: keyFilePreviewSchema.nullable() }),
  /** After the fingerprint was compared by phone. */
  'partners.add': channel({ request: partnerAddSchema, response: partnerSchema }),
  'partners.remove': channel({ request: z.strictObject({ partnerId: partnerIdSchema }), response: done }),
  /** Writes a package for a partner through the save dialog (consent checked first); null when cancelled. */
  'referrals.send': channel({ request: referralSendSchema, response: referralSentSchema.nullable() }),
  /** Opens a package file chosen in the main process's dialog: who, when, which parts. Null when cancelled. */
  'referrals.open': channel({ request: empty, response: referralPreviewSchema.nullable() }),
  /** Creates the new case from the package opened. */
  'referrals.accept': channel({ request: z.strictObject({ token: z.string().regex(/^[0-9a-f]{32}$/) }), response: caseHeaderSchema }),
  'referrals.discard': channel({ request: z.strictObject({ token: z.string().regex(/^[0-9a-f]{32}$/) }), response: done }),
  /** A PDF of a case (chosen sections, language; identity redacted unless chosen and open to the caller) through the save dialog; null when cancelled. */
  'reports.caseReport': channel({ request: caseReportRequestSchema, response: caseReportResultSchema.nullable() }),
  /** Everything held about the person of a case (JSON or PDF) through the save dialog, for a data-protection request; null when cancelled. */
  'reports.subjectAccess': channel({ request: subjectAccessRequestSchema, response: subjectAccessResultSchema.nullable() }),
  /** Anonymized statistics (issue 5): the dashboard's tables, every count already suppressed and rounded (computed in a worker). */
  'statistics.dashboard': channel({ request: statsRangeSchema, response: statsDashboardSchema }),
  /** A safe table over 1–3 dimensions, with the rules it was protected by. */
  'statistics.table': channel({ request: statsTableRequestSchema, response: statsTableSchema }),
  /** Writes a table, the dashboard or microdata through the main process's save dialog (audited); null when cancelled. */
  'statistics.export': channel({ request: statsExportRequestSchema, response: statsExportedSchema.nullable() }),
  /** The computations running for this vault and how far they are. */
  'statistics.progress': channel({ request: empty, response: statsProgressSchema }),
  /** The vault's statistics rules (the defaults, made stricter by an administrator) and the privacy budget. */
  'statistics.rules': channel({ request: empty, response: statsVaultRulesViewSchema }),
  /** An administrator makes the vault's statistics rules stricter (never looser than the defaults), and may lower the privacy budget; audited. */
  'statistics.setRules': channel({ request: statsSetRulesSchema, response: statsVaultRulesViewSchema }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
/** What a handler receives: the request after the router's parse (defaults filled in). */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events the main process pushes to the renderer. */
export const EVENTS = {
  locked: 'session.locked',
} as const;
export const lockedEventSchema = z.strictObject({ reason: lockReasonSchema });
export type LockedEvent = z.infer<typeof lockedEventSchema>;

/** The API the preload exposes as `window.api`; the e2e bridge provides the same shape. */
export interface AmparoApi {
  invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<import('./errors').Envelope<ResponseOf<C>>>;
  onLocked(listener: (event: LockedEvent) => void): () => void;
}
