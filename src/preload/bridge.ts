import type { AmparoApi, Channel, EVENTS, LockedEvent, RequestOf, ResponseOf } from '../shared/contract';
import type { Envelope } from '../shared/errors';
import type { LockReason } from '../shared/schemas';

/**
 * The preload's logic without electron, so the tests can drive it. It imports only types from
 * the contract: a sandboxed preload cannot `require` npm packages, and the contract's runtime
 * brings zod.
 */

/** The two IPC names between preload and main; the main process imports them from here. */
export const IPC_INVOKE = 'amparo:invoke';
export const IPC_EVENT = 'amparo:event';

/** Must equal `EVENTS.locked`; the type annotation makes the compiler check it. */
export const LOCKED_EVENT: (typeof EVENTS)['locked'] = 'session.locked';

/**
 * The contract's channel names. `satisfies Record<Channel, true>` makes the compiler refuse a
 * missing or an extra name, and a unit test compares the list with `CHANNELS`.
 */
const CHANNEL_TABLE = {
  'app.status': true,
  'preferences.setLanguage': true,
  'vault.create': true,
  'vault.confirmRecoveryKey': true,
  'auth.login': true,
  'auth.recover': true,
  'auth.recoverWithShares': true,
  'session.lock': true,
  'session.activity': true,
  'session.changePassphrase': true,
  'settings.get': true,
  'settings.update': true,
  'users.list': true,
  'users.create': true,
  'users.disable': true,
  'users.resetPassphrase': true,
  'users.setTeam': true,
  'teams.list': true,
  'teams.create': true,
  'staff.directory': true,
  'recovery.createShares': true,
  'backup.create': true,
  'backup.status': true,
  'backup.restore': true,
  'vault.restore': true,
  'audit.query': true,
  'audit.exportCsv': true,
  'audit.verify': true,
  'cases.list': true,
  'cases.create': true,
  'cases.get': true,
  'cases.updateHeader': true,
  'cases.reassign': true,
  'cases.saveSection': true,
  'cases.saveIdentity': true,
  'records.add': true,
  'records.update': true,
  'cases.search': true,
  'cases.home': true,
  'cases.timeline': true,
  'cases.history': true,
  'attachments.add': true,
  'attachments.saveCopy': true,
  'attachments.delete': true,
  'retention.list': true,
  'retention.delete': true,
  'organisation.get': true,
  'organisation.setName': true,
  'organisation.exportKey': true,
  'partners.list': true,
  'partners.readKeyFile': true,
  'partners.add': true,
  'partners.remove': true,
  'referrals.send': true,
  'referrals.open': true,
  'referrals.accept': true,
  'referrals.discard': true,
  'reports.caseReport': true,
  'reports.subjectAccess': true,
  'statistics.dashboard': true,
  'statistics.table': true,
  'statistics.export': true,
  'statistics.progress': true,
  'statistics.rules': true,
  'statistics.setRules': true,
} as const satisfies Record<Channel, true>;

export const PRELOAD_CHANNELS = Object.keys(CHANNEL_TABLE) as Channel[];

export function isKnownChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CHANNEL_TABLE, name);
}

const LOCK_REASONS = {
  manual: true,
  'quick-hide': true,
  logout: true,
  idle: true,
  'os-lock': true,
  suspend: true,
  restored: true,
} as const satisfies Record<LockReason, true>;

/** The part of `ipcRenderer` the bridge uses. */
export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const UNKNOWN_CHANNEL: Envelope<never> = { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'There is no such channel.' } };

/** `window.api`: invoke for the contract's channels, and the lock event. Nothing else. */
export function createApi(ipc: IpcLike): AmparoApi {
  const api = {
    invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<Envelope<ResponseOf<C>>> {
      // The renderer is typed, but a name from anywhere else must not reach the main process.
      if (!isKnownChannel(channel)) return Promise.resolve(UNKNOWN_CHANNEL);
      return ipc.invoke(IPC_INVOKE, channel, payload) as Promise<Envelope<ResponseOf<C>>>;
    },
    onLocked(listener: (event: LockedEvent) => void) {
      // The renderer gets a fresh `{ reason }`, never the IpcRendererEvent (it exposes `sender`).
      const relay = (_event: unknown, name?: unknown, payload?: unknown) => {
        if (name !== LOCKED_EVENT) return;
        const reason = (payload as { reason?: unknown } | null | undefined)?.reason;
        if (typeof reason === 'string' && Object.prototype.hasOwnProperty.call(LOCK_REASONS, reason)) {
          listener({ reason } as LockedEvent);
        }
      };
      ipc.on(IPC_EVENT, relay);
      return () => {
        ipc.removeListener(IPC_EVENT, relay);
      };
    },
  } satisfies AmparoApi;
  return api;
}
