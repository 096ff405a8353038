import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, type Lang, type T, translator } from './i18n';
import { nav, pressToCheck, shootTall, signIn, SLOW } from './steps';
import { createCase } from '../../src/main/core/cases/service';
import { addRecord } from '../../src/main/core/cases/records';
import { queryAudit } from '../../src/main/core/audit/query';
import { setOrganisationName } from '../../src/main/core/referrals/organisation';
import { findByUsername } from '../../src/main/core/users/accounts';
import { createAccount, resetWithRecovery } from '../../src/main/core/users/service';
import { createTeam, setTeam } from '../../src/main/core/users/teams';
import { sessionAs } from '../support/sessions';

/**
 * Subject access (issue 6 §3, §5), in English and Spanish, through the built renderer, the real
 * router and a real encrypted vault: a supervisor opens one of two cases of their team and saves
 * its subject-access export as JSON and as PDF (the save dialog is the harness's hook). Both
 * files hold that person's identity, notes and records, and nothing of the other person.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const SUPERVISOR = { username: 'sofia.sup', displayName: 'Sofía Supervisora', initial: 'temporary harbour gate seven', passphrase: 'orange kettle mountain drum' };
const WORKER = { username: 'marco.cw', displayName: 'Marco Caseworker', initial: 'temporary river stone window', passphrase: 'quiet morning tea garden' };
/** Inside the project (the harness's plaintext scan covers the data and temp folders, not this). */
const OUT_DIR = path.resolve(import.meta.dirname, '../../test-results/subject-access-e2e');
const STANDARD_FONTS = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');

async function pdfText(file: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await pdf.destroy();
  return pages.join('\n');
}

const caseRow = (page: Page, code: string) => page.getByRole('grid').getByRole('row', { name: new RegExp(`^${code} `) });

/** Two people, each in a case of the supervisor's team, with a note and a service of their own. */
async function setUp(app: AmparoApp, stamp: string) {
  const person = (tag: string) => ({
    given: `Rosalind ${tag} ${stamp}`,
    family: `Quispe ${tag} Huamán ${stamp}`,
    note: `Relato de ${tag}: el reclutador guardó el pasaporte en el hostal ${stamp}`,
    service: `Acompañamiento psicológico de ${tag} ${stamp}`,
  });
  const A = person('Aurora');
  const B = person('Beatriz');
  app.rememberSecret(...Object.values(A), ...Object.values(B));
  const { core } = app;
  const { recoveryKey } = await core.createVault(ADMIN);
  const admin = core.session!;
  await core.confirmRecoveryKey(admin, recoveryKey);
  setOrganisationName(admin, 'Casa Refugio Lima');
  let teamId: string | null = null;
  for (const who of [SUPERVISOR, WORKER]) {
    await createAccount(admin, { username: who.username, displayName: who.displayName, role: who === SUPERVISOR ? 'supervisor' : 'caseworker', initialPassphrase: who.initial });
    const id = findByUsername(admin.vault.db, who.username)!.id;
    await resetWithRecovery(admin.vault, { accountId: id, recoveryKey, newPassphrase: who.passphrase, actorId: admin.accountId, mustChange: false });
    // The supervisor leads the team; the caseworker is on it.
    if (who === SUPERVISOR) teamId = createTeam(admin, { name: 'Lima Norte', supervisorId: id }).id;
    else setTeam(admin, id, teamId);
  }
  const worker = await sessionAs(admin.vault, WORKER.username, WORKER.passphrase);
  const codes: Record<'A' | 'B', string> = { A: '', B: '' };
  for (const [key, p] of [['A', A], ['B', B]] as const) {
    const header = createCase(worker, { identity: { givenNames: p.given, familyNames: p.family }, profile: { gender: 'Feminine' } });
    addRecord(worker, header.id, 'note', { writtenOn: '2026-11-03', body: p.note });
    addRecord(worker, header.id, 'note', { writtenOn: '2026-11-04', body: p.service });
    codes[key] = header.code;
  }
  core.lockNow('logout');
  return { A, B, codes };
}

async function exportAs(app: AmparoApp, t: T, code: string, format: 'JSON' | 'PDF', file: string, shot?: string): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: t('reports.subjectAccess.open'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: t('reports.subjectAccess.title', { code }) });
  await expect(dialog).toBeVisible();
  await pressToCheck(dialog.getByRole('radio', { name: format, exact: true }));
  if (shot) await shootTall(app, `subject-access-${shot}`, shot);
  app.nextSavePath(file);
  await dialog.getByRole('button', { name: t('reports.subjectAccess.submit') }).click();
  await expect(dialog).toBeHidden(SLOW);
  await expect(page.getByText(t('reports.subjectAccess.done'))).toBeVisible();
}

for (const lang of LANGS) {
  test(`a supervisor saves the subject-access export of a case as JSON and PDF: that person only (${lang})`, async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    const stamp = `${lang}${Date.now().toString(36)}`;
    const { A, B, codes } = await setUp(app, stamp);
    fs.mkdirSync(OUT_DIR, { recursive: true });

    await app.open();
    await expect(page.getByRole('heading', { level: 1, name: translator('en')('auth.login.title') })).toBeVisible(SLOW);
    if (lang !== 'en') {
      await pressToCheck(page.getByRole('radio', { name: LANGUAGE_NAMES[lang as Lang] }));
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
    }
    const t = translator(lang);
    await signIn(page, t, SUPERVISOR);
    await nav(page, t('cases.nav')).click();
    await expect(caseRow(page, codes.B)).toBeVisible();
    await caseRow(page, codes.A).click();
    await expect(page.getByRole('heading', { level: 1, name: t('caseView.title', { code: codes.A }) })).toBeVisible();

    const json = path.join(OUT_DIR, `subject-access-${lang}.json`);
    const pdf = path.join(OUT_DIR, `subject-access-${lang}.pdf`);
    await exportAs(app, t, codes.A, 'JSON', json, `${lang}-01-dialog`);
    await shootTall(app, `subject-access-${lang}-02-done`, `${lang}-02-done`);
    await exportAs(app, t, codes.A, 'PDF', pdf);

    // The JSON: person A's identity, notes and case; nothing of person B.
    const text = fs.readFileSync(json, 'utf8');
    const document = JSON.parse(text) as { format: string; case: { code: string }; identity: { sealed: boolean; data: Record<string, unknown> } };
    expect(document.format).toBe('amparo-subject-access');
    expect(document.case.code).toBe(codes.A);
    expect(document.identity).toMatchObject({ sealed: false, data: { givenNames: A.given, familyNames: A.family } });
    for (const value of Object.values(A)) expect(text).toContain(value);
    for (const value of [...Object.values(B), codes.B]) expect(text).not.toContain(value);

    // The PDF's extracted text: the same.
    const pdfContent = await pdfText(pdf);
    expect(pdfContent).toContain(codes.A);
    for (const value of [A.given, A.family, A.note]) expect(pdfContent).toContain(value);
    for (const value of [...Object.values(B), codes.B]) expect(pdfContent).not.toContain(value);
    expect(pdfContent).toContain(lang === 'es' ? 'Confidencial' : 'Confidential');

    // Both exports are in the trail, without content or path.
    const trail = queryAudit(app.core.session!.vault.db, { action: 'case.subject_access_exported' });
    expect(trail.entries.map((e) => e.detail.format).sort()).toEqual(['json', 'pdf']);
    expect(JSON.stringify(trail)).not.toContain(A.given);
    expect(JSON.stringify(trail)).not.toContain(OUT_DIR);
  });
}
