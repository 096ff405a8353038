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
