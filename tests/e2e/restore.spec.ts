import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, type Lang, type T, translator } from './i18n';
import { nav, pressToCheck, shootTall, signIn, SLOW } from './steps';
import { AppCore } from '../../src/main/core/app/app-core';
import { createBackup } from '../../src/main/core/backup/create';
import { queryAudit } from '../../src/main/core/audit/query';
import { findByUsername } from '../../src/main/core/users/accounts';
import { createAccount } from '../../src/main/core/users/service';

/**
 * Restoring a backup from the app (issue 6 §1), in English and Spanish, through the built
 * renderer, the real router and a real encrypted vault; the open dialog of the main process is
 * the harness's hook. (1) The signed-in administrator makes a backup, an account is added after
 * it, a changed copy of the file is refused (the vault and the session as they were), then the
 * backup replaces the vault after the confirmation: Amparo locks, the administrator signs in to
 * the restored vault and the account added after the backup is gone. (2) A new computer without
 * a vault is set up from a backup from the first-run screen. Screenshots and axe checks.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const LATER = { username: 'after.backup', displayName: 'Added After The Backup', role: 'caseworker' as const, initialPassphrase: 'temporary river stone window' };

async function shoot(app: AmparoApp, name: string): Promise<void> {
  await shootTall(app, `restore-${name}`, name);
}

async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  if (lang === 'en') return;
  await pressToCheck(page.getByRole('radio', { name: LANGUAGE_NAMES[lang] }));
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

async function fillRestore(scope: Locator, t: T, who: { username: string; passphrase: string }): Promise<void> {
  await scope.getByRole('textbox', { name: t('backup.restore.username') }).fill(who.username);
  await scope.getByLabel(t('backup.restore.passphrase'), { exact: true }).fill(who.passphrase);
  await scope.getByRole('button', { name: t('backup.restore.submit') }).click();
}

/** The folders beside the data folder that this test's restore made (the previous vault, kept). */
function keptBeside(dataDir: string): string[] {
  const base = path.basename(dataDir);
  return fs
    .readdirSync(path.dirname(dataDir))
    .filter((n) => n.startsWith(`${base}.before-restore-`) || n.startsWith(`.${base}.restoring-`))
    .map((n) => path.join(path.dirname(dataDir), n));
}

for (const lang of LANGS) {
  test(`an administrator restores a backup in place of the vault; a changed file is refused (${lang})`, async ({ app }) => {
    test.setTimeout(240_000);
    const { page, core } = app;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-e2e-restore-'));
    try {
      await app.seedVault(ADMIN);
      await app.open();
      await expect(page.getByRole('heading', { level: 1, name: translator('en')('auth.login.title') })).toBeVisible(SLOW);
      await chooseLanguage(page, lang);
      const t = translator(lang);
      await signIn(page, t, ADMIN);

      // 1. Settings → Backup: a backup first.
      await nav(page, t('shell.settings')).click();
      const panel = page.getByRole('region', { name: t('backup.title') });
      const file = path.join(outDir, 'office.amparo-backup');
      app.nextSavePath(file);
      await panel.getByRole('button', { name: t('backup.create') }).click();
      await expect(panel.getByText(t('backup.created', { size: '' }).split('(')[0]!.trim())).toBeVisible(SLOW);

      // 2. Something changes after the backup: an account is added.
      await createAccount(core.session!, LATER);
      const keyringBefore = fs.readFileSync(path.join(app.dataDir, 'keyring.json'));

      // 3. A cancelled open dialog changes nothing.
      app.nextOpenPath(null);
      await fillRestore(panel, t, ADMIN);
      let dialog = page.getByRole('alertdialog', { name: t('backup.restore.confirmTitle') });
      await expect(dialog).toBeVisible();
      await shoot(app, `${lang}-01-confirm`);
      await dialog.getByRole('button', { name: t('backup.restore.confirm') }).click();
      await expect(panel.getByText(t('backup.restore.cancelled'))).toBeVisible(SLOW);

      // 4. A copy of the backup with one byte changed: refused after the confirmation; the vault as it was.
      const bytes = fs.readFileSync(file);
      bytes[bytes.length - 64] = bytes[bytes.length - 64]! ^ 0x01;
      const tampered = path.join(outDir, 'tampered.amparo-backup');
      fs.writeFileSync(tampered, bytes);
      app.nextOpenPath(tampered);
      await fillRestore(panel, t, ADMIN);
      dialog = page.getByRole('alertdialog', { name: t('backup.restore.confirmTitle') });
      await dialog.getByRole('button', { name: t('backup.restore.confirm') }).click();
      await expect(panel.getByText(t('errors.BACKUP_INVALID'))).toBeVisible(SLOW);
      await expect(dialog).toBeHidden();
      await shoot(app, `${lang}-02-refused`);
      expect(core.session).not.toBeNull();
      expect(findByUsername(core.session!.vault.db, LATER.username)).not.toBeNull();
      expect(fs.readFileSync(path.join(app.dataDir, 'keyring.json')).equals(keyringBefore)).toBe(true);
      expect(keptBeside(app.dataDir)).toEqual([]);

      // 5. The real backup: after the confirmation Amparo locks, and says why.
      app.nextOpenPath(file);
      await fillRestore(panel, t, ADMIN);
      await page.getByRole('alertdialog', { name: t('backup.restore.confirmTitle') }).getByRole('button', { name: t('backup.restore.confirm') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('auth.login.title') })).toBeVisible(SLOW);
      await expect(page.getByText(t('backup.restore.signInAgain'))).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      expect(core.session).toBeNull();
      await shoot(app, `${lang}-03-signed-out`);

      // 6. Signed in again, to the restored vault: the account added after the backup is gone.
      await signIn(page, t, ADMIN);
      const db = core.session!.vault.db;
      expect(findByUsername(db, LATER.username)).toBeNull();
      expect(queryAudit(db, { action: 'backup.restored' }).entries[0]?.detail).toMatchObject({ inApp: true, replacedVault: true });
      // The previous vault is kept beside, encrypted; nothing else was left there.
      const kept = keptBeside(app.dataDir);
      expect(kept).toHaveLength(1);
      expect(path.basename(kept[0]!)).toMatch(/\.before-restore-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}$/);
    } finally {
      for (const dir of keptBeside(app.dataDir)) fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  test(`a new computer is set up from a backup on the first-run screen (${lang})`, async ({ app }) => {
    test.setTimeout(180_000);
    const { page, core } = app;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-e2e-restore-'));
    try {
      // The backup of the old laptop, made by the core in another folder.
      const old = new AppCore({ dataDir: path.join(outDir, 'old-laptop') });
      const { recoveryKey } = await old.createVault(ADMIN);
      await old.confirmRecoveryKey(old.session!, recoveryKey);
      const file = path.join(outDir, 'old-laptop.amparo-backup');
      await createBackup(old.session!, file);
      old.close();

      await app.open();
      await expect(page.getByRole('heading', { level: 1, name: translator('en')('setup.welcome.title') })).toBeVisible(SLOW);
      await chooseLanguage(page, lang);
      const t = translator(lang);
      await page.getByRole('button', { name: t('backup.restore.fromSetup') }).click();
      const step = page.getByRole('region', { name: t('backup.restore.setupTitle') });
      await expect(step).toBeVisible();
      await shoot(app, `${lang}-04-setup`);

      // A wrong passphrase: said so, nothing written.
      app.nextOpenPath(file);
      await fillRestore(step, t, { username: ADMIN.username, passphrase: 'not the passphrase at all' });
      await expect(step.getByText(t('backup.restore.wrongCredentials'))).toBeVisible(SLOW);
      await shoot(app, `${lang}-05-setup-wrong`);
      expect(core.location.exists()).toBe(false);

      // The right one: the vault of the backup, then the sign-in screen.
      await fillRestore(step, t, ADMIN);
      await expect(page.getByRole('heading', { level: 1, name: t('auth.login.title') })).toBeVisible(SLOW);
      await expect(page.getByText(t('backup.restore.signInAgain'))).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await signIn(page, t, ADMIN);
      expect(queryAudit(core.session!.vault.db, { action: 'backup.restored' }).entries[0]?.detail).toMatchObject({ inApp: true, replacedVault: false });
      expect(keptBeside(app.dataDir)).toEqual([]);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
}
