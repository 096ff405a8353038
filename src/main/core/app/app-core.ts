import { AppError } from '../../../shared/errors';
import type { Language } from '../../../shared/languages';
import type { AppStatus, LockReason, LoginResult, SessionInfo, Settings } from '../../../shared/schemas';
import { appendAudit } from '../audit/chain';
import { wipe } from '../crypto/bytes';
import { databaseDamaged, isDatabaseDamage } from '../db/open';
import { LockController, systemClock, type Clock } from '../lock/lock-controller';
import { DEFAULT_SETTINGS, readFlag, readSettings, writeFlag, writeSettings } from '../settings/settings';
import { findById, findByUsername, insertAccount, recordLogin, toSessionInfo } from '../users/accounts';
import { escrowSecretKey } from '../users/escrow';
import { checkPassphrase } from '../users/passphrase-policy';
import { resetWithRecovery } from '../users/service';
import { Session } from '../users/session';
import type { KdfParams } from '../vault/kdf';
import { readLanguage, writeLanguage } from '../vault/preferences';
import { createVault, unlockWithPassphrase, unlockWithRecoveryKey, VaultLocation } from '../vault/vault';
import { countFailedSinceLastLogin } from './login-history';
import { removeRestoreLeftovers, replaceWithBackup } from '../backup/replace';

export interface AppCoreOptions {
  dataDir: string;
  clock?: Clock;
  kdf?: KdfParams;
  nativeBinding?: string;
  /**
   * Lets the person choose a file to attach (the shell: a native open dialog; tests: a fake).
   * The main process reads it; the renderer never sees a path. Null when cancelled.
   */
  pickFile?: (kind?: OpenFileKind) => Promise<PickedFile | null>;
  /**
   * Lets the person choose where to save an export (the shell: a native save dialog; tests: a
   * fake), suggesting a file name. The main process writes there; the renderer never sees the
   * path. Null when cancelled.
   */
  pickSavePath?: (suggestedName: string, kind: SaveFileKind) => Promise<string | null>;
  /**
   * Lets the person choose a file the main process reads itself, too large to hand over in
   * memory (a backup to restore). The renderer never sees the path. Null when cancelled.
   */
  pickOpenPath?: (kind: 'backup') => Promise<string | null>;
}

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** What an export saves, so the dialog can offer the right file type. */
export type SaveFileKind = 'csv' | 'xlsx' | 'pdf' | 'json' | 'backup' | 'referral' | 'organisation-key' | 'attachment';

/** What the open dialog is for (an attachment when not said), so it can offer the right file type. */
export type OpenFileKind = 'attachment' | 'referral' | 'organisation-key';

type Listener<T> = (value: T) => void;

const RECOVERY_CONFIRMED = 'recovery-key-confirmed-at';
/** At startup, a restore's staging folder is a leftover once untouched this long (another process may be restoring). */
const RESTORE_LEFTOVER_AGE_MS = 15 * 60 * 1000;

/**
 * The application without Electron: one data folder, at most one signed-in session, the lock
 * state machine. The shell and the e2e bridge both drive it through the router.
 */
export class AppCore {
  readonly location: VaultLocation;
  private current: Session | null = null;
  private readonly lockController: LockController;
  private readonly lockListeners = new Set<Listener<LockReason>>();
  private readonly settingsListeners = new Set<Listener<Settings>>();
  /** One unlock at a time: two concurrent logins must not race over the same files. */
  private busy: Promise<unknown> = Promise.resolve();
  readonly pickFile: (kind?: OpenFileKind) => Promise<PickedFile | null>;
  readonly pickSavePath: (suggestedName: string, kind: SaveFileKind) => Promise<string | null>;
  readonly pickOpenPath: (kind: 'backup') => Promise<string | null>;

  constructor(options: AppCoreOptions) {
    this.pickOpenPath = options.pickOpenPath ?? (async () => null);
    this.pickFile = options.pickFile ?? (async () => null);
    this.pickSavePath = options.pickSavePath ?? (async () => null);
    const clock = options.clock ?? systemClock;
    this.location = new VaultLocation({
      dataDir: options.dataDir,
      kdf: options.kdf,
      now: () => new Date(clock.now()),
      nativeBinding: options.nativeBinding,
    });
    this.lockController = new LockController(clock, DEFAULT_SETTINGS.idleMinutes, (reason) => this.endSession(reason));
    // Before any vault is opened: what a restore interrupted by a crash left beside the data folder.
    removeRestoreLeftovers(this.location.paths.dataDir, { olderThanMs: RESTORE_LEFTOVER_AGE_MS });
  }

  get session(): Session | null {
    return this.current;
  }

  get lock(): LockController {
    return this.lockController;
  }

  onLocked(listener: Listener<LockReason>): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  onSettingsChanged(listener: Listener<Settings>): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  status(): AppStatus {
    const session = this.current;
    return {
      state: session ? 'unlocked' : this.location.exists() ? 'locked' : 'no-vault',
      session: session ? session.info : null,
      language: readLanguage(this.location.paths.preferences),
      retryAfterSeconds: session ? 0 : this.location.exists() ? this.location.retryAfterSeconds() : 0,
      recoveryKeyPending: session?.role === 'administrator' && readFlag(session.vault.db, RECOVERY_CONFIRMED) === null,
    };
  }

  setLanguage(language: Language): Language {
    this.location.ensureFolder();
    writeLanguage(this.location.paths.preferences, language);
    return language;
  }

  async createVault(input: { username: string; displayName: string; passphrase: string }): Promise<{ recoveryKey: string; session: SessionInfo }> {
    return this.exclusive(async () => {
      if (this.location.exists()) throw new AppError('VAULT_EXISTS', 'This data folder already holds a vault; nothing was changed.');
      checkPassphrase(input.passphrase, input.username);
      const created = await createVault(this.location, { username: input.username, passphrase: input.passphrase }, (db, c) => {
        const at = this.location.now().toISOString();
        db.transaction(() => {
          db.prepare('INSERT INTO vault_secrets (name, value) VALUES (?, ?)').run('attempts-secret-key', Buffer.from(c.attemptsSecretKey));
          insertAccount(db, {
            id: c.admin.accountId,
            username: input.username,
            displayName: input.displayName,
            role: 'administrator',
            publicKey: c.admin.publicKey,
            escrowedSecretKey: escrowSecretKey(c.recoveryPublicKey, c.admin.secretKey),
            slotId: c.slotId,
            mustChangePassphrase: false,
            at,
          });
          appendAudit(db, { at, actorId: c.admin.accountId, action: 'vault.created', detail: { vaultFormat: 1 } });
          appendAudit(db, { at, actorId: c.admin.accountId, action: 'account.created', target: c.admin.accountId, detail: { role: 'administrator' } });
          appendAudit(db, { at, actorId: c.admin.accountId, action: 'session.login', target: c.admin.accountId });
          recordLogin(db, c.admin.accountId, at);
        })();
      });
      const account = findById(created.vault.db, created.admin.accountId)!;
      this.startSession(new Session(toSessionInfo(account), created.vault, created.admin.secretKey));
      return { recoveryKey: created.recoveryKey, session: toSessionInfo(account) };
    });
  }

  async login(username: string, passphrase: string): Promise<LoginResult> {
    return this.exclusive(async () => {
      if (this.current) throw new AppError('BAD_REQUEST', 'Someone is signed in; lock Amparo before signing in again.');
      const unlocked = await unlockWithPassphrase(this.location, username, passphrase);
      const { vault } = unlocked;
      const at = this.location.now().toISOString();
      let account: ReturnType<typeof findById>;
      let failedSince = 0;
      try {
        account = findById(vault.db, unlocked.accountId);
        vault.db.transaction(() => {
          // The attempts drained from the file are audited first, whatever happens next.
          for (const attempt of unlocked.failedAttempts) {
            const target = attempt.username ? findByUsername(vault.db, attempt.username) : null;
            // The typed name is not recorded: people sometimes type their passphrase into it.
            appendAudit(vault.db, { at: attempt.at, actorId: null, action: 'session.login_failed', target: target?.id ?? null, detail: { knownAccount: target !== null } });
          }
          if (!account || account.disabled) return;
          failedSince = countFailedSinceLastLogin(vault.db, account.id);
          appendAudit(vault.db, { at, actorId: account.id, action: 'session.login', target: account.id });
          recordLogin(vault.db, account.id, at);
        })();
      } catch (error) {
        // A damaged page in the accounts or the audit trail: nobody is signed in, nothing stays open.
        wipe(unlocked.secretKey);
        vault.lock();
        if (isDatabaseDamage(error)) throw databaseDamaged();
        throw error;
      }
      if (!account || account.disabled) {
        wipe(unlocked.secretKey);
        vault.lock();
        throw new AppError('ACCOUNT_DISABLED', 'This account is disabled. Ask your administrator.');
      }
      this.startSession(new Session(toSessionInfo(account), vault, unlocked.secretKey));
      return { session: toSessionInfo(account), lastLoginAt: account.lastLoginAt, failedAttemptsSinceLastLogin: failedSince };
    });
  }

  /** From the lock screen: the recovery key sets a new passphrase for an account; nobody is signed in after. */
  async recover(input: { recoveryKey: string; username: string; newPassphrase: string }): Promise<void> {
    return this.exclusive(async () => {
      if (this.current) throw new AppError('BAD_REQUEST', 'Someone is signed in; lock Amparo first.');
      const { vault, recoverySecretKey } = await unlockWithRecoveryKey(this.location, input.recoveryKey);
      try {
        const account = findByUsername(vault.db, input.username);
        if (!account) throw new AppError('NOT_FOUND', 'There is no account with this username.');
        const at = this.location.now().toISOString();
        vault.db.transaction(() => appendAudit(vault.db, { at, actorId: null, action: 'session.recovery_used', target: account.id }))();
        await resetWithRecovery(vault, { accountId: account.id, recoveryKey: '', newPassphrase: input.newPassphrase, actorId: null, mustChange: false, recoverySecretKey });
      } finally {
        wipe(recoverySecretKey);
        vault.lock();
      }
    });
  }

  async confirmRecoveryKey(session: Session, recoveryKey: string): Promise<void> {
    const secret = await session.vault.openRecovery(recoveryKey);
    wipe(secret);
    const at = this.location.now().toISOString();
    session.vault.db.transaction(() => {
      writeFlag(session.vault.db, RECOVERY_CONFIRMED, at);
      appendAudit(session.vault.db, { at, actorId: session.accountId, action: 'vault.recovery_key_confirmed' });
    })();
  }

  /**
   * Replaces the vault by a backup the person chooses (backup/replace.ts): onto a computer
   * without a vault (session null), or by the signed-in administrator. The backup is verified
   * completely beside the vault before the session ends and the swap; afterwards nobody is
   * signed in. Null when no file was chosen.
   */
  async restoreBackup(session: Session | null, input: { username: string; passphrase: string }): Promise<{ backupCreatedAt: string } | null> {
    return this.exclusive(async () => {
      if (session ? session !== this.current || session.role !== 'administrator' : this.current || this.location.exists()) {
        throw new AppError(session ? 'FORBIDDEN' : 'VAULT_EXISTS', 'Only a signed-in administrator may replace this vault by a backup; nothing was changed.');
      }
      const from = await this.pickOpenPath('backup');
      if (!from) return null;
      const { backupCreatedAt } = await replaceWithBackup({
        location: this.location,
        from,
        ...input,
        beforeSwap: ({ header }) => {
          if (!session) return !this.current && !this.location.exists();
          if (session !== this.current) return false;
          const at = this.location.now().toISOString();
          session.vault.db.transaction(() => appendAudit(session.vault.db, { at, actorId: session.accountId, action: 'backup.restored', detail: { backupCreatedAt: header.createdAt, replacedThisVault: true } }))();
          this.lockNow('restored');
          return true;
        },
      });
      return { backupCreatedAt };
    });
  }

  settings(session: Session): Settings {
    return readSettings(session.vault.db);
  }

  updateSettings(session: Session, change: Partial<Settings>): Settings {
    // A key sent as `undefined` (the schema's partial allows it) leaves that setting as it is:
    // spread as is, it would drop the setting (and the idle lock's minutes with it).
    const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<Settings>;
    const next = { ...readSettings(session.vault.db), ...given };
    const at = this.location.now().toISOString();
    session.vault.db.transaction(() => {
      writeSettings(session.vault.db, next);
      appendAudit(session.vault.db, { at, actorId: session.accountId, action: 'settings.changed', detail: { idleMinutes: next.idleMinutes, contentProtection: next.contentProtection, backupReminderDays: next.backupReminderDays, retentionYears: next.retentionYears } });
    })();
    this.lockController.setIdleMinutes(next.idleMinutes);
    for (const l of this.settingsListeners) l(next);
    return next;
  }

  /** Locks now (any reason); safe to call when already locked. */
  lockNow(reason: LockReason): void {
    if (this.lockController.state === 'unlocked') this.lockController.lock(reason);
    else if (this.current) this.endSession(reason);
  }

  private startSession(session: Session): void {
    this.current = session;
    const settings = readSettings(session.vault.db);
    this.lockController.setIdleMinutes(settings.idleMinutes);
    this.lockController.unlocked();
    for (const l of this.settingsListeners) l(settings);
  }

  private endSession(reason: LockReason): void {
    const session = this.current;
    if (!session) return;
    try {
      const at = this.location.now().toISOString();
      session.vault.db.transaction(() => appendAudit(session.vault.db, { at, actorId: session.accountId, action: 'session.lock', detail: { reason } }))();
    } catch {
      // Locking must never fail because the audit could not be written (e.g. a full disk).
    }
    session.end();
    this.current = null;
    for (const l of this.lockListeners) l(reason);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.busy.then(work, work);
    this.busy = run.catch(() => undefined);
    return run;
  }

  /** Closes everything (app quit, test teardown). */
  close(): void {
    this.lockNow('logout');
  }
}

