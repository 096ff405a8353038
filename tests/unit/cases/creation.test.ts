import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/main/core/crypto/canonical-json';
import { verifyAuditChain } from '../../../src/main/core/audit/chain';
import { writeCases } from '../../../src/main/core/cases/batch';
import { CREATED } from '../../../src/main/core/cases/history';
import { caseHistory, caseTimeline, listCases } from '../../../src/main/core/cases/queries';
import { addRecord, updateRecord } from '../../../src/main/core/cases/records';
import { createCase, getCaseFile, saveIdentity, saveSection, updateHeader } from '../../../src/main/core/cases/service';
import { timeOrderedId } from '../../../src/main/core/db/ids';
import { makeCaseVault } from '../../support/case-fixture';

/**
 * A case's creation (intake, seed, import) is its first version: one field-history row per part
 * created (its content is the part itself), one audit entry naming the parts, the list columns
 * computed once. What a person reads — the field history, the timeline — is what it was when
 * each field had its own row; every change after creation keeps its old and new value.
 */
let f: Awaited<ReturnType<typeof makeCaseVault>>;
beforeAll(async () => {
  f = await makeCaseVault();
});
afterAll(() => f.cleanup());

const db = () => f.admin.vault.db;
const intake = {
  office: 'Lima',
  identity: { givenNames: 'Rosa Elena', familyNames: 'Quispe Mamani', currentLocation: 'Albergue Santa Ana' },
  profile: { gender: 'Feminine' as const, citizenship: ['PE' as const], ageAtIdentification: 17 },
  consents: [{ purpose: 'assistance' as const, givenBy: 'the person', givenOn: '2026-11-20', method: 'written' as const }],
  risk: { assessedOn: '2026-11-20', level: 'high' as const, urgentProtection: true, safetyPlan: 'Cambio de albergue y acompañamiento' },
};

const historyRows = (caseId: string) =>
  db().prepare('SELECT part, record_id, field, old_value, new_value FROM case_history WHERE case_id = ? ORDER BY seq').all(caseId) as {
    part: string;
    record_id: string | null;
    field: string;
    old_value: string | null;
    new_value: string | null;
  }[];
const auditOf = (caseId: string) => db().prepare('SELECT action, detail FROM audit_log WHERE target = ? ORDER BY seq').all(caseId) as { action: string; detail: string }[];

describe('an intake', () => {
  it('writes one history row per part, without values, and one audit entry naming the parts', () => {
    const { id } = createCase(f.worker, intake);
    const rows = historyRows(id);
    expect(rows.map((r) => [r.part, r.field, r.old_value, r.new_value])).toEqual([
      ['profile', CREATED, null, null],
      ['identity', CREATED, null, null],
      ['consent', CREATED, null, null],
      ['risk', CREATED, null, null],
    ]);
    expect(auditOf(id)).toEqual([{ action: 'case.created', detail: canonicalJson({ parts: 'profile,identity,consent,risk' }) }]);
    expect(verifyAuditChain(db()).problems).toEqual([]);
  });

  it('shows in the field history what was recorded, field by field, as when each field had its row', () => {
    const { id } = createCase(f.worker, intake);
    const history = caseHistory(f.worker, id);
    const profile = history.filter((h) => h.part === 'profile');
    const file = getCaseFile(f.worker, id);
    // Every field of the profile as recorded, newest-first order within the part (fields in reverse name order).
    expect(profile.map((h) => h.field)).toEqual(Object.keys(file.sections.profile.data).sort().reverse());
    expect(profile.find((h) => h.field === 'citizenship')).toMatchObject({ oldValue: null, newValue: '["PE"]', actor: 'Marco Caseworker' });
    expect(profile.find((h) => h.field === 'ageAtIdentification')).toMatchObject({ oldValue: null, newValue: '17' });
    const risk = history.filter((h) => h.part === 'risk');
    expect(risk.find((h) => h.field === 'level')).toMatchObject({ oldValue: null, newValue: '"high"', recordId: file.records.find((r) => r.kind === 'risk')!.id });
    // Identity: every field named, no value.
    const identity = history.filter((h) => h.part === 'identity');
    expect(identity.map((h) => h.field)).toContain('givenNames');
    expect(identity.every((h) => h.oldValue === null && h.newValue === null)).toBe(true);
    expect(JSON.stringify(history)).not.toContain('Rosa');
  });

  it('keeps the value recorded at intake after later changes, which keep their old and new values', () => {
    const { id } = createCase(f.worker, intake);
    saveSection(f.worker, id, 'profile', 1, { ...getCaseFile(f.worker, id).sections.profile.data, citizenship: ['BO'], ageAtIdentification: 18 });
    saveSection(f.worker, id, 'profile', 2, { ...getCaseFile(f.worker, id).sections.profile.data, citizenship: ['CL'] });
    const risk = getCaseFile(f.worker, id).records.find((r) => r.kind === 'risk')!;
    updateRecord(f.worker, risk.id, risk.stamp.version, { ...risk.data, level: 'medium' });
    const history = caseHistory(f.worker, id);
    const citizenship = history.filter((h) => h.part === 'profile' && h.field === 'citizenship').map((h) => [h.oldValue, h.newValue]);
    expect(citizenship).toEqual([
      ['["BO"]', '["CL"]'],
      ['["PE"]', '["BO"]'],
      [null, '["PE"]'],
    ]);
    expect(history.filter((h) => h.part === 'profile' && h.field === 'ageAtIdentification').map((h) => [h.oldValue, h.newValue])).toEqual([
      ['17', '18'],
      [null, '17'],
    ]);
    expect(history.filter((h) => h.part === 'risk' && h.field === 'level').map((h) => [h.oldValue, h.newValue])).toEqual([
      ['"high"', '"medium"'],
      [null, '"high"'],
    ]);
    // A field never changed shows its value as recorded (it still has it).
    expect(history.find((h) => h.part === 'risk' && h.field === 'safetyPlan')).toMatchObject({ oldValue: null, newValue: '"Cambio de albergue y acompañamiento"' });
    // Changes after creation: a row per field with both values, audited one by one.
    expect(historyRows(id).filter((r) => r.field !== CREATED).map((r) => [r.part, r.field])).toEqual([
      ['profile', 'ageAtIdentification'],
      ['profile', 'citizenship'],
      ['profile', 'citizenship'],
      ['risk', 'level'],
    ]);
    expect(auditOf(id).map((a) => a.action)).toEqual(['case.created', 'case.viewed', 'case.changed', 'case.viewed', 'case.changed', 'case.viewed', 'case.changed']);
    // The list columns follow the changes.
    const row = listCases(f.worker, { limit: 500 }).rows.find((r) => r.id === id)!;
    expect(row).toMatchObject({ citizenship: 'CL', riskLevel: 'medium' });
  });

  it('a section first saved or a record added later is one row too, shown field by field', () => {
    const { id } = createCase(f.worker, intake);
    saveSection(f.worker, id, 'legal', 0, { residenceStatus: 'reflection-period', notes: 'Audiencia fijada' });
    const note = addRecord(f.worker, id, 'note', { body: 'Primera visita', writtenOn: '2026-11-21' });
    expect(historyRows(id).slice(-2).map((r) => [r.part, r.record_id, r.field])).toEqual([
      ['legal', null, CREATED],
      ['note', note.id, CREATED],
    ]);
    const history = caseHistory(f.worker, id);
    expect(history.slice(0, 2)).toMatchObject([
      { part: 'note', recordId: note.id, field: 'writtenOn', oldValue: null, newValue: '"2026-11-21"' },
      { part: 'note', recordId: note.id, field: 'body', oldValue: null, newValue: '"Primera visita"' },
    ]);
    expect(history.find((h) => h.part === 'legal' && h.field === 'residenceStatus')).toMatchObject({ oldValue: null, newValue: '"reflection-period"' });
    // The timeline names the fields of each part created, newest first.
    const timeline = caseTimeline(f.worker, id);
    expect(timeline[0]).toMatchObject({ part: 'note', recordId: note.id, fields: ['body', 'writtenOn'] });
    expect(timeline[1]!.part).toBe('legal');
    expect(timeline[1]!.fields).toEqual(expect.arrayContaining(['notes', 'residenceStatus']));
    expect(timeline.find((t) => t.part === 'identity')!.fields).toContain('givenNames');
  });

  it('identity changes after creation name their fields, never their values', () => {
    const { id } = createCase(f.worker, intake);
    const identity = getCaseFile(f.worker, id).identity;
    saveIdentity(f.worker, id, identity.stamp.version, { ...identity.data, currentLocation: 'Cusco' });
    expect(historyRows(id).filter((r) => r.part === 'identity')).toEqual([
      { part: 'identity', record_id: null, field: CREATED, old_value: null, new_value: null },
      { part: 'identity', record_id: null, field: 'currentLocation', old_value: null, new_value: null },
    ]);
    expect(JSON.stringify(caseHistory(f.worker, id))).not.toContain('Cusco');
  });
});

describe('a batch (seed, import)', () => {
  it('creates each case once: its status as recorded, one audit entry, one history row per part, list columns set', () => {
    const [code] = writeCases(f.worker, [
      {
        openedOn: '2026-01-10',
        status: 'closed',
        identity: { givenNames: 'Ana' },
        sections: {
          profile: { gender: 'Masculine', citizenship: ['VE'] },
          experience: { exploitationTypes: ['ForcedLabour'] },
          closure: { reason: 'goals-achieved', closedOn: '2026-03-01' },
        },
        records: [
          { kind: 'risk', data: { assessedOn: '2026-01-10', level: 'low' } },
          { kind: 'risk', data: { assessedOn: '2026-02-10', level: 'high' } },
          { kind: 'risk', data: { assessedOn: '2026-01-20', level: 'medium' } },
        ],
      },
    ]);
    const c = db().prepare('SELECT * FROM cases WHERE code = ?').get(code) as Record<string, unknown>;
    expect(c).toMatchObject({ status: 'closed', closed_on: '2026-03-01', version: 1, gender: 'Masculine', citizenship: 'VE', exploitation_type: 'ForcedLabour', risk_level: 'high', risk_assessed_on: '2026-02-10' });
    expect(historyRows(c.id as string).map((r) => r.part)).toEqual(['profile', 'identity', 'experience', 'closure', 'risk', 'risk', 'risk']);
    expect(auditOf(c.id as string)).toEqual([{ action: 'case.created', detail: canonicalJson({ parts: 'profile,identity,experience,closure,risk' }) }]);
    // The same list columns as a refresh computes them from the stored parts.
    updateHeader(f.worker, c.id as string, 1, { status: 'closed' });
    const after = db().prepare('SELECT gender, citizenship, exploitation_type, risk_level, risk_assessed_on FROM cases WHERE id = ?').get(c.id);
    expect(after).toEqual({ gender: 'Masculine', citizenship: 'VE', exploitation_type: 'ForcedLabour', risk_level: 'high', risk_assessed_on: '2026-02-10' });
  });

  it('refuses a closed case without a closure reason, writing nothing of the batch', () => {
    const before = (db().prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    expect(() => writeCases(f.worker, [{ openedOn: '2026-01-10' }, { openedOn: '2026-01-11', status: 'closed' }])).toThrowError(
      expect.objectContaining({ code: 'CLOSURE_REASON_REQUIRED' }) as unknown as Error,
    );
    expect((db().prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(before);
  });
});

describe('row ids', () => {
  it('are UUIDs (version 7) in the order they were made, also within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => timeOrderedId(1_790_000_000_000 + Math.floor(i / 1000)));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // A clock set back does not reorder them.
    const later = timeOrderedId(1_000);
    expect(later > ids.at(-1)!).toBe(true);
  });
});
