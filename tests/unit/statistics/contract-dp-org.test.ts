import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMAS } from '../../../src/shared/case-file/records';
import { statsExportRequestSchema, statsTableRequestSchema, statsVaultRulesSchema, STATS_MAX_EPSILON } from '../../../src/shared/statistics';
import { DIMENSION_LABELS, valueLabel } from '../../../src/shared/statistics-labels';
import { DIMENSIONS } from '../../../src/main/core/statistics/dimensions';
import { VOCABULARIES } from '../../../src/shared/vocabularies';

/** The requests of the table builder's ε, the vault's rules and the referral's organisation type, as the contract checks them. */
describe('differential privacy in the table builder (contract)', () => {
  it('a table may ask for ε above 0 and at most the engine’s bound; off by default', () => {
    expect(statsTableRequestSchema.parse({ dimensions: ['gender'] }).epsilon).toBeNull();
    expect(statsTableRequestSchema.parse({ dimensions: ['gender'], epsilon: 0.5 }).epsilon).toBe(0.5);
    for (const epsilon of [0, -1, STATS_MAX_EPSILON + 1]) expect(statsTableRequestSchema.safeParse({ dimensions: ['gender'], epsilon }).success, String(epsilon)).toBe(false);
  });

  it('an export carries ε only for a table', () => {
    expect(statsExportRequestSchema.safeParse({ what: 'table', dimensions: ['gender'], format: 'csv', epsilon: 1 }).success).toBe(true);
    expect(statsExportRequestSchema.safeParse({ what: 'dashboard', format: 'pdf', epsilon: 1 }).success).toBe(false);
    expect(statsExportRequestSchema.safeParse({ what: 'microdata', format: 'csv', epsilon: 1 }).success).toBe(false);
  });

  it("the vault's rules are whole numbers and a bounded ε (how strict is checked by the core)", () => {
    expect(statsVaultRulesSchema.safeParse({ threshold: 20, roundingBase: 10, k: 11, maxEpsilon: 1 }).success).toBe(true);
    expect(statsVaultRulesSchema.safeParse({ threshold: 20.5, roundingBase: 10, k: 11, maxEpsilon: 1 }).success).toBe(false);
    expect(statsVaultRulesSchema.safeParse({ threshold: 20, roundingBase: 10, k: 11, maxEpsilon: 1, extra: 1 }).success).toBe(false);
  });
});

describe('the organisation type of a referral (HTCDS org_Type)', () => {
  const base = { direction: 'out', organisation: 'Legal Aid', referredOn: '2025-03-01', status: 'pending' };
  it('is optional, a code of the vocabulary when given', () => {
    expect(RECORD_SCHEMAS.referral.parse(base).organisationType).toBeNull();
    expect(RECORD_SCHEMAS.referral.parse({ ...base, organisationType: 'LegalService' }).organisationType).toBe('LegalService');
    expect(RECORD_SCHEMAS.referral.safeParse({ ...base, organisationType: 'Lawyers' }).success).toBe(false);
  });

  it('is a value of the statistics dimension, named in both languages', () => {
    const domain = DIMENSIONS.referral_org_type.domain({ fromYear: 2020, toYear: 2020 });
    expect(domain).toEqual([...VOCABULARIES.organisationType.codes, 'unknown', 'none']);
    expect(valueLabel('referral_org_type', 'LegalService', 'en')).toBe('Legal service');
    expect(valueLabel('referral_org_type', 'LegalService', 'es')).toBe('Servicio legal');
    expect(DIMENSION_LABELS.es.referral_org_type).toMatch(/tipo de organización/);
  });
});
