import { z } from 'zod';
import { accountIdSchema, isoDateTimeSchema } from './schemas';

/** Every kind of entry in the audit trail (DESIGN.md §5): what happened, never the content. */
export const AUDIT_ACTIONS = [
  'vault.created',
  'vault.recovery_key_confirmed',
  'vault.recovery_shares_created',
  'session.login',
  'session.login_failed',
  'session.lock',
  'session.recovery_used',
  'account.created',
  'account.disabled',
  'account.passphrase_changed',
  'account.passphrase_reset',
  'account.team_changed',
  'team.created',
  'settings.changed',
  'backup.created',
  'backup.restored',
  'case.created',
  'case.viewed',
  'case.changed',
  'case.reassigned',
  'case.consent_override',
  'case.deleted',
  'case.report_exported',
  'case.subject_access_exported',
  'case.attachment_exported',
  'audit.exported',
  'stats.exported',
  'stats.privacy_budget_spent',
  'stats.rules_changed',
  'organisation.name_changed',
  'organisation.key_created',
  'organisation.key_exported',
  'partner.added',
  'partner.removed',
  'referral.sent',
  'referral.received',
  'referral.refused',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

const isoDate = z.iso.date();

/** The audit screen's filters: by person, case code, action and day range (inclusive). */
export const auditFilterSchema = z.strictObject({
  actorId: accountIdSchema.optional(),
  caseCode: z.string().trim().min(1).max(40).optional(),
  action: auditActionSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = auditFilterSchema.extend({
  /**
   * Newest first (by time, then by number): the page that follows the entry with this sequence
   * number, i.e. the last entry of the page before.
   */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const auditEntryViewSchema = z.strictObject({
  seq: z.number().int().positive(),
  at: isoDateTimeSchema,
  actorId: accountIdSchema.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  /** The case code when the entry is about a case; the account's name when about an account. */
  targetLabel: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

export const auditPageSchema = z.strictObject({
  entries: z.array(auditEntryViewSchema),
  /** Whether older entries match the filters. */
  more: z.boolean(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/**
 * An entry number as stored. Not `.int()` (safe integers only): a file edited outside Amparo may
 * hold any integer there, and the answer must still say the chain is broken.
 */
const chainSeqSchema = z.number();

/**
 * One way the audit chain is broken (DESIGN.md §5). Entry numbers only, never an entry's content,
 * so the CLI and the audit screen can each say it in their own words.
 */
export const auditChainProblemSchema = z.discriminatedUnion('kind', [
  /** Entries `from`–`to` are gone (deleted). */
  z.strictObject({ kind: z.literal('missing'), from: chainSeqSchema, to: chainSeqSchema }),
  /** Entry `seq` does not carry the hash of the one before it (deleted, inserted or reordered). */
  z.strictObject({ kind: z.literal('unlinked'), seq: chainSeqSchema }),
  /** Entry `seq`'s detail is not JSON. */
  z.strictObject({ kind: z.literal('unreadable'), seq: chainSeqSchema }),
  /** Entry `seq`'s hash does not match its content. */
  z.strictObject({ kind: z.literal('edited'), seq: chainSeqSchema }),
  /** Entries after `after` (the recorded head) were added outside Amparo. */
  z.strictObject({ kind: z.literal('appended'), after: chainSeqSchema }),
  /** The newest entries were removed: the chain ends before its recorded head. */
  z.strictObject({ kind: z.literal('truncated') }),
  /** The record of the chain's head is missing. */
  z.strictObject({ kind: z.literal('head-missing') }),
]);
export type AuditChainProblem = z.infer<typeof auditChainProblemSchema>;

/** At most this many problems in an answer: a ruined chain (every entry edited) stays a small answer. */
export const AUDIT_CHAIN_MAX_PROBLEMS = 20;

export const auditChainStatusSchema = z.strictObject({
  entries: z.number().int().nonnegative(),
  intact: z.boolean(),
  /** The first problems found, in chain order (at most AUDIT_CHAIN_MAX_PROBLEMS). */
  problems: z.array(auditChainProblemSchema).max(AUDIT_CHAIN_MAX_PROBLEMS),
  /** How many problems there are in all. */
  problemCount: z.number().int().nonnegative(),
  checkedAt: isoDateTimeSchema,
});
export type AuditChainStatus = z.infer<typeof auditChainStatusSchema>;
