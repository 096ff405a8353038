import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Locator, Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, type Lang, type T, translator } from './i18n';
import { pressToCheck, SLOW } from './steps';
import { createAccount, resetWithRecovery } from '../../src/main/core/users/service';
import { createCase } from '../../src/main/core/cases/service';
import { addRecord } from '../../src/main/core/cases/records';
import { setOrganisationName } from '../../src/main/core/referrals/organisation';
import { queryAudit } from '../../src/main/core/audit/query';
import { sessionAs } from '../support/sessions';

/**
 * A case report (issue 6 §3, §5), in English and Spanish, through the built renderer, the real
 * router and a real encrypted vault: a caseworker opens the case from home, opens "Report…",
 * chooses sections and language, and the PDF is written where the (stand-in) save dialog says;
 * its text is extracted here: identity "[sealed]" unless chosen, the footer on every page, the
 * labels in the language chosen. Screenshots of the dialog and accessibility checks.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const WORKER = { username: 'marco.cw', displayName: 'Marco Caseworker', initial: 'temporary river stone window', passphrase: 'quiet morning tea garden' };
const ORGANISATION = 'Casa Refugio Lima';
const SECRETS = { given: 'Rosalind Quispe-Huaman', family: 'Tarapacá Villanueva', note: 'She told us the recruiter kept her passport at the Avenida Grau hostel.' };
/** Inside the project (the harness's plaintext scan covers the data and temp folders, not this). */
const OUT_DIR = path.resolve(import.meta.dirname, '../../test-results/reports-e2e');
const STANDARD_FONTS = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');

async function pdfPages(file: string): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await pdf.destroy();
  return pages;
}

async function pressToUncheck(control: Locator): Promise<void> {
  if (await control.isChecked()) await control.press('Space');
  await expect(control).not.toBeChecked();
}

async function setUp(app: AmparoApp, lang: Lang): Promise<{ t: T; code: string }> {
  const { core, page } = app;
  app.rememberSecret(...Object.values(SECRETS));
  const { recoveryKey } = await core.createVault(ADMIN);
  const admin = core.session!;
  await core.confirmRecoveryKey(admin, recoveryKey);
  setOrganisationName(admin, ORGANISATION);
  const account = await createAccount(admin, { username: WORKER.username, displayName: WORKER.displayName, role: 'caseworker', initialPassphrase: WORKER.initial });
  await resetWithRecovery(admin.vault, { accountId: account.id, recoveryKey, newPassphrase: WORKER.passphrase, actorId: admin.accountId, mustChange: false });
  const worker = await sessionAs(admin.vault, WORKER.username, WORKER.passphrase);
  const header = createCase(worker, {
    office: 'Lima Norte',
    identity: { givenNames: SECRETS.given, familyNames: SECRETS.family },
    profile: { gender: 'Feminine', citizenship: ['PE'] },
  });
  addRecord(worker, header.id, 'note', { writtenOn: '2026-11-03', body: SECRETS.note });
  core.lockNow('logout');

  await app.open();
  await expect(page.getByRole('heading', { level: 1, name: translator('en')('auth.login.title') })).toBeVisible(SLOW);
  if (lang !== 'en') {
    await pressToCheck(page.getByRole('radio', { name: LANGUAGE_NAMES[lang] }));
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  }
  const t = translator(lang);
  await page.getByLabel(t('fields.username'), { exact: true }).fill(WORKER.username);
  await page.getByLabel(t('fields.passphrase'), { exact: true }).fill(WORKER.passphrase);
  await page.getByRole('button', { name: t('auth.login.submit'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: WORKER.displayName }) })).toBeVisible(SLOW);
  await page.getByRole('link', { name: header.code }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: t('caseView.title', { code: header.code }) })).toBeVisible();
  return { t, code: header.code };
}

/** The picture with a window tall enough for the whole dialog (it scrolls inside a short one). */
async function shootTall(app: AmparoApp, name: string): Promise<void> {
  const viewport = app.page.viewportSize();
  if (viewport) await app.page.setViewportSize({ width: viewport.width, height: 1100 });
  await app.screenshot(name);
  if (viewport) await app.page.setViewportSize(viewport);
  await app.checkA11y(name);
}

async function openReport(page: Page, t: T, code: string): Promise<Locator> {
  await page.getByRole('button', { name: t('reports.caseReport.open'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: t('reports.caseReport.title', { code }) });
  await expect(dialog).toBeVisible();
  return dialog;
}

for (const lang of LANGS) {
  test(`a caseworker produces a case report from the case view (${lang})`, async ({ app }) => {
    const { page } = app;
    const { t, code } = await setUp(app, lang);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const sealed = lang === 'es' ? '[sellado]' : '[sealed]';

    // Subject access is for supervisors: not offered to a caseworker.
    await expect(page.getByRole('button', { name: t('reports.subjectAccess.open') })).toHaveCount(0);

    // ---- 1. The dialog, with every section but the sensitive ones chosen; identity not. ------
    let dialog = await openReport(page, t, code);
    await expect(dialog.getByRole('checkbox', { name: t('reports.sections.clinical'), exact: true })).not.toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: t('reports.sections.profile'), exact: true })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: t('reports.caseReport.includeIdentity'), exact: true })).not.toBeChecked();
    await expect(dialog.getByRole('radio', { name: LANGUAGE_NAMES[lang] })).toBeChecked();
    await shootTall(app, `reports-${lang}-01-dialog`);

    // Nothing chosen: a translated message, no dialog.
    for (const box of await dialog.getByRole('checkbox').all()) await pressToUncheck(box);
    await dialog.getByRole('button', { name: t('reports.caseReport.submit') }).click();
    await expect(dialog.getByText(t('reports.caseReport.pickOne'))).toBeVisible();
    expect(app.lastSaveSuggestion()).toBeNull();
    await shootTall(app, `reports-${lang}-02-dialog-invalid`);

    // ---- 2. Profile and notes, identity left out: redacted. ----------------------------------
    await pressToCheck(dialog.getByRole('checkbox', { name: t('reports.sections.header'), exact: true }));
    await pressToCheck(dialog.getByRole('checkbox', { name: t('reports.sections.profile'), exact: true }));
    await pressToCheck(dialog.getByRole('checkbox', { name: t('reports.sections.notes'), exact: true }));
    const redacted = path.join(OUT_DIR, `case-report-${lang}-redacted.pdf`);
    app.nextSavePath(redacted);
    await dialog.getByRole('button', { name: t('reports.caseReport.submit') }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(t('reports.caseReport.doneRedacted'), { exact: false })).toBeVisible();
    expect(app.lastSaveSuggestion()).toEqual({ suggestedName: expect.stringMatching(new RegExp(`^amparo-case-report-${code}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`)), kind: 'pdf' });
    await app.screenshot(`reports-${lang}-03-done`);
    await app.checkA11y(`reports-${lang}-03-done`);
    let pages = await pdfPages(redacted);
    let text = pages.join('\n');
    expect(text).toContain(sealed);
    expect(text).toContain(SECRETS.note);
    expect(text).toContain(code);
    expect(text).not.toContain(SECRETS.given);
    expect(text).not.toContain(SECRETS.family);
    expect(text).toContain(lang === 'es' ? 'Femenino' : 'Feminine');
    expect(text).toContain(lang === 'es' ? 'Informe del caso' : 'Case report');
    pages.forEach((page, i) => {
      expect(page).toContain(lang === 'es' ? 'Confidencial' : 'Confidential');
      expect(page).toContain(ORGANISATION);
      expect(page).toContain(WORKER.displayName);
      expect(page).toContain(lang === 'es' ? `Página ${i + 1} de ${pages.length}` : `Page ${i + 1} of ${pages.length}`);
    });

    // ---- 3. With the identity, in the other language. ----------------------------------------
    dialog = await openReport(page, t, code);
    await pressToCheck(dialog.getByRole('checkbox', { name: t('reports.caseReport.includeIdentity'), exact: true }));
    const other: Lang = lang === 'es' ? 'en' : 'es';
    await pressToCheck(dialog.getByRole('radio', { name: LANGUAGE_NAMES[other] }));
    const withIdentity = path.join(OUT_DIR, `case-report-${lang}-identity-${other}.pdf`);
    app.nextSavePath(withIdentity);
    await dialog.getByRole('button', { name: t('reports.caseReport.submit') }).click();
    await expect(dialog).toBeHidden();
    pages = await pdfPages(withIdentity);
    text = pages.join('\n');
    expect(text).toContain(SECRETS.given);
    expect(text).toContain(SECRETS.family);
    expect(text).toContain(other === 'es' ? 'Nombres' : 'Given names');
    expect(text).toContain(other === 'es' ? 'Confidencial' : 'Confidential');

    // ---- 4. Cancelled: nothing written, said so. ---------------------------------------------
    dialog = await openReport(page, t, code);
    app.nextSavePath(null);
    await dialog.getByRole('button', { name: t('reports.caseReport.submit') }).click();
    await expect(page.getByText(t('reports.caseReport.cancelled'))).toBeVisible();

    // The trail: two reports, by the caseworker, without content.
    const trail = queryAudit(app.core.session!.vault.db, { action: 'case.report_exported' });
    expect(trail.entries).toHaveLength(2);
    expect(JSON.stringify(trail)).not.toContain(SECRETS.given);
    expect(JSON.stringify(trail)).not.toContain(OUT_DIR);
  });
}
