import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { QUASI_IDENTIFIERS, STATS_DIMENSIONS } from '../../../src/shared/statistics';
import { DEFAULT_MICRODATA_COLUMNS, MICRODATA_EXTENSION_FIELDS, MICRODATA_FIELD } from '../../../src/main/core/statistics/microdata';
import { microdataCsv } from '../../../src/main/core/statistics/csv';

/**
 * The microdata CSV is "HTCDS-column" (issue 5 §3): every column an HTCDS 2.0 field of the
 * reference (../shared/reference/htcds), or one of the few declared extensions for facts the
 * standard has no field for, named in its style and never clashing with one of its fields.
 */

const htcdsDir = path.resolve(process.cwd(), '../shared/reference/htcds');
const standards = path.join(htcdsDir, 'field-standards-2.0.csv');
const haveHtcds = existsSync(standards);
if (!haveHtcds) console.warn(`HTCDS reference not found at ${htcdsDir}: the check of the microdata columns against HTCDS is skipped.`);

/** Every column microdata can have: the quasi-identifiers, then any other dimension but `minor` (refused: the age band gives it away). */
const COLUMNS = [...QUASI_IDENTIFIERS, ...STATS_DIMENSIONS.filter((d) => d !== 'minor' && !(QUASI_IDENTIFIERS as readonly string[]).includes(d))];

describe('microdata columns', () => {
  it('are the names the CSV is written with, one distinct name per dimension', () => {
    const csv = microdataCsv({ columns: [...COLUMNS], rows: [] });
    const [header] = parse(csv.replace(/^\uFEFF/, '')) as string[][];
    expect(header).toEqual(COLUMNS.map((c) => MICRODATA_FIELD[c]));
    expect(new Set(Object.values(MICRODATA_FIELD)).size).toBe(STATS_DIMENSIONS.length);
    for (const c of DEFAULT_MICRODATA_COLUMNS) expect(COLUMNS).toContain(c);
  });

  it('follow the HTCDS naming: a section prefix and a PascalCase name', () => {
    for (const name of Object.values(MICRODATA_FIELD)) expect(name).toMatch(/^(prs|vic|cas|spl|org)_[A-Z][A-Za-z]*$/);
  });
});

describe.skipIf(!haveHtcds)(`microdata columns are HTCDS 2.0 fields (${htcdsDir}; skipped when absent)`, () => {
  const fields = () => new Set((parse(readFileSync(standards, 'utf8'), { columns: true }) as Record<string, string>[]).map((row) => row.field!));

  it('every column is an HTCDS field, except the declared extensions', () => {
    const known = fields();
    const notInHtcds = COLUMNS.map((c) => MICRODATA_FIELD[c]).filter((name) => !known.has(name));
    expect(notInHtcds.filter((name) => !MICRODATA_EXTENSION_FIELDS.has(name)), 'columns that are neither HTCDS fields nor declared extensions').toEqual([]);
  });

  it('no declared extension is the name of an HTCDS field (it would claim a meaning it does not have)', () => {
    const known = fields();
    for (const name of MICRODATA_EXTENSION_FIELDS) expect(known.has(name), name).toBe(false);
  });

  it('the facts HTCDS has a field for are written under it', () => {
    expect(MICRODATA_FIELD).toMatchObject({
      citizenship: 'prs_Citizenship',
      gender: 'prs_Gender',
      exploitation_type: 'vic_TypeOfExploitation',
      means_of_control: 'vic_MethodsOfControl',
      labour_industry: 'vic_ForcedLabourIndustry',
      trafficking_status: 'vic_TraffickingStatus',
      case_status: 'cas_Status',
      closure_reason: 'cas_ReasonForCaseClosure',
      referral_org_type: 'org_Type',
    });
    const known = fields();
    for (const name of ['prs_Citizenship', 'vic_LocationOfExploitation', 'org_Type']) expect(known.has(name), name).toBe(true);
  });
});
