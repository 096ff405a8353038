import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, translator } from './i18n';
import { lock, nav, shootTall, signIn, SLOW } from './steps';
import { AppCore } from '../../src/main/core/app/app-core';
import { createCase, getCaseFile } from '../../src/main/core/cases/service';
import { addRecord } from '../../src/main/core/cases/records';
import { findByUsername } from '../../src/main/core/users/accounts';
import { createAccount, resetWithRecovery } from '../../src/main/core/users/service';
import { exportOrganisationKey, setOrganisationName } from '../../src/main/core/referrals/organisation';
import { addPartner, listPartners, readKeyFile } from '../../src/main/core/referrals/partners';
import { acceptReferral, previewReferral } from '../../src/main/core/referrals/receive';
import { sendReferral } from '../../src/main/core/referrals/send';
import { fingerprintGroups } from '../../src/shared/referrals';
import { sessionAs } from '../support/sessions';

/**
 * A referral from one vault to another (issue 6 §2, §5), in English and Spanish. The app under
 * test (the built renderer, the real router, a real vault) is "Casa Refugio"; a second vault,
 * "Asistencia Legal", runs in the test process through the core. The administrator names the
 * organisation, exports its key and imports the partner's after comparing the fingerprint; a
 * caseworker sends a case with the person's consent; the partner opens it and gets the case.
 * The package sent to the partner is refused here (not for us); one the partner sends back is
 * previewed and becomes a case marked as an incoming referral. No typed value is on disk in
 * plaintext (the harness scans the data and temp folders, both vaults and the packages included).
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const WORKER = { username: 'marco.cw', displayName: 'Marco Caseworker', initial: 'temporary river stone window', passphrase: 'quiet morning tea garden' };
const OUR_NAME = 'Casa Refugio Lima';
const PARTNER_NAME = 'Asistencia Legal Tumbes';
const PARTNER_ADMIN = { username: 'pilar.admin', displayName: 'Pilar Admin', passphrase: 'copper meadow kettle lantern' };
const PARTNER_WORKER = { username: 'tomas.cw', displayName: 'Tomás Caseworker', role: 'caseworker' as const, initialPassphrase: 'river window blue harbour' };

// ---------------------------------------------------------------------------------------------

/** A window as tall as the page, so a dialog's backdrop covers what it should in a picture. */
async function shoot(app: AmparoApp, name: string): Promise<void> {
  await shootTall(app, `referrals-${name}`, name);
}

async function setChecked(control: Locator, checked: boolean): Promise<void> {
  if ((await control.isChecked()) !== checked) await control.press('Space');
  if (checked) await expect(control).toBeChecked();
  else await expect(control).not.toBeChecked();
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
}

/** The partner's vault, in the test process: its own data folder, administrator and caseworker. */
async function partnerVault(dir: string) {
  const core = new AppCore({ dataDir: dir });
  await core.createVault(PARTNER_ADMIN);
  const admin = core.session!;
  setOrganisationName(admin, PARTNER_NAME);
  await createAccount(admin, PARTNER_WORKER);
  const worker = await sessionAs(admin.vault, PARTNER_WORKER.username, PARTNER_WORKER.initialPassphrase);
  return { core, admin, worker };
}

for (const lang of LANGS) {
  test(`a referral from one vault to another: keys exchanged, sent with consent, opened by the partner (${lang})`, async ({ app }) => {
    test.setTimeout(300_000);
    const { page } = app;
    const t = translator(lang);
    const stamp = `${lang}${Date.now().toString(36)}`;
    const secrets = {
      given: `Rosalinda Quispe ${stamp}`,
      shelter: `Casa de acogida Santa Rosa ${stamp}`,
      note: `Describió el restaurante de Tacna donde le quitaron el pasaporte ${stamp}`,
      reason: `Necesita patrocinio legal para la denuncia ${stamp}`,
      back: `Yesenia Mamani ${stamp}`,
      backNote: `Audiencia programada en el juzgado de Tumbes ${stamp}`,
    };
    app.rememberSecret(...Object.values(secrets));
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-e2e-referrals-'));
    const partner = await partnerVault(path.join(outDir, 'partner-vault'));
    try {
      // ---- Setup through the core: the caseworker's account with their own passphrase. ----------
      const { recoveryKey } = await app.seedVault(ADMIN);
      await app.core.login(ADMIN.username, ADMIN.passphrase);
      const admin = app.core.session!;
      await createAccount(admin, { username: WORKER.username, displayName: WORKER.displayName, role: 'caseworker', initialPassphrase: WORKER.initial });
      const workerId = findByUsername(admin.vault.db, WORKER.username)!.id;
      await resetWithRecovery(admin.vault, { accountId: workerId, recoveryKey, newPassphrase: WORKER.passphrase, actorId: admin.accountId, mustChange: false });
      // A case of our caseworker, with the person's consent to share with the partner.
      const worker = await sessionAs(admin.vault, WORKER.username, WORKER.passphrase);
      const sent = createCase(worker, {
        identity: { givenNames: secrets.given, shelter: secrets.shelter },
        profile: { gender: 'Feminine', ageAtIdentification: 24 },
        consents: [{ purpose: 'sharing', organisation: PARTNER_NAME, givenBy: 'la persona', givenOn: '2026-03-02', method: 'written' }],
      });
      addRecord(worker, sent.id, 'note', { writtenOn: '2026-03-03', body: secrets.note });
      app.core.lockNow('logout');

      await app.open();
      await expect(page.getByRole('heading', { level: 1, name: translator('en')('auth.login.title') })).toBeVisible(SLOW);
      if (lang !== 'en') {
        await setChecked(page.getByRole('radio', { name: LANGUAGE_NAMES[lang] }), true);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
      }

      // ---- 1. The administrator: the organisation's name, its key out, the partner's key in. ----
      await signIn(page, t, ADMIN);
      await nav(page, t('shell.settings')).click();
      const panel = page.getByRole('region', { name: t('referrals.directory.title') });
      await expect(panel).toBeVisible();
      await expect(panel.getByText(t('referrals.directory.empty'))).toBeVisible();
      // Without a name, the key cannot be shared: a translated refusal.
      app.nextSavePath(path.join(outDir, 'never.amparo-key'));
      await panel.getByRole('button', { name: t('referrals.directory.export') }).click();
      await expect(panel.getByText(t('errors.ORGANISATION_NAME_REQUIRED'))).toBeVisible();
      expect(fs.existsSync(path.join(outDir, 'never.amparo-key'))).toBe(false);
      await panel.getByRole('textbox', { name: t('referrals.directory.name') }).fill(OUR_NAME);
      await panel.getByRole('button', { name: t('referrals.directory.saveName') }).click();
      await expect(panel.getByText(t('referrals.directory.nameSaved'))).toBeVisible();
      const ourKeyFile = path.join(outDir, 'casa-refugio.amparo-key');
      app.nextSavePath(ourKeyFile);
      await panel.getByRole('button', { name: t('referrals.directory.export') }).click();
      await expect(panel.getByText(t('referrals.directory.exported'))).toBeVisible();
      expect(app.lastSaveSuggestion()).toEqual({ suggestedName: `${OUR_NAME}.amparo-key`, kind: 'organisation-key' });
      const ourFingerprint = JSON.parse(fs.readFileSync(ourKeyFile, 'utf8')).fingerprint as string;
      await expect(panel.getByRole('group', { name: `${t('referrals.fingerprintLabel')}: ${fingerprintGroups(ourFingerprint).split(' ').join(', ')}` })).toBeVisible();
      await shoot(app, `${lang}-01-partner-directory`);

      // The partner's key file, as they would send it; its fingerprint as they would read it by phone.
      const partnerKeyFile = path.join(outDir, 'asistencia-legal.amparo-key');
      const partnerFingerprint = (await exportOrganisationKey(partner.admin, async () => partnerKeyFile))!.fingerprint;
      app.nextPickedFile({ name: 'asistencia-legal.amparo-key', bytes: new Uint8Array(fs.readFileSync(partnerKeyFile)) });
      await panel.getByRole('button', { name: t('referrals.directory.import') }).click();
      const importDialog = page.getByRole('dialog', { name: t('referrals.importDialog.title') });
      await expect(importDialog).toBeVisible();
      await expect(importDialog.getByTestId('fingerprint')).toHaveText(fingerprintGroups(partnerFingerprint).replace(/ /g, ''));
      await expect(importDialog.getByText(t('referrals.importDialog.fileSays', { organisation: PARTNER_NAME }))).toBeVisible();
      // Not confirmed yet: refused.
      await importDialog.getByRole('button', { name: t('referrals.importDialog.submit') }).click();
      await expect(importDialog.getByText(t('referrals.importDialog.mustConfirm'))).toBeVisible();
      await setChecked(importDialog.getByRole('checkbox', { name: t('referrals.importDialog.confirm') }), true);
      await shoot(app, `${lang}-02-compare-fingerprint`);
      await importDialog.getByRole('button', { name: t('referrals.importDialog.submit') }).click();
      await expect(importDialog).toBeHidden();
      await expect(panel.getByText(t('referrals.directory.added', { name: PARTNER_NAME }))).toBeVisible();
      await expect(panel.getByRole('table', { name: t('referrals.directory.caption') }).getByRole('row', { name: new RegExp(PARTNER_NAME) })).toBeVisible();
      await lock(page, t);

      // The partner imports ours (in their vault, through the core).
      const ours = readKeyFile(partner.admin, new Uint8Array(fs.readFileSync(ourKeyFile)));
      expect(ours).toMatchObject({ organisation: OUR_NAME, fingerprint: ourFingerprint });
      addPartner(partner.admin, { name: ours.organisation, encryptionKey: ours.encryptionKey, signingKey: ours.signingKey, fingerprint: ours.fingerprint, confirmed: true });

      // ---- 2. Our caseworker sends the case to the partner, with the person's consent. ---------
      await signIn(page, t, WORKER);
      await nav(page, t('cases.nav')).click();
      await page.getByRole('grid').getByRole('row', { name: new RegExp(`^${sent.code} `) }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('caseView.title', { code: sent.code }) })).toBeVisible();
      await openTab(page, t('caseView.tabs.referrals'));
      await page.getByRole('button', { name: t('referrals.send.open') }).click();
      const sendDialog = page.getByRole('dialog', { name: t('referrals.send.title', { code: sent.code }) });
      await expect(sendDialog).toBeVisible();
      // The only partner is chosen; the consent recorded for it is found.
      await expect(sendDialog.getByRole('button', { name: t('referrals.send.partner') })).toContainText(PARTNER_NAME);
      await expect(sendDialog.getByText(t('referrals.send.consentFound', { date: '', organisation: PARTNER_NAME }).split('  ')[0]!)).toBeVisible();
      await setChecked(sendDialog.getByRole('checkbox', { name: t('referrals.parts.identity'), exact: true }), true);
      await setChecked(sendDialog.getByRole('checkbox', { name: t('referrals.parts.note'), exact: true }), true);
      await sendDialog.getByRole('textbox', { name: t('referrals.send.reason') }).fill(secrets.reason);
      await shoot(app, `${lang}-03-send-referral`);
      const packageFile = path.join(outDir, `referral-${lang}.amparo-referral`);
      app.nextSavePath(packageFile);
      await sendDialog.getByRole('button', { name: t('referrals.send.submit') }).click();
      await expect(sendDialog).toBeHidden(SLOW);
      await expect(page.getByText(t('referrals.send.done', { organisation: PARTNER_NAME }))).toBeVisible();
      expect(app.lastSaveSuggestion()).toEqual({ suggestedName: `referral-${sent.code}.amparo-referral`, kind: 'referral' });
      await expect(page.getByRole('heading', { level: 3, name: t('caseView.referral.titleOut', { organisation: PARTNER_NAME }) })).toBeVisible();
      await shoot(app, `${lang}-04-referral-recorded`);

      // The package holds none of the typed values.
      const packageBytes = fs.readFileSync(packageFile);
      expect(Object.values(secrets).filter((v) => packageBytes.includes(Buffer.from(v, 'utf8')) || packageBytes.includes(Buffer.from(v, 'utf16le')))).toEqual([]);

      // It was made for the partner: our own Amparo refuses to open it, and says why.
      app.nextPickedFile({ name: 'referral.amparo-referral', bytes: new Uint8Array(packageBytes) });
      await nav(page, t('cases.nav')).click();
      await page.getByRole('button', { name: t('referrals.receive.open') }).click();
      await expect(page.getByText(t('errors.REFERRAL_NOT_FOR_US'))).toBeVisible();
      await shoot(app, `${lang}-05-not-for-us`);

      // ---- 3. The partner opens it (their vault, through the core) and gets the case. ---------
      const preview = previewReferral(partner.worker, { name: 'referral.amparo-referral', bytes: new Uint8Array(packageBytes) })!;
      expect(preview).toMatchObject({ sender: OUR_NAME, senderFingerprint: ourFingerprint, parts: ['identity', 'profile', 'note'], senderCaseCode: sent.code });
      const received = getCaseFile(partner.worker, acceptReferral(partner.worker, preview.token).id);
      expect(received.identity.data).toMatchObject({ givenNames: secrets.given, shelter: secrets.shelter });
      expect(received.records.find((r) => r.kind === 'note')?.data).toMatchObject({ body: secrets.note });
      expect(received.records.find((r) => r.kind === 'referral')?.data).toMatchObject({ direction: 'in', organisation: OUR_NAME, reason: secrets.reason });
      expect(received.sections.profile.data).toMatchObject({ referralSource: 'NGO', referralSourceDetail: OUR_NAME });

      // ---- 4. The partner refers another person to us; our caseworker opens the package. -------
      const back = createCase(partner.worker, {
        identity: { givenNames: secrets.back },
        profile: { gender: 'Feminine' },
        consents: [{ purpose: 'sharing', organisation: OUR_NAME, givenBy: 'la persona', givenOn: '2026-03-02', method: 'written' }],
      });
      addRecord(partner.worker, back.id, 'note', { writtenOn: '2026-03-03', body: secrets.backNote });
      const backFile = path.join(outDir, `back-${lang}.amparo-referral`);
      const partnerIdOfUs = listPartners(partner.admin.vault.db)[0]!.id;
      await sendReferral(partner.worker, { caseId: back.id, partnerId: partnerIdOfUs, parts: ['identity', 'profile', 'consent', 'note'], servicesRequested: ['legal-counselling'] }, async () => backFile);
      app.nextPickedFile({ name: 'back.amparo-referral', bytes: new Uint8Array(fs.readFileSync(backFile)) });
      await page.getByRole('button', { name: t('referrals.receive.open') }).click();
      const previewDialog = page.getByRole('dialog', { name: t('referrals.receive.title', { sender: PARTNER_NAME }) });
      await expect(previewDialog).toBeVisible();
      await expect(previewDialog.getByText(t('referrals.receive.checked', { sender: PARTNER_NAME }))).toBeVisible();
      await expect(previewDialog.getByTestId('referral-parts').getByRole('listitem')).toHaveText([
        t('referrals.parts.identity'),
        t('referrals.parts.profile'),
        t('referrals.receive.records', { label: t('referrals.parts.consent'), count: 1 }),
        t('referrals.receive.records', { label: t('referrals.parts.note'), count: 1 }),
      ]);
      await expect(previewDialog).toContainText(back.code);
      // The preview shows who and what, not the content.
      await expect(previewDialog).not.toContainText(secrets.back);
      await shoot(app, `${lang}-06-open-package`);
      await previewDialog.getByRole('button', { name: t('referrals.receive.create') }).click();
      await expect(previewDialog).toBeHidden(SLOW);
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${t('caseView.title', { code: 'AR-' })}\\d{4}-\\d{4}$`) })).toBeVisible();
      await openTab(page, t('caseView.tabs.identity'));
      await expect(page.getByRole('textbox', { name: t('caseView.f.identity.givenNames') })).toHaveValue(secrets.back);
      await openTab(page, t('caseView.tabs.referrals'));
      await expect(page.getByRole('heading', { level: 3, name: t('caseView.referral.titleIn', { organisation: PARTNER_NAME }) })).toBeVisible();
      await shoot(app, `${lang}-07-incoming-case`);
      await lock(page, t);
    } finally {
      partner.core.close();
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
}
