import type { Page } from '@playwright/test';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, translator, type Lang } from './i18n';
import { pressToCheck, SLOW } from './steps';

/**
 * The journeys of the first release, each in English and in Spanish, through the built renderer,
 * the real router and a real encrypted vault. Every screen is photographed and scanned by axe.
 * Elements are found by role and accessible name, which also proves that they are labelled.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const WORKER = { username: 'marco.cw', displayName: 'Marco Caseworker', initial: 'temporary river stone window' };
const COORDINATOR = { username: 'lucia.co', displayName: 'Lucía Coordinator', initial: 'paper kite over hills' };

type T = ReturnType<typeof translator>;

async function shoot(app: AmparoApp, name: string): Promise<void> {
  // AXE_DEBUG=1 prints every violation (any impact) with its nodes, to fix before the gate fails.
  if (process.env.AXE_DEBUG) {
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    const r = await new AxeBuilder({ page: app.page }).analyze();
    for (const v of r.violations) console.log('AXE', name, v.id, v.impact, v.nodes.map((n) => n.html).join(' | '));
  }
  await app.screenshot(name);
  await app.checkA11y(name);
}

/**
 * React Aria's radios and checkboxes are native inputs kept visually hidden inside their label,
 * so they are operated from the keyboard, as a person using one would.
 */
async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  const radio = page.getByRole('radio', { name: LANGUAGE_NAMES[lang] });
  await pressToCheck(radio);
  await expect(radio).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

async function signIn(page: Page, t: T, username: string, passphrase: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: t('auth.login.title') })).toBeVisible(SLOW);
  await page.getByLabel(t('fields.username'), { exact: true }).fill(username);
  await page.getByLabel(t('fields.passphrase'), { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: t('auth.login.submit'), exact: true }).click();
}

async function expectLockScreen(page: Page, t: T): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: t('auth.login.title') })).toBeVisible(SLOW);
  await expect(page.getByRole('button', { name: t('shell.lock'), exact: true })).toHaveCount(0);
}

/** Opens on the sign-in screen of a seeded vault, in the chosen language. */
async function openLocked(app: AmparoApp, lang: Lang): Promise<{ t: T; recoveryKey: string }> {
  const { recoveryKey } = await app.seedVault(ADMIN);
  await app.open();
  const en = translator('en');
  await expect(app.page.getByRole('heading', { level: 1, name: en('auth.login.title') })).toBeVisible(SLOW);
  if (lang !== 'en') await chooseLanguage(app.page, lang);
  return { t: translator(lang), recoveryKey };
}

for (const lang of LANGS) {
  test.describe(`in ${LANGUAGE_NAMES[lang]}`, () => {
    test(`first run, recovery key, lock and unlock (${lang})`, async ({ app }) => {
      const { page } = app;
      const t = translator(lang);
      await app.open();

      // 1. Welcome, with the language choice.
      await expect(page.getByRole('heading', { level: 1, name: translator('en')('setup.welcome.title') })).toBeVisible();
      await chooseLanguage(page, lang);
      await expect(page.getByRole('heading', { level: 1, name: t('setup.welcome.title') })).toBeVisible();
      await shoot(app, `${lang}-01-welcome`);
      await page.getByRole('button', { name: t('setup.welcome.start') }).click();

      // 2. The administrator; the form explains and enforces the policy.
      await expect(page.getByRole('heading', { level: 1, name: t('setup.admin.title') })).toBeVisible();
      await shoot(app, `${lang}-02-admin`);
      await page.getByRole('button', { name: t('setup.admin.submit') }).click();
      await expect(page.getByText(t('validation.required')).first()).toBeVisible();
      await page.getByLabel(t('setup.admin.displayName'), { exact: true }).fill(ADMIN.displayName);
      await page.getByLabel(t('fields.username'), { exact: true }).fill(ADMIN.username);
      await page.getByLabel(t('fields.passphrase'), { exact: true }).fill('password123456');
      await page.getByLabel(t('fields.confirmPassphrase'), { exact: true }).fill('password12345');
      await page.getByRole('button', { name: t('setup.admin.submit') }).click();
      await expect(page.getByText(t('validation.passphraseMismatch'))).toBeVisible();
      await page.getByLabel(t('fields.confirmPassphrase'), { exact: true }).fill('password123456');
      await page.getByRole('button', { name: t('setup.admin.submit') }).click();
      await expect(page.getByText(t('errors.PASSPHRASE_COMMON'))).toBeVisible();
      await shoot(app, `${lang}-03-admin-errors`);
      await page.getByLabel(t('fields.passphrase'), { exact: true }).fill(ADMIN.passphrase);
      await page.getByLabel(t('fields.confirmPassphrase'), { exact: true }).fill(ADMIN.passphrase);
      await page.getByRole('button', { name: t('setup.admin.submit') }).click();

      // 3. The recovery key, shown once, in groups.
      await expect(page.getByRole('heading', { level: 1, name: t('setup.key.title') })).toBeVisible(SLOW);
      const recoveryKey = ((await page.getByTestId('recovery-key').textContent()) ?? '').trim();
      expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
      const continueButton = page.getByRole('button', { name: t('common.continue') });
      await expect(continueButton).toBeDisabled();
      await shoot(app, `${lang}-04-recovery-key`);
      await pressToCheck(page.getByRole('checkbox', { name: t('setup.key.ack') }));
      await continueButton.click();

      // 4. Typed back: a typo is refused, the key in any case and spacing is accepted.
      await expect(page.getByRole('heading', { level: 1, name: t('setup.confirm.title') })).toBeVisible();
      const keyField = page.getByLabel(t('fields.recoveryKey'), { exact: true });
      const typo = (recoveryKey.startsWith('A') ? 'B' : 'A') + recoveryKey.slice(1);
      await keyField.fill(typo);
      await page.getByRole('button', { name: t('setup.confirm.submit'), exact: true }).click();
      await expect(page.getByText(t('errors.RECOVERY_KEY_MALFORMED'))).toBeVisible(SLOW);
      await shoot(app, `${lang}-05-confirm-key-wrong`);
      await keyField.fill(recoveryKey.toLowerCase().replaceAll('-', ' '));
      await page.getByRole('button', { name: t('setup.confirm.submit'), exact: true }).click();

      // Home.
      await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible(SLOW);
      await expect(page.getByRole('banner')).toContainText(t('roles.administrator'));
      await expect(page.getByRole('navigation').getByRole('link', { name: t('shell.accounts') })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: t('home.admin.accounts.title') })).toBeVisible();
      await shoot(app, `${lang}-06-home-first`);

      // Lock with the button.
      await page.getByRole('button', { name: t('shell.lock'), exact: true }).click();
      await expectLockScreen(page, t);
      await expect(page.getByText(t('auth.login.lockedManual'))).toBeVisible();
      await shoot(app, `${lang}-07-sign-in`);

      // A wrong passphrase is refused with a clear message.
      await signIn(page, t, ADMIN.username, 'lantern harbour violet compasses');
      await expect(page.getByRole('alert').filter({ hasText: t('errors.WRONG_CREDENTIALS') })).toBeVisible(SLOW);
      await expect(page.getByLabel(t('fields.passphrase'), { exact: true })).toHaveValue('');
      await shoot(app, `${lang}-08-sign-in-wrong`);

      // The right one; home reports the failed attempt since the last sign-in.
      await page.getByLabel(t('fields.passphrase'), { exact: true }).fill(ADMIN.passphrase);
      await page.getByRole('button', { name: t('auth.login.submit'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible(SLOW);
      await expect(page.getByText(t('home.failed', { count: 1 }))).toBeVisible();
      await shoot(app, `${lang}-09-home-failed-attempt`);

      // Lock with Ctrl+L; nothing of the session is left in the page.
      await page.keyboard.press('Control+l');
      await expectLockScreen(page, t);
      await expect(page.locator('body')).not.toContainText(ADMIN.displayName);
      expect(app.core.session).toBeNull();
    });

    test(`the recovery key can be confirmed after a lock (${lang})`, async ({ app }) => {
      const { page } = app;
      const t = translator(lang);
      await app.open();
      await chooseLanguage(page, lang);
      await page.getByRole('button', { name: t('setup.welcome.start') }).click();
      await page.getByLabel(t('setup.admin.displayName'), { exact: true }).fill(ADMIN.displayName);
      await page.getByLabel(t('fields.username'), { exact: true }).fill(ADMIN.username);
      await page.getByLabel(t('fields.passphrase'), { exact: true }).fill(ADMIN.passphrase);
      await page.getByLabel(t('fields.confirmPassphrase'), { exact: true }).fill(ADMIN.passphrase);
      await page.getByRole('button', { name: t('setup.admin.submit') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('setup.key.title') })).toBeVisible(SLOW);
      const recoveryKey = ((await page.getByTestId('recovery-key').textContent()) ?? '').trim();

      // Locked before confirming: the key is gone from the page, the confirmation comes back.
      await page.keyboard.press('Control+l');
      await signIn(page, t, ADMIN.username, ADMIN.passphrase);
      await expect(page.getByRole('heading', { level: 1, name: t('setup.confirm.title') })).toBeVisible(SLOW);
      await expect(page.getByText(t('setup.confirm.pendingIntro'))).toBeVisible();
      await expect(page.getByTestId('recovery-key')).toHaveCount(0);
      await shoot(app, `${lang}-10-confirm-key-pending`);

      // Later: home says it is still pending; from there, confirm it.
      await page.getByRole('button', { name: t('setup.confirm.later') }).click();
      await expect(page.getByRole('heading', { level: 2, name: t('home.recoveryPending.title') })).toBeVisible();
      await shoot(app, `${lang}-11-home-key-pending`);
      await page.getByRole('button', { name: t('home.recoveryPending.action') }).click();
      await page.getByLabel(t('fields.recoveryKey'), { exact: true }).fill(recoveryKey);
      await page.getByRole('button', { name: t('setup.confirm.submit'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible(SLOW);
      await expect(page.getByRole('heading', { level: 2, name: t('home.recoveryPending.title') })).toHaveCount(0);
    });

    test(`idle lock after the minutes set in Settings (${lang})`, async ({ app }) => {
      const { page } = app;
      const { t } = await openLocked(app, lang);
      await signIn(page, t, ADMIN.username, ADMIN.passphrase);
      await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible(SLOW);
      await expect(page.getByText(t('home.noFailed'))).toBeVisible();

      await page.getByRole('navigation').getByRole('link', { name: t('shell.settings') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('settings.title') })).toBeVisible();
      const idle = page.getByRole('textbox', { name: t('settings.security.idleMinutes') });
      await expect(idle).toHaveValue('5');
      // React Aria's own labels follow the language too.
      await expect(page.getByRole('button', { name: lang === 'es' ? /^Aumentar/ : /^Increase/ }).first()).toBeVisible();
      await shoot(app, `${lang}-12-settings-admin`);
      await idle.fill('1');
      const protection = page.getByRole('switch', { name: t('settings.security.contentProtection') });
      await expect(protection).toBeChecked(); // on by default
      await protection.press('Space');
      await expect(protection).not.toBeChecked();
      await page.getByRole('button', { name: t('settings.security.save') }).click();
      await expect(page.getByText(t('settings.security.saved'))).toBeVisible();

      // Just under a minute: still open; just over: locked by the core, and the page wiped.
      await app.advanceClock(50_000);
      await expect(page.getByRole('heading', { level: 1, name: t('settings.title') })).toBeVisible();
      await app.advanceClock(11_000);
      await expectLockScreen(page, t);
      await expect(page.getByText(t('auth.login.lockedIdle'))).toBeVisible();
      await shoot(app, `${lang}-13-locked-idle`);
    });

    test(`accounts, and the forced passphrase change of a new account (${lang})`, async ({ app }) => {
      const { page } = app;
      const { t, recoveryKey } = await openLocked(app, lang);
      await signIn(page, t, ADMIN.username, ADMIN.passphrase);
      await page.getByRole('navigation').getByRole('link', { name: t('shell.accounts') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('accounts.title') })).toBeVisible(SLOW);
      await shoot(app, `${lang}-14-accounts`);

      // Add a caseworker.
      await page.getByRole('button', { name: t('accounts.add') }).click();
      const add = page.getByRole('dialog', { name: t('accounts.addDialog.title') });
      await expect(add).toBeVisible();
      await shoot(app, `${lang}-15-accounts-add`);
      await add.getByLabel(t('fields.displayName'), { exact: true }).fill(WORKER.displayName);
      await add.getByLabel(t('fields.username'), { exact: true }).fill(WORKER.username);
      await add.getByRole('button', { name: t('fields.role') }).click();
      await page.getByRole('option', { name: t('roles.supervisor') }).click();
      await add.getByRole('button', { name: t('fields.role') }).click();
      await page.getByRole('option', { name: t('roles.caseworker') }).click();
      await add.getByLabel(t('accounts.addDialog.initialPassphrase'), { exact: true }).fill(WORKER.initial);
      await add.getByRole('button', { name: t('accounts.addDialog.submit') }).click();
      await expect(add).toBeHidden(SLOW);
      const workerRow = page.getByRole('row', { name: new RegExp(WORKER.displayName) });
      await expect(workerRow).toContainText(t('roles.caseworker'));
      await expect(workerRow).toContainText(t('accounts.status.mustChange'));

      // Add a coordinator, then disable that account (with a confirmation).
      await page.getByRole('button', { name: t('accounts.add') }).click();
      await add.getByLabel(t('fields.displayName'), { exact: true }).fill(COORDINATOR.displayName);
      await add.getByLabel(t('fields.username'), { exact: true }).fill(COORDINATOR.username);
      await add.getByRole('button', { name: t('fields.role') }).click();
      await page.getByRole('option', { name: t('roles.coordinator') }).click();
      await add.getByLabel(t('accounts.addDialog.initialPassphrase'), { exact: true }).fill(COORDINATOR.initial);
      await add.getByRole('button', { name: t('accounts.addDialog.submit') }).click();
      await expect(add).toBeHidden(SLOW);
      await page.getByRole('button', { name: t('accounts.disableFor', { name: COORDINATOR.displayName }) }).click();
      const confirm = page.getByRole('alertdialog', { name: t('accounts.disableDialog.title', { name: COORDINATOR.displayName }) });
      await expect(confirm).toBeVisible();
      await shoot(app, `${lang}-16-accounts-disable`);
      await confirm.getByRole('button', { name: t('accounts.disableDialog.confirm') }).click();
      await expect(confirm).toBeHidden();
      await expect(page.getByRole('row', { name: new RegExp(COORDINATOR.displayName) })).toContainText(t('accounts.status.disabled'));

      // Reset the caseworker's passphrase with the recovery key.
      await page.getByRole('button', { name: t('accounts.resetFor', { name: WORKER.displayName }) }).click();
      const reset = page.getByRole('dialog', { name: t('accounts.resetDialog.title', { name: WORKER.displayName }) });
      await expect(reset).toBeVisible();
      await shoot(app, `${lang}-17-accounts-reset`);
      await reset.getByLabel(t('fields.recoveryKey'), { exact: true }).fill(recoveryKey);
      await reset.getByLabel(t('accounts.resetDialog.temporary'), { exact: true }).fill('second temporary river stone');
      await reset.getByRole('button', { name: t('accounts.resetDialog.submit') }).click();
      await expect(reset).toBeHidden(SLOW);
      await expect(page.getByText(t('accounts.resetDone', { name: WORKER.displayName }))).toBeVisible();
      await shoot(app, `${lang}-18-accounts-after`);

      // The disabled account cannot sign in: its key slot is gone, so its passphrase opens nothing.
      await page.keyboard.press('Control+l');
      await signIn(page, t, COORDINATOR.username, COORDINATOR.initial);
      await expect(page.getByRole('alert').filter({ hasText: t('errors.WRONG_CREDENTIALS') })).toBeVisible(SLOW);

      // The caseworker must choose a passphrase before anything else.
      await page.getByLabel(t('fields.username'), { exact: true }).fill(WORKER.username);
      await page.getByLabel(t('fields.passphrase'), { exact: true }).fill('second temporary river stone');
      await page.getByRole('button', { name: t('auth.login.submit'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('auth.forced.title') })).toBeVisible(SLOW);
      await expect(page.getByRole('navigation')).toHaveCount(0);
      await shoot(app, `${lang}-19-forced-change`);
      await page.getByLabel(t('auth.forced.current'), { exact: true }).fill('second temporary river stone');
      await page.getByLabel(t('fields.newPassphrase'), { exact: true }).fill('quiet morning tea garden');
      await page.getByLabel(t('fields.confirmNewPassphrase'), { exact: true }).fill('quiet morning tea garden');
      await page.getByRole('button', { name: t('auth.forced.submit') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: WORKER.displayName }) })).toBeVisible(SLOW);
      await expect(page.getByRole('banner')).toContainText(t('roles.caseworker'));
      await expect(page.getByRole('navigation').getByRole('link', { name: t('shell.accounts') })).toHaveCount(0);
      await shoot(app, `${lang}-20-home-caseworker`);

      // Settings: the security options are read-only for a caseworker.
      await page.getByRole('navigation').getByRole('link', { name: t('shell.settings') }).click();
      await expect(page.getByText(t('settings.security.readOnly'))).toBeVisible();
      await expect(page.getByRole('textbox', { name: t('settings.security.idleMinutes') })).toHaveAttribute('readonly', '');
      await expect(page.getByRole('button', { name: t('settings.security.save') })).toHaveCount(0);
      await shoot(app, `${lang}-21-settings-caseworker`);
    });

    test(`forgotten passphrase: the recovery key from the sign-in screen (${lang})`, async ({ app }) => {
      const { page } = app;
      const { t, recoveryKey } = await openLocked(app, lang);
      await page.getByRole('button', { name: t('auth.login.forgot') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('auth.recover.title') })).toBeVisible();
      await shoot(app, `${lang}-22-recover`);
      await page.getByLabel(t('fields.recoveryKey'), { exact: true }).fill(recoveryKey);
      await page.getByLabel(t('auth.recover.username'), { exact: true }).fill(ADMIN.username);
      await page.getByLabel(t('fields.newPassphrase'), { exact: true }).fill('copper lighthouse autumn ferry');
      await page.getByLabel(t('fields.confirmNewPassphrase'), { exact: true }).fill('copper lighthouse autumn ferry');
      await page.getByRole('button', { name: t('auth.recover.submit') }).click();
      await expect(page.getByText(t('auth.login.recovered'))).toBeVisible(SLOW);
      await shoot(app, `${lang}-23-recovered`);
      await signIn(page, t, ADMIN.username, 'copper lighthouse autumn ferry');
      await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible(SLOW);
    });

    test(`quick-hide shows a neutral screen at once, and locks (${lang})`, async ({ app }) => {
      const { page } = app;
      const { t } = await openLocked(app, lang);
      await signIn(page, t, ADMIN.username, ADMIN.passphrase);
      await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible(SLOW);

      const reloaded = page.waitForEvent('load');
      await page.keyboard.press('Control+Shift+H');
      // At once: nothing of the app on screen.
      await expect(page.locator('body')).not.toContainText(ADMIN.displayName, { timeout: 1_000 });
      await expect(page.locator('body')).not.toContainText('Amparo', { timeout: 1_000 });
      await reloaded;
      await expect.poll(() => app.core.session).toBeNull();

      // After the reload: still the neutral page, until a key is pressed.
      const neutral = page.getByRole('main', { name: t('neutral.title') });
      await expect(neutral).toBeVisible();
      await expect(page.locator('body')).not.toContainText('Amparo');
      await expect(page).toHaveTitle(t('neutral.title'));
      await shoot(app, `${lang}-24-neutral`);
      await page.keyboard.press('Shift'); // a lone modifier does not reveal anything
      await expect(neutral).toBeVisible();
      await page.keyboard.press('Enter');
      await expectLockScreen(page, t);
    });
  });
}

test('activity at the keyboard postpones the idle lock', async ({ app }) => {
  const { page } = app;
  const { t } = await openLocked(app, 'en');
  await signIn(page, t, ADMIN.username, ADMIN.passphrase);
  await page.getByRole('navigation').getByRole('link', { name: t('shell.settings') }).click();
  const idle = page.getByRole('textbox', { name: t('settings.security.idleMinutes') });
  await idle.fill('1');
  await page.getByRole('button', { name: t('settings.security.save') }).click();
  await expect(page.getByText(t('settings.security.saved'))).toBeVisible();

  // The page reports activity at most once every 15 s (of real time): wait that long, then act.
  await page.waitForTimeout(15_500);
  await app.advanceClock(50_000);
  await page.getByRole('navigation').getByRole('link', { name: t('shell.home') }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible();
  await app.advanceClock(30_000); // 80 s after the save, 30 s after the activity
  await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible();
  await app.advanceClock(31_000);
  await expectLockScreen(page, t);
});

test('language switch: Spanish on the sign-in screen and at home, remembered', async ({ app }) => {
  const { page } = app;
  const en = translator('en');
  const es = translator('es');
  await app.seedVault(ADMIN);
  await app.open();
  await expect(page.getByRole('heading', { level: 1, name: en('auth.login.title') })).toBeVisible(SLOW);
  await chooseLanguage(page, 'es');
  await expect(page.getByRole('heading', { level: 1, name: es('auth.login.title') })).toBeVisible();
  await expect(page.getByRole('button', { name: es('auth.login.forgot') })).toBeVisible();
  await signIn(page, es, ADMIN.username, ADMIN.passphrase);
  await expect(page.getByRole('heading', { level: 1, name: es('home.welcome', { name: ADMIN.displayName }) })).toBeVisible(SLOW);
  await expect(page.getByRole('navigation').getByRole('link', { name: es('shell.home') })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: es('home.admin.accounts.title') })).toBeVisible();

  // Back to English from Settings; the choice survives a lock.
  await page.getByRole('navigation').getByRole('link', { name: es('shell.settings') }).click();
  await chooseLanguage(page, 'en');
  await expect(page.getByRole('heading', { level: 1, name: en('settings.title') })).toBeVisible();
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { level: 1, name: en('auth.login.title') })).toBeVisible(SLOW);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the layout holds at 1024×700', async ({ app }) => {
  const { page } = app;
  const t = translator('es');
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.seedVault(ADMIN);
  await app.open();
  await chooseLanguage(page, 'es');
  await signIn(page, t, ADMIN.username, ADMIN.passphrase);
  await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible(SLOW);
  const overflow = await page.evaluate(() => {
    const g = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
    return g.document.documentElement.scrollWidth > g.innerWidth;
  });
  expect(overflow).toBe(false);
  await shoot(app, 'es-25-home-1024');
  await page.getByRole('navigation').getByRole('link', { name: t('shell.accounts') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('accounts.title') })).toBeVisible(SLOW);
  await shoot(app, 'es-26-accounts-1024');
});
