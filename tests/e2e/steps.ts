import type { Locator, Page } from '@playwright/test';
import { expect, type AmparoApp } from './harness';
import { LANGUAGE_NAMES, translator, type Lang, type T } from './i18n';
import { createAccount, resetWithRecovery } from '../../src/main/core/users/service';
import { createCase } from '../../src/main/core/cases/service';
import { sessionAs } from '../support/sessions';

/** Steps several e2e specs take the same way. */

export const SLOW = { timeout: 60_000 }; // Argon2id with 256 MiB per derivation

/** A window as tall as the page, so sticky bars and a dialog's backdrop sit where they belong in a picture. */
export async function tallWindow(page: Page): Promise<() => Promise<void>> {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight);
  if (!viewport) return async () => undefined;
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  return () => page.setViewportSize(viewport);
}

/** The whole page as `file`.png, then the accessibility scan named `name`. */
export async function shootTall(app: AmparoApp, file: string, name: string): Promise<void> {
  const restore = await tallWindow(app.page);
  await app.screenshot(file);
  await restore();
  await app.checkA11y(name);
}

export const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

export async function signIn(page: Page, t: T, who: { username: string; displayName: string; passphrase: string }): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: t('auth.login.title') })).toBeVisible(SLOW);
  await page.getByLabel(t('fields.username'), { exact: true }).fill(who.username);
  await page.getByLabel(t('fields.passphrase'), { exact: true }).fill(who.passphrase);
  await page.getByRole('button', { name: t('auth.login.submit'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: who.displayName }) })).toBeVisible(SLOW);
}

/** Ctrl+L, back to the sign-in screen. */
export async function lock(page: Page, t: T): Promise<void> {
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { level: 1, name: t('auth.login.title') })).toBeVisible(SLOW);
}

/** Checks a checkbox, switch or radio with the keyboard (Space), as a person without a mouse would. */
export async function pressToCheck(control: Locator): Promise<void> {
  if (!(await control.isChecked())) await control.press('Space');
  await expect(control).toBeChecked();
}

/** On the sign-in screen: the interface language chosen there (English is the default). */
export async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: translator('en')('auth.login.title') })).toBeVisible(SLOW);
  if (lang === 'en') return;
  await pressToCheck(page.getByRole('radio', { name: LANGUAGE_NAMES[lang] }));
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

export const E2E_ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
export const E2E_WORKER = { username: 'marco.cw', displayName: 'Marco Caseworker', initial: 'temporary river stone window', passphrase: 'quiet morning tea garden' };

/**
 * A vault with one case, recorded through the core by E2E_WORKER (a caseworker, or a supervisor),
 * who then signs in through the screen in `lang` and sees the home screen.
 */
export async function oneCaseSignedIn(app: AmparoApp, lang: Lang, role: 'caseworker' | 'supervisor' = 'caseworker'): Promise<{ t: T; caseId: string; code: string }> {
  const { core, page } = app;
  const { recoveryKey } = await core.createVault(E2E_ADMIN);
  const admin = core.session!;
  await core.confirmRecoveryKey(admin, recoveryKey);
  const account = await createAccount(admin, { username: E2E_WORKER.username, displayName: E2E_WORKER.displayName, role, initialPassphrase: E2E_WORKER.initial });
  await resetWithRecovery(admin.vault, { accountId: account.id, recoveryKey, newPassphrase: E2E_WORKER.passphrase, actorId: admin.accountId, mustChange: false });
  // That person records the intake (as tests/support/case-fixture.ts makes sessions of other roles).
  const worker = await sessionAs(admin.vault, E2E_WORKER.username, E2E_WORKER.passphrase);
  const header = createCase(worker, { office: 'Lima Norte', profile: { gender: 'Feminine' } });
  core.lockNow('logout');

  await app.open();
  await chooseLanguage(page, lang);
  const t = translator(lang);
  await signIn(page, t, E2E_WORKER);
  return { t, caseId: header.id, code: header.code };
}
