import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIdentity, unwrapCaseKey } from '../../src/main/core/cases/case-keys';
import { AppCore } from '../../src/main/core/app/app-core';
import { createRouter } from '../../src/main/core/ipc/router';
import { createAccount, changeOwnPassphrase } from '../../src/main/core/users/service';
import { unlockWithPassphrase, VaultLocation } from '../../src/main/core/vault/vault';
import { IMPORT_COLUMNS } from '../../src/main/core/cases/import-csv';
import { listCases } from '../../src/main/core/cases/queries';
import { makeTempDir } from '../support/temp-dir';
import { cli, snapshot } from '../support/cli';

const ADMIN = { username: 'ana.admin', displayName: 'Ana', passphrase: 'lantern harbour violet compass' };
const WORKER = { username: 'marco.cw', passphrase: 'river stone window morning' };
const NEW_WORKER = { username: 'luz.cw', passphrase: 'temporary copper kettle garden' };

let temp: ReturnType<typeof makeTempDir>;
let template: string;
let n = 0;


/** A fresh copy of the template vault: an administrator, a caseworker who chose their passphrase, one who has not yet. */
function freshVault(): string {
  const dir = path.join(temp.dir, `vault-${++n}`);
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}


interface CaseRow {
  id: string;
  code: string;
  status: string;
  office: string;
  opened_on: string;
  closed_on: string | null;
  gender: string | null;
  citizenship: string | null;
  exploitation_type: string | null;
  risk_level: string | null;
}

/** Everything seeded, per case in code order, without the random ids and the moments of writing. */
async function contents(dir: string) {
  const { vault, accountId, secretKey } = await unlockWithPassphrase(new VaultLocation({ dataDir: dir }), WORKER.username, WORKER.passphrase, false);
  try {
    const db = vault.db;
    const cases = db.prepare('SELECT id, code, status, office, opened_on, closed_on, gender, citizenship, exploitation_type, risk_level FROM cases ORDER BY code').all() as CaseRow[];
    return cases.map(({ id, ...c }) => ({
      ...c,
      sections: db.prepare('SELECT section, data FROM case_sections WHERE case_id = ? ORDER BY section').all(id) as { section: string; data: string }[],
      identity: openIdentity(unwrapCaseKey(db, id, accountId, secretKey)!, id, (db.prepare('SELECT sealed FROM case_identity WHERE case_id = ?').get(id) as { sealed: Buffer }).sealed) as Record<string, unknown>,
      records: (db.prepare('SELECT kind, data FROM case_records WHERE case_id = ? ORDER BY rowid').all(id) as { kind: string; data: string }[]).map((r) => {
        const data = JSON.parse(r.data) as Record<string, unknown>;
        if ('consentId' in data) data.consentId = data.consentId ? 'linked' : null;
        return { kind: r.kind, data };
      }),
    }));
  } finally {
    vault.lock();
  }
}

async function signIn(dir: string) {
  const core = new AppCore({ dataDir: dir });
  await core.login(WORKER.username, WORKER.passphrase);
  const router = createRouter(core);
  const call = async (channel: string, payload: unknown = {}) => {
    const result = await router.handle(core.session, channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value as never;
  };
  return { core, call };
}

beforeAll(async () => {
  temp = makeTempDir();
  template = path.join(temp.dir, 'template');
  const core = new AppCore({ dataDir: template });
  await core.createVault(ADMIN);
  await createAccount(core.session!, { username: WORKER.username, displayName: 'Marco', role: 'caseworker', initialPassphrase: 'temporary lantern harbour stone' });
  await createAccount(core.session!, { username: NEW_WORKER.username, displayName: 'Luz', role: 'caseworker', initialPassphrase: NEW_WORKER.passphrase });
  core.lockNow('logout');
  await core.login(WORKER.username, 'temporary lantern harbour stone');
  await changeOwnPassphrase(core.session!, 'temporary lantern harbour stone', WORKER.passphrase);
  core.close();
}, 60_000);
afterAll(() => temp?.remove());

describe('seed', () => {
  it('is deterministic: the same seed gives the same cases, another seed other ones; it continues a sequence', async () => {
    const [a, b, c, d] = [freshVault(), freshVault(), freshVault(), freshVault()];
    const run = (dir: string, args: string[]) => cli(['seed', '--data-dir', dir, '--user', WORKER.username, ...args], [WORKER.passphrase]);
    const first = await run(a, ['--cases', '40', '--seed', '7']);
    expect(first.code).toBe(0);
    expect(first.err).toContain('seeded 40/40');
    expect((await run(b, ['--cases', '40', '--seed', '7'])).code).toBe(0);
    expect((await run(c, ['--cases', '40', '--seed', '8'])).code).toBe(0);
    expect((await run(d, ['--cases', '25', '--seed', '7'])).code).toBe(0);
    expect((await run(d, ['--cases', '15', '--seed', '7'])).code).toBe(0);
    const [ca, cb, cc, cd] = await Promise.all([contents(a), contents(b), contents(c), contents(d)]);
    expect(ca).toHaveLength(40);
    expect(cb).toEqual(ca);
    expect(cd).toEqual(ca);
    expect(cc.map((x) => x.sections)).not.toEqual(ca.map((x) => x.sections));
    // No case content on the terminal: only counts, the seed and the username.
    for (const x of ca) {
      expect(first.out + first.err).not.toContain(x.identity.familyNames as string);
    }
  }, 60_000);

  it('has the essentials of a real caseload: tracks, statuses, searchable notes, follow-ups due today, consented referrals', async () => {
    const dir = freshVault();
    const result = await cli(['seed', '--data-dir', dir, '--user', WORKER.username, '--cases', '200'], [WORKER.passphrase]);
    expect(result.code).toBe(0);
    const all = await contents(dir);
    expect(all).toHaveLength(200);
    const records = all.flatMap((c) => c.records);
    const tracks = new Set(records.filter((r) => r.kind === 'service').map((r) => r.data.track));
    expect(tracks.size).toBeGreaterThanOrEqual(7);
    expect(new Set(all.map((c) => c.status))).toEqual(new Set(['open', 'follow-up', 'closed', 'closed-referred']));
    for (const c of all.filter((x) => x.status.startsWith('closed'))) {
      const closure = c.sections.find((s) => s.section === 'closure');
      expect(JSON.parse(closure!.data).reason).toBeTruthy();
    }
    // Every case has assistance consent; most allow anonymous statistics.
    for (const c of all) expect(c.records.some((r) => r.kind === 'consent' && r.data.purpose === 'assistance')).toBe(true);
    const stats = all.filter((c) => c.records.some((r) => r.kind === 'consent' && r.data.purpose === 'anonymous-statistics')).length;
    expect(stats / all.length).toBeGreaterThan(0.55);
    expect(stats / all.length).toBeLessThan(0.85);
    const out = records.filter((r) => r.kind === 'referral' && r.data.direction === 'out');
    expect(out.length).toBeGreaterThan(0);
    for (const r of out) expect(r.data.consentId).toBe('linked');
    const ages = all.map((c) => JSON.parse(c.sections.find((s) => s.section === 'profile')!.data).ageAtIdentification as number);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(12);
    expect(Math.max(...ages)).toBeLessThanOrEqual(60);
    expect(ages.filter((a) => a < 30).length).toBeGreaterThan(ages.length / 2);

    const { core, call } = await signIn(dir);
    try {
      const today = core.location.now().toISOString().slice(0, 10);
      const home = await call('cases.home');
      const due = (home as { followUpsDue: { dueOn: string; overdue: boolean }[] }).followUpsDue;
      expect(due.some((f) => f.dueOn === today && !f.overdue)).toBe(true);
      expect(due.some((f) => f.overdue)).toBe(true);
      for (const word of ['seguimiento', 'shelter']) {
        const found = (await call('cases.search', { query: word })) as { hits: { snippet: string }[] };
        expect(found.hits.length, word).toBeGreaterThan(0);
        expect(found.hits.every((h) => h.snippet.toLowerCase().includes(`\u0002${word}`))).toBe(true);
      }
      const list = (await call('cases.list', { status: ['open'], sort: 'riskLevel' })) as { total: number; rows: { riskLevel: string | null; citizenship: string | null }[] };
      expect(list.total).toBeGreaterThan(0);
      expect(list.rows[0]!.riskLevel).toBe('high');
      expect(list.rows.every((r) => r.citizenship)).toBe(true);
    } finally {
      core.close();
    }
    // A broad filter's page is read in index order, a narrow one's sorted: the same rows either way.
    const { core: c2 } = await signIn(dir);
    try {
      const session = c2.session!;
      for (const query of [
        {},
        { status: ['open', 'follow-up'] as const, exploitationType: 'ForcedLabour' as const, sort: 'openedOn' as const, direction: 'asc' as const },
        { track: 'legal' as const, followUpDue: true, sort: 'riskLevel' as const },
        { citizenship: 'VE' as const, riskLevel: ['high', 'medium'] as const, sort: 'citizenship' as const, offset: 5, limit: 20 },
        { assignedTo: session.accountId, sort: 'gender' as const, direction: 'asc' as const },
      ]) {
        const input = { ...query, status: query.status ? [...query.status] : undefined, riskLevel: query.riskLevel ? [...query.riskLevel] : undefined };
        const narrow = listCases(session, input, { broadAbove: Infinity });
        expect(narrow.rows.length).toBeGreaterThan(0);
        expect(listCases(session, input, { broadAbove: 0 })).toEqual(narrow);
      }
    } finally {
      c2.close();
    }
    const verify = await cli(['verify', '--data-dir', dir, '--user', WORKER.username], [WORKER.passphrase]);
    expect(verify.out).toContain('All checks passed.');
  }, 60_000);

  it('refuses an administrator and an account that must change its passphrase (exit 1), and bad usage (exit 2), writing no case', async () => {
    const dir = freshVault();
    const admin = await cli(['seed', '--data-dir', dir, '--user', ADMIN.username, '--cases', '5'], [ADMIN.passphrase]);
    expect(admin.code).toBe(1);
    expect(admin.err.trim().split('\n')).toHaveLength(1);
    const pending = await cli(['seed', '--data-dir', dir, '--user', NEW_WORKER.username, '--cases', '5'], [NEW_WORKER.passphrase]);
    expect(pending.code).toBe(1);
    const wrong = await cli(['seed', '--data-dir', dir, '--user', WORKER.username, '--cases', '5'], ['not the passphrase at all']);
    expect(wrong.code).toBe(1);
    for (const args of [
      ['seed', '--data-dir', dir, '--user', WORKER.username],
      ['seed', '--data-dir', dir, '--user', WORKER.username, '--cases', '0'],
      ['seed', '--data-dir', dir, '--user', WORKER.username, '--cases', 'many'],
      ['seed', '--data-dir', dir, '--user', WORKER.username, '--cases', '5', '--seed', '-1'],
      ['seed', '--data-dir', dir, '--user', WORKER.username, '--cases', '5', '--colour', 'red'],
      ['seed', '--data-dir', dir, '--user', WORKER.username, '--cases', '5', '--skip-invalid'],
      ['seed', 'extra', '--data-dir', dir, '--user', WORKER.username, '--cases', '5'],
    ]) {
      const result = await cli(args, [WORKER.passphrase]);
      expect(result.code, args.join(' ')).toBe(2);
    }
    expect(await contents(dir)).toEqual([]);
  }, 60_000);
});

describe('import', () => {
  const header = 'cas_Status,cas_ReasonForCaseClosure,cas_OpenedDate,prs_FirstName,prs_SecondName,prs_Gender,vic_AgeAtIdentification,prs_Citizenship,prs_PrimaryLanguage,vic_IdentificationDate,vic_TraffickingStatus,vic_TypeOfExploitation,MethodsOfControlDebtBondage,MethodsOfControlWithholdsDocuments,vic_MethodsOfControl';
  const rows = [
    'Active,,2026-03-02,Rosa,Quispe,Feminine,17,Perú,spa,2026-03-01,ActualVictimOfTrafficking,SexualExploitation,1,0,FalsePromises',
    'Closed,goals-achieved,2025-11-20,John,Okafor,Masculine,29,NG;GH,eng,2025-11-19,PossibleVictimOfTrafficking,ForcedLabour;Servitude,yes,yes,',
    'FollowUp,,,,,femenino,34,Venezuela,Spanish,,,Trabajo forzoso,no,true,DebtBondage',
  ];
  const write = (lines: string[]) => {
    const file = path.join(temp.dir, `import-${++n}.csv`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return file;
  };
  const run = (dir: string, file: string, extra: string[] = []) => cli(['import', '--data-dir', dir, '--user', WORKER.username, file, ...extra], [WORKER.passphrase]);

  it('imports every row of a valid file, mapping HTCDS names, codes, labels and flags', async () => {
    const dir = freshVault();
    const result = await run(dir, write([header, ...rows]));
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('Imported 3 case(s)');
    const all = await contents(dir);
    expect(all.map((c) => c.status).sort()).toEqual(['closed', 'follow-up', 'open']);
    const byAge = (age: number) => all.find((c) => JSON.parse(c.sections.find((s) => s.section === 'profile')!.data).ageAtIdentification === age)!;
    const section = (c: ReturnType<typeof byAge>, name: string) => JSON.parse(c.sections.find((s) => s.section === name)!.data);
    const rosa = byAge(17);
    expect(rosa).toMatchObject({ opened_on: '2026-03-02', citizenship: 'PE', gender: 'Feminine', exploitation_type: 'SexualExploitation' });
    expect(section(rosa, 'profile')).toMatchObject({ languages: ['es'], identifiedOn: '2026-03-01', traffickingStatus: 'ActualVictimOfTrafficking' });
    expect(section(rosa, 'experience').methodsOfControl.sort()).toEqual(['MethodsOfControlDebtBondage', 'MethodsOfControlFalsePromises']);
    expect(rosa.identity).toMatchObject({ givenNames: 'Rosa', familyNames: 'Quispe' });
    const john = byAge(29);
    expect(john.closed_on).not.toBeNull();
    expect(section(john, 'closure').reason).toBe('goals-achieved');
    expect(section(john, 'profile').citizenship).toEqual(['NG', 'GH']);
    expect(section(john, 'experience').exploitationTypes).toEqual(['ForcedLabour', 'Servitude']);
    const third = byAge(34);
    expect(section(third, 'profile')).toMatchObject({ gender: 'Feminine', citizenship: ['VE'], languages: ['es'] });
    expect(section(third, 'experience')).toMatchObject({ exploitationTypes: ['ForcedLabour'], methodsOfControl: ['MethodsOfControlWithholdsDocuments'] });
  }, 60_000);

  it('with one invalid row imports nothing and reports row, column and reason without the cell (exit 1); --skip-invalid imports the rest', async () => {
    const dir = freshVault();
    const bad = rows.slice();
    bad[1] = bad[1]!.replace('Masculine', 'Unicornio').replace(',29,', ',290,');
    bad.push('Closed,,2026-01-05,,,Feminine,22,PE,,,,,,,');
    const file = write([header, ...bad]);
    const before = snapshot(dir);
    const result = await run(dir, file);
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toContain('nothing was imported');
    expect(result.out).toContain('row 3, prs_Gender: not one of the allowed codes');
    expect(result.out).toContain('row 3, vic_AgeAtIdentification: too large');
    expect(result.out).toContain('row 5, cas_ReasonForCaseClosure: a closed case needs a closure reason');
    expect(result.out + result.err).not.toContain('Unicornio');
    expect(result.out + result.err).not.toContain('290');
    expect(result.out + result.err).not.toContain('Okafor');
    expect(snapshot(dir)).toEqual(before);

    const skipped = await run(dir, file, ['--skip-invalid']);
    expect(skipped.code, skipped.err).toBe(0);
    expect(skipped.out).toContain('Imported 2 case(s)');
    expect(skipped.out).toContain('skipped 2 invalid row(s)');
    expect(skipped.out).toContain('row 3, prs_Gender');
    expect(await contents(dir)).toHaveLength(2);
  }, 60_000);

  it('refuses unknown columns, a missing file and an administrator, changing nothing', async () => {
    const dir = freshVault();
    const before = snapshot(dir);
    const unknown = await run(dir, write([`${header},prs_FavouriteColour,vic_AgeWhenTrafficked`, rows[0] + ',blue,16']));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown column(s): prs_FavouriteColour, vic_AgeWhenTrafficked');
    expect(unknown.err).not.toContain('blue');
    expect((await run(dir, path.join(temp.dir, 'missing.csv'))).code).toBe(2);
    expect((await cli(['import', '--data-dir', dir, '--user', WORKER.username], [WORKER.passphrase])).code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
    const admin = await cli(['import', '--data-dir', dir, '--user', ADMIN.username, write([header, rows[0]!])], [ADMIN.passphrase]);
    expect(admin.code).toBe(1);
    expect(await contents(dir)).toEqual([]);
  }, 60_000);

  it('documents every supported column in docs/import.md', () => {
    const doc = fs.readFileSync(path.resolve('docs/import.md'), 'utf8');
    for (const c of IMPORT_COLUMNS) expect(doc, c.column).toContain(`\`${c.column}\``);
  });
});
