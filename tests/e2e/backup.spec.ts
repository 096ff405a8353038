import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, type T, translator } from './i18n';
import { pressToCheck, SLOW } from './steps';
import { restoreBackup } from '../../src/main/core/backup/restore';
import { createCase, getCaseFile } from '../../src/main/core/cases/service';
import { addRecord } from '../../src/main/core/cases/records';
import { createAccount } from '../../src/main/core/users/service';
import { unlockWithPassphrase, VaultLocation } from '../../src/main/core/vault/vault';
import { verifyVault } from '../../src/main/core/vault/verify';
import { sessionAs } from '../support/sessions';

/**
 * Encrypted backup (issue 6 §1, §5), in English and Spanish, through the built renderer, the real
 * router and a real encrypted vault: eight days after setup the administrator's home reminds them
 * to back up; Settings → Backup makes one through the save dialog (the harness's hook answers
 * it); the test then restores the file with the core into a new folder, where every check passes
 * and the caseworker's case reads back. A cancelled dialog writes nothing. No typed value lands on
 * disk in plaintext, the backup included (the harness scans the temp folder).
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const WORKER = { username: 'marco.cw', displayName: 'Marco Caseworker', passphrase: 'temporary river stone window' };
const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------

async function shoot(app: AmparoApp, name: string): Promise<void> {
  // From the top: a full-page shot of a scrolled page would show the sticky bar mid-page.
  await app.page.evaluate('window.scrollTo(0, 0)');
  await app.screenshot(`backup-${name}`);
  await app.checkA11y(name);
}

async function signIn(page: Page, t: T): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: t('auth.login.title') })).toBeVisible(SLOW);
  await page.getByLabel(t('fields.username'), { exact: true }).fill(ADMIN.username);
  await page.getByLabel(t('fields.passphrase'), { exact: true }).fill(ADMIN.passphrase);
  await page.getByRole('button', { name: t('auth.login.submit'), exact: true }).click();
}

/** A caseworker's case with an identity and a note, written by the core before the app opens. */
async function seedCase(app: AmparoApp, secrets: { name: string; shelter: string; note: string }): Promise<string> {
  await app.core.login(ADMIN.username, ADMIN.passphrase);
  const admin = app.core.session!;
  await createAccount(admin, { username: WORKER.username, displayName: WORKER.displayName, role: 'caseworker', initialPassphrase: WORKER.passphrase });
  const worker = await sessionAs(admin.vault, WORKER.username, WORKER.passphrase);
  const header = createCase(worker, { identity: { givenNames: secrets.name, shelter: secrets.shelter } });
  addRecord(worker, header.id, 'note', { writtenOn: '2026-11-27', body: secrets.note });
  app.core.lockNow('logout');
  return header.id;
}

for (const lang of LANGS) {
  test(`an administrator is reminded, makes a backup from Settings; it restores into a new folder (${lang})`, async ({ app }) => {
    const { page } = app;
    const stamp = `${lang}${Date.now().toString(36)}`;
    const secrets = { name: `Yanet Ccori ${stamp}`, shelter: `Casa Esperanza ${stamp}`, note: `relato del traslado ${stamp}` };
    // Only this test's own values: the shared passphrases also sit in other specs' compiled sources in the temp folder.
    app.rememberSecret(...Object.values(secrets));
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-e2e-backup-'));
    try {
      const { recoveryKey } = await app.seedVault(ADMIN);
      app.rememberSecret(recoveryKey);
      const caseId = await seedCase(app, secrets);
      // Eight days later, with no backup yet: the reminder (7 days by default) is due.
      await app.advanceClock(8 * DAY_MS);

      await app.open();
      const en = translator('en');
      await expect(page.getByRole('heading', { level: 1, name: en('auth.login.title') })).toBeVisible(SLOW);
      if (lang !== 'en') {
        await pressToCheck(page.getByRole('radio', { name: LANGUAGE_NAMES[lang] }));
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
      }
      const t = translator(lang);
      await signIn(page, t);
      await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible(SLOW);

      // 1. Home: the reminder, with the way to Settings.
      const reminder = page.getByRole('region', { name: t('backup.reminderHome.title') });
      await expect(reminder).toBeVisible();
      await expect(reminder.getByText(t('backup.never'))).toBeVisible();
      await shoot(app, `${lang}-01-home-reminder`);
      await reminder.getByRole('button', { name: t('backup.reminderHome.action') }).click();

      // 2. Settings → Backup: none yet, due.
      const panel = page.getByRole('region', { name: t('backup.title') });
      await expect(panel).toBeVisible();
      await expect(panel.getByText(t('backup.dueNever'))).toBeVisible();
      await shoot(app, `${lang}-02-settings-due`);

      // 3. A cancelled save dialog writes nothing.
      app.nextSavePath(null);
      await panel.getByRole('button', { name: t('backup.create') }).click();
      await expect(panel.getByText(t('backup.cancelled'))).toBeVisible(SLOW);
      expect(fs.readdirSync(outDir)).toEqual([]);

      // 4. The backup, to the place the dialog answers.
      const file = path.join(outDir, `office-${lang}.amparo-backup`);
      app.nextSavePath(file);
      await panel.getByRole('button', { name: t('backup.create') }).click();
      await expect(panel.getByText(t('backup.created', { size: '' }).split('(')[0]!.trim())).toBeVisible(SLOW);
      expect(app.lastSaveSuggestion()).toEqual({ suggestedName: expect.stringMatching(/^amparo-backup-\d{4}-\d{2}-\d{2}\.amparo-backup$/), kind: 'backup' });
      expect(fs.existsSync(file)).toBe(true);
      await expect(panel.getByText(t('backup.dueNever'))).toHaveCount(0);
      await expect(panel.locator('.backup-last')).not.toHaveText(t('backup.never'));
      await shoot(app, `${lang}-03-settings-done`);

      // 5. The reminder's days: saved through the settings.
      const days = panel.getByRole('textbox', { name: t('backup.reminderDays') });
      await expect(days).toHaveValue('7');
      await days.fill('30');
      await panel.getByRole('button', { name: t('backup.saveReminder') }).click();
      await expect(panel.getByText(t('backup.reminderSaved'))).toBeVisible();
      expect(app.core.settings(app.core.session!).backupReminderDays).toBe(30);

      // 6. Home: no reminder any more.
      await page.getByRole('navigation').getByRole('link', { name: t('shell.home') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible();
      await expect(page.getByRole('region', { name: t('backup.reminderHome.title') })).toHaveCount(0);

      // The file holds none of the typed values, in UTF-8 or UTF-16.
      const bytes = fs.readFileSync(file);
      const typed = [...Object.values(secrets), ADMIN.username, ADMIN.displayName, ADMIN.passphrase, WORKER.username, WORKER.displayName, WORKER.passphrase];
      expect(typed.filter((v) => bytes.includes(Buffer.from(v, 'utf8')) || bytes.includes(Buffer.from(v, 'utf16le')))).toEqual([]);

      // 7. The test restores the file with the core, into a new folder, and checks it.
      const restored = path.join(outDir, 'restored', 'vault');
      const result = await restoreBackup({ from: file, dataDir: restored, username: ADMIN.username, passphrase: ADMIN.passphrase });
      expect(result.checks.filter((c) => !c.ok)).toEqual([]);
      const { vault, secretKey } = await unlockWithPassphrase(new VaultLocation({ dataDir: restored }), ADMIN.username, ADMIN.passphrase, false);
      secretKey.fill(0);
      try {
        expect(verifyVault(vault).every((c) => c.ok)).toBe(true);
        const worker = await sessionAs(vault, WORKER.username, WORKER.passphrase);
        const caseFile = getCaseFile(worker, caseId);
        expect(caseFile.identity.data).toMatchObject({ givenNames: secrets.name, shelter: secrets.shelter });
        expect(caseFile.records.some((r) => JSON.stringify(r.data).includes(secrets.note))).toBe(true);
      } finally {
        vault.lock();
      }
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
}
