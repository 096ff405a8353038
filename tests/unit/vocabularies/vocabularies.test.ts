import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  CASE_STATUS_HTCDS_VALUE,
  HTCDS_FIELD,
  METHOD_OF_CONTROL_PICKLIST_VALUE,
  VOCABULARIES,
  VOCABULARY_IDS,
  defineVocabulary,
  serviceTypesOf,
} from '../../../src/shared/vocabularies';
import type { Vocabulary, VocabularyCode, VocabularyId } from '../../../src/shared/vocabularies';

const all = VOCABULARY_IDS.map((id) => [id, VOCABULARIES[id] as Vocabulary] as const);

describe.each(all)('vocabulary %s', (id, vocab) => {
  it('is filed under its own id and has items', () => {
    expect(vocab.id).toBe(id);
    expect(vocab.items.length).toBeGreaterThan(0);
    expect(vocab.codes).toEqual(vocab.items.map((item) => item.code));
  });

  it('has unique, well-formed codes', () => {
    expect(new Set(vocab.codes).size).toBe(vocab.codes.length);
    const style = id === 'country' ? /^[A-Z]{2}$/ : id === 'language' ? /^[a-z]{2}$/ : /^(?:[A-Z][A-Za-z0-9_]*|[a-z0-9]+(?:-[a-z0-9]+)*)$/;
    for (const code of vocab.codes) expect(code).toMatch(style);
  });

  it('has non-empty, trimmed English and Spanish labels, unique within the list', () => {
    for (const lang of ['en', 'es'] as const) {
      for (const item of vocab.items) {
        expect(item[lang], `${item.code}.${lang}`).toBeTypeOf('string');
        expect(item[lang].trim(), `${item.code}.${lang}`).not.toBe('');
        expect(item[lang], `${item.code}.${lang}`).toBe(item[lang].trim());
      }
      const labels = vocab.items.map((item) => item[lang].toLocaleLowerCase(lang));
      expect(labels.filter((label, i) => labels.indexOf(label) !== i), lang).toEqual([]);
    }
  });

  it('has a schema that accepts every code and refuses anything else', () => {
    for (const code of vocab.codes) expect(vocab.schema.parse(code)).toBe(code);
    for (const bad of ['no-such-code', '', 'toString', 42, null, undefined]) expect(vocab.schema.safeParse(bad).success).toBe(false);
    expect(vocab.schema.safeParse(vocab.codes[0].toLowerCase() === vocab.codes[0] ? vocab.codes[0].toUpperCase() : vocab.codes[0].toLowerCase()).success).toBe(false);
  });

  it('answers has() and label(), falling back to the code', () => {
    for (const item of vocab.items) {
      expect(vocab.has(item.code)).toBe(true);
      expect(vocab.label(item.code, 'en')).toBe(item.en);
      expect(vocab.label(item.code, 'es')).toBe(item.es);
    }
    for (const bad of ['no-such-code', 'toString', 'constructor', '__proto__']) {
      expect(vocab.has(bad)).toBe(false);
      expect(vocab.label(bad, 'en')).toBe(bad);
      expect(vocab.label(bad, 'es')).toBe(bad);
    }
  });

  it('is immutable', () => {
    expect(Object.isFrozen(vocab)).toBe(true);
    expect(Object.isFrozen(vocab.items)).toBe(true);
    expect(Object.isFrozen(vocab.codes)).toBe(true);
    expect(Object.isFrozen(vocab.items[0])).toBe(true);
  });
});

describe('the vocabulary API', () => {
  it('lists exactly the ids the case model uses', () => {
    expect([...VOCABULARY_IDS].sort()).toEqual(
      [
        'caseStatus', 'closureReason', 'gender', 'education', 'maritalStatus', 'traffickingStatus', 'determinedBy', 'referralSource', 'organisationType',
        'recruitmentMethod', 'recruiterRelationship', 'methodOfControl', 'exploitationType', 'sexualExploitationType', 'forcedLabourIndustry',
        'perpetratorRole', 'riskLevel', 'riskFactorLevel', 'assistanceTrack', 'serviceType', 'serviceStatus', 'supportType', 'consentPurpose',
        'consentMethod', 'referralStatus', 'followUpType', 'residenceStatus', 'legalRole', 'reintegrationDimension', 'clinicalRecordType',
        'country', 'language',
      ].sort(),
    );
  });

  it('infers the literal codes', () => {
    expectTypeOf<z.infer<typeof VOCABULARIES.gender.schema>>().toEqualTypeOf<
      'Feminine' | 'Masculine' | 'TransgenderFeminine' | 'TransgenderMasculine' | 'NonConforming' | 'NonSpecifiedUnknown'
    >();
    expectTypeOf<VocabularyCode<'riskLevel'>>().toEqualTypeOf<'low' | 'medium' | 'high'>();
    expectTypeOf<VocabularyCode<'caseStatus'>>().toEqualTypeOf<'open' | 'follow-up' | 'closed' | 'closed-referred'>();
    expectTypeOf<VocabularyId>().toEqualTypeOf<(typeof VOCABULARY_IDS)[number]>();
    const code: string = 'high';
    if (VOCABULARIES.riskLevel.has(code)) expectTypeOf(code).toEqualTypeOf<'low' | 'medium' | 'high'>();
  });

  it('refuses an empty list and duplicate codes', () => {
    expect(() => defineVocabulary('empty', [])).toThrow(/no items/);
    expect(() =>
      defineVocabulary('dup', [
        { code: 'a', en: 'A', es: 'A' },
        { code: 'a', en: 'B', es: 'B' },
      ]),
    ).toThrow(/duplicate code a/);
  });
});

describe('service types', () => {
  it('each belongs to an assistance track, and every track has at least 5', () => {
    for (const item of VOCABULARIES.serviceType.items) expect(VOCABULARIES.assistanceTrack.has(item.group ?? ''), item.code).toBe(true);
    for (const track of VOCABULARIES.assistanceTrack.codes) {
      const types = serviceTypesOf(track);
      expect(types.length, track).toBeGreaterThanOrEqual(5);
      expect(types.map((t) => t.code)).toEqual(VOCABULARIES.serviceType.items.filter((i) => i.group === track).map((i) => i.code));
    }
  });

  it('the other vocabularies have no groups', () => {
    for (const [id, vocab] of all) if (id !== 'serviceType') for (const item of vocab.items) expect(item.group, `${id}.${item.code}`).toBeUndefined();
  });
});

const htcdsDir = path.resolve(process.cwd(), '../shared/reference/htcds');
const haveHtcds = existsSync(path.join(htcdsDir, 'field-standards-2.0.csv')) && existsSync(path.join(htcdsDir, 'field-definitions.md'));
if (!haveHtcds) console.warn(`HTCDS reference not found at ${htcdsDir}: the checks against HTCDS are skipped.`);

describe.skipIf(!haveHtcds)(`codes match HTCDS 2.0 (${htcdsDir}; skipped when absent)`, () => {
  const picklist = (): Map<string, string[]> => {
    const rows = parse(readFileSync(path.join(htcdsDir, 'field-standards-2.0.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    return new Map(rows.map((row) => [row.field!, (row.value_names ?? '').split(/\s+/).filter(Boolean)]));
  };
  const definitions = () => readFileSync(path.join(htcdsDir, 'field-definitions.md'), 'utf8');
  const firstCells = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);
  const isOurs = (code: string) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(code);

  it('methodOfControl codes are the HTCDS method-of-control field names, and map onto the vic_MethodsOfControl picklist', () => {
    const fieldNames = firstCells(definitions(), /^\|\s*(MethodsOfControl\w+)\s*\|/gm);
    expect(fieldNames.length).toBeGreaterThan(10);
    expect([...VOCABULARIES.methodOfControl.codes].sort()).toEqual([...fieldNames].sort());
    const mapped = Object.values(METHOD_OF_CONTROL_PICKLIST_VALUE).filter((v): v is string => v !== null);
    expect(Object.keys(METHOD_OF_CONTROL_PICKLIST_VALUE).sort()).toEqual([...VOCABULARIES.methodOfControl.codes].sort());
    expect(new Set(mapped).size).toBe(mapped.length);
    expect(mapped.sort()).toEqual([...picklist().get('vic_MethodsOfControl')!].sort());
  });

  it('forcedLabourIndustry codes are the HTCDS ISIC sections, in both HTCDS files', () => {
    expect([...VOCABULARIES.forcedLabourIndustry.codes]).toEqual(picklist().get('vic_ForcedLabourIndustry'));
    expect([...VOCABULARIES.forcedLabourIndustry.codes]).toEqual(firstCells(definitions(), /^\|\s*([A-Z]_\w+)\s*\|/gm));
  });

  it('caseStatus maps one-to-one onto cas_Status', () => {
    expect(Object.keys(CASE_STATUS_HTCDS_VALUE)).toEqual([...VOCABULARIES.caseStatus.codes]);
    expect(Object.values(CASE_STATUS_HTCDS_VALUE).sort()).toEqual([...picklist().get('cas_Status')!].sort());
  });

  it('every other HTCDS-derived list uses the picklist value names as codes (kebab-case codes are ours)', () => {
    const fields = picklist();
    for (const [id, field] of Object.entries(HTCDS_FIELD)) {
      expect(fields.has(field), `${id}: ${field} is an HTCDS field`).toBe(true);
      if (['caseStatus', 'methodOfControl', 'forcedLabourIndustry', 'country', 'language'].includes(id)) continue;
      const values = fields.get(field)!;
      const codes = VOCABULARIES[id as VocabularyId].codes as readonly string[];
      for (const code of codes) if (!isOurs(code)) expect(values, `${id}: ${code}`).toContain(code);
      // referralSource borrows only the organisation types of org_Type.
      if (id !== 'referralSource') expect(codes.filter((c) => !isOurs(c)).sort(), id).toEqual([...values].sort());
    }
  });
});

describe('countries (ISO 3166-1 alpha-2)', () => {
  const { country } = VOCABULARIES;
  it('has every assigned code, named in English and Spanish', () => {
    expect(country.codes.length).toBeGreaterThanOrEqual(240);
    for (const code of ['PE', 'ES', 'NG', 'PH', 'CO', 'VE', 'BO', 'MX', 'US', 'TH', 'UA']) expect(country.has(code), code).toBe(true);
    expect(country.label('PE', 'es')).toBe('Perú');
    expect(country.label('ES', 'es')).toBe('España');
    expect(country.label('PH', 'es')).toBe('Filipinas');
    expect(country.label('PE', 'en')).toBe('Peru');
    expect(country.label('NG', 'en')).toBe('Nigeria');
  });

  it('is sorted by English name', () => {
    const names = country.items.map((i) => i.en);
    expect(names).toEqual([...names].sort(new Intl.Collator('en', { sensitivity: 'base' }).compare));
  });
});

describe('languages (ISO 639-1)', () => {
  const { language } = VOCABULARIES;
  it('has the common languages of the people we serve', () => {
    for (const code of ['es', 'en', 'pt', 'fr', 'ar']) expect(language.has(code), code).toBe(true);
    if (new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of('qu')) expect(language.label('qu', 'es')).toBe('Quechua');
    expect(language.label('es', 'es')).toBe('Español');
    expect(language.label('en', 'en')).toBe('English');
    expect(language.codes.length).toBeGreaterThanOrEqual(180);
  });
});
