import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, type Lang, type T, escapeRegExp } from './i18n';
import { E2E_WORKER as WORKER, SLOW, oneCaseSignedIn, pressToCheck, tallWindow } from './steps';

const SCREENS_DIR = path.resolve(import.meta.dirname, '../../test-results/screens');
import { getCaseFile } from '../../src/main/core/cases/service';
import { VOCABULARIES, serviceTypesOf, type AssistanceTrack, type VocabularyId } from '../../src/shared/vocabularies';

/**
 * The case view, in English and Spanish, through the built renderer, the real router and a real
 * encrypted vault: every part of the file filled in and saved, the services of each assistance
 * track, consent and a referral out, the closing rule, the unsaved-changes guard, a stale edit
 * from a second window, and attachments. The case itself is recorded through the core (intake is
 * another screen's job); the caseworker opens it from the home screen, as a person would.
 */


/** What the test types that must never be found in plaintext on disk. */
const SECRETS = {
  given: 'Rosalind Quispe-Huaman',
  family: 'Tarapacá Villanueva',
  alias: 'La Golondrina Azul',
  location: 'Pasaje Los Jazmines 417, Lince',
  phone: '+51 987 654 321',
  note: 'She told us the recruiter kept her passport in a blue suitcase at the Avenida Grau hostel.',
  clinical: 'Reports recurring nightmares since leaving the mine camp at Huepetuhe.',
  attachmentText: 'Consent form signed in the presence of Dolores Ccama, witness number 4471.',
  pngText: 'Photo taken at the Tumbes border post by caseworker on duty 9931.',
};

const startsWith = (s: string) => new RegExp(`^${escapeRegExp(s)}`);

/** A vocabulary label in the test's language. */
const v = (lang: Lang, id: VocabularyId, code: string) => VOCABULARIES[id].label(code, lang);

// ---------------------------------------------------------------------------------------------
// A small PNG (2×2, with a text chunk) built here, so the attachment round trip needs no file.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(text: string): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0); // width
  header.writeUInt32BE(2, 4); // height
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows = Buffer.from([0, 15, 95, 110, 255, 255, 255, 0, 255, 255, 255, 15, 95, 110]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')),
      chunk('IDAT', deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Setup: a vault with an administrator and a caseworker (whose passphrase need not change), and
// one case recorded at intake by that caseworker, through the core.

async function shoot(app: AmparoApp, name: string, page: Page = app.page): Promise<void> {
  const restore = await tallWindow(page);
  if (process.env.AXE_DEBUG) {
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    const r = await new AxeBuilder({ page }).analyze();
    for (const violation of r.violations) console.log('AXE', name, violation.id, violation.impact, violation.nodes.map((n) => n.html).join(' | '));
  }
  await app.screenshot(`case-view-${name}`);
  await restore();
  await app.checkA11y(name);
}

/** The second window: its own picture and accessibility scan (the harness's are of the first). */
async function shootSecond(app: AmparoApp, page: Page, name: string): Promise<void> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  const restore = await tallWindow(page);
  await page.screenshot({ path: path.join(SCREENS_DIR, `case-view-${name}.png`), fullPage: true });
  await restore();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`), `accessibility of ${name}`).toEqual([]);
}

/** From home, as a person would: the case in "My open cases". */
async function openCase(page: Page, t: T, code: string): Promise<void> {
  await page.getByRole('link', { name: code }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: t('caseView.title', { code }) })).toBeVisible();
}

// ---------------------------------------------------------------------------------------------
// Operating the controls, found by their accessible names.

async function tab(page: Page, t: T, id: string): Promise<Locator> {
  await page.getByRole('tab', { name: t(`caseView.tabs.${id}`), exact: true }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { level: 2, name: t(`caseView.tabs.${id}`), exact: true })).toBeVisible();
  return panel;
}

/** A React Aria Select: its button is named by the label (and the value shown). */
async function choose(scope: Locator, page: Page, label: string, option: string): Promise<void> {
  const trigger = scope.getByRole('button', { name: new RegExp(`${escapeRegExp(label)}$`) });
  await trigger.click();
  // The chosen option carries a check mark (CSS content, part of its name).
  await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(option)}( ✓)?$`) }).click();
  await expect(trigger).toContainText(option);
}

/** A multiple choice from a long list: type, pick from the suggestions. */
async function pick(scope: Locator, page: Page, label: string, option: string): Promise<void> {
  const box = scope.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.pressSequentially(option.slice(0, 4));
  await page.getByRole('option', { name: option, exact: true }).click();
  // The suggestions stay open for another choice; Escape closes them.
  if (await box.getAttribute('aria-expanded') === 'true') await box.press('Escape');
  await expect(scope.getByRole('grid', { name: new RegExp(`${escapeRegExp(label)}$`) }).getByRole('row', { name: option, exact: true })).toBeVisible();
}

async function check(scope: Locator, group: string, option: string): Promise<void> {
  await pressToCheck(scope.getByRole('group', { name: group, exact: true }).getByRole('checkbox', { name: option, exact: true }));
}

/** A date typed segment by segment, in the order of the language (month first in English). */
async function date(scope: Locator, label: string, iso: string, lang: Lang): Promise<void> {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const group = scope.getByRole('group', { name: label, exact: true });
  await group.getByRole('spinbutton').first().click();
  await group.page().keyboard.type(lang === 'es' ? `${d}${m}${y}` : `${m}${d}${y}`);
  await expect(group.getByRole('spinbutton').last()).toHaveText(y);
}

async function text(scope: Locator, label: string, value: string): Promise<void> {
  await scope.getByRole('textbox', { name: label, exact: true }).fill(value);
}

async function save(panel: Locator, t: T, part: string): Promise<void> {
  await panel.getByRole('button', { name: t('caseView.form.save'), exact: true }).click();
  await expect(panel.getByText(t('caseView.form.saved', { part }))).toBeVisible();
}

function caseIdOf(app: AmparoApp): string {
  return (app.core.session!.vault.db.prepare('SELECT id FROM cases').get() as { id: string }).id;
}

function day(offset = 0): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------

test.use({ actionTimeout: 15_000 });

for (const lang of LANGS) {
  test.describe(`case view in ${LANGUAGE_NAMES[lang]}`, () => {
    test(`every part of the file, filled in and saved (${lang})`, async ({ app }) => {
      test.setTimeout(420_000);
      const { page } = app;
      const { t, code } = await oneCaseSignedIn(app, lang);
      app.rememberSecret(...Object.values(SECRETS));
      await openCase(page, t, code);
      const F = (part: string, field: string) => t(`caseView.f.${part}.${field}`);

      // The case opens on the profile, not on who the person is and where.
      await expect(page.getByRole('tab', { name: t('caseView.tabs.profile'), exact: true })).toHaveAttribute('aria-selected', 'true');
      let panel = page.getByRole('tabpanel');
      await shoot(app, `${lang}-01-profile-empty`);

      // Profile, saved with Ctrl+S.
      await choose(panel, page, F('profile', 'gender'), v(lang, 'gender', 'Feminine'));
      await text(panel, F('profile', 'ageAtIdentification'), '24');
      await pick(panel, page, F('profile', 'citizenship'), v(lang, 'country', 'PE'));
      await pick(panel, page, F('profile', 'languages'), v(lang, 'language', 'qu'));
      await pick(panel, page, F('profile', 'languages'), v(lang, 'language', 'es'));
      await choose(panel, page, F('profile', 'education'), v(lang, 'education', 'LowerSecondaryEducation'));
      await choose(panel, page, F('profile', 'maritalStatus'), v(lang, 'maritalStatus', 'Single'));
      await text(panel, F('profile', 'children'), '1');
      await choose(panel, page, F('profile', 'traffickingStatus'), v(lang, 'traffickingStatus', 'ActualVictimOfTrafficking'));
      await choose(panel, page, F('profile', 'statusDeterminedBy'), v(lang, 'determinedBy', 'NGO'));
      await date(panel, F('profile', 'identifiedOn'), '2026-02-14', lang);
      await choose(panel, page, F('profile', 'referralSource'), v(lang, 'referralSource', 'hotline'));
      await text(panel, F('profile', 'referralSourceDetail'), 'Línea 1818');
      await expect(panel.getByText(t('caseView.form.unsaved'))).toBeVisible();
      await page.keyboard.press('Control+s');
      await expect(panel.getByText(t('caseView.form.saved', { part: t('caseView.tabs.profile') }))).toBeVisible();
      await expect(panel.getByText(t('caseView.form.unsaved'))).toHaveCount(0);
      await shoot(app, `${lang}-02-profile-saved`);

      // Identity: marked sensitive; names, aliases, whereabouts, contacts, family, documents.
      panel = await tab(page, t, 'identity');
      await expect(panel.getByText(t('caseView.sensitive.identity'))).toBeVisible();
      await text(panel, F('identity', 'givenNames'), SECRETS.given);
      await text(panel, F('identity', 'familyNames'), SECRETS.family);
      await date(panel, F('identity', 'dateOfBirth'), '2001-09-03', lang);
      await panel.getByRole('button', { name: t('caseView.identity.addAlias'), exact: true }).click();
      await text(panel, t('caseView.identity.aliasN', { n: 1 }), SECRETS.alias);
      await text(panel, F('identity', 'currentLocation'), SECRETS.location);
      await text(panel, F('identity', 'shelter'), 'Casa Refugio Norte');
      await panel.getByRole('button', { name: t('caseView.identity.addContact'), exact: true }).click();
      await text(panel, t('caseView.identity.contactValueN', { n: 1 }), SECRETS.phone);
      await panel.getByRole('button', { name: t('caseView.identity.addFamily'), exact: true }).click();
      await text(panel, t('caseView.identity.familyNameN', { n: 1 }), 'Teodora Huaman');
      await text(panel, t('caseView.identity.familyRelationN', { n: 1 }), lang === 'es' ? 'Madre' : 'Mother');
      await panel.getByRole('button', { name: t('caseView.identity.addDocument'), exact: true }).click();
      await text(panel, t('caseView.identity.documentTypeN', { n: 1 }), 'DNI');
      await text(panel, t('caseView.identity.documentNumberN', { n: 1 }), '71234567');
      await save(panel, t, t('caseView.tabs.identity'));
      await shoot(app, `${lang}-03-identity`);

      // Trafficking experience.
      panel = await tab(page, t, 'experience');
      await check(panel, F('experience', 'recruitmentMethods'), v(lang, 'recruitmentMethod', 'ThroughOnlineSocialNetworks'));
      await text(panel, F('experience', 'recruitmentPlace'), 'Juliaca');
      await text(panel, F('experience', 'recruitmentWebsitesApps'), 'Facebook');
      await choose(panel, page, F('experience', 'recruiterRelationship'), v(lang, 'recruiterRelationship', 'Acquainted'));
      await pick(panel, page, F('experience', 'countriesOfRecruitment'), v(lang, 'country', 'PE'));
      await check(panel, F('experience', 'exploitationTypes'), v(lang, 'exploitationType', 'ForcedLabour'));
      await pick(panel, page, F('experience', 'forcedLabourIndustries'), v(lang, 'forcedLabourIndustry', 'B_MiningAndQuarrying'));
      await check(panel, F('experience', 'methodsOfControl'), v(lang, 'methodOfControl', 'MethodsOfControlDebtBondage'));
      await check(panel, F('experience', 'methodsOfControl'), v(lang, 'methodOfControl', 'MethodsOfControlWithholdsDocuments'));
      await pick(panel, page, F('experience', 'countriesOfExploitation'), v(lang, 'country', 'PE'));
      await date(panel, F('experience', 'exploitationStartedOn'), '2025-06-01', lang);
      await date(panel, F('experience', 'exploitationEndedOn'), '2026-01-20', lang);
      await check(panel, F('experience', 'perpetratorRoles'), v(lang, 'perpetratorRole', 'RecruiterOrIntermediary'));
      await text(panel, F('experience', 'notes'), 'Worked in a gold-mining camp.');
      await save(panel, t, t('caseView.tabs.experience'));
      await shoot(app, `${lang}-04-experience`);

      // Risk: an assessment with a factor, urgent protection and a safety plan.
      panel = await tab(page, t, 'risk');
      await panel.getByRole('button', { name: t('caseView.records.risk.add') }).click();
      let dialog = page.getByRole('dialog', { name: t('caseView.records.risk.addTitle') });
      await choose(dialog, page, F('risk', 'level'), v(lang, 'riskLevel', 'high'));
      await dialog.getByRole('button', { name: t('caseView.risk.addFactor') }).click();
      await text(dialog, t('caseView.risk.factorN', { n: 1 }), lang === 'es' ? 'El captador conoce a su familia' : 'The recruiter knows her family');
      await pressToCheck(dialog.getByRole('switch', { name: F('risk', 'urgentProtection') }));
      await text(dialog, F('risk', 'safetyPlan'), lang === 'es' ? 'No usar el teléfono anterior.' : 'Do not use the old phone.');
      await date(dialog, F('risk', 'nextReviewOn'), day(14), lang);
      await shoot(app, `${lang}-05-risk-dialog`);
      await dialog.getByRole('button', { name: t('caseView.records.add'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(panel.getByRole('heading', { level: 3, name: t('caseView.risk.title', { date: '' }).trim(), exact: false })).toBeVisible();
      await expect(panel.getByText(t('caseView.risk.levelTag', { level: v(lang, 'riskLevel', 'high') }))).toBeVisible();
      await shoot(app, `${lang}-06-risk`);

      // Consent to share with a named organisation (used by the referral below).
      const ORG = 'Casa de la Mujer Warmi';
      panel = await tab(page, t, 'consent');
      await panel.getByRole('button', { name: t('caseView.records.consent.add') }).click();
      dialog = page.getByRole('dialog', { name: t('caseView.records.consent.addTitle') });
      await choose(dialog, page, F('consent', 'purpose'), v(lang, 'consentPurpose', 'sharing'));
      await text(dialog, F('consent', 'organisation'), ORG);
      await text(dialog, F('consent', 'givenBy'), lang === 'es' ? 'La persona' : 'The person');
      await choose(dialog, page, F('consent', 'method'), v(lang, 'consentMethod', 'written'));
      await dialog.getByRole('button', { name: t('caseView.records.add'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(panel.getByRole('heading', { level: 3, name: `${v(lang, 'consentPurpose', 'sharing')} — ${ORG}` })).toBeVisible();
      await shoot(app, `${lang}-07-consent`);

      // Assistance plan: one objective.
      panel = await tab(page, t, 'plan');
      await panel.getByRole('button', { name: t('caseView.plan.add') }).click();
      const objective = panel.getByRole('group', { name: t('caseView.plan.objectiveN', { n: 1 }) });
      await choose(objective, page, F('plan', 'track'), v(lang, 'assistanceTrack', 'reintegration'));
      await text(objective, F('plan', 'objective'), lang === 'es' ? 'Empleo estable en Puno' : 'Stable employment in Puno');
      await text(objective, F('plan', 'actions'), lang === 'es' ? 'Capacitación en confección' : 'Tailoring course');
      await date(objective, F('plan', 'plannedEndOn'), '2026-12-31', lang);
      await save(panel, t, t('caseView.tabs.plan'));
      await shoot(app, `${lang}-08-plan`);

      // Services: one in each track, the service type filtered to the track chosen first.
      panel = await tab(page, t, 'services');
      const services: [AssistanceTrack, string][] = [
        ['shelter', 'emergency-shelter'],
        ['return', 'travel-documents'],
        ['reintegration', 'vocational-training'],
        ['medical', 'health-screening'],
        ['psychological', 'individual-therapy'],
        ['legal', 'legal-counselling'],
      ];
      for (const [i, [track, type]] of services.entries()) {
        await panel.getByRole('button', { name: t('caseView.records.service.add') }).click();
        dialog = page.getByRole('dialog', { name: t('caseView.records.service.addTitle') });
        await expect(dialog.getByRole('button', { name: new RegExp(`${escapeRegExp(F('service', 'serviceType'))}$`) })).toBeDisabled();
        await choose(dialog, page, F('service', 'track'), v(lang, 'assistanceTrack', track));
        // Only this track's services are offered.
        await dialog.getByRole('button', { name: new RegExp(`${escapeRegExp(F('service', 'serviceType'))}$`) }).click();
        await expect(page.getByRole('option')).toHaveCount(serviceTypesOf(track).length);
        await page.getByRole('option', { name: v(lang, 'serviceType', type), exact: true }).click();
        await choose(dialog, page, F('service', 'status'), v(lang, 'serviceStatus', i % 2 ? 'delivered' : 'in-progress'));
        if (track === 'medical') {
          await pressToCheck(dialog.getByRole('radio', { name: t('caseView.service.external') }));
          await text(dialog, t('caseView.service.externalName'), 'Centro de Salud San Juan');
          await text(dialog, F('service', 'cost'), '120');
          await text(dialog, F('service', 'currency'), 'pen');
          await shoot(app, `${lang}-09-service-dialog`);
        }
        await dialog.getByRole('button', { name: t('caseView.records.add'), exact: true }).click();
        await expect(dialog).toBeHidden();
      }
      const serviceList = panel.getByRole('list', { name: t('caseView.records.listLabel', { title: t('caseView.tabs.services') }) });
      await expect(serviceList.getByRole('listitem')).toHaveCount(services.length);
      for (const [track, type] of services) {
        await expect(serviceList.getByRole('heading', { level: 3, name: v(lang, 'serviceType', type), exact: true })).toBeVisible();
        await expect(serviceList.getByText(v(lang, 'assistanceTrack', track), { exact: true })).toBeVisible();
      }
      await shoot(app, `${lang}-10-services`);

      // Return.
      panel = await tab(page, t, 'return');
      const destination = panel.getByRole('combobox', { name: F('return', 'destinationCountry'), exact: true });
      await destination.fill('Boliv');
      await page.getByRole('option', { name: v(lang, 'country', 'BO'), exact: true }).click();
      await text(panel, F('return', 'destinationPlace'), 'El Alto');
      await text(panel, F('return', 'travelDocuments'), lang === 'es' ? 'Salvoconducto' : 'Safe-conduct pass');
      await text(panel, F('return', 'receivingOrganisation'), 'Fundación Munasim Kullakita');
      await date(panel, F('return', 'returnedOn'), '2026-03-10', lang);
      await pressToCheck(panel.getByRole('switch', { name: F('return', 'escort') }));
      await save(panel, t, t('caseView.tabs.return'));
      await shoot(app, `${lang}-11-return`);

      // Reintegration.
      panel = await tab(page, t, 'reintegration');
      await check(panel, F('reintegration', 'dimensions'), v(lang, 'reintegrationDimension', 'economic'));
      await check(panel, F('reintegration', 'dimensions'), v(lang, 'reintegrationDimension', 'psychosocial'));
      await check(panel, F('reintegration', 'activities'), v(lang, 'serviceType', 'vocational-training'));
      await text(panel, F('reintegration', 'sustainability'), lang === 'es' ? 'Trabaja en un taller desde abril.' : 'Working in a workshop since April.');
      await save(panel, t, t('caseView.tabs.reintegration'));
      await shoot(app, `${lang}-12-reintegration`);

      // Legal.
      panel = await tab(page, t, 'legal');
      await choose(panel, page, F('legal', 'residenceStatus'), v(lang, 'residenceStatus', 'reflection-period'));
      await date(panel, F('legal', 'residenceStatusUntil'), '2026-06-30', lang);
      await choose(panel, page, F('legal', 'proceedingsRole'), v(lang, 'legalRole', 'victim-witness'));
      await text(panel, F('legal', 'counsel'), 'Defensoría Pública');
      await save(panel, t, t('caseView.tabs.legal'));
      await shoot(app, `${lang}-13-legal`);

      // Medical and psychological: a clinical record, marked sensitive.
      panel = await tab(page, t, 'clinical');
      await expect(panel.getByText(t('caseView.sensitive.clinical'))).toBeVisible();
      await panel.getByRole('button', { name: t('caseView.records.clinical.add') }).click();
      dialog = page.getByRole('dialog', { name: t('caseView.records.clinical.addTitle') });
      await pressToCheck(dialog.getByRole('radio', { name: t('caseView.clinical.psychological') }));
      await choose(dialog, page, F('clinical', 'type'), v(lang, 'clinicalRecordType', 'session'));
      await text(dialog, F('clinical', 'provider'), 'Lic. Ana Condori');
      await text(dialog, F('clinical', 'notes'), SECRETS.clinical);
      await dialog.getByRole('button', { name: t('caseView.records.add'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(panel.getByText(SECRETS.clinical)).toBeVisible();
      await shoot(app, `${lang}-14-clinical`);

      // A referral out, with the consent recorded above.
      panel = await tab(page, t, 'referrals');
      await panel.getByRole('button', { name: t('caseView.records.referral.add') }).click();
      dialog = page.getByRole('dialog', { name: t('caseView.records.referral.addTitle') });
      await expect(dialog.getByRole('radio', { name: t('caseView.referral.out') })).toBeChecked();
      await text(dialog, F('referral', 'organisation'), ORG);
      await pick(dialog, page, F('referral', 'servicesRequested'), `${v(lang, 'serviceType', 'long-term-shelter')} (${v(lang, 'assistanceTrack', 'shelter')})`);
      await dialog.getByRole('button', { name: new RegExp(`${escapeRegExp(F('referral', 'consentId'))}$`) }).click();
      await page.getByRole('option', { name: startsWith(`${v(lang, 'consentPurpose', 'sharing')} — ${ORG}`) }).click();
      await shoot(app, `${lang}-15-referral-dialog`);
      await dialog.getByRole('button', { name: t('caseView.records.add'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(panel.getByRole('heading', { level: 3, name: t('caseView.referral.titleOut', { organisation: ORG }) })).toBeVisible();
      await expect(panel.getByText(t('caseView.referral.basisConsent'), { exact: true })).toBeVisible();
      await shoot(app, `${lang}-16-referrals`);

      // A follow-up, due today.
      panel = await tab(page, t, 'followUps');
      await panel.getByRole('button', { name: t('caseView.records.followUp.add') }).click();
      dialog = page.getByRole('dialog', { name: t('caseView.records.followUp.addTitle') });
      await choose(dialog, page, F('followUp', 'type'), v(lang, 'followUpType', 'home-visit'));
      await dialog.getByRole('button', { name: t('caseView.records.add'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(panel.getByText(t('caseView.followUp.today'), { exact: true })).toBeVisible();
      await shoot(app, `${lang}-17-follow-ups`);

      // A note.
      panel = await tab(page, t, 'notes');
      await panel.getByRole('button', { name: t('caseView.records.note.add') }).click();
      dialog = page.getByRole('dialog', { name: t('caseView.records.note.addTitle') });
      await text(dialog, F('note', 'body'), SECRETS.note);
      await dialog.getByRole('button', { name: t('caseView.records.add'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(panel.getByText(SECRETS.note)).toBeVisible();
      await shoot(app, `${lang}-18-notes`);

      // Attachments: a PNG shown inline (served from memory), a text file listed without preview.
      panel = await tab(page, t, 'attachments');
      app.nextPickedFile({ name: 'photo.png', bytes: png(SECRETS.pngText) });
      await panel.getByRole('button', { name: t('caseView.attachments.add') }).click();
      const image = panel.getByRole('img', { name: 'photo.png' });
      await expect(image).toBeVisible();
      await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
      app.nextPickedFile({ name: 'consent-form.txt', bytes: new TextEncoder().encode(SECRETS.attachmentText) });
      await panel.getByRole('button', { name: t('caseView.attachments.add') }).click();
      await expect(panel.getByText(t('caseView.attachments.added', { name: 'consent-form.txt' }))).toBeVisible();
      await expect(panel.getByRole('listitem').filter({ hasText: 'consent-form.txt' }).getByText(t('caseView.attachments.noPreview'))).toBeVisible();
      // Cancelling the file dialog adds nothing.
      app.nextPickedFile(null);
      await panel.getByRole('button', { name: t('caseView.attachments.add') }).click();
      await expect(panel.getByRole('list', { name: t('caseView.attachments.listLabel') }).getByRole('listitem')).toHaveCount(2);
      await shoot(app, `${lang}-19-attachments`);

      // The photo becomes the identity photo.
      panel = await tab(page, t, 'identity');
      await choose(panel, page, F('identity', 'photoAttachmentId'), 'photo.png');
      await save(panel, t, t('caseView.tabs.identity'));
      await expect(panel.getByRole('img', { name: t('caseView.identity.photoAlt') })).toBeVisible();

      // Closure: the reason, then the status in the header.
      panel = await tab(page, t, 'closure');
      await choose(panel, page, F('closure', 'reason'), v(lang, 'closureReason', 'goals-achieved'));
      await save(panel, t, t('caseView.tabs.closure'));
      await shoot(app, `${lang}-20-closure`);

      // Timeline and field history: identity changes show no values.
      panel = await tab(page, t, 'timeline');
      const timeline = panel.getByRole('list', { name: t('caseView.timeline.timeline') });
      // Newest first: the closure was the last save.
      await expect(timeline.getByRole('listitem').first()).toContainText(t('caseView.parts.closure'));
      await expect(timeline.getByRole('listitem').filter({ hasText: t('caseView.parts.identity') }).first()).toContainText(F('identity', 'photoAttachmentId'));
      await expect(timeline.getByRole('listitem').filter({ hasText: v(lang, 'serviceType', 'health-screening') })).toHaveCount(1);
      await shoot(app, `${lang}-21-timeline`);
      await pressToCheck(panel.getByRole('radio', { name: t('caseView.timeline.history') }));
      const history = panel.getByRole('table');
      await expect(history).not.toContainText(SECRETS.given);
      await shoot(app, `${lang}-22-field-history`);
      // One part at a time: the values of coded fields in words, identity values never.
      await choose(panel, page, t('caseView.timeline.part'), t('caseView.parts.profile'));
      await expect(history.getByRole('row').filter({ hasText: F('profile', 'citizenship') })).toContainText(v(lang, 'country', 'PE'));
      await expect(history.getByRole('row').filter({ hasText: F('profile', 'languages') })).toContainText(`${v(lang, 'language', 'qu')}, ${v(lang, 'language', 'es')}`);
      await choose(panel, page, t('caseView.timeline.part'), t('caseView.parts.identity'));
      await expect(history.getByRole('row').filter({ hasText: F('identity', 'givenNames') }).first()).toContainText(t('caseView.timeline.sealed'));
      await expect(history).not.toContainText(SECRETS.given);
      await expect(history).not.toContainText(SECRETS.phone);
      await shoot(app, `${lang}-23-field-history-identity`);

      // What was saved is what the core holds.
      const stored = getCaseFile(app.core.session!, caseIdOf(app));
      expect(stored.identity.data?.givenNames).toBe(SECRETS.given);
      expect(stored.sections.profile.data.citizenship).toEqual(['PE']);
      expect(stored.records.filter((r) => r.kind === 'service').map((r) => r.data.track).sort()).toEqual(services.map(([track]) => track).sort());
      expect(stored.attachments.map((a) => a.mime).sort()).toEqual(['application/octet-stream', 'image/png']);
    });

    test(`closing rule, consent rule, unsaved changes and a too large file (${lang})`, async ({ app }) => {
      test.setTimeout(240_000);
      const { page } = app;
      const { t, code } = await oneCaseSignedIn(app, lang);
      await openCase(page, t, code);
      const F = (part: string, field: string) => t(`caseView.f.${part}.${field}`);

      // Unsaved changes hold a tab switch: keep editing…
      let panel = page.getByRole('tabpanel');
      await text(panel, F('profile', 'ageAtIdentification'), '31');
      await page.getByRole('tab', { name: t('caseView.tabs.notes'), exact: true }).click();
      const guard = page.getByRole('alertdialog', { name: t('caseView.guard.title') });
      await expect(guard).toBeVisible();
      await shoot(app, `${lang}-30-unsaved-guard`);
      await guard.getByRole('button', { name: t('caseView.guard.keep') }).click();
      await expect(guard).toBeHidden();
      await expect(page.getByRole('tab', { name: t('caseView.tabs.profile'), exact: true })).toHaveAttribute('aria-selected', 'true');
      await expect(panel.getByRole('textbox', { name: F('profile', 'ageAtIdentification'), exact: true })).toHaveValue('31');
      // …and leaving the case: discard.
      await page.getByRole('navigation').getByRole('link', { name: t('shell.home'), exact: true }).click();
      await expect(guard).toBeVisible();
      await guard.getByRole('button', { name: t('caseView.guard.discard') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('home.welcome', { name: WORKER.displayName }) })).toBeVisible();
      await openCase(page, t, code);
      panel = page.getByRole('tabpanel');
      await expect(panel.getByRole('textbox', { name: F('profile', 'ageAtIdentification'), exact: true })).toHaveValue('');

      // A referral out without the person's consent is refused, clearly.
      panel = await tab(page, t, 'referrals');
      await panel.getByRole('button', { name: t('caseView.records.referral.add') }).click();
      const dialog = page.getByRole('dialog', { name: t('caseView.records.referral.addTitle') });
      await expect(dialog.getByText(t('caseView.referral.noConsent'))).toBeVisible();
      await text(dialog, F('referral', 'organisation'), 'Programa Esperanza');
      await dialog.getByRole('button', { name: t('caseView.records.add'), exact: true }).click();
      await expect(dialog.getByRole('alert').filter({ hasText: t('caseView.errors.CONSENT_REQUIRED') })).toBeVisible();
      await expect(dialog.getByText(t('caseView.referral.consentMissingTitle'))).toBeVisible();
      await shoot(app, `${lang}-31-consent-required`);
      await dialog.getByRole('button', { name: t('caseView.records.discard'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(panel.getByText(t('caseView.records.referral.empty'))).toBeVisible();

      // A file over 20 MB is refused and nothing is added.
      panel = await tab(page, t, 'attachments');
      app.nextPickedFile({ name: 'scan.pdf', bytes: new Uint8Array(21 * 1024 * 1024) });
      await panel.getByRole('button', { name: t('caseView.attachments.add') }).click();
      await expect(panel.getByRole('alert').filter({ hasText: t('caseView.errors.ATTACHMENT_TOO_LARGE') })).toBeVisible();
      await expect(panel.getByText(t('caseView.attachments.empty'))).toBeVisible();
      await shoot(app, `${lang}-32-attachment-too-large`);

      // Closing without a closure reason is refused and points to the Closure part.
      await page.getByRole('button', { name: t('caseView.header.edit') }).click();
      let header = page.getByRole('dialog', { name: t('caseView.header.dialogTitle', { code }) });
      await choose(header, page, t('caseView.header.status'), v(lang, 'caseStatus', 'closed'));
      await header.getByRole('button', { name: t('caseView.header.save') }).click();
      await expect(header.getByRole('alert').filter({ hasText: t('caseView.errors.CLOSURE_REASON_REQUIRED') })).toBeVisible();
      await shoot(app, `${lang}-33-closure-reason-required`);
      await header.getByRole('button', { name: t('caseView.header.goToClosure') }).click();
      await expect(header).toBeHidden();
      await expect(page.getByRole('tab', { name: t('caseView.tabs.closure'), exact: true })).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('.case-status')).toHaveText(v(lang, 'caseStatus', 'open'));
      panel = page.getByRole('tabpanel');
      await choose(panel, page, F('closure', 'reason'), v(lang, 'closureReason', 'returned-home'));
      await save(panel, t, t('caseView.tabs.closure'));
      // With the reason recorded, the case closes.
      await page.getByRole('button', { name: t('caseView.header.edit') }).click();
      header = page.getByRole('dialog', { name: t('caseView.header.dialogTitle', { code }) });
      await choose(header, page, t('caseView.header.status'), v(lang, 'caseStatus', 'closed'));
      await text(header, t('caseView.header.office'), 'Puno');
      await header.getByRole('button', { name: t('caseView.header.save') }).click();
      await expect(header).toBeHidden();
      await expect(page.locator('.case-status')).toHaveText(v(lang, 'caseStatus', 'closed'));
      await expect(page.getByText(t('caseView.header.saved'))).toBeVisible();
      await expect(page.getByRole('term').filter({ hasText: t('caseView.header.closedOn') })).toBeVisible();
      await shoot(app, `${lang}-34-closed`);
    });

    test(`a stale edit from a second window is refused, nothing is overwritten (${lang})`, async ({ app }) => {
      test.setTimeout(240_000);
      const { page } = app;
      const { t, code, caseId } = await oneCaseSignedIn(app, lang);
      const F = (part: string, field: string) => t(`caseView.f.${part}.${field}`);
      const FIRST = 'Derivada por la Línea 100 (primera ventana)';
      const SECOND = 'Texto escrito en la segunda ventana';
      const NOTE = 'Visit agreed for Thursday with the shelter coordinator.';
      const NOTE_FIRST = 'Visit moved to Friday at the request of the shelter coordinator.';
      const NOTE_SECOND = 'Visit cancelled: written in the second window.';
      app.rememberSecret(FIRST, SECOND, NOTE, NOTE_FIRST, NOTE_SECOND);
      await openCase(page, t, code);

      // A note exists before the second window opens the case.
      let panel = await tab(page, t, 'notes');
      await panel.getByRole('button', { name: t('caseView.records.note.add') }).click();
      let dialog = page.getByRole('dialog', { name: t('caseView.records.note.addTitle') });
      await text(dialog, F('note', 'body'), NOTE);
      await dialog.getByRole('button', { name: t('caseView.records.add'), exact: true }).click();
      await expect(dialog).toBeHidden();

      // A second window on the same session opens the same case.
      const second = await app.newPage();
      await expect(second.getByRole('heading', { level: 1, name: t('home.welcome', { name: WORKER.displayName }) })).toBeVisible(SLOW);
      await openCase(second, t, code);
      let other = second.getByRole('tabpanel');
      await text(other, F('profile', 'referralSourceDetail'), SECOND);

      // The first window saves first.
      panel = await tab(page, t, 'profile');
      await text(panel, F('profile', 'referralSourceDetail'), FIRST);
      await save(panel, t, t('caseView.tabs.profile'));

      // The second window's save is refused, with who and when; nothing is overwritten.
      await other.getByRole('button', { name: t('caseView.form.save'), exact: true }).click();
      const stale = other.getByRole('alert').filter({ hasText: t('caseView.stale.title') });
      await expect(stale).toBeVisible();
      // "Changed by Marco Caseworker on <date>. Nothing was saved."
      await expect(stale).toContainText(t('caseView.stale.by', { who: WORKER.displayName, when: '§' }).split('§')[0]!);
      await shootSecond(app, second, `${lang}-40-stale-section`);
      expect(getCaseFile(app.core.session!, caseId).sections.profile.data.referralSourceDetail).toBe(FIRST);
      // The person's text is still there until they choose to reload.
      await expect(other.getByRole('textbox', { name: F('profile', 'referralSourceDetail'), exact: true })).toHaveValue(SECOND);
      await stale.getByRole('button', { name: t('caseView.stale.reload') }).click();
      await expect(other.getByRole('textbox', { name: F('profile', 'referralSourceDetail'), exact: true })).toHaveValue(FIRST);
      await expect(other.getByText(t('caseView.stale.title'))).toHaveCount(0);
      await expect(other.getByText(t('caseView.form.unsaved'))).toHaveCount(0);

      // The same for a record: both windows edit the note; the second is refused.
      other = await tab(second, t, 'notes');
      panel = await tab(page, t, 'notes');
      const editName = t('caseView.records.editNamed', { name: '' });
      await other.getByRole('button', { name: startsWith(editName) }).click();
      const otherDialog = second.getByRole('dialog', { name: t('caseView.records.note.editTitle') });
      await text(otherDialog, F('note', 'body'), NOTE_SECOND);
      await panel.getByRole('button', { name: startsWith(editName) }).click();
      dialog = page.getByRole('dialog', { name: t('caseView.records.note.editTitle') });
      await text(dialog, F('note', 'body'), NOTE_FIRST);
      await dialog.getByRole('button', { name: t('caseView.records.saveChanges'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await otherDialog.getByRole('button', { name: t('caseView.records.saveChanges'), exact: true }).click();
      const staleRecord = otherDialog.getByRole('alert').filter({ hasText: t('caseView.stale.title') });
      await expect(staleRecord).toContainText(t('caseView.stale.by', { who: WORKER.displayName, when: '§' }).split('§')[0]!);
      await shootSecond(app, second, `${lang}-41-stale-record`);
      const notes = getCaseFile(app.core.session!, caseId).records.filter((r) => r.kind === 'note');
      expect(notes.map((n) => n.data.body)).toEqual([NOTE_FIRST]);
      await staleRecord.getByRole('button', { name: t('caseView.stale.reloadRecord') }).click();
      await expect(otherDialog.getByRole('textbox', { name: F('note', 'body'), exact: true })).toHaveValue(NOTE_FIRST);
      await otherDialog.getByRole('button', { name: t('common.cancel'), exact: true }).click();
      await expect(other.getByText(NOTE_FIRST)).toBeVisible();
      await second.close();
    });

    test(`a supervisor may refer without consent, with a recorded reason (${lang})`, async ({ app }) => {
      test.setTimeout(180_000);
      const { page } = app;
      const { t, code } = await oneCaseSignedIn(app, lang, 'supervisor');
      await openCase(page, t, code);
      const F = (part: string, field: string) => t(`caseView.f.${part}.${field}`);
      const REASON = lang === 'es' ? 'Riesgo inminente; la persona no puede firmar hoy' : 'Imminent risk; the person cannot sign today';
      const panel = await tab(page, t, 'referrals');
      await panel.getByRole('button', { name: t('caseView.records.referral.add') }).click();
      const dialog = page.getByRole('dialog', { name: t('caseView.records.referral.addTitle') });
      await text(dialog, F('referral', 'organisation'), 'Ministerio de la Mujer');
      await text(dialog, F('referral', 'overrideReason'), REASON);
      await shoot(app, `${lang}-50-supervisor-override`);
      await dialog.getByRole('button', { name: t('caseView.records.add'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(panel.getByText(t('caseView.referral.basisOverride', { reason: REASON }))).toBeVisible();
    });
  });
}
