import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATS_DIMENSIONS } from '../../../src/shared/statistics';
import { writeCases, type CaseDraft, type DraftRecord } from '../../../src/main/core/cases/batch';
import { syntheticCase } from '../../../src/main/core/cases/synthetic';
import { saveSection } from '../../../src/main/core/cases/service';
import { MIGRATIONS } from '../../../src/main/core/db/schema';
import { MIGRATION_CONTEXT } from '../../support/migration-context';
import { ageBandOf, type FactRow } from '../../../src/main/core/statistics/dimensions';
import { extractFacts, STATS_SQL } from '../../../src/main/core/statistics/extract';
import { makeCaseVault } from '../../support/case-fixture';

type Vault = Awaited<ReturnType<typeof makeCaseVault>>;
let v: Vault;

beforeAll(async () => {
  v = await makeCaseVault();
}, 60_000);
afterAll(() => v?.cleanup());

const CANARY = 'ZZCANARY';
const consent = (purpose: string, givenOn: string, withdrawnOn: string | null = null): DraftRecord => ({
  kind: 'consent',
  data: { purpose, givenBy: `${CANARY} the person`, givenOn, method: 'written', withdrawnOn, formVersion: CANARY },
});

/** A case full of free text (and the canary in all of it), with the given consents. */
function draft(consents: DraftRecord[], over: Partial<CaseDraft> & { identifiedOn?: string } = {}): CaseDraft {
  const { identifiedOn = '2025-03-04', ...rest } = over;
  return {
    office: `${CANARY} office`,
    openedOn: '2025-03-10',
    identity: { givenNames: `${CANARY} Rosa`, familyNames: `${CANARY} Quispe`, contacts: [{ kind: 'phone', value: `${CANARY} +51 999` }], shelter: CANARY },
    sections: {
      profile: { gender: 'Feminine', ageAtIdentification: 17, citizenship: ['VE', 'CO'], traffickingStatus: 'ActualVictimOfTrafficking', identifiedOn, referralSourceDetail: CANARY },
      experience: {
        exploitationTypes: ['ForcedLabour', 'SexualExploitation'],
        methodsOfControl: ['MethodsOfControlDebtBondage'],
        forcedLabourIndustries: ['B_MiningAndQuarrying'],
        countriesOfExploitation: ['PE'],
        recruitmentPlace: CANARY,
        recruitmentWebsitesApps: CANARY,
        notes: `${CANARY} notes`,
      },
      return: { destinationCountry: 'VE', returnedOn: '2025-06-01', receivingOrganisation: CANARY, notes: CANARY },
      legal: { counsel: CANARY, notes: CANARY },
    },
    records: [
      ...consents,
      { kind: 'service', data: { track: 'medical', serviceType: 'health-screening', status: 'delivered', providerName: CANARY, notes: CANARY } },
      { kind: 'service', data: { track: 'shelter', serviceType: 'safe-house', status: 'in-progress', notes: CANARY } },
      { kind: 'service', data: { track: 'legal', serviceType: 'legal-representation', status: 'planned', notes: CANARY } },
      { kind: 'note', data: { writtenOn: '2025-03-11', body: `${CANARY} a note` } },
      { kind: 'referral', data: { direction: 'in', organisation: CANARY, referredOn: '2025-03-10', status: 'accepted', reason: CANARY } },
    ],
    ...rest,
  };
}

describe('extract', () => {
  it('reads only coded facts of the cases whose consent covers anonymous statistics', () => {
    const before = extractFacts(v.admin.vault.db);
    writeCases(v.worker, [
      draft([consent('assistance', '2025-03-10'), consent('anonymous-statistics', '2025-03-10')]),
      draft([consent('assistance', '2025-03-10')]),
      draft([consent('anonymous-statistics', '2025-03-10', '2025-04-01')]),
      draft([consent('anonymous-statistics', '2024-01-10', '2024-03-01'), consent('anonymous-statistics', '2024-05-01')]),
      draft([consent('anonymous-statistics', '2024-01-10', '2024-05-01'), consent('anonymous-statistics', '2024-05-01')]),
      draft([consent('anonymous-statistics', '2019-02-01')], { identifiedOn: '2019-02-01' }),
    ]);
    const all = extractFacts(v.admin.vault.db);
    expect(all.considered - before.considered).toBe(6);
    expect(all.rows.length - before.rows.length).toBe(3);
    expect(all.excludedByConsent - before.excludedByConsent).toBe(3);

    expect(before.considered).toBe(0);
    const ranged = extractFacts(v.admin.vault.db, { fromYear: 2020 });
    expect(ranged).toMatchObject({ considered: 5, excludedByConsent: 3 });
    expect(extractFacts(v.admin.vault.db, { fromYear: 2019, toYear: 2019 })).toMatchObject({ considered: 1, excludedByConsent: 0 });

    const text = JSON.stringify(all);
    expect(text).not.toContain(CANARY);
    for (const row of all.rows) expect(Object.keys(row).sort()).toEqual([...STATS_DIMENSIONS].sort());
    const ids = v.admin.vault.db.prepare('SELECT id, code FROM cases').all() as { id: string; code: string }[];
    for (const { id, code } of ids) {
      expect(text).not.toContain(id);
      expect(text).not.toContain(code);
    }

    // Rows come in no meaningful order (not that of the cases' codes).
    const mine = all.rows;
    expect(mine.map((r) => r.year[0]).sort()).toEqual(['2019', '2025', '2025']);
    expect(mine.find((r) => r.year[0] === '2025')).toEqual({
      year: ['2025'],
      citizenship: ['VE', 'CO'],
      country_of_exploitation: ['PE'],
      gender: ['Feminine'],
      age_band: ['9-17'],
      minor: ['minor'],
      exploitation_type: ['ForcedLabour', 'SexualExploitation'],
      means_of_control: ['MethodsOfControlDebtBondage'],
      labour_industry: ['B_MiningAndQuarrying'],
      trafficking_status: ['ActualVictimOfTrafficking'],
      case_status: ['open'],
      // Given: delivered and in progress, not planned.
      assistance_track: ['medical', 'shelter'],
      service_type: ['health-screening', 'safe-house'],
      returned: ['yes'],
      referral_org_type: ['none'],
      closure_reason: ['none'],
    });
  });

  it('counts the referrals out by the type of the organisation referred to (HTCDS org_Type)', () => {
    const db = v.admin.vault.db;
    const sharing = (organisation: string): DraftRecord => ({ kind: 'consent', data: { purpose: 'sharing', organisation, givenBy: 'the person', givenOn: '2025-03-10', method: 'written' } });
    const out = (organisation: string, consentIndex: number, organisationType: string | null, status = 'accepted'): DraftRecord => ({
      kind: 'referral',
      consentIndex,
      data: { direction: 'out', organisation, organisationType, referredOn: '2025-03-12', status, reason: CANARY },
    });
    const withReferrals = draft([consent('anonymous-statistics', '2025-03-10'), sharing('A'), sharing('B'), sharing('C'), sharing('D')], { identifiedOn: '2018-05-05' });
    // Consents at indexes 0–4; the draft's own records follow (services, a note, a referral in).
    withReferrals.records = [
      ...withReferrals.records!,
      out('A', 1, 'NGO'),
      out('B', 2, 'LegalService'),
      out('C', 3, null),
      out('D', 4, 'LawEnforcement', 'revoked'),
      out('A', 1, 'NGO', 'completed'),
    ];
    const onlyRevoked = draft([consent('anonymous-statistics', '2025-03-10'), sharing('D')], { identifiedOn: '2018-05-05' });
    onlyRevoked.records = [...onlyRevoked.records!, out('D', 1, 'LawEnforcement', 'revoked')];
    writeCases(v.worker, [withReferrals, onlyRevoked]);
    const added = extractFacts(db, { fromYear: 2018, toYear: 2018 }).rows;
    expect(added.map((r) => r.referral_org_type).sort()).toEqual([['LegalService', 'NGO', 'unknown'], ['none']]);
  });

  it('a case without a covering consent never contributes, whatever its history', () => {
    const history = fc.array(
      fc.record({
        given: fc.constantFrom('2024-01-01', '2024-02-01', '2024-03-01'),
        withdrawn: fc.option(fc.constantFrom('2024-01-15', '2024-02-01', '2024-04-01'), { nil: null }),
        purpose: fc.constantFrom('anonymous-statistics', 'anonymous-statistics', 'assistance', 'sharing'),
      }),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(fc.array(history, { minLength: 1, maxLength: 6 }), (histories) => {
        const db = v.admin.vault.db;
        const before = extractFacts(db);
        // The cases that may count are marked by a gender nobody else in this vault has.
        const drafts = histories.map((h) => {
          const covered = coveredByModel(h);
          const d = draft(
            h.map((c) => consent(c.purpose, c.given, c.withdrawn)),
            { identifiedOn: '2024-06-01' },
          );
          d.sections!.profile = { ...d.sections!.profile, gender: covered ? 'TransgenderMasculine' : 'NonConforming' };
          return { d, covered };
        });
        writeCases(
          v.worker,
          drafts.map((x) => x.d),
        );
        const after = extractFacts(db);
        const added = after.rows.length - before.rows.length;
        expect(added).toBe(drafts.filter((x) => x.covered).length);
        expect(after.rows.filter((r) => r.gender[0] === 'NonConforming')).toHaveLength(0);
        expect(after.excludedByConsent - before.excludedByConsent).toBe(drafts.filter((x) => !x.covered).length);
      }),
      { numRuns: 12 },
    );
  });

  it('agrees with a plain reading of every part of the case file (synthetic cases)', () => {
    writeCases(
      v.worker,
      Array.from({ length: 80 }, (_, i) => syntheticCase(11, i, '2026-11-27')),
    );
    const db = v.admin.vault.db;
    const compare = () => expect(extractFacts(db).rows.map((r) => JSON.stringify(r)).sort()).toEqual(naive(db).map((r) => JSON.stringify(r)).sort());
    compare();
    // Saved again (the triggers keep the facts of sections in step), and malformed by hand.
    const sections = db.prepare("SELECT case_id, section, data, version FROM case_sections WHERE section IN ('profile', 'experience', 'closure') LIMIT 30").all() as {
      case_id: string;
      section: 'profile' | 'experience' | 'closure';
      data: string;
      version: number;
    }[];
    for (const [i, row] of sections.entries()) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      if (row.section === 'profile') Object.assign(data, { gender: i % 2 ? 'NonSpecifiedUnknown' : null, ageAtIdentification: i % 3 ? 47 : null, citizenship: [] });
      if (row.section === 'experience') Object.assign(data, { exploitationTypes: ['ForcedBegging'], countriesOfExploitation: ['PE', 'CL'] });
      if (row.section === 'closure') Object.assign(data, { reason: 'returned-home' });
      saveSection(v.supervisor, row.case_id, row.section, row.version, data);
    }
    compare();
    const profile = db.prepare("SELECT case_id, data FROM case_sections WHERE section = 'profile' LIMIT 1").get() as { case_id: string; data: string };
    db.prepare("UPDATE case_sections SET data = '{not json' WHERE section = 'profile' AND case_id = ?").run(profile.case_id);
    expect(db.prepare('SELECT profile FROM stats_facts WHERE case_id = ?').get(profile.case_id)).toEqual({ profile: '' });
    db.prepare("UPDATE case_sections SET data = ? WHERE section = 'profile' AND case_id = ?").run(profile.data, profile.case_id);
    compare();

    // The step's backfill of an existing vault gives what the triggers kept.
    const kept = db.prepare('SELECT * FROM stats_facts ORDER BY case_id').all();
    db.transaction(() => {
      for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stats_facts_%'").all() as { name: string }[]) db.exec(`DROP TRIGGER ${name}`);
      db.exec('DROP TABLE stats_facts');
      // Step 8 and the steps after it that change what it keeps (step 11: referrals' organisation type).
      for (const name of ['statistics-facts', 'referral-organisation-type']) MIGRATIONS.find((m) => m.name === name)!.up(db, MIGRATION_CONTEXT);
    })();
    expect(db.prepare('SELECT * FROM stats_facts ORDER BY case_id').all()).toEqual(kept);
    compare();
  });

  it('reads the small facts table of schema step `statistics-facts` only: no section, record, identity or id', () => {
    const db = v.admin.vault.db;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${STATS_SQL}`).all() as { detail: string }[]).map((r) => r.detail);
    expect(plan).toEqual(['SCAN stats_facts']);
    expect(db.prepare(STATS_SQL).raw(true).columns().map((c) => c.name)).not.toContain('case_id');
    // The facts table holds codes, dates and counts only: none of the free text of the vault.
    writeCases(v.worker, [draft([consent('anonymous-statistics', '2025-03-10')])]);
    const all = JSON.stringify(db.prepare('SELECT * FROM stats_facts').all());
    expect(all).not.toContain(CANARY);
    for (const { code } of db.prepare('SELECT code FROM cases').all() as { code: string }[]) expect(all).not.toContain(code);
    expect(fs.readFileSync('src/main/core/statistics/extract.ts', 'utf8')).not.toMatch(/case_identity|case_sections|case_records|attachments/);
  });
});

function coveredByModel(h: { given: string; withdrawn: string | null; purpose: string }[]): boolean {
  const stats = h.filter((c) => c.purpose === 'anonymous-statistics');
  const active = stats.filter((c) => c.withdrawn === null).map((c) => c.given);
  const withdrawals = stats.filter((c) => c.withdrawn !== null).map((c) => c.withdrawn!);
  return active.some((g) => withdrawals.every((w) => w < g));
}

/** The documented rules, applied to whole parts read the plain way (the test may read everything). */
function naive(db: Vault['admin']['vault']['db']): FactRow[] {
  const out: FactRow[] = [];
  const cases = db.prepare('SELECT id, status, opened_on FROM cases').all() as { id: string; status: string; opened_on: string }[];
  for (const c of cases) {
    const section = (name: string) => {
      const row = db.prepare('SELECT data FROM case_sections WHERE case_id = ? AND section = ?').get(c.id, name) as { data: string } | undefined;
      return row ? (JSON.parse(row.data) as Record<string, unknown>) : {};
    };
    const records = (kind: string) => (db.prepare('SELECT data FROM case_records WHERE case_id = ? AND kind = ?').all(c.id, kind) as { data: string }[]).map((r) => JSON.parse(r.data) as Record<string, unknown>);
    const stats = records('consent').filter((r) => r.purpose === 'anonymous-statistics');
    const active = stats.filter((r) => r.withdrawnOn === null).map((r) => r.givenOn as string);
    const withdrawals = stats.filter((r) => r.withdrawnOn !== null).map((r) => r.withdrawnOn as string);
    if (!active.some((g) => withdrawals.every((w) => w < g))) continue;
    const p = section('profile');
    const e = section('experience') as Record<string, string[]>;
    const closed = c.status === 'closed' || c.status === 'closed-referred';
    const reason = closed ? ((section('closure').reason as string | null) ?? 'unknown') : 'none';
    const list = (values: string[] | undefined, empty: string) => (values?.length ? [...new Set(values)] : [empty]);
    const given = records('service').filter((s) => s.status === 'delivered' || s.status === 'in-progress');
    const age = (p.ageAtIdentification as number | null | undefined) ?? null;
    out.push({
      year: [String((p.identifiedOn as string | null) ?? c.opened_on).slice(0, 4)],
      citizenship: list(p.citizenship as string[] | undefined, 'unknown'),
      country_of_exploitation: list(e.countriesOfExploitation, 'unknown'),
      gender: [(p.gender as string | null) ?? 'unknown'],
      age_band: [ageBandOf(age) ?? 'unknown'],
      minor: [age === null ? 'unknown' : age < 18 ? 'minor' : 'adult'],
      exploitation_type: list(e.exploitationTypes, 'unknown'),
      means_of_control: list(e.methodsOfControl, 'unknown'),
      labour_industry: list(e.forcedLabourIndustries, 'none'),
      trafficking_status: [(p.traffickingStatus as string | null) ?? 'unknown'],
      case_status: [c.status],
      assistance_track: given.length ? [...new Set(given.map((s) => s.track as string))].sort() : ['none'],
      service_type: given.length ? [...new Set(given.map((s) => s.serviceType as string))].sort() : ['none'],
      returned: [section('return').returnedOn || reason === 'returned-home' ? 'yes' : 'no'],
      referral_org_type: list(
        records('referral')
          .filter((r) => r.direction === 'out' && r.status !== 'revoked')
          .map((r) => (r.organisationType as string | null | undefined) ?? 'unknown')
          .sort(),
        'none',
      ),
      closure_reason: [reason],
    });
  }
  return out;
}
