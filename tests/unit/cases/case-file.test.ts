import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, getCaseFile, saveIdentity, saveSection, updateHeader } from '../../../src/main/core/cases/service';
import { addRecord, updateRecord } from '../../../src/main/core/cases/records';
import { caseHistory, caseTimeline, homeLists, listCases, searchCases } from '../../../src/main/core/cases/queries';
import { verifyAuditChain } from '../../../src/main/core/audit/chain';
import { reassignCase } from '../../../src/main/core/cases/reassign';
import { makeCaseVault } from '../../support/case-fixture';

let f: Awaited<ReturnType<typeof makeCaseVault>>;
beforeAll(async () => {
  f = await makeCaseVault();
});
afterAll(() => f.cleanup());

const intake = {
  office: 'Lima',
  identity: { givenNames: 'Rosa Elena', familyNames: 'Quispe Mamani', currentLocation: 'Albergue Santa Ana' },
  profile: { gender: 'Feminine' as const, citizenship: ['PE' as const], ageAtIdentification: 17 },
  consents: [{ purpose: 'assistance' as const, givenBy: 'the person', givenOn: '2026-11-20', method: 'written' as const }],
  risk: { assessedOn: '2026-11-20', level: 'high' as const, urgentProtection: true, safetyPlan: 'Cambio de albergue y acompañamiento' },
};

describe('intake and the case file', () => {
  it('records an intake: the essentials, a code, the recorder assigned', () => {
    const header = createCase(f.worker, intake);
    expect(header.code).toMatch(/^AR-\d{4}-0001$/);
    expect(header).toMatchObject({ status: 'open', office: 'Lima', assignedIds: [f.worker.accountId] });
    const file = getCaseFile(f.worker, header.id);
    expect(file.identity.data).toMatchObject({ givenNames: 'Rosa Elena', familyNames: 'Quispe Mamani' });
    expect(file.sections.profile.data).toMatchObject({ citizenship: ['PE'], ageAtIdentification: 17 });
    expect(file.records.map((r) => r.kind).sort()).toEqual(['consent', 'risk']);
    expect(file.sections.legal.stamp.version).toBe(0);
  });
});

describe('writes carry their version', () => {
  it('a valid section save bumps the version and records the field history', () => {
    const { id } = createCase(f.worker, intake);
    const saved = saveSection(f.worker, id, 'legal', 0, { residenceStatus: 'reflection-period', notes: 'Audiencia fijada' });
    expect(saved.stamp).toMatchObject({ version: 1, updatedBy: 'Marco Caseworker' });
    saveSection(f.worker, id, 'legal', 1, { residenceStatus: 'temporary-permit', notes: 'Audiencia fijada' });
    const history = caseHistory(f.worker, id).filter((h) => h.part === 'legal' && h.field === 'residenceStatus');
    expect(history.map((h) => [h.oldValue, h.newValue])).toEqual([
      ['"reflection-period"', '"temporary-permit"'],
      [null, '"reflection-period"'],
    ]);
    expect(history[0]!.actor).toBe('Marco Caseworker');
  });

  it('a stale write is refused with who changed it and when, and nothing is overwritten', () => {
    const { id } = createCase(f.worker, intake);
    saveSection(f.worker, id, 'return', 0, { destinationCountry: 'PE', notes: 'first' });
    expect(() => saveSection(f.supervisor, id, 'return', 0, { destinationCountry: 'BO', notes: 'second' })).toThrowError(
      expect.objectContaining({ code: 'STALE_WRITE', message: expect.stringContaining('changed by Marco Caseworker at') }) as unknown as Error,
    );
    expect(getCaseFile(f.worker, id).sections.return.data).toMatchObject({ destinationCountry: 'PE', notes: 'first' });
  });

  it('an invalid section is refused with the field named and changes nothing', () => {
    const { id } = createCase(f.worker, intake);
    expect(() => saveSection(f.worker, id, 'profile', 1, { gender: 'Unicorn' })).toThrowError(expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining('gender') }) as unknown as Error);
    expect(getCaseFile(f.worker, id).sections.profile.stamp.version).toBe(1);
  });

  it('records: added, edited with their version, stale edits refused', () => {
    const { id } = createCase(f.worker, intake);
    const service = addRecord(f.worker, id, 'service', { track: 'medical', serviceType: firstServiceType('medical'), status: 'planned' });
    const updated = updateRecord(f.worker, service.id, 1, { ...service.data, status: 'delivered' });
    expect(updated.stamp.version).toBe(2);
    expect(() => updateRecord(f.supervisor, service.id, 1, { ...service.data, status: 'cancelled' })).toThrowError(expect.objectContaining({ code: 'STALE_WRITE' }) as unknown as Error);
    expect(() => addRecord(f.worker, id, 'service', { track: 'legal', serviceType: firstServiceType('medical'), status: 'planned' })).toThrowError(
      expect.objectContaining({ code: 'BAD_REQUEST' }) as unknown as Error,
    );
  });

  it('identity changes are in the history by field only, never by value', () => {
    const { id } = createCase(f.worker, intake);
    saveIdentity(f.worker, id, 1, { givenNames: 'Rosa Elena', familyNames: 'Quispe Mamani', currentLocation: 'Cusco, Calle Nueva 12' });
    const identityHistory = caseHistory(f.worker, id).filter((h) => h.part === 'identity');
    expect(identityHistory.map((h) => h.field)).toContain('currentLocation');
    expect(JSON.stringify(identityHistory)).not.toContain('Cusco');
    expect(JSON.stringify(identityHistory)).not.toContain('Quispe');
  });
});

import { VOCABULARIES } from '../../../src/shared/vocabularies';
function firstServiceType(track: string): never {
  return VOCABULARIES.serviceType.items.find((i) => i.group === track)!.code as never;
}

describe('status rules', () => {
  it('a case closes only with a closure reason', () => {
    const { id } = createCase(f.worker, intake);
    expect(() => updateHeader(f.worker, id, 1, { status: 'closed' })).toThrowError(expect.objectContaining({ code: 'CLOSURE_REASON_REQUIRED' }) as unknown as Error);
    saveSection(f.worker, id, 'closure', 0, { reason: VOCABULARIES.closureReason.codes[0], closedOn: '2026-11-27' });
    const closed = updateHeader(f.worker, id, 1, { status: 'closed' });
    expect(closed.status).toBe('closed');
    expect(closed.closedOn).not.toBeNull();
  });

  it('a referral out needs consent to share with that organisation, or a supervisor override with a reason', () => {
    const { id } = createCase(f.worker, intake);
    const referral = { direction: 'out', organisation: 'Legal Aid Lima', referredOn: '2026-11-27', status: 'pending' } as const;
    expect(() => addRecord(f.worker, id, 'referral', referral)).toThrowError(expect.objectContaining({ code: 'CONSENT_REQUIRED' }) as unknown as Error);
    expect(() => addRecord(f.worker, id, 'referral', { ...referral, overrideReason: 'urgent' })).toThrowError(expect.objectContaining({ code: 'CONSENT_REQUIRED' }) as unknown as Error);
    const otherOrg = addRecord(f.worker, id, 'consent', { purpose: 'sharing', organisation: 'Another NGO', givenBy: 'the person', givenOn: '2026-11-27', method: 'written' });
    expect(() => addRecord(f.worker, id, 'referral', { ...referral, consentId: otherOrg.id })).toThrowError(expect.objectContaining({ code: 'CONSENT_REQUIRED' }) as unknown as Error);
    const consent = addRecord(f.worker, id, 'consent', { purpose: 'sharing', organisation: 'legal aid lima', givenBy: 'the person', givenOn: '2026-11-27', method: 'written' });
    expect(addRecord(f.worker, id, 'referral', { ...referral, consentId: consent.id }).kind).toBe('referral');
    expect(addRecord(f.supervisor, id, 'referral', { ...referral, overrideReason: 'Risk to life; consent to follow' }).kind).toBe('referral');
    const overrides = f.admin.vault.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.consent_override' AND target = ?").get(id) as { n: number };
    expect(overrides.n).toBe(1);
  });
});

describe('need-to-know (first step)', () => {
  it('a caseworker sees only the cases assigned to them; others get NOT_FOUND', () => {
    const { id } = createCase(f.worker, intake);
    expect(() => getCaseFile(f.other, id)).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }) as unknown as Error);
    expect(() => saveSection(f.other, id, 'legal', 0, {})).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }) as unknown as Error);
    expect(listCases(f.other, {}).rows.map((r) => r.id)).not.toContain(id);
    expect(getCaseFile(f.supervisor, id).header.id).toBe(id);
    reassignCase(f.supervisor, { caseId: id, version: 1, assignedIds: [f.worker.accountId, f.other.accountId], reason: 'Cover during leave' });
    expect(getCaseFile(f.other, id).header.assignedIds).toHaveLength(2);
  });
});

describe('search', () => {
  it('finds notes accent- and case-insensitively, by prefix, ranked, with snippets; never identity', () => {
    const { id, code } = createCase(f.worker, intake);
    addRecord(f.worker, id, 'note', { writtenOn: '2026-11-27', body: 'La víctima relató el traslado nocturno hacia la frontera.' });
    addRecord(f.worker, id, 'note', { writtenOn: '2026-11-27', body: 'Second note about the shelter garden.' });
    expect(searchCases(f.worker, 'victima').hits.map((h) => h.caseId)).toContain(id);
    expect(searchCases(f.worker, 'VÍCTIMA nocturno').hits[0]).toMatchObject({ caseId: id, part: 'note' });
    expect(searchCases(f.worker, 'tras').hits.map((h) => h.caseId)).toContain(id);
    expect(searchCases(f.worker, 'victima').hits.find((h) => h.caseId === id)!.snippet).toContain('\u0002víctima\u0003');
    expect(searchCases(f.worker, code).hits[0]!.caseId).toBe(id);
    expect(searchCases(f.worker, 'Quispe').hits).toEqual([]);
    expect(searchCases(f.worker, 'Santa Ana').hits).toEqual([]);
    expect(searchCases(f.other, 'victima').hits.map((h) => h.caseId)).not.toContain(id);
    expect(searchCases(f.worker, '"*( ) OR NEAR').hits).toEqual([]);
  });
});

describe('lists and home', () => {
  it('filters, sorts, pages and counts', () => {
    const a = createCase(f.worker, { ...intake, profile: { citizenship: ['BO' as const] } });
    addRecord(f.worker, a.id, 'service', { track: 'shelter', serviceType: firstServiceType('shelter'), status: 'delivered' });
    const byCitizenship = listCases(f.worker, { citizenship: 'BO' });
    expect(byCitizenship.rows.map((r) => r.id)).toContain(a.id);
    expect(byCitizenship.rows.every((r) => r.citizenship === 'BO')).toBe(true);
    expect(listCases(f.worker, { track: 'shelter' }).rows.map((r) => r.id)).toEqual([a.id]);
    const sorted = listCases(f.supervisor, { sort: 'code', direction: 'asc', limit: 3 });
    expect(sorted.rows.map((r) => r.code)).toEqual([...sorted.rows.map((r) => r.code)].sort());
    expect(sorted.total).toBeGreaterThan(3);
    expect(Object.values(sorted.countsByStatus).reduce((x, y) => x + y, 0)).toBe(sorted.total);
    expect(listCases(f.supervisor, { riskLevel: ['high'] }).rows.every((r) => r.riskLevel === 'high')).toBe(true);
  });

  it('a follow-up due today appears on the home screen, overdue ones are marked, high risk without review listed', () => {
    const { id } = createCase(f.worker, intake);
    const day = f.clock.now();
    const today = new Date(day).toISOString().slice(0, 10);
    const yesterday = new Date(day - 86_400_000).toISOString().slice(0, 10);
    addRecord(f.worker, id, 'followUp', { dueOn: today, type: VOCABULARIES.followUpType.codes[0] });
    addRecord(f.worker, id, 'followUp', { dueOn: yesterday, type: VOCABULARIES.followUpType.codes[0] });
    const home = homeLists(f.worker);
    const mine = home.followUpsDue.filter((x) => x.caseId === id);
    expect(mine.map((x) => x.overdue).sort()).toEqual([false, true]);
    expect(home.myOpenCases.map((c) => c.id)).toContain(id);
    expect(listCases(f.worker, { followUpDue: true }).rows.map((r) => r.id)).toContain(id);
    const old = createCase(f.worker, { ...intake, risk: { ...intake.risk, assessedOn: '2026-01-01' } });
    expect(homeLists(f.worker).highRiskWithoutReview.map((x) => x.caseId)).toContain(old.id);
  });

  it('the timeline lists every save, and the audit trail stays intact', () => {
    const { id } = createCase(f.worker, intake);
    addRecord(f.worker, id, 'note', { writtenOn: '2026-11-27', body: 'Primera entrevista.' });
    const timeline = caseTimeline(f.worker, id);
    expect(timeline[0]!.part).toBe('note');
    expect(timeline.map((t) => t.part)).toEqual(expect.arrayContaining(['profile', 'consent', 'risk', 'identity']));
    expect(verifyAuditChain(f.admin.vault.db).problems).toEqual([]);
  });
});
