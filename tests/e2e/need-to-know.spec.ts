import type { Locator, Page } from '@playwright/test';
import { test, expect, type AmparoApp } from './harness';
import { LANGS, LANGUAGE_NAMES, type T, translator } from './i18n';
import { lock, nav, signIn, SLOW, tallWindow } from './steps';
import { findByUsername } from '../../src/main/core/users/accounts';
import { resetWithRecovery } from '../../src/main/core/users/service';
import { createCase, getCaseFile } from '../../src/main/core/cases/service';
import { addRecord } from '../../src/main/core/cases/records';
import { queryAudit } from '../../src/main/core/audit/query';
import { sessionAs } from '../support/sessions';

/**
 * Need-to-know (issue 4), in English and Spanish, through the built renderer, the real router
 * and a real encrypted vault. The administrator builds a team in the UI: a supervisor, a team
 * led by them, two caseworkers in it and a coordinator. A case recorded by caseworker A is
 * invisible to caseworker B (list, search, direct open by id), visible to the supervisor, who
 * reassigns it to B with a reason; then B sees it and its identity, A no longer does, the
 * coordinator sees no case anywhere, and the reassignment is in the audit trail.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const SUPERVISOR = { username: 'sofia.sup', displayName: 'Sofía Supervisor', initial: 'temporary harbour gate seven', passphrase: 'orange kettle mountain drum' };
const WORKER_A = { username: 'andres.cw', displayName: 'Andrés Caseworker', initial: 'temporary river stone window', passphrase: 'quiet morning tea garden' };
const WORKER_B = { username: 'beatriz.cw', displayName: 'Beatriz Caseworker', initial: 'temporary cloud paper boat', passphrase: 'silver canyon bicycle rain' };
const COORDINATOR = { username: 'carla.co', displayName: 'Carla Coordinator', initial: 'temporary paper kite hills', passphrase: 'yellow lantern forest song' };
const TEAM = 'Lima Norte';

/** What must never be found in plaintext on disk (the harness scans the data and temp folders). */
const SECRETS = {
  given: 'Marisol Huanca-Ccori',
  family: 'Ayquipa Llanos',
  location: 'Jirón Los Olivos 2284, Comas',
  sealedGiven: 'Elena Quisbert-Mamani',
  reason: 'Andrés moves to the Tumbes border office from Monday; Beatriz knows the family.',
};
/** A word of a note of the case: searchable (notes are indexed), unlike names. */
const NOTE_WORD = 'ladrillera';
const NOTE = `Interview at the office: she worked at a ${NOTE_WORD} near the river without pay for eight months.`;

// ---------------------------------------------------------------------------------------------

async function shoot(app: AmparoApp, name: string): Promise<void> {
  const restore = await tallWindow(app.page);
  await app.screenshot(`need-to-know-${name}`);
  await restore();
  if (process.env.AXE_DEBUG) {
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    const r = await new AxeBuilder({ page: app.page }).analyze();
    for (const v of r.violations) console.log('AXE', name, v.id, v.impact, v.nodes.map((n) => n.html).join(' | '));
  }
  await app.checkA11y(name);
}

/** React Aria's checkboxes and radios are native inputs kept visually hidden: use the keyboard. */
async function setChecked(control: Locator, checked: boolean): Promise<void> {
  if ((await control.isChecked()) !== checked) await control.press('Space');
  if (checked) await expect(control).toBeChecked();
  else await expect(control).not.toBeChecked();
}

/** Picks an option of a React Aria select, found by (part of) its label. */
async function choose(page: Page, scope: Page | Locator, label: string, option: string): Promise<void> {
  await scope.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A row of the accounts table (the teams table below names people too). */
const accountRow = (page: Page, t: T, name: string) => page.getByRole('table', { name: t('accounts.caption') }).getByRole('row', { name: new RegExp(name) });

async function addAccount(
  page: Page,
  t: T,
  person: { username: string; displayName: string; initial: string },
  role: 'supervisor' | 'caseworker' | 'coordinator',
  team?: string,
): Promise<void> {
  await page.getByRole('button', { name: t('accounts.add'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: t('accounts.addDialog.title') });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(t('fields.displayName'), { exact: true }).fill(person.displayName);
  await dialog.getByLabel(t('fields.username'), { exact: true }).fill(person.username);
  if (role !== 'caseworker') {
    await choose(page, dialog, t('fields.role'), t(`roles.${role}`));
    // The team is asked only of caseworkers.
    await expect(dialog.getByRole('button', { name: t('teams.addDialog.team') })).toHaveCount(0);
  } else if (team) {
    await choose(page, dialog, t('teams.addDialog.team'), team);
  }
  await dialog.getByLabel(t('accounts.addDialog.initialPassphrase'), { exact: true }).fill(person.initial);
  await dialog.getByRole('button', { name: t('accounts.addDialog.submit') }).click();
  await expect(dialog).toBeHidden(SLOW);
  await expect(accountRow(page, t, person.displayName)).toContainText(t(`roles.${role}`));
}

/** What the core answers the page for one channel (as a tampered renderer could ask). */
async function invoke(page: Page, channel: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  return page.evaluate(
    ([c, p]) => (globalThis as unknown as { api: { invoke: (c: string, p: unknown) => Promise<{ ok: boolean; error?: { code: string } }> } }).api.invoke(c, p),
    [channel, payload] as const,
  );
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
}

/** A row of the case list (a grid: a row opens its case by click or Enter). */
const caseRow = (page: Page, code: string) => page.getByRole('grid').getByRole('row', { name: new RegExp(`^${code} `) });

async function openFromList(page: Page, t: T, code: string): Promise<void> {
  await nav(page, t('cases.nav')).click();
  await caseRow(page, code).click();
  await expect(page.getByRole('heading', { level: 1, name: t('caseView.title', { code }) })).toBeVisible();
}

// ---------------------------------------------------------------------------------------------

for (const lang of LANGS) {
  test(`need-to-know: teams, assignment, reassignment and the sealed identity (${lang})`, async ({ app }) => {
    test.setTimeout(360_000);
    const { page } = app;
    const t = translator(lang);
    app.rememberSecret(...Object.values(SECRETS));

    const { recoveryKey } = await app.seedVault(ADMIN);
    await app.open();
    await expect(page.getByRole('heading', { level: 1, name: translator('en')('auth.login.title') })).toBeVisible(SLOW);
    if (lang !== 'en') {
      await setChecked(page.getByRole('radio', { name: LANGUAGE_NAMES[lang] }), true);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
    }

    // ---- 1. The administrator: accounts, a team, its caseworkers. ---------------------------
    await signIn(page, t, ADMIN);
    // Home offers accounts, teams and the audit trail, and no case list.
    await expect(page.getByRole('heading', { level: 2, name: t('home.admin.accounts.title') })).toBeVisible();
    await expect(nav(page, t('cases.nav'))).toHaveCount(0);
    await shoot(app, `${lang}-01-home-administrator`);
    await page.getByRole('button', { name: t('home.admin.accounts.action') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('accounts.title') })).toBeVisible(SLOW);
    const teamsPanel = page.getByRole('region', { name: t('teams.title') });
    await expect(teamsPanel.getByText(t('teams.needSupervisor'))).toBeVisible();
    await expect(teamsPanel.getByRole('button', { name: t('teams.create') })).toBeDisabled();

    await addAccount(page, t, SUPERVISOR, 'supervisor');
    await expect(accountRow(page, t, SUPERVISOR.displayName)).toContainText(t('teams.leadsNone'));

    // A team led by the supervisor.
    await teamsPanel.getByRole('button', { name: t('teams.create') }).click();
    const create = page.getByRole('dialog', { name: t('teams.createDialog.title') });
    await expect(create).toBeVisible();
    await create.getByRole('button', { name: t('teams.createDialog.submit') }).click();
    await expect(create.getByText(t('validation.required')).first()).toBeVisible();
    await create.getByLabel(t('teams.createDialog.name'), { exact: true }).fill(TEAM);
    // The only active supervisor is already chosen.
    await expect(create.getByRole('button', { name: t('teams.createDialog.supervisor') })).toContainText(SUPERVISOR.displayName);
    await shoot(app, `${lang}-02-create-team`);
    await create.getByRole('button', { name: t('teams.createDialog.submit') }).click();
    await expect(create).toBeHidden();
    await expect(teamsPanel.getByText(t('teams.created', { name: TEAM }))).toBeVisible();
    const teamRow = teamsPanel.getByRole('row', { name: new RegExp(TEAM) });
    await expect(teamRow).toContainText(SUPERVISOR.displayName);
    await expect(teamRow).toContainText(t('teams.noMembers'));

    // Caseworker A joins the team when the account is created; B afterwards, from the list.
    await addAccount(page, t, WORKER_A, 'caseworker', TEAM);
    await addAccount(page, t, WORKER_B, 'caseworker');
    await expect(teamRow).not.toContainText(WORKER_B.displayName);
    await choose(page, page, t('teams.pickerLabel', { name: WORKER_B.displayName }), TEAM);
    await expect(page.getByText(t('teams.joined', { name: WORKER_B.displayName, team: TEAM }))).toBeVisible();
    await addAccount(page, t, COORDINATOR, 'coordinator');
    await expect(teamRow).toContainText(WORKER_A.displayName);
    await expect(teamRow).toContainText(WORKER_B.displayName);
    await expect(accountRow(page, t, SUPERVISOR.displayName)).toContainText(TEAM);
    await shoot(app, `${lang}-03-teams`);

    // Through the core, to save time: each new person's passphrase is set (as if they had changed
    // it at first sign-in), and caseworker A records two cases.
    const vault = app.core.session!.vault;
    const ids = Object.fromEntries([SUPERVISOR, WORKER_A, WORKER_B, COORDINATOR].map((p) => [p.username, findByUsername(vault.db, p.username)!.id]));
    const idOf = (username: string) => ids[username]!;
    const recoverySecretKey = await vault.openRecovery(recoveryKey);
    for (const person of [SUPERVISOR, WORKER_A, WORKER_B, COORDINATOR]) {
      await resetWithRecovery(vault, {
        accountId: idOf(person.username),
        recoveryKey,
        newPassphrase: person.passphrase,
        actorId: app.core.session!.accountId,
        mustChange: false,
        recoverySecretKey: recoverySecretKey.slice(),
      });
    }
    recoverySecretKey.fill(0);
    const workerA = await sessionAs(vault, WORKER_A.username, WORKER_A.passphrase);
    const day = new Date().toISOString().slice(0, 10);
    const first = createCase(workerA, {
      office: TEAM,
      identity: { givenNames: SECRETS.given, familyNames: SECRETS.family, currentLocation: SECRETS.location },
      profile: { gender: 'Feminine' },
    });
    addRecord(workerA, first.id, 'note', { writtenOn: day, body: NOTE });
    expect(first.supervisorId).toBe(idOf(SUPERVISOR.username));
    expect(first.assignedIds).toEqual([idOf(WORKER_A.username)]);
    // A second case whose key was never wrapped for the supervisor (as can happen to a case
    // sealed before the team existed): the supervisor sees the case, not who the person is.
    const second = createCase(workerA, { office: TEAM, identity: { givenNames: SECRETS.sealedGiven } });
    const removed = vault.db.prepare('DELETE FROM case_keys WHERE case_id = ? AND recipient = ?').run(second.id, idOf(SUPERVISOR.username));
    expect(removed.changes).toBe(1);
    await lock(page, t);

    // ---- 2. Caseworker B: A's case is nowhere. -----------------------------------------------
    await signIn(page, t, WORKER_B);
    await expect(page.getByText(t('homeLists.myCases.empty'))).toBeVisible();
    await nav(page, t('cases.nav')).click();
    await expect(page.getByText(t('cases.empty'))).toBeVisible();
    await expect(page.locator('body')).not.toContainText(first.code);
    await nav(page, t('search.nav')).click();
    await page.getByRole('searchbox', { name: t('search.fieldLabel') }).fill(NOTE_WORD);
    await expect(page.getByText(t('search.noHits', { query: NOTE_WORD }))).toBeVisible();
    // Opened directly by its id, as a page that knew it could ask: the core says it does not exist.
    expect(await invoke(page, 'cases.get', { caseId: first.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await invoke(page, 'cases.timeline', { caseId: first.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await lock(page, t);

    // ---- 3. The supervisor: the team's cases; reassigns the first to B. ------------------------
    await signIn(page, t, SUPERVISOR);
    await nav(page, t('search.nav')).click();
    await page.getByRole('searchbox', { name: t('search.fieldLabel') }).fill(NOTE_WORD);
    const hits = page.getByRole('list', { name: t('search.resultsLabel') }).getByRole('link');
    await expect(hits).toHaveCount(1);
    await expect(hits.first()).toContainText(first.code);
    await nav(page, t('cases.nav')).click();
    await expect(caseRow(page, second.code)).toBeVisible();
    await openFromList(page, t, first.code);
    await expect(page.getByTestId('case-assigned')).toHaveText(WORKER_A.displayName);
    await expect(page.getByTestId('case-supervisor')).toHaveText(t('caseView.header.youNamed', { name: SUPERVISOR.displayName }));
    await openTab(page, t('caseView.tabs.identity'));
    await expect(page.getByRole('textbox', { name: t('caseView.f.identity.givenNames') })).toHaveValue(SECRETS.given);

    await page.getByRole('button', { name: t('caseView.reassign.open'), exact: true }).click();
    const reassign = page.getByRole('dialog', { name: t('caseView.reassign.title', { code: first.code }) });
    await expect(reassign).toBeVisible();
    const boxA = reassign.getByRole('checkbox', { name: t('caseView.reassign.current', { name: WORKER_A.displayName }) });
    const boxB = reassign.getByRole('checkbox', { name: WORKER_B.displayName, exact: true });
    await expect(boxA).toBeChecked();
    await expect(boxB).not.toBeChecked();
    await expect(reassign.getByText(t('caseView.reassign.access'))).toBeVisible();
    // Nobody, and no reason: both refused.
    await setChecked(boxA, false);
    await reassign.getByRole('button', { name: t('caseView.reassign.submit') }).click();
    await expect(reassign.getByText(t('caseView.reassign.pickOne'))).toBeVisible();
    await expect(reassign.getByText(t('validation.required'))).toBeVisible();
    await setChecked(boxB, true);
    await reassign.getByRole('textbox', { name: t('caseView.reassign.reason') }).fill(SECRETS.reason);
    await expect(reassign.getByText(t('caseView.reassign.removing', { names: WORKER_A.displayName }))).toBeVisible();
    await expect(reassign.getByText(t('caseView.reassign.adding', { names: WORKER_B.displayName }))).toBeVisible();
    await shoot(app, `${lang}-04-reassign-dialog`);
    await reassign.getByRole('button', { name: t('caseView.reassign.submit') }).click();
    await expect(reassign).toBeHidden();
    await expect(page.getByText(t('caseView.reassign.done', { names: WORKER_B.displayName }))).toBeVisible();
    await expect(page.getByTestId('case-assigned')).toHaveText(WORKER_B.displayName);

    // The timeline names who now works on the case, who left it, and why.
    await openTab(page, t('caseView.tabs.timeline'));
    const entry = page.locator('.timeline-reassignment');
    await expect(entry).toContainText(t('caseView.timeline.reassigned'));
    await expect(entry).toContainText(t('caseView.timeline.nowAssigned', { names: WORKER_B.displayName }));
    await expect(entry).toContainText(t('caseView.timeline.takenOff', { names: WORKER_A.displayName }));
    await expect(entry).toContainText(t('caseView.timeline.reason', { reason: SECRETS.reason }));
    await shoot(app, `${lang}-05-timeline-reassigned`);

    // The second case: its identity is sealed from this supervisor; so is handing its key on.
    await openFromList(page, t, second.code);
    await openTab(page, t('caseView.tabs.identity'));
    await expect(page.getByRole('heading', { level: 3, name: t('caseView.sealed.title') })).toBeVisible();
    await expect(page.getByTestId('identity-sealed')).toContainText(t('caseView.sealed.body'));
    await expect(page.getByTestId('identity-sealed')).toContainText(t('caseView.sealed.askSelf'));
    await expect(page.getByRole('textbox', { name: t('caseView.f.identity.givenNames') })).toHaveCount(0);
    await expect(page.getByRole('button', { name: t('caseView.form.save') })).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(SECRETS.sealedGiven);
    await shoot(app, `${lang}-06-identity-sealed`);
    await page.getByRole('button', { name: t('caseView.reassign.open'), exact: true }).click();
    const reassignSecond = page.getByRole('dialog', { name: t('caseView.reassign.title', { code: second.code }) });
    await setChecked(reassignSecond.getByRole('checkbox', { name: WORKER_B.displayName, exact: true }), true);
    await reassignSecond.getByRole('textbox', { name: t('caseView.reassign.reason') }).fill('Workload');
    await reassignSecond.getByRole('button', { name: t('caseView.reassign.submit') }).click();
    await expect(reassignSecond.getByText(t('caseView.errors.IDENTITY_SEALED'))).toBeVisible();
    await reassignSecond.getByRole('button', { name: t('common.cancel') }).click();
    await expect(reassignSecond).toBeHidden();
    await lock(page, t);

    // ---- 4. B now sees the case, and who the person is. --------------------------------------
    await signIn(page, t, WORKER_B);
    await expect(page.getByRole('link', { name: first.code }).first()).toBeVisible();
    await openFromList(page, t, first.code);
    await expect(page.getByTestId('case-assigned')).toHaveText(t('caseView.header.youNamed', { name: WORKER_B.displayName }));
    await expect(page.getByTestId('case-supervisor')).toHaveText(SUPERVISOR.displayName);
    // No "Reassign" for a caseworker.
    await expect(page.getByRole('button', { name: t('caseView.reassign.open'), exact: true })).toHaveCount(0);
    await openTab(page, t('caseView.tabs.identity'));
    await expect(page.getByRole('textbox', { name: t('caseView.f.identity.givenNames') })).toHaveValue(SECRETS.given);
    await openTab(page, t('caseView.tabs.timeline'));
    await expect(page.locator('.timeline-reassignment')).toContainText(t('caseView.timeline.reason', { reason: SECRETS.reason }));
    // The second case stays A's alone.
    expect(await invoke(page, 'cases.get', { caseId: second.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await lock(page, t);

    // ---- 5. A no longer does. ------------------------------------------------------------------
    await signIn(page, t, WORKER_A);
    await nav(page, t('cases.nav')).click();
    await expect(caseRow(page, second.code)).toBeVisible();
    await expect(caseRow(page, first.code)).toHaveCount(0);
    await nav(page, t('search.nav')).click();
    await page.getByRole('searchbox', { name: t('search.fieldLabel') }).fill(NOTE_WORD);
    await expect(page.getByText(t('search.noHits', { query: NOTE_WORD }))).toBeVisible();
    expect(await invoke(page, 'cases.get', { caseId: first.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await lock(page, t);

    // ---- 6. The coordinator: no case anywhere. -----------------------------------------------
    await signIn(page, t, COORDINATOR);
    await expect(page.getByRole('heading', { level: 2, name: t('home.coordinator.title') })).toBeVisible();
    await expect(page.getByRole('button', { name: t('home.coordinator.action') })).toBeVisible();
    await expect(nav(page, t('cases.nav'))).toHaveCount(0);
    await expect(nav(page, t('search.nav'))).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(first.code);
    await shoot(app, `${lang}-07-home-coordinator`);
    for (const [channel, payload] of [
      ['cases.list', {}],
      ['cases.home', {}],
      ['cases.search', { query: NOTE_WORD }],
      ['cases.get', { caseId: first.id }],
    ] as const) {
      expect(await invoke(page, channel, payload), channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await lock(page, t);

    // ---- 7. The reassignment is in the audit trail (names, not the reason). ------------------
    await signIn(page, t, ADMIN);
    await page.getByRole('button', { name: t('home.admin.audit.action') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('audit.title') })).toBeVisible();
    const reassigned = page.getByRole('row').filter({ hasText: t('audit.actions.case.reassigned') });
    await expect(reassigned).toHaveCount(1, SLOW);
    await expect(reassigned).toContainText(SUPERVISOR.displayName);
    await expect(reassigned).toContainText(first.code);
    await expect(page.locator('body')).not.toContainText(SECRETS.reason);
    await shoot(app, `${lang}-08-audit`);
    const trail = queryAudit(app.core.session!.vault.db, { action: 'case.reassigned' });
    expect(trail.entries.map((e) => ({ actor: e.actorId, detail: e.detail }))).toEqual([
      { actor: idOf(SUPERVISOR.username), detail: expect.objectContaining({ added: idOf(WORKER_B.username), removed: idOf(WORKER_A.username) }) },
    ]);
    expect(JSON.stringify(trail)).not.toContain(SECRETS.reason);

    // What the core holds: B and the supervisor hold the key; A does not.
    const supervisor = await sessionAs(app.core.session!.vault, SUPERVISOR.username, SUPERVISOR.passphrase);
    expect(getCaseFile(supervisor, first.id).identity.data?.givenNames).toBe(SECRETS.given);
    expect(getCaseFile(supervisor, second.id).identity.data).toBeNull();
  });
}
