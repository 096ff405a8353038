import type { Page } from '@playwright/test';
import { expect, type AmparoApp } from './harness';
import type { T } from './i18n';

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
