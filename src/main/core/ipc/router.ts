import type { z } from 'zod';
import { contract, isChannel } from '../../../shared/contract';
import { DURING_PASSPHRASE_CHANGE, accessOf, isAllowed } from '../../../shared/authorization';
import { AppError, type Envelope } from '../../../shared/errors';
import type { AppCore } from '../app/app-core';
import { databaseDamaged, isDatabaseDamage } from '../db/open';
import { diskError } from '../fs/disk-errors';
import type { Session } from '../users/session';
import { handlers as defaultHandlers, type Handlers } from './handlers';

export type Router = {
  handle(session: Session | null, channel: unknown, payload: unknown): Promise<Envelope<unknown>>;
};

/** Names the fields that failed and how, never the values sent. */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.code}`);
  return `The request is not valid (${parts.join('; ')}).`.slice(0, 500);
}

/**
 * An optional field sent as `undefined` (structured clone keeps it; zod lets it through) is left
 * out, as if not sent: handlers spread their input over what is stored, and an explicit
 * `undefined` there would erase a setting or a case's status (found by the channel fuzz).
 */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]));
}

/**
 * The one way into the core: `handle(session, channel, payload)` checks the channel, then who
 * is asking (the matrix of `shared/authorization.ts`), then the payload, calls the handler and checks its answer against the contract.
 * It never throws; every failure is `{ code, message }`.
 */
export function createRouter(core: AppCore, options: { handlers?: Handlers; onInternalError?: (error: unknown) => void } = {}): Router {
  const table = options.handlers ?? defaultHandlers;
  return {
    async handle(session, channel, payload) {
      try {
        if (!isChannel(channel)) throw new AppError('UNKNOWN_CHANNEL', 'There is no such channel.');
        const def = contract[channel];
        const access = accessOf(channel);
        const role = session?.role ?? null;
        if (access !== 'public' && !session) throw new AppError('NOT_SIGNED_IN', 'Sign in first.');
        if (!isAllowed(access, role)) throw new AppError('FORBIDDEN', 'Your role does not allow this.');
        if (session?.info.mustChangePassphrase && access !== 'public' && !DURING_PASSPHRASE_CHANGE.has(channel)) {
          throw new AppError('PASSPHRASE_CHANGE_REQUIRED', 'Choose a new passphrase before doing anything else.');
        }
        const parsed = def.request.safeParse(payload ?? {});
        if (!parsed.success) throw new AppError('BAD_REQUEST', describeIssues(parsed.error));
        const handler = table[channel] as (input: unknown, session: Session | null, core: AppCore) => unknown;
        const result = await handler(withoutUndefined(parsed.data), session, core);
        const checked = def.response.safeParse(result);
        if (!checked.success) throw new Error(`response of ${channel} does not match the contract`);
        return { ok: true, value: checked.data };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toJSON() };
        // A page that fails its authentication is a damaged or altered file, not a bug: say so.
        if (isDatabaseDamage(error)) return { ok: false, error: databaseDamaged().toJSON() };
        // A full or read-only disk refused the write (nothing was saved): say so, not INTERNAL.
        const disk = diskError(error);
        if (disk) return { ok: false, error: disk.toJSON() };
        options.onInternalError?.(error);
        return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong; nothing was changed.' } };
      }
    },
  };
}
