import { z } from 'zod';
import { accountIdSchema, displayNameSchema } from './schemas';
import { roleSchema } from './roles';

/** Teams (DESIGN.md §5): a supervisor and the caseworkers who report to them. */
export const teamIdSchema = z.uuid();

export const teamSchema = z.strictObject({
  id: teamIdSchema,
  name: z.string(),
  supervisorId: accountIdSchema,
  memberIds: z.array(accountIdSchema),
});
export type Team = z.infer<typeof teamSchema>;

export const teamCreateSchema = z.strictObject({ name: displayNameSchema, supervisorId: accountIdSchema });

/** The colleagues a caseworker or supervisor may see named on a case (no usernames, no logins). */
export const staffMemberSchema = z.strictObject({
  id: accountIdSchema,
  displayName: z.string(),
  role: roleSchema,
  teamId: teamIdSchema.nullable(),
  active: z.boolean(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;
