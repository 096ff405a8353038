import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, type T, translator } from './i18n';
import { lock, nav, shootTall, signIn as signInAs, SLOW } from './steps';
import { createAccount, changeOwnPassphrase } from '../../src/main/core/users/service';
import { writeCases } from '../../src/main/core/cases/batch';
import { syntheticCase } from '../../src/main/core/cases/synthetic';
import { sessionAs } from '../support/sessions';
import { DASHBOARD_TITLES } from '../../src/shared/statistics-labels';

/**
 * Anonymized statistics (issue 5 §2–4), in English and Spanish, through the built renderer, the
 * real router (computing in the worker thread) and a real encrypted vault with synthetic cases:
 * the coordinator's dashboard (each chart with its table), the table builder, and XLSX and PDF
 * exports written through the save dialog and read back here. Screenshots and axe checks.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const COORDINATOR = { username: 'carla.co', displayName: 'Carla Coordinator', initial: 'temporary paper kite hills', passphrase: 'yellow lantern forest song' };
const WORKER = { username: 'andres.cw', displayName: 'Andrés Caseworker', initial: 'temporary river stone window' };
const CASES = 300;

async function shoot(app: AmparoApp, name: string): Promise<void> {
  await shootTall(app, `statistics-${name}`, name);
}

/** Through the core, to save time: a caseworker who records synthetic cases, and a coordinator. */
async function seed(app: AmparoApp): Promise<void> {
  await app.seedVault(ADMIN);
  await app.core.login(ADMIN.username, ADMIN.passphrase);
  const admin = app.core.session!;
  await createAccount(admin, { username: WORKER.username, displayName: WORKER.displayName, role: 'caseworker', initialPassphrase: WORKER.initial });
  await createAccount(admin, { username: COORDINATOR.username, displayName: COORDINATOR.displayName, role: 'coordinator', initialPassphrase: COORDINATOR.initial });
  const worker = await sessionAs(admin.vault, WORKER.username, WORKER.initial);
  const today = app.core.location.now().toISOString().slice(0, 10);
  writeCases(worker, Array.from({ length: CASES }, (_, k) => syntheticCase(11, k, today)));
  app.core.lockNow('logout');
  await app.core.login(COORDINATOR.username, COORDINATOR.initial);
  await changeOwnPassphrase(app.core.session!, COORDINATOR.initial, COORDINATOR.passphrase);
  app.core.lockNow('logout');
}

async function signIn(page: Page, t: T): Promise<void> {
  await page.getByLabel(t('fields.username'), { exact: true }).fill(COORDINATOR.username);
  await page.getByLabel(t('fields.passphrase'), { exact: true }).fill(COORDINATOR.passphrase);
  await page.getByRole('button', { name: t('auth.login.submit'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: COORDINATOR.displayName }) })).toBeVisible(SLOW);
}

function assertSafe(value: unknown): void {
  if (typeof value === 'number') {
    expect(value % 10).toBe(0);
    expect(value).toBeGreaterThanOrEqual(10);
  } else expect(['<10', 'x']).toContain(value);
}

for (const lang of LANGS) {
  test(`statistics: the coordinator's dashboard, table builder and XLSX/PDF exports (${lang})`, async ({ app }) => {
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
    await signIn(page, t);

    // ---- Home links to the statistics; the dashboard shows charts with tables beside. ------
    await expect(nav(page, t('statistics.nav'))).toBeVisible();
    await page.getByRole('button', { name: t('home.coordinator.action') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('statistics.title') })).toBeVisible();
    for (const title of Object.values(DASHBOARD_TITLES[lang])) {
      await expect(page.getByRole('table', { name: title })).toBeVisible(SLOW);
    }
    await expect(page.locator('.recharts-surface').first()).toBeVisible();
    // Every count on screen is protected: a multiple of 10 from 10 up, <10 or x.
    const shown = await page.locator('.stats-table td.numeric').allTextContents();
    expect(shown.length).toBeGreaterThan(10);
    for (const text of shown) assertSafe(/^\d+$/.test(text) ? Number(text) : text);
    expect(shown).toContain('<10');
    await shoot(app, `dashboard-${lang}`);

    // ---- Table builder: gender × age band. -----------------------------------------------
    const builder = page.getByRole('region', { name: t('statistics.builder.title') });
    await builder.getByRole('button', { name: new RegExp(t('statistics.builder.dimension', { n: 2 })) }).click();
    await page.getByRole('option', { name: lang === 'es' ? 'Rango de edad' : 'Age band', exact: true }).click();
    await builder.getByRole('button', { name: t('statistics.builder.show') }).click();
    const caption = lang === 'es' ? 'Género × Rango de edad' : 'Gender × Age band';
    await expect(builder.getByRole('table', { name: caption })).toBeVisible(SLOW);
    for (const text of await builder.locator('.stats-table td.numeric').allTextContents()) assertSafe(/^\d+$/.test(text) ? Number(text) : text);
    await shoot(app, `builder-${lang}`);

    // ---- XLSX of the built table, through the save dialog; read back. --------------------
    const xlsx = path.join(app.dataDir, '..', `stats-${lang}-${Date.now()}.xlsx`);
    app.nextSavePath(xlsx);
    await builder.getByRole('button', { name: t('statistics.export.xlsx') }).click();
    await expect(page.getByText(t('statistics.exported', { format: 'XLSX' }))).toBeVisible(SLOW);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([caption, lang === 'es' ? 'Reglas' : 'Rules']);
    workbook.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) assertSafe(row.getCell(row.cellCount).value);
    });
    const rules = workbook.worksheets[1]!.getSheetValues().flat().join('\n');
    expect(rules).toContain(lang === 'es' ? 'Casos excluidos por consentimiento' : 'Cases excluded by consent');

    // ---- PDF of the dashboard; its text read back. ---------------------------------------
    const pdf = path.join(app.dataDir, '..', `stats-${lang}-${Date.now()}.pdf`);
    app.nextSavePath(pdf);
    await page.getByRole('region', { name: t('statistics.dashboard.title') }).getByRole('button', { name: t('statistics.export.pdf') }).click();
    await expect(page.getByText(t('statistics.exported', { format: 'PDF' }))).toBeVisible(SLOW);
    expect(app.lastSaveSuggestion()).toMatchObject({ kind: 'pdf' });
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(pdf)), useSystemFonts: true }).promise;
    let text = '';
    for (let p = 1; p <= doc.numPages; p++) text += (await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n';
    expect(text).toContain(lang === 'es' ? 'Reglas aplicadas' : 'Rules applied');
    expect(text).toContain(DASHBOARD_TITLES[lang].age_gender);
    fs.rmSync(xlsx, { force: true });
    fs.rmSync(pdf, { force: true });
  });
}

for (const lang of LANGS) {
  test(`statistics: an administrator's stricter rules apply to the coordinator's statistics; a table with differential privacy says noise was added (${lang})`, async ({ app }) => {
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

    // ---- The administrator: looser than the defaults is refused; stricter is saved. ----------
    await signInAs(page, t, ADMIN);
    await nav(page, t('shell.settings')).click();
    await expect(page.getByRole('heading', { level: 1, name: t('settings.title') })).toBeVisible();
    const panel = page.getByRole('region', { name: t('statistics.rulesAdmin.title') });
    const threshold = panel.getByRole('textbox', { name: t('statistics.rulesAdmin.threshold') });
    await expect(threshold).toHaveValue('10');
    await threshold.fill('5');
    await panel.getByRole('button', { name: t('statistics.rulesAdmin.save') }).click();
    await expect(panel.getByText(t('statistics.rulesAdmin.tooLoose', { min: 10 }))).toBeVisible();
    await threshold.fill('20');
    // The privacy budget: lowered from the default 5 to 4.
    const budgetTotal = panel.getByRole('textbox', { name: t('statistics.rulesAdmin.privacyBudgetTotal') });
    await expect(budgetTotal).toHaveValue('5');
    await budgetTotal.fill('4');
    await panel.getByRole('button', { name: t('statistics.rulesAdmin.save') }).click();
    await expect(panel.getByText(t('statistics.rulesAdmin.saved'))).toBeVisible(SLOW);
    await expect(panel.getByText(t('statistics.rulesAdmin.budget', { spent: 0, remaining: 4, total: 4 }))).toBeVisible();
    await app.screenshot(`statistics-rules-admin-${lang}`);
    await lock(page, t);

    // ---- The coordinator sees the rules, and no count under 20 anywhere. ---------------------
    await signIn(page, t);
    await nav(page, t('statistics.nav')).click();
    await expect(page.getByRole('heading', { level: 1, name: t('statistics.title') })).toBeVisible();
    await expect(page.getByText(t('statistics.vaultRules.threshold', { value: 20, default: 10 }))).toBeVisible();
    await expect(page.getByText(t('statistics.vaultRules.privacyBudget', { value: 4, default: 5 }))).toBeVisible();
    for (const title of Object.values(DASHBOARD_TITLES[lang])) await expect(page.getByRole('table', { name: title })).toBeVisible(SLOW);
    const shown = await page.locator('.stats-table td.numeric').allTextContents();
    for (const text of shown) {
      if (/^\d+$/.test(text)) expect(Number(text)).toBeGreaterThanOrEqual(20);
      else expect(['<20', 'x']).toContain(text);
    }
    expect(shown).toContain('<20');

    // ---- Table builder with ε: the released table says noise was added, and what it spent. ----
    const builder = page.getByRole('region', { name: t('statistics.builder.title') });
    const epsilon = builder.getByRole('textbox', { name: t('statistics.dp.label') });
    await expect(builder.getByText(t('statistics.dp.help', { remaining: 4, total: 4, max: 4 }))).toBeVisible();
    await epsilon.fill('1');
    await epsilon.press('Tab');
    await builder.getByRole('button', { name: t('statistics.dp.confirm', { epsilon: 1 }) }).click();
    await expect(builder.getByText(t('statistics.dp.added', { epsilon: 1, remaining: 3, total: 4 }))).toBeVisible(SLOW);
    const caption = lang === 'es' ? 'Género' : 'Gender';
    await expect(builder.getByRole('table', { name: caption })).toBeVisible();
    for (const text of await builder.locator('.stats-table td.numeric').allTextContents()) {
      if (/^\d+$/.test(text)) expect(Number(text)).toBeGreaterThanOrEqual(20);
      else expect(['<20', 'x']).toContain(text);
    }
    await shoot(app, `rules-dp-${lang}`);
  });
}
