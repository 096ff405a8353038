import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, translator } from './i18n';
import { nav, pressToCheck, shootTall, signIn, SLOW } from './steps';
import { AppCore } from '../../src/main/core/app/app-core';
import { queryAudit } from '../../src/main/core/audit/query';
import { exportOrganisationKey, setOrganisationName } from '../../src/main/core/referrals/organisation';
import { addPartner, listPartners, readKeyFile } from '../../src/main/core/referrals/partners';

/**
 * Removing a partner organisation (issue 6 §2), in English and Spanish, through the built
 * renderer, the real router and a real encrypted vault: the administrator's directory offers
 * "Remove" on each row; the confirmation says what it means; cancelling keeps the partner;
 * confirming removes it from the directory and the trail records `partner.removed`.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const PARTNER_NAME = 'Asistencia Legal Tumbes';

async function shoot(app: AmparoApp, name: string): Promise<void> {
  await shootTall(app, `partners-${name}`, name);
}

for (const lang of LANGS) {
  test(`an administrator removes a partner organisation after a confirmation (${lang})`, async ({ app }) => {
    test.setTimeout(180_000);
    const { page, core } = app;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-e2e-partners-'));
    try {
      // The partner's key, exported from its own vault and added to ours through the core.
      const partner = new AppCore({ dataDir: path.join(outDir, 'partner-vault') });
      await partner.createVault({ username: 'pilar.admin', displayName: 'Pilar Admin', passphrase: 'copper meadow kettle lantern' });
      setOrganisationName(partner.session!, PARTNER_NAME);
      const keyFile = path.join(outDir, 'partner.amparo-key');
      await exportOrganisationKey(partner.session!, async () => keyFile);
      partner.close();
      await app.seedVault(ADMIN);
      await core.login(ADMIN.username, ADMIN.passphrase);
      const preview = readKeyFile(core.session!, new Uint8Array(fs.readFileSync(keyFile)));
      addPartner(core.session!, { name: PARTNER_NAME, encryptionKey: preview.encryptionKey, signingKey: preview.signingKey, fingerprint: preview.fingerprint, confirmed: true });
      core.lockNow('logout');

      await app.open();
      await expect(page.getByRole('heading', { level: 1, name: translator('en')('auth.login.title') })).toBeVisible(SLOW);
      if (lang !== 'en') {
        await pressToCheck(page.getByRole('radio', { name: LANGUAGE_NAMES[lang] }));
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
      }
      const t = translator(lang);
      await signIn(page, t, ADMIN);
      await nav(page, t('shell.settings')).click();
      const panel = page.getByRole('region', { name: t('referrals.directory.title') });
      const row = panel.getByRole('row', { name: new RegExp(`^${PARTNER_NAME}`) });
      await expect(row).toBeVisible();
      const remove = row.getByRole('button', { name: t('referrals.directory.removeNamed', { name: PARTNER_NAME }) });

      // Cancelled: the partner stays.
      await remove.click();
      let dialog = page.getByRole('alertdialog', { name: t('referrals.removeDialog.title', { name: PARTNER_NAME }) });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByText(t('referrals.removeDialog.body', { name: PARTNER_NAME }))).toBeVisible();
      await shoot(app, `${lang}-01-confirm`);
      await dialog.getByRole('button', { name: t('common.cancel') }).click();
      await expect(dialog).toBeHidden();
      await expect(row).toBeVisible();
      expect(listPartners(core.session!.vault.db)).toHaveLength(1);

      // Confirmed: gone from the directory, and in the trail.
      await remove.click();
      dialog = page.getByRole('alertdialog', { name: t('referrals.removeDialog.title', { name: PARTNER_NAME }) });
      await dialog.getByRole('button', { name: t('referrals.removeDialog.confirm'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(panel.getByText(t('referrals.directory.removed', { name: PARTNER_NAME }))).toBeVisible();
      await expect(panel.getByText(t('referrals.directory.empty'))).toBeVisible();
      await shoot(app, `${lang}-02-removed`);
      expect(listPartners(core.session!.vault.db)).toEqual([]);
      const trail = queryAudit(core.session!.vault.db, { action: 'partner.removed' }).entries;
      expect(trail).toHaveLength(1);
      expect(trail[0]!.detail).toEqual({ fingerprint: preview.fingerprint });
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
}
