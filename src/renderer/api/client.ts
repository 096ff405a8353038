import type { Channel, LockedEvent, RequestOf, ResponseOf } from '../../shared/contract';
import { errorCodeSchema, type ErrorCode } from '../../shared/errors';

/** An error answered by the core (or by the bridge), with the code the UI translates. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export function hasBridge(): boolean {
  return typeof window !== 'undefined' && typeof window.api?.invoke === 'function';
}

type SignedOutListener = () => void;
let signedOutListener: SignedOutListener | null = null;

/** Called when a signed-in call is refused because the session has already ended. */
export function onSignedOut(listener: SignedOutListener): void {
  signedOutListener = listener;
}

/**
 * Calls one channel of the contract and unwraps the envelope: resolves to the value, or throws
 * an ApiError carrying the code. Never returns an envelope.
 */
export async function call<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
  if (!hasBridge()) throw new ApiError('INTERNAL', 'The application bridge is not available.');
  let envelope: Awaited<ReturnType<typeof window.api.invoke<C>>>;
  try {
    envelope = await window.api.invoke(channel, payload);
  } catch {
    throw new ApiError('INTERNAL', 'Something went wrong; nothing was changed.');
  }
  if (envelope && envelope.ok) return envelope.value;
  const code = errorCodeSchema.safeParse(envelope?.error?.code);
  const message = typeof envelope?.error?.message === 'string' ? envelope.error.message : '';
  const error = new ApiError(code.success ? code.data : 'INTERNAL', message);
  if (error.code === 'NOT_SIGNED_IN' && channel !== 'app.status') signedOutListener?.();
  throw error;
}

/** Subscribes to the lock event pushed by the main process. */
export function subscribeLocked(listener: (event: LockedEvent) => void): () => void {
  if (!hasBridge() || typeof window.api.onLocked !== 'function') return () => undefined;
  return window.api.onLocked(listener);
}
