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
