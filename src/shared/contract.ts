import { z } from 'zod';
import type { Role } from './roles';
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
import { caseIdSchema, changeStampSchema, recordIdSchema, versionSchema } from './case-file/common';
import { identitySchema } from './case-file/identity';
import { RECORD_SCHEMAS } from './case-file/records';
import { SECTION_SCHEMAS } from './case-file/sections';

/**
 * Who may call a channel:
 * - 'public': also while locked (status, login, first run);
 * - 'signed-in': any unlocked session;
 * - a list of roles: only those.
 * A session that must change its passphrase may call only channels marked `duringPassphraseChange`.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

interface ChannelDef<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  access: Access;
  duringPassphraseChange?: boolean;
}

function channel<Req extends z.ZodType, Res extends z.ZodType>(def: ChannelDef<Req, Res>): ChannelDef<Req, Res> {
  return def;
}

const empty = z.strictObject({});
const done = z.strictObject({ done: z.literal(true) });

/** Case content is for the people who work on cases; administrators and coordinators see none. */
const CASE_ROLES = ['caseworker', 'supervisor'] as const;
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
  'app.status': channel({ request: empty, response: appStatusSchema, access: 'public' }),
  'preferences.setLanguage': channel({
    request: z.strictObject({ language: languageSchema }),
    response: z.strictObject({ language: languageSchema }),
    access: 'public',
  }),
  'vault.create': channel({
    request: z.strictObject({
      username: usernameSchema,
      displayName: displayNameSchema,
      passphrase: passphraseSchema,
    }),
    response: z.strictObject({ recoveryKey: z.string(), session: sessionInfoSchema }),
    access: 'public',
  }),
  'vault.confirmRecoveryKey': channel({
    request: z.strictObject({ recoveryKey: recoveryKeyInputSchema }),
    response: done,
    access: ['administrator'],
  }),
  'auth.login': channel({
    request: z.strictObject({ username: usernameSchema, passphrase: passphraseSchema }),
    response: loginResultSchema,
    access: 'public',
  }),
  'auth.recover': channel({
    request: z.strictObject({
      recoveryKey: recoveryKeyInputSchema,
      username: usernameSchema,
      newPassphrase: passphraseSchema,
    }),
    response: done,
    access: 'public',
  }),
  'session.lock': channel({
    request: z.strictObject({ reason: lockReasonSchema.extract(['manual', 'quick-hide', 'logout']) }),
    response: done,
    access: 'signed-in',
    duringPassphraseChange: true,
  }),
  'session.activity': channel({ request: empty, response: done, access: 'signed-in', duringPassphraseChange: true }),
  'session.changePassphrase': channel({
    request: z.strictObject({ currentPassphrase: passphraseSchema, newPassphrase: passphraseSchema }),
    response: sessionInfoSchema,
    access: 'signed-in',
    duringPassphraseChange: true,
  }),
  'settings.get': channel({ request: empty, response: settingsSchema, access: 'signed-in' }),
  'settings.update': channel({
    request: settingsSchema.partial().strict(),
    response: settingsSchema,
    access: ['administrator'],
  }),
  'users.list': channel({ request: empty, response: z.array(accountSchema), access: ['administrator'] }),
  'users.create': channel({
    request: z.strictObject({
      username: usernameSchema,
      displayName: displayNameSchema,
      role: roleSchema,
      initialPassphrase: passphraseSchema,
    }),
    response: accountSchema,
    access: ['administrator'],
  }),
  'users.disable': channel({
    request: z.strictObject({ accountId: accountIdSchema }),
    response: accountSchema,
    access: ['administrator'],
  }),
  'users.resetPassphrase': channel({
    request: z.strictObject({
      accountId: accountIdSchema,
      recoveryKey: recoveryKeyInputSchema,
      newPassphrase: passphraseSchema,
    }),
    response: accountSchema,
    access: ['administrator'],
  }),
  'cases.list': channel({ request: caseListQuerySchema, response: caseListSchema, access: CASE_ROLES }),
  'cases.create': channel({ request: intakeSchema, response: caseHeaderSchema, access: CASE_ROLES }),
  'cases.get': channel({ request: caseRef, response: caseFileSchema, access: CASE_ROLES }),
  'cases.updateHeader': channel({
    request: z.strictObject({ caseId: caseIdSchema, version: versionSchema, change: headerChangeSchema }),
    response: caseHeaderSchema,
    access: CASE_ROLES,
  }),
  'cases.saveSection': channel({
    request: sectionSave,
    response: z.strictObject({ data: z.record(z.string(), z.unknown()), stamp: changeStampSchema }),
    access: CASE_ROLES,
  }),
  'cases.saveIdentity': channel({
    request: z.strictObject({ caseId: caseIdSchema, version: versionSchema, data: identitySchema }),
    response: z.strictObject({ data: identitySchema, stamp: changeStampSchema }),
    access: CASE_ROLES,
  }),
  'records.add': channel({ request: recordAdd, response: caseRecordSchema, access: CASE_ROLES }),
  'records.update': channel({ request: recordUpdate, response: caseRecordSchema, access: CASE_ROLES }),
  'cases.search': channel({
    request: z.strictObject({ query: z.string().max(200), limit: z.number().int().min(1).max(200).default(50) }),
    response: searchResultSchema,
    access: CASE_ROLES,
  }),
  'cases.home': channel({ request: empty, response: homeSchema, access: CASE_ROLES }),
  'cases.timeline': channel({ request: caseRef, response: z.array(timelineEntrySchema), access: CASE_ROLES }),
  'cases.history': channel({ request: caseRef, response: z.array(historyEntrySchema), access: CASE_ROLES }),
  /** Opens the main process's file dialog: the renderer never sees a path. Null when cancelled. */
  'attachments.add': channel({ request: caseRef, response: attachmentMetaSchema.nullable(), access: CASE_ROLES }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
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
