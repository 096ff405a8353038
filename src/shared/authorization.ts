import type { Channel } from './contract';
import { ROLES, type Role } from './roles';

/**
 * The authorization matrix (DESIGN.md §5): for every channel of the contract, who may call it.
 * It is data beside the contract, enforced by the router, and printed in docs/authorization.md
 * (`npm run docs:authorization`; a test keeps the two equal).
 * - 'public': also while signed out (status, sign-in, first run, recovery);
 * - 'signed-in': any unlocked session;
 * - a list of roles: only those.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** Case content: the people who work on cases. Administrators and coordinators see none. */
const CASE_ROLES = ['caseworker', 'supervisor'] as const;
const ADMIN = ['administrator'] as const;
const OVERSIGHT = ['administrator', 'supervisor'] as const;
/** Anonymized statistics (DESIGN.md §6): coordinators and supervisors. */
const STATS = ['coordinator', 'supervisor'] as const;

export const AUTHORIZATION = {
  'app.status': 'public',
  'preferences.setLanguage': 'public',
  'vault.create': 'public',
  'vault.confirmRecoveryKey': ADMIN,
  'auth.login': 'public',
  'auth.recover': 'public',
  'auth.recoverWithShares': 'public',
  'session.lock': 'signed-in',
  'session.activity': 'signed-in',
  'session.changePassphrase': 'signed-in',
  'settings.get': 'signed-in',
  'settings.update': ADMIN,
  'users.list': ADMIN,
  'users.create': ADMIN,
  'users.disable': ADMIN,
  'users.resetPassphrase': ADMIN,
  'users.setTeam': ADMIN,
  'teams.list': OVERSIGHT,
  'teams.create': ADMIN,
  'staff.directory': ['administrator', 'supervisor', 'caseworker'],
  'recovery.createShares': ADMIN,
  'backup.create': ADMIN,
  'backup.status': ADMIN,
  // Restoring replaces the whole vault: over an existing one only by its administrator; on a
  // computer without a vault (a new laptop) by whoever holds the backup and a passphrase in it —
  // `vault.restore` refuses when a vault exists, as `vault.create` does.
  'backup.restore': ADMIN,
  'vault.restore': 'public',
  'audit.query': OVERSIGHT,
  'audit.exportCsv': OVERSIGHT,
  'audit.verify': OVERSIGHT,
  'cases.list': CASE_ROLES,
  'cases.create': CASE_ROLES,
  'cases.get': CASE_ROLES,
  'cases.updateHeader': CASE_ROLES,
  'cases.reassign': ['supervisor'],
  'cases.saveSection': CASE_ROLES,
  'cases.saveIdentity': CASE_ROLES,
  'records.add': CASE_ROLES,
  'records.update': CASE_ROLES,
  'cases.search': CASE_ROLES,
  'cases.home': CASE_ROLES,
  'cases.timeline': CASE_ROLES,
  'cases.history': CASE_ROLES,
  'attachments.add': CASE_ROLES,
  'attachments.saveCopy': CASE_ROLES,
  'attachments.delete': CASE_ROLES,
  'retention.list': ['supervisor'],
  'retention.delete': ['supervisor'],
  'organisation.get': ['administrator', 'supervisor', 'caseworker'],
  'organisation.setName': ADMIN,
  'organisation.exportKey': ADMIN,
  'partners.list': ['administrator', 'supervisor', 'caseworker'],
  'partners.readKeyFile': ADMIN,
  'partners.add': ADMIN,
  'partners.remove': ADMIN,
  'referrals.send': CASE_ROLES,
  'referrals.open': CASE_ROLES,
  'referrals.accept': CASE_ROLES,
  'referrals.discard': CASE_ROLES,
  'reports.caseReport': CASE_ROLES,
  'reports.subjectAccess': ['supervisor'],
  'statistics.dashboard': STATS,
  'statistics.table': STATS,
  'statistics.export': STATS,
  'statistics.progress': STATS,
  'statistics.rules': ['administrator', ...STATS],
  'statistics.setRules': ADMIN,
} as const satisfies Record<Channel, Access>;

/** A session that must change its passphrase may call only these (and public channels). */
export const DURING_PASSPHRASE_CHANGE: ReadonlySet<Channel> = new Set<Channel>(['session.lock', 'session.activity', 'session.changePassphrase']);

export function isAllowed(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  return access === 'signed-in' || access.includes(role);
}

export function accessOf(channel: Channel): Access {
  return AUTHORIZATION[channel];
}

/** The matrix as a Markdown table: one row per channel, a column per role and one for "signed out". */
export function authorizationTable(channels: readonly Channel[]): string {
  const mark = (yes: boolean) => (yes ? '✔' : '—');
  const head = `| channel | ${ROLES.join(' | ')} | signed out |\n|---|${ROLES.map(() => ':-:').join('|')}|:-:|`;
  const rows = channels.map((channel) => {
    const access = accessOf(channel);
    const note = DURING_PASSPHRASE_CHANGE.has(channel) ? ' ¹' : '';
    return `| \`${channel}\`${note} | ${ROLES.map((role) => mark(isAllowed(access, role))).join(' | ')} | ${mark(isAllowed(access, null))} |`;
  });
  return [head, ...rows].join('\n');
}
