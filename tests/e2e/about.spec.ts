import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, escapeRegExp, translator, type T } from './i18n';
import { nav, shootTall, signIn, SLOW } from './steps';
import { APP_VERSION } from '../../src/main/core/app/version';
import { changeOwnPassphrase, createAccount } from '../../src/main/core/users/service';

/**
 * The About screen (issue 7 §6), in English and Spanish, through the built renderer: from the
 * sign-in screen, then from the navigation of two roles (administrator and coordinator, who see
 * the fewest pages). It shows the version and licence, the HTCDS credit, and the runtime
 * dependencies from the generated list. Screenshots and axe checks.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const COORDINATOR = { username: 'lucia.co', displayName: 'Lucía Coordinator', initial: 'paper kite over hills', passphrase: 'seven quiet lanterns rising' };

interface LicenceRow {
  name: string;
  version: string;
  licence: string;
  url: string;
}
const LICENCES = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../src/renderer/features/about/licences.json'), 'utf8')) as LicenceRow[];

async function shoot(app: AmparoApp, name: string): Promise<void> {
  await shootTall(app, `about-${name}`, name);
}

/** What every About screen shows: version, licence, the HTCDS credit and the dependency list. */
async function expectAbout(page: Page, t: T): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: t('about.title') })).toBeVisible();
  await expect(page.getByText(t('about.app.version', { version: APP_VERSION }))).toBeVisible();
  await expect(page.getByText(t('about.app.licence'))).toBeVisible();
  const htcds = page.getByRole('region', { name: t('about.htcds.title') });
  await expect(htcds.getByText(t('about.htcds.credit'))).toBeVisible();
  await expect(htcds).toContainText('CC BY 4.0');
  await expect(htcds).toContainText('github.com/UNMigration/HTCDS');

  const table = page.getByRole('table', { name: t('about.dependencies.caption') });
  await expect(table.getByRole('row')).toHaveCount(LICENCES.length + 1);
  await expect(page.getByText(t('about.dependencies.intro', { total: LICENCES.length }))).toBeVisible();
  for (const name of ['react', 'zod', 'i18next', 'jszip', 'better-sqlite3-multiple-ciphers']) {
    const row = LICENCES.find((r) => r.name === name);
    expect(row, name).toBeDefined();
    const tr = table.getByRole('row', { name: new RegExp(`^${escapeRegExp(`${row!.name} ${row!.version}`)}\\b`) });
    await expect(tr).toHaveCount(1);
    await expect(tr.getByRole('cell').nth(1)).toHaveText(row!.licence);
  }
}

async function seed(app: AmparoApp): Promise<void> {
  await app.seedVault(ADMIN);
  await app.core.login(ADMIN.username, ADMIN.passphrase);
  await createAccount(app.core.session!, { username: COORDINATOR.username, displayName: COORDINATOR.displayName, role: 'coordinator', initialPassphrase: COORDINATOR.initial });
  app.core.lockNow('logout');
  await app.core.login(COORDINATOR.username, COORDINATOR.initial);
  await changeOwnPassphrase(app.core.session!, COORDINATOR.initial, COORDINATOR.passphrase);
  app.core.lockNow('logout');
}

for (const lang of LANGS) {
  test(`about: licences and credits, from the sign-in screen and for every role (${lang})`, async ({ app }) => {
    test.setTimeout(240_000);
    const { page } = app;
    const t = translator(lang);
    await seed(app);

    await app.open();
    await expect(page.getByRole('heading', { level: 1, name: translator('en')('auth.login.title') })).toBeVisible(SLOW);
    if (lang !== 'en') {
      await page.getByRole('radio', { name: LANGUAGE_NAMES[lang] }).press('Space');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
    }

    // ---- From the sign-in screen, before anyone signs in. -----------------------------------
    await page.getByRole('button', { name: t('about.open'), exact: true }).click();
    await expectAbout(page, t);
    await expect(page.getByRole('heading', { level: 1, name: t('about.title') })).toBeFocused();
    await shoot(app, `${lang}-01-sign-in`);
    await page.getByRole('button', { name: t('about.back'), exact: true }).click();

    // ---- The administrator, from the navigation. ----------------------------------------------
    await signIn(page, t, ADMIN);
    await nav(page, t('about.nav')).click();
    await expectAbout(page, t);
    await expect(nav(page, t('about.nav'))).toHaveAttribute('aria-current', 'page');
    await shoot(app, `${lang}-02-administrator`);
    await page.keyboard.press('Control+l');

    // ---- The coordinator (no case pages, no settings of their own): the same screen. ----------
    await signIn(page, t, COORDINATOR);
    await nav(page, t('about.nav')).click();
    await expectAbout(page, t);
    if (lang === 'en') await shoot(app, `${lang}-03-coordinator`);
  });
}
