import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, type T, translator } from './i18n';
import { pressToCheck, SLOW } from './steps';
import { generateRecoveryKey } from '../../src/main/core/vault/recovery-key';

/**
 * Recovery shares (issue 4 §4), in English and Spanish, through the built renderer, the real
 * router and a real encrypted vault: an administrator prints 3-of-5 shares from Settings, then
 * on the sign-in screen a forgotten passphrase is reset with 3 of them (2 are refused, a typo is
 * caught on its field) and the person signs in with the new one. No share lands on disk.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const NEW_PASSPHRASE = 'copper lighthouse morning tide';
const CONTACT = 'Ana Admin, +34 600 000 111';
const SCREENS_DIR = path.resolve(import.meta.dirname, '../../test-results/screens');

// ---------------------------------------------------------------------------------------------

/** `viewport`: for the print view, a full-window dialog that scrolls inside itself. */
async function shoot(app: AmparoApp, name: string, viewport = false): Promise<void> {
  if (process.env.AXE_DEBUG) {
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    const r = await new AxeBuilder({ page: app.page }).analyze();
    for (const v of r.violations) console.log('AXE', name, v.id, v.impact, v.nodes.map((n) => n.html).join(' | '));
  }
  // The shell's header is sticky: from the top, a full-page picture shows it where it belongs.
  await app.page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
  if (viewport) {
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
    await app.page.screenshot({ path: path.join(SCREENS_DIR, `recovery-shares-${name}.png`) });
  } else {
    await app.screenshot(`recovery-shares-${name}`);
  }
  await app.checkA11y(name);
}

async function signIn(page: Page, t: T, passphrase: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: t('auth.login.title') })).toBeVisible(SLOW);
  await page.getByLabel(t('fields.username'), { exact: true }).fill(ADMIN.username);
  await page.getByLabel(t('fields.passphrase'), { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: t('auth.login.submit'), exact: true }).click();
}

for (const lang of LANGS) {
  test(`an administrator prints 3-of-5 shares; 3 of them reset a forgotten passphrase (${lang})`, async ({ app }) => {
    test.setTimeout(300_000); // eight Argon2id derivations of 256 MiB
    const { page } = app;
    const { recoveryKey } = await app.seedVault(ADMIN);
    app.rememberSecret(recoveryKey);
    await app.open();
    const en = translator('en');
    await expect(page.getByRole('heading', { level: 1, name: en('auth.login.title') })).toBeVisible(SLOW);
    if (lang !== 'en') {
      await pressToCheck(page.getByRole('radio', { name: LANGUAGE_NAMES[lang] }));
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
    }
    const t = translator(lang);
    await signIn(page, t, ADMIN.passphrase);
    await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible(SLOW);

    // Settings → Recovery shares: the key, 3 of 5 (the defaults), whom to contact.
    await page.getByRole('navigation').getByRole('link', { name: t('shell.settings') }).click();
    const panel = page.getByRole('region', { name: t('recoveryShares.create.title') });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('textbox', { name: t('recoveryShares.create.threshold') })).toHaveValue('3');
    await expect(panel.getByRole('textbox', { name: t('recoveryShares.create.total') })).toHaveValue('5');
    const keyField = panel.getByLabel(t('fields.recoveryKey'), { exact: true });
    // A key that is not this vault's is refused on its field.
    await keyField.fill(generateRecoveryKey().text);
    await panel.getByRole('button', { name: t('recoveryShares.create.submit') }).click();
    await expect(panel.getByText(t('errors.RECOVERY_KEY_WRONG'))).toBeVisible(SLOW);
    // k more than n is refused before anything is sent.
    await panel.getByRole('textbox', { name: t('recoveryShares.create.threshold') }).fill('6');
    await panel.getByRole('button', { name: t('recoveryShares.create.submit') }).click();
    await expect(panel.getByText(t('recoveryShares.create.thresholdTooHigh'))).toBeVisible();
    await panel.getByRole('textbox', { name: t('recoveryShares.create.threshold') }).fill('3');
    await keyField.fill(recoveryKey);
    await panel.getByLabel(t('recoveryShares.create.contact'), { exact: true }).fill(CONTACT);
    await shoot(app, `${lang}-01-settings`);
    await panel.getByRole('button', { name: t('recoveryShares.create.submit') }).click();

    // The print view: one sheet per share, with the instructions in the current language.
    const view = page.getByRole('dialog', { name: t('recoveryShares.print.title') });
    await expect(view).toBeVisible(SLOW);
    const shares = (await view.getByTestId('share-text').allTextContents()).map((s) => s.trim());
    expect(shares).toHaveLength(5);
    for (const share of shares) app.rememberSecret(share, share.split('-').slice(3).join('-'));
    shares.forEach((s, i) => expect(s).toMatch(new RegExp(`^${i + 1}OF5-K3-[0-9A-Z]{6}(-[0-9A-Z]{4}){11}$`)));
    // By class: under print media the view's title (its accessible name) is not shown.
    const sheets = page.locator('.share-sheet');
    await expect(sheets).toHaveCount(5);
    const second = sheets.nth(1);
    await expect(second.getByRole('heading', { level: 3, name: t('recoveryShares.sheet.title', { index: 2, total: 5 }) })).toBeVisible();
    await expect(second).toContainText(t('recoveryShares.sheet.needed', { index: 2, total: 5, threshold: 3 }));
    await expect(second).toContainText(t('recoveryShares.sheet.keep'));
    await expect(second).toContainText(t('recoveryShares.sheet.contact', { contact: CONTACT }));
    await expect(keyField).toHaveValue('');
    await shoot(app, `${lang}-02-print-view`, true);

    // Printed: the app's chrome and the toolbar are gone, each sheet ends its page.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: t('recoveryShares.print.print') })).toBeHidden();
    await expect(page.getByRole('navigation')).toBeHidden();
    const breakAfter = (el: unknown) =>
      (globalThis as unknown as { getComputedStyle: (e: unknown) => { breakAfter: string } }).getComputedStyle(el).breakAfter;
    expect(await sheets.first().evaluate(breakAfter)).toBe('page');
    expect(await sheets.last().evaluate(breakAfter)).not.toBe('page');
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
    await sheets.first().screenshot({ path: path.join(SCREENS_DIR, `recovery-shares-${lang}-03-share-sheet-printed.png`) });
    await page.emulateMedia({ media: 'screen' });

    // "Print" opens the system's print dialog (stubbed here: Chromium's would block the test).
    await page.evaluate(() => {
      const w = globalThis as unknown as { print: () => void; __printed: number };
      w.__printed = 0;
      w.print = () => void w.__printed++;
    });
    await view.getByRole('button', { name: t('recoveryShares.print.print') }).click();
    expect(await page.evaluate(() => (globalThis as unknown as { __printed: number }).__printed)).toBe(1);
    await view.getByRole('button', { name: t('recoveryShares.print.done') }).click();
    await expect(view).toBeHidden();
    await expect(page.getByTestId('share-text')).toHaveCount(0);

    // Later, the passphrase is forgotten: lock, then "Forgot?" → recovery shares.
    await page.getByRole('button', { name: t('shell.lock'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('auth.login.title') })).toBeVisible(SLOW);
    await page.getByRole('button', { name: t('auth.login.forgot') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('auth.recover.title') })).toBeVisible();
    await page.getByRole('button', { name: t('recoveryShares.recover.useShares') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('recoveryShares.recover.title') })).toBeVisible();
    const shareField = (n: number) => page.getByLabel(t('recoveryShares.recover.share', { number: n }), { exact: true });
    await expect(shareField(1)).toBeFocused();
    await expect(shareField(3)).toBeVisible();
    await shoot(app, `${lang}-04-recover-form`);

    // Two shares (typed by hand: lower case, spaces), one of them twice: refused with the numbers.
    await shareField(1).fill(shares[0]!.toLowerCase().replaceAll('-', ' '));
    await shareField(2).fill(shares[3]!);
    await shareField(3).fill(shares[3]!);
    const vault = shares[0]!.split('-')[2]!;
    await expect(page.getByText(t('recoveryShares.recover.summary', { vault, threshold: 3, total: 5 }))).toBeVisible();
    await page.getByLabel(t('auth.recover.username'), { exact: true }).fill(ADMIN.username);
    await page.getByLabel(t('fields.newPassphrase'), { exact: true }).fill(NEW_PASSPHRASE);
    await page.getByLabel(t('fields.confirmNewPassphrase'), { exact: true }).fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: t('auth.recover.submit'), exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: t('recoveryShares.recover.tooFew', { needed: 3, count: 2 }) })).toBeVisible(SLOW);
    await shoot(app, `${lang}-05-recover-too-few`);

    // A typo is caught on its own field, before anything is sent.
    const third = shares[4]!;
    const at = third.length - 6;
    await shareField(3).fill(third.slice(0, at) + (third[at] === 'A' ? 'B' : 'A') + third.slice(at + 1));
    await page.getByRole('button', { name: t('auth.recover.submit'), exact: true }).click();
    await expect(page.getByText(t('recoveryShares.recover.typo'))).toBeVisible();
    await expect(shareField(3)).toHaveAttribute('aria-invalid', 'true');
    await shoot(app, `${lang}-06-recover-typo`);

    // More fields can be added; an empty one is ignored.
    await page.getByRole('button', { name: t('recoveryShares.recover.add') }).click();
    await expect(shareField(4)).toBeVisible();
    await shareField(3).fill(third);
    await page.getByRole('button', { name: t('auth.recover.submit'), exact: true }).click();

    // Back on the sign-in screen: the new passphrase works.
    await expect(page.getByText(t('auth.login.recovered'))).toBeVisible(SLOW);
    await signIn(page, t, NEW_PASSPHRASE);
    await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: ADMIN.displayName }) })).toBeVisible(SLOW);
    app.rememberSecret(NEW_PASSPHRASE);

    // The audit trail knows that shares were made (counts only) and used.
    const audit = app.core.session!.vault.db.prepare("SELECT action, detail FROM audit_log WHERE action IN ('vault.recovery_shares_created', 'session.recovery_used') ORDER BY seq").all();
    expect(audit).toEqual([
      { action: 'vault.recovery_shares_created', detail: '{"shares":5,"threshold":3}' },
      { action: 'session.recovery_used', detail: '{}' },
    ]);
  });
}
