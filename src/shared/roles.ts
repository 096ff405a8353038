import { z } from 'zod';

/** The four roles of DESIGN.md §5. */
export const ROLES = ['administrator', 'supervisor', 'caseworker', 'coordinator'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
