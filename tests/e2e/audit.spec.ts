import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, type Lang, type T, escapeRegExp, translator } from './i18n';
import { nav, pressToCheck, SLOW } from './steps';
import { createAccount, resetWithRecovery } from '../../src/main/core/users/service';
import { createCase, getCaseFile } from '../../src/main/core/cases/service';

/**
 * The audit trail screen (issue 4 §3), in English and Spanish, through the built renderer, the
 * real router and a real encrypted vault: an administrator sees sign-ins and account creations,
 * filters by action, person, case and days, exports CSV (read back here), and sees the export
 * appear as an entry. The case recorded for the test leaves no trace of its content anywhere.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const WORKER = { username: 'marco.cw', displayName: 'Marco Caseworker', initial: 'temporary river stone window', passphrase: 'quiet morning tea garden' };

// ---------------------------------------------------------------------------------------------

async function shoot(app: AmparoApp, name: string): Promise<void> {
  if (process.env.AXE_DEBUG) {
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    const r = await new AxeBuilder({ page: app.page }).analyze();
    for (const v of r.violations) console.log('AXE', name, v.id, v.impact, v.nodes.map((n) => n.html).join(' | '));
  }
  await app.page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
  await app.screenshot(`audit-${name}`);
  await app.checkA11y(name);
}

/** Chooses an option of a React Aria Select, found by its label (its name also holds the value). */
async function choose(page: Page, label: string, option: string): Promise<void> {
  const trigger = page.getByRole('button', { name: new RegExp(`${escapeRegExp(label)}$`) });
  await trigger.click();
  await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(option)}( ✓)?$`) }).click();
  await expect(trigger).toContainText(option);
}

/** Types a date into a React Aria date field, in the order of the language's segments. */
async function typeDate(page: Page, lang: Lang, label: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  await page.getByRole('group', { name: label, exact: true }).getByRole('spinbutton').first().click();
  await page.keyboard.type(lang === 'es' ? `${d}${m}${y}` : `${m}${d}${y}`);
}

/** The chain's status line for `entries` entries; the time of day is left open (the browser formats it). */
const chainIntact = (t: T, entries: number) =>
  new RegExp(escapeRegExp(t('audit.chain.intact', { count: entries, entries, time: '\u0000' })).replace('\u0000', '.+'));

/** Entries in the whole trail, as the core counts them. */
const trailLength = (app: AmparoApp) => (app.core.session!.vault.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;

/** Today and other days as the core counts them (UTC calendar dates). */
function day(offset = 0): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

const table = (page: Page) => page.getByRole('table');
const bodyRows = (page: Page) => table(page).locator('tbody tr');
/** The text of one column (0: time, 1: person, 2: action, 3: target, 4: details) of every row. */
const column = (page: Page, index: number) => bodyRows(page).locator(`> :nth-child(${index + 1})`).allInnerTexts();

/**
 * A vault with an administrator and a caseworker who has signed in, recorded a case (with
 * identity) and opened it, all through the core; then the sign-in screen in the chosen language.
 */
async function setUp(app: AmparoApp, lang: Lang): Promise<{ t: T; code: string }> {
  const { core, page } = app;
  const { recoveryKey } = await core.createVault(ADMIN);
  const admin = core.session!;
  await core.confirmRecoveryKey(admin, recoveryKey);
  const account = await createAccount(admin, { username: WORKER.username, displayName: WORKER.displayName, role: 'caseworker', initialPassphrase: WORKER.initial });
  await resetWithRecovery(admin.vault, { accountId: account.id, recoveryKey, newPassphrase: WORKER.passphrase, actorId: admin.accountId, mustChange: false });
  expect(account.id).toBeTruthy();
  // The caseworker signs in (their key pair seals the identity of the case they record).
  core.lockNow('logout');
  await core.login(WORKER.username, WORKER.passphrase);
  const worker = core.session!;
  // Text found nowhere else in the project (a unit test's transformed source in the temp folder
  // would otherwise count as a leak).
  const person = lang === 'es' ? { givenNames: 'Yolanda Ccori', familyNames: 'Huamán Tito', currentLocation: 'Jirón Ayacucho 417' } : { givenNames: 'Esther Adaeze', familyNames: 'Nwosu Kalu', currentLocation: 'Harbour Lane 12' };
  const office = 'Oficina Chimbote Centro';
  app.rememberSecret(person.givenNames, person.familyNames, person.currentLocation, office);
  const header = createCase(worker, { office, identity: person, profile: { gender: 'Feminine' } });
  getCaseFile(worker, header.id);
  core.lockNow('logout');

  await app.open();
  const en = translator('en');
  await expect(page.getByRole('heading', { level: 1, name: en('auth.login.title') })).toBeVisible(SLOW);
  if (lang !== 'en') {
    await pressToCheck(page.getByRole('radio', { name: LANGUAGE_NAMES[lang] }));
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  }
  return { t: translator(lang), code: header.code };
}

async function signIn(page: Page, t: T, username: string, passphrase: string, displayName: string): Promise<void> {
  await page.getByLabel(t('fields.username'), { exact: true }).fill(username);
  await page.getByLabel(t('fields.passphrase'), { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: t('auth.login.submit'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: displayName }) })).toBeVisible(SLOW);
}

for (const lang of LANGS) {
  test.describe(`in ${LANGUAGE_NAMES[lang]}`, () => {
    test(`the administrator reads, filters and exports the audit trail (${lang})`, async ({ app }) => {
      const { page } = app;
      const { t, code } = await setUp(app, lang);
      await signIn(page, t, ADMIN.username, ADMIN.passphrase, ADMIN.displayName);

      // The trail, newest first: this sign-in on top, the account creations below.
      await nav(page, t('audit.nav')).click();
      await expect(page.getByRole('heading', { level: 1, name: t('audit.title') })).toBeVisible();
      await expect(nav(page, t('audit.nav'))).toHaveAttribute('aria-current', 'page');
      await expect(bodyRows(page).first()).toBeVisible();
      const actions = await column(page, 2);
      expect(actions[0]).toBe(t('audit.actions.session.login'));
      expect(actions).toContain(t('audit.actions.account.created'));
      expect(actions).toContain(t('audit.actions.case.viewed'));
      expect((await column(page, 1))[0]).toBe(ADMIN.displayName);
      await expect(page.getByRole('status').filter({ hasText: t('audit.shown', { count: actions.length }) })).toBeVisible();
      // Above the entries: the whole trail was checked on opening, and is intact.
      await expect(page.getByRole('status').filter({ hasText: chainIntact(t, trailLength(app)) })).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
      await shoot(app, `${lang}-01-trail`);

      // By action: the two accounts created, each named.
      await choose(page, t('audit.filters.action'), t('audit.actions.account.created'));
      await page.getByRole('button', { name: t('audit.filters.apply'), exact: true }).click();
      await expect(bodyRows(page)).toHaveCount(2);
      expect(new Set(await column(page, 2))).toEqual(new Set([t('audit.actions.account.created')]));
      expect(await column(page, 3)).toEqual([WORKER.displayName, ADMIN.displayName]);
      await expect(bodyRows(page).first()).toContainText(t('roles.caseworker'));
      await shoot(app, `${lang}-02-by-action`);

      // By person (the action back to any): what the caseworker did, and nothing else.
      await choose(page, t('audit.filters.action'), t('audit.filters.anyAction'));
      await choose(page, t('audit.filters.person'), t('audit.filters.personOption', { name: WORKER.displayName, role: t('roles.caseworker') }));
      await page.getByRole('button', { name: t('audit.filters.apply'), exact: true }).click();
      await expect(bodyRows(page).filter({ hasText: ADMIN.displayName })).toHaveCount(0);
      await expect(table(page)).toContainText(code);
      expect(new Set(await column(page, 1))).toEqual(new Set([WORKER.displayName]));
      expect(await column(page, 2)).toEqual(
        expect.arrayContaining([t('audit.actions.session.login'), t('audit.actions.case.created'), t('audit.actions.case.viewed'), t('audit.actions.session.lock')]),
      );
      await shoot(app, `${lang}-03-by-person`);

      // By case code, typed in lower case and applied with Enter; by days (a wrong range first).
      await choose(page, t('audit.filters.person'), t('audit.filters.anyone'));
      const codeField = page.getByRole('textbox', { name: t('audit.filters.caseCode') });
      await codeField.fill(code.toLowerCase());
      await codeField.press('Enter');
      await expect(bodyRows(page).first()).toBeVisible();
      expect(new Set(await column(page, 3))).toEqual(new Set([code]));
      await typeDate(page, lang, t('audit.filters.from'), day(1));
      await typeDate(page, lang, t('audit.filters.to'), day(-1));
      await page.getByRole('button', { name: t('audit.filters.apply'), exact: true }).click();
      await expect(page.getByText(t('audit.filters.rangeInvalid'))).toBeVisible();
      await shoot(app, `${lang}-04-wrong-range`);
      await typeDate(page, lang, t('audit.filters.from'), day(-1));
      await typeDate(page, lang, t('audit.filters.to'), day(1));
      await page.getByRole('button', { name: t('audit.filters.apply'), exact: true }).click();
      await expect(page.getByText(t('audit.filters.rangeInvalid'))).toHaveCount(0);
      expect(new Set(await column(page, 3))).toEqual(new Set([code]));
      await typeDate(page, lang, t('audit.filters.from'), day(2));
      await typeDate(page, lang, t('audit.filters.to'), day(3));
      await page.getByRole('button', { name: t('audit.filters.apply'), exact: true }).click();
      await expect(page.getByText(t('audit.empty'))).toBeVisible();
      await expect(table(page)).toHaveCount(0);

      // Export the account creations to CSV: the dialog (here, the harness) chooses the file.
      await page.getByRole('button', { name: t('audit.filters.clear'), exact: true }).click();
      await expect(codeField).toHaveValue('');
      await choose(page, t('audit.filters.action'), t('audit.actions.account.created'));
      await page.getByRole('button', { name: t('audit.filters.apply'), exact: true }).click();
      await expect(bodyRows(page)).toHaveCount(2);
      const csvPath = path.join(app.dataDir, 'exports', 'audit.csv');
      fs.mkdirSync(path.dirname(csvPath));
      app.nextSavePath(csvPath);
      await page.getByRole('button', { name: t('audit.export'), exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: t('audit.exported', { count: 2 }) })).toBeVisible();
      expect(app.lastSaveSuggestion()).toEqual({ suggestedName: `amparo-audit-${day()}.csv`, kind: 'csv' });
      const text = fs.readFileSync(csvPath, 'utf8');
      const [columns, ...rows] = parse(text, { bom: true }) as string[][];
      expect(columns).toEqual(['seq', 'at', 'actor', 'action', 'target', 'detail', 'hash']);
      expect(rows.map((r) => [r[2], r[3], r[4]])).toEqual([
        [ADMIN.displayName, 'account.created', ADMIN.displayName],
        [ADMIN.displayName, 'account.created', WORKER.displayName],
      ]);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r[6]!))).toBe(true);
      await shoot(app, `${lang}-05-exported`);

      // The export is itself an entry, on top once the filter is cleared; a cancelled one is not.
      await page.getByRole('button', { name: t('audit.filters.clear'), exact: true }).click();
      await expect(bodyRows(page).first()).toContainText(t('audit.actions.audit.exported'));
      await expect(bodyRows(page).first()).toContainText(ADMIN.displayName);
      await expect(bodyRows(page).first()).toContainText(t('audit.actions.account.created'));
      const count = await bodyRows(page).count();
      app.nextSavePath(null);
      await page.getByRole('button', { name: t('audit.export'), exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: t('audit.exportCancelled') })).toBeVisible();
      await expect(bodyRows(page)).toHaveCount(count);
      await shoot(app, `${lang}-06-export-entry`);
    });
  });
}

test('older entries load on demand, with focus on the first one added; a caseworker has no audit trail', async ({ app }) => {
  const { page, core } = app;
  const lang: Lang = 'en';
  const { t } = await setUp(app, lang);
  await signIn(page, t, ADMIN.username, ADMIN.passphrase, ADMIN.displayName);
  // More than a page of entries: every lock of a session is one (written through the core).
  const session = core.session!;
  const { appendAudit } = await import('../../src/main/core/audit/chain');
  session.vault.db.transaction(() => {
    for (let i = 0; i < 60; i++) appendAudit(session.vault.db, { at: new Date().toISOString(), actorId: session.accountId, action: 'settings.changed', detail: { idleMinutes: 5, contentProtection: true } });
  })();

  await nav(page, t('audit.nav')).click();
  await expect(bodyRows(page)).toHaveCount(50);
  await expect(page.getByRole('status').filter({ hasText: t('audit.shownMore', { count: 50 }) })).toBeVisible();
  const older = page.getByRole('button', { name: t('audit.loadOlder'), exact: true });
  await older.focus();
  await page.keyboard.press('Enter');
  await expect(bodyRows(page).nth(50)).toBeVisible();
  await expect(bodyRows(page).nth(50).locator('th')).toBeFocused();
  await expect(older).toHaveCount(0);
  const total = await bodyRows(page).count();
  await expect(page.getByRole('status').filter({ hasText: t('audit.shown', { count: total }) })).toBeVisible();

  // Intact, checked again from the keyboard; then one entry is edited in the database (as someone
  // holding the key could) and the next check raises an alert naming it, and what to do.
  const checkAgain = page.getByRole('button', { name: t('audit.chain.checkAgain'), exact: true });
  await checkAgain.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: chainIntact(t, trailLength(app)) })).toBeVisible();
  session.vault.db.prepare('UPDATE audit_log SET detail = ? WHERE seq = 5').run(JSON.stringify({ idleMinutes: 240, contentProtection: false }));
  await page.keyboard.press('Enter');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(t('audit.chain.brokenTitle'));
  await expect(alert).toContainText(t('audit.chain.problems.edited', { seq: 5 }));
  await expect(alert).toContainText(t('audit.chain.whatToDo'));
  await expect(alert.getByRole('listitem')).toHaveCount(1);
  await expect(checkAgain).toBeFocused();
  await shoot(app, 'en-07-chain-broken');

  // A caseworker sees no audit trail in the navigation, and the core refuses the channel.
  await page.getByRole('button', { name: t('shell.lock'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('auth.login.title') })).toBeVisible(SLOW);
  await signIn(page, t, WORKER.username, WORKER.passphrase, WORKER.displayName);
  await expect(nav(page, t('shell.home'))).toBeVisible();
  await expect(nav(page, t('audit.nav'))).toHaveCount(0);
  const refused = await page.evaluate(() => (globalThis as unknown as { api: { invoke: (c: string, p: unknown) => Promise<unknown> } }).api.invoke('audit.query', {}));
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const verifyRefused = await page.evaluate(() => (globalThis as unknown as { api: { invoke: (c: string, p: unknown) => Promise<unknown> } }).api.invoke('audit.verify', {}));
  expect(verifyRefused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
