import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, translator } from './i18n';
import { lock, nav, shootTall, signIn, SLOW } from './steps';
import { createAccount, changeOwnPassphrase } from '../../src/main/core/users/service';
import { createTeam } from '../../src/main/core/users/teams';
import { createCase, saveSection, updateHeader } from '../../src/main/core/cases/service';
import { addRecord } from '../../src/main/core/cases/records';
import { sessionAs } from '../support/sessions';
import { VOCABULARIES } from '../../src/shared/vocabularies';

/**
 * Retention (issue 6 §4), in English and Spanish, through the built renderer, the real router
 * and a real encrypted vault: the administrator sets the period in Settings; a supervisor opens
 * the Retention page (only they have it), sees the cases of their team closed longer ago, and
 * deletes one behind a confirmation (the code typed, a reason given). Screenshots and axe checks
 * of the list and the dialog.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const SUPERVISOR = { username: 'sofia.sup', displayName: 'Sofía Supervisor', initial: 'temporary harbour gate seven', passphrase: 'orange kettle mountain drum' };
const WORKER = { username: 'andres.cw', displayName: 'Andrés Caseworker', initial: 'temporary river stone window' };
const NOTE = 'Relato de la entrevista en la ladrillera junto al río';
const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

async function shoot(app: AmparoApp, name: string): Promise<void> {
  await shootTall(app, `retention-${name}`, name);
}

/** Through the core, to save time: a team, a caseworker in it, and two cases closed today. */
async function seed(app: AmparoApp): Promise<{ gone: string; kept: string }> {
  await app.seedVault(ADMIN);
  await app.core.login(ADMIN.username, ADMIN.passphrase);
  const admin = app.core.session!;
  const sup = await createAccount(admin, { username: SUPERVISOR.username, displayName: SUPERVISOR.displayName, role: 'supervisor', initialPassphrase: SUPERVISOR.initial });
  const team = createTeam(admin, { name: 'Lima Norte', supervisorId: sup.id });
  await createAccount(admin, { username: WORKER.username, displayName: WORKER.displayName, role: 'caseworker', initialPassphrase: WORKER.initial, teamId: team.id });
  const worker = await sessionAs(admin.vault, WORKER.username, WORKER.initial);
  const codes: string[] = [];
  for (const given of ['Marisol Huanca', 'Elena Quisbert']) {
    const c = createCase(worker, { office: 'Lima', identity: { givenNames: given } });
    addRecord(worker, c.id, 'note', { writtenOn: '2026-11-20', body: NOTE });
    saveSection(worker, c.id, 'closure', 0, { reason: 'goals-achieved', notes: '' });
    const version = worker.vault.db.prepare('SELECT version FROM cases WHERE id = ?').pluck().get(c.id) as number;
    updateHeader(worker, c.id, version, { status: 'closed' });
    codes.push(c.code);
  }
  app.core.lockNow('logout');
  await app.core.login(SUPERVISOR.username, SUPERVISOR.initial);
  await changeOwnPassphrase(app.core.session!, SUPERVISOR.initial, SUPERVISOR.passphrase);
  app.core.lockNow('logout');
  // Six years later (nobody is signed in, so no lock timer runs).
  await app.advanceClock(6 * YEAR_MS);
  return { gone: codes[0]!, kept: codes[1]! };
}

for (const lang of LANGS) {
  test(`retention: the period in Settings, the list and a deletion behind a confirmation (${lang})`, async ({ app }) => {
    test.setTimeout(240_000);
    const { page } = app;
    const t = translator(lang);
    app.rememberSecret(NOTE, 'Marisol Huanca', 'Elena Quisbert');
    const { gone, kept } = await seed(app);

    await app.open();
    await expect(page.getByRole('heading', { level: 1, name: translator('en')('auth.login.title') })).toBeVisible(SLOW);
    if (lang !== 'en') {
      const radio = page.getByRole('radio', { name: LANGUAGE_NAMES[lang] });
      await radio.press('Space');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
    }

    // ---- The administrator sets the period; no Retention page for them. ---------------------
    await signIn(page, t, ADMIN);
    await expect(nav(page, t('retention.nav'))).toHaveCount(0);
    await nav(page, t('shell.settings')).click();
    const panel = page.getByRole('region', { name: t('retention.settings.title') });
    const years = panel.getByRole('textbox', { name: t('retention.settings.years') });
    await expect(years).toHaveValue('5');
    await years.fill('4');
    await panel.getByRole('button', { name: t('retention.settings.save') }).click();
    await expect(panel.getByText(t('retention.settings.saved'))).toBeVisible();
    expect(app.core.settings(app.core.session!).retentionYears).toBe(4);
    await lock(page, t);

    // ---- The supervisor: the list. -------------------------------------------------------------
    await signIn(page, t, SUPERVISOR);
    await nav(page, t('retention.nav')).click();
    await expect(page.getByRole('heading', { level: 1, name: t('retention.title') })).toBeVisible();
    const table = page.getByRole('table', { name: t('retention.caption') });
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table.getByRole('row', { name: new RegExp(gone) })).toContainText(VOCABULARIES.closureReason.label('goals-achieved', lang));
    await expect(page.getByText(t('retention.count', { count: 2 }))).toBeVisible();
    await expect(page.getByText(NOTE)).toHaveCount(0);
    await shoot(app, `${lang}-01-list`);

    // ---- The confirmation: the code typed, a reason given. ------------------------------------
    await table.getByRole('button', { name: t('retention.deleteCaseLabel', { code: gone }) }).click();
    const dialog = page.getByRole('alertdialog', { name: t('retention.dialog.title', { code: gone }) });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText(t('retention.dialog.irreversible'))).toBeVisible();
    const codeField = dialog.getByRole('textbox', { name: t('retention.dialog.typeCode', { code: gone }) });
    await expect(codeField).toBeFocused();
    await codeField.fill(kept);
    await dialog.getByRole('button', { name: t('retention.dialog.confirm') }).click();
    await expect(dialog.getByText(t('retention.dialog.codeMismatch'))).toBeVisible();
    await expect(dialog.getByText(t('retention.dialog.reasonRequired'))).toBeVisible();
    await shoot(app, `${lang}-02-confirm-errors`);
    await codeField.fill(gone);
    await dialog.getByRole('textbox', { name: t('retention.dialog.reason') }).fill('Plazo de conservación vencido');
    await expect(dialog.getByText(t('retention.dialog.codeMismatch'))).toHaveCount(0);
    await shoot(app, `${lang}-03-confirm`);
    // Keyboard: Enter in the code field submits the form.
    await codeField.press('Enter');
    await expect(dialog).toBeHidden(SLOW);
    await expect(page.getByText(t('retention.deleted', { code: gone }))).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('row', { name: new RegExp(kept) })).toBeVisible();
    await shoot(app, `${lang}-04-after`);

    const db = app.core.session!.vault.db;
    expect(db.prepare('SELECT count(*) FROM cases WHERE code = ?').pluck().get(gone)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'case.deleted'").pluck().get()).toBe(1);
  });
}
