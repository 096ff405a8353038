import { z } from 'zod';
import { recoveryKeyInputSchema } from './schemas';

/** Recovery shares (Shamir, k of n): defaults 3 of 5. */
export const SHARES_DEFAULT = { threshold: 3, shares: 5 } as const;
export const SHARES_MAX = 10;

export const recoverySharesRequestSchema = z
  .strictObject({
    recoveryKey: recoveryKeyInputSchema,
    threshold: z.number().int().min(2).max(SHARES_MAX).default(SHARES_DEFAULT.threshold),
    shares: z.number().int().min(2).max(SHARES_MAX).default(SHARES_DEFAULT.shares),
  })
  .refine((r) => r.threshold <= r.shares, { message: 'threshold must not exceed the number of shares', path: ['threshold'] });

export const recoverySharesSchema = z.strictObject({
  threshold: z.number().int(),
  /** One text per share, to print on its own sheet. */
  shares: z.array(z.string()),
});
export type RecoveryShares = z.infer<typeof recoverySharesSchema>;
