import { parse } from 'csv-parse/sync';
import { CASE_STATUS_HTCDS_VALUE, METHOD_OF_CONTROL_PICKLIST_VALUE, VOCABULARIES as V, type Vocabulary } from '../../../shared/vocabularies';
import { validateDraft, type CaseDraft } from './batch';

/**
 * Cases from a CSV file whose header row names HTCDS 2.0 fields (docs/import.md lists the
 * supported columns). Every row is mapped and validated against the contract's schemas before
 * anything is written; a problem names the row, the column and the reason, never the cell.
 */
export interface RowIssue {
  /** Spreadsheet numbering: the header is row 1, the first case row 2. */
  row: number;
  column: string;
  reason: string;
}

export interface ImportPlan {
  columns: string[];
  /** The valid rows, ready for `writeCases`. */
  drafts: { row: number; draft: CaseDraft }[];
  issues: RowIssue[];
  /** How many rows have at least one issue. */
  invalidRows: number;
}

/** The file cannot be used at all (a usage error: nothing is validated or written). */
export class ImportFileError extends Error {}

interface Row {
  openedOn: string | null;
  office: string;
  status: string | null;
  closureReason: string | null;
  closureNotes: string;
  identity: Record<string, unknown>;
  profile: Record<string, unknown>;
  experience: Record<string, unknown>;
  controlFlags: Map<string, boolean>;
}

type Apply = (row: Row, cell: string) => string | null;

interface ColumnSpec {
  column: string;
  /** The draft path(s) this column fills: validation issues on them are reported against it. */
  paths: string[];
  apply: Apply;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase();

/** A code, by its code or its English or Spanish label, case- and accent-insensitive. */
function lookup(vocab: Vocabulary, value: string): string | null {
  const wanted = fold(value);
  for (const item of vocab.items) if (fold(item.code) === wanted || fold(item.en) === wanted || fold(item.es) === wanted) return item.code;
  return null;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
/** ISO 639-1, an ISO 639-2 code (by the name ICU gives it: `spa` → Spanish → es) or a name. */
function lookupLanguage(value: string): string | null {
  const direct = lookup(V.language, value);
  if (direct) return direct;
  if (/^[a-z]{3}$/i.test(value.trim())) {
    try {
      const name = languageNames.of(value.trim().toLowerCase());
      if (name) return lookup(V.language, name);
    } catch {
      return null;
    }
  }
  return null;
}

const split = (cell: string) =>
  cell
    .split(/[;|]/)
    .map((v) => v.trim())
    .filter(Boolean);

const NOT_A_CODE = 'not one of the allowed codes';
const MULTI_NOT_A_CODE = 'a value is not one of the allowed codes (separate several with ";")';

function one(path: string, find: (value: string) => string | null): Apply {
  return (row, cell) => {
    const code = find(cell);
    if (!code) return NOT_A_CODE;
    set(row, path, code);
    return null;
  };
}

function many(path: string, find: (value: string) => string | null, options: { append?: boolean } = {}): Apply {
  return (row, cell) => {
    const codes: string[] = [];
    for (const value of split(cell)) {
      const code = find(value);
      if (!code) return MULTI_NOT_A_CODE;
      if (!codes.includes(code)) codes.push(code);
    }
    const existing = options.append ? ((get(row, path) as string[] | undefined) ?? []) : [];
    set(row, path, [...existing, ...codes.filter((c) => !existing.includes(c))]);
    return null;
  };
}

function wholeNumber(path: string): Apply {
  return (row, cell) => {
    if (!/^\d+$/.test(cell.trim())) return 'expected a whole number';
    set(row, path, Number(cell.trim()));
    return null;
  };
}

function isoDate(path: string): Apply {
  return (row, cell) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(cell.trim())) return 'expected a date as YYYY-MM-DD';
    set(row, path, cell.trim());
    return null;
  };
}

function text(path: string): Apply {
  return (row, cell) => {
    set(row, path, cell.trim());
    return null;
  };
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 'si', 'x']);
const FALSE = new Set(['0', 'false', 'no', 'n']);
function flag(code: string): Apply {
  return (row, cell) => {
    const v = fold(cell);
    if (TRUE.has(v)) row.controlFlags.set(code, true);
    else if (FALSE.has(v)) row.controlFlags.set(code, false);
    else return 'expected 1/0, true/false or yes/no';
    return null;
  };
}

function get(row: Row, path: string): unknown {
  const [part, field] = path.split('.') as [keyof Row, string];
  return (row[part] as Record<string, unknown>)[field];
}

function set(row: Row, path: string, value: unknown): void {
  const [part, field] = path.split('.') as [string, string | undefined];
  if (field === undefined) (row as unknown as Record<string, unknown>)[part] = value;
  else (row[part as keyof Row] as Record<string, unknown>)[field] = value;
}

const HTCDS_STATUS = Object.fromEntries(Object.entries(CASE_STATUS_HTCDS_VALUE).map(([code, htcds]) => [fold(htcds), code]));
const CONTROL_PICKLIST = Object.fromEntries(Object.entries(METHOD_OF_CONTROL_PICKLIST_VALUE).flatMap(([code, value]) => (value ? [[fold(value), code]] : [])));
const controlValue = (value: string) => CONTROL_PICKLIST[fold(value)] ?? lookup(V.methodOfControl, value);

/** The supported columns, in the order docs/import.md lists them. */
export const IMPORT_COLUMNS: readonly ColumnSpec[] = [
  // Case (cas_*): cas_OpenedDate and cas_Office are Amparo's additions.
  { column: 'cas_Status', paths: ['status'], apply: one('status', (v) => HTCDS_STATUS[fold(v)] ?? lookup(V.caseStatus, v)) },
  {
    column: 'cas_ReasonForCaseClosure',
    paths: ['closure.reason', 'closure.notes'],
    apply: (row, cell) => {
      const code = lookup(V.closureReason, cell);
      row.closureReason = code ?? 'other';
      if (!code) row.closureNotes = cell.trim();
      return null;
    },
  },
  { column: 'cas_OpenedDate', paths: ['openedOn'], apply: isoDate('openedOn') },
  { column: 'cas_Office', paths: ['office'], apply: text('office') },
  // Person (prs_*): the names and birthdate go into the sealed identity, never the search index.
  { column: 'prs_FirstName', paths: ['identity.givenNames'], apply: (row, cell) => ((row.identity.givenNames = [cell.trim(), row.identity.givenNames].filter(Boolean).join(' ')), null) },
  { column: 'prs_MiddleName', paths: ['identity.givenNames'], apply: (row, cell) => ((row.identity.givenNames = [row.identity.givenNames, cell.trim()].filter(Boolean).join(' ')), null) },
  { column: 'prs_SecondName', paths: ['identity.familyNames'], apply: text('identity.familyNames') },
  { column: 'prs_Birthdate', paths: ['identity.dateOfBirth'], apply: isoDate('identity.dateOfBirth') },
  { column: 'prs_Gender', paths: ['profile.gender'], apply: one('profile.gender', (v) => lookup(V.gender, v)) },
  { column: 'prs_Citizenship', paths: ['profile.citizenship'], apply: many('profile.citizenship', (v) => lookup(V.country, v)) },
  { column: 'prs_PrimaryLanguage', paths: ['profile.languages'], apply: many('profile.languages', lookupLanguage, { append: true }) },
  { column: 'prs_SecondaryLanguage', paths: ['profile.languages'], apply: many('profile.languages', lookupLanguage, { append: true }) },
  { column: 'prs_MaritalStatus', paths: ['profile.maritalStatus'], apply: one('profile.maritalStatus', (v) => lookup(V.maritalStatus, v)) },
  { column: 'prs_NumberOfChildren', paths: ['profile.children'], apply: wholeNumber('profile.children') },
  { column: 'prs_HighestLevelOfEducation', paths: ['profile.education'], apply: one('profile.education', (v) => lookup(V.education, v)) },
  // Victim context (vic_*): vic_AgeAtIdentification and vic_IdentificationDate are Amparo's additions.
  { column: 'vic_AgeAtIdentification', paths: ['profile.ageAtIdentification'], apply: wholeNumber('profile.ageAtIdentification') },
  { column: 'vic_IdentificationDate', paths: ['profile.identifiedOn'], apply: isoDate('profile.identifiedOn') },
  { column: 'vic_TraffickingStatus', paths: ['profile.traffickingStatus'], apply: one('profile.traffickingStatus', (v) => lookup(V.traffickingStatus, v)) },
  { column: 'vic_TraffickingStatusDecisionMakingOrg', paths: ['profile.statusDeterminedBy'], apply: one('profile.statusDeterminedBy', (v) => lookup(V.determinedBy, v)) },
  { column: 'vic_TypeOfExploitation', paths: ['experience.exploitationTypes'], apply: many('experience.exploitationTypes', (v) => lookup(V.exploitationType, v)) },
  { column: 'vic_ForcedLabourIndustry', paths: ['experience.forcedLabourIndustries'], apply: many('experience.forcedLabourIndustries', (v) => lookup(V.forcedLabourIndustry, v)) },
  { column: 'vic_TypeOfSexExploitation', paths: ['experience.sexualExploitationTypes'], apply: many('experience.sexualExploitationTypes', (v) => lookup(V.sexualExploitationType, v)) },
  { column: 'vic_MethodOfRecruitment', paths: ['experience.recruitmentMethods'], apply: many('experience.recruitmentMethods', (v) => lookup(V.recruitmentMethod, v)) },
  { column: 'vic_RelationshipToTrafficker', paths: ['experience.recruiterRelationship'], apply: one('experience.recruiterRelationship', (v) => lookup(V.recruiterRelationship, v)) },
  { column: 'vic_MethodsOfControl', paths: ['experience.methodsOfControl'], apply: many('experience.methodsOfControl', controlValue, { append: true }) },
  // One checkbox column per method of control, named as in the HTCDS definitions.
  ...V.methodOfControl.codes.map((code) => ({ column: code, paths: ['experience.methodsOfControl'], apply: flag(code) })),
  // Perpetrator context (per_*).
  { column: 'per_RoleInProcess', paths: ['experience.perpetratorRoles'], apply: many('experience.perpetratorRoles', (v) => lookup(V.perpetratorRole, v)) },
];

const BY_COLUMN = new Map(IMPORT_COLUMNS.map((c) => [fold(c.column), c]));

/**
 * Reads and checks the file: unknown or repeated columns and unreadable CSV are an
 * `ImportFileError`; row problems are collected in `issues`. `today` (YYYY-MM-DD, the vault's
 * clock) is the opening date of rows without cas_OpenedDate.
 */
export function planImport(csv: string | Buffer, today: string): ImportPlan {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as string[][];
  } catch (error) {
    // The parser's message can quote the file: only the line number is passed on.
    const line = (error as { lines?: number }).lines;
    throw new ImportFileError(`the file is not valid CSV${line ? ` (near line ${line})` : ''}`);
  }
  const [header, ...rows] = records;
  if (!header || header.every((h) => !h.trim())) throw new ImportFileError('the file has no header row');
  const specs: ColumnSpec[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    const key = fold(name);
    const spec = BY_COLUMN.get(key);
    if (!spec) unknown.push(name.trim() || '(empty)');
    else if (seen.has(key)) throw new ImportFileError(`column ${spec.column} appears twice`);
    else specs.push(spec);
    seen.add(key);
  }
  if (unknown.length) throw new ImportFileError(`unknown column(s): ${unknown.map((n) => n.slice(0, 60)).join(', ')} (see docs/import.md for the supported columns)`);
  if (rows.length === 0) throw new ImportFileError('the file has no rows under its header');

  const drafts: ImportPlan['drafts'] = [];
  const issues: RowIssue[] = [];
  let invalidRows = 0;
  rows.forEach((cells, i) => {
    const rowNumber = i + 2;
    const rowIssues: RowIssue[] = [];
    if (cells.length !== header.length) rowIssues.push({ row: rowNumber, column: '(row)', reason: `has ${cells.length} cells; the header has ${header.length}` });
    const row: Row = { openedOn: null, office: '', status: null, closureReason: null, closureNotes: '', identity: {}, profile: {}, experience: {}, controlFlags: new Map() };
    specs.forEach((spec, c) => {
      const cell = cells[c] ?? '';
      if (!cell.trim()) return;
      const reason = spec.apply(row, cell);
      if (reason) rowIssues.push({ row: rowNumber, column: spec.column, reason });
    });
    const draft = toDraft(row, today);
    for (const issue of validateDraft(draft)) {
      rowIssues.push({ row: rowNumber, column: columnOf(issue.path, specs), reason: issue.message });
    }
    if (rowIssues.length) {
      invalidRows++;
      issues.push(...uniqueIssues(rowIssues));
    } else {
      drafts.push({ row: rowNumber, draft });
    }
  });
  return { columns: specs.map((s) => s.column), drafts, issues, invalidRows };
}

function toDraft(row: Row, today: string): CaseDraft {
  const controls = new Set((row.experience.methodsOfControl as string[] | undefined) ?? []);
  for (const [code, on] of row.controlFlags) {
    if (on) controls.add(code);
    else controls.delete(code);
  }
  const experience = { ...row.experience, ...(controls.size || row.controlFlags.size ? { methodsOfControl: [...controls] } : {}) };
  const sections: CaseDraft['sections'] = {};
  if (Object.keys(row.profile).length) sections.profile = row.profile;
  if (Object.keys(experience).length) sections.experience = experience;
  const closed = row.status === 'closed' || row.status === 'closed-referred';
  if (row.closureReason || closed) {
    sections.closure = { reason: row.closureReason, closedOn: closed ? today : null, notes: row.closureNotes };
  }
  return {
    office: row.office,
    openedOn: row.openedOn ?? today,
    status: (row.status ?? 'open') as CaseDraft['status'],
    identity: row.identity,
    sections,
    records: [],
  };
}

function columnOf(path: string, specs: readonly ColumnSpec[]): string {
  const match = (p: string) => path === p || path.startsWith(`${p}.`);
  return specs.find((s) => s.paths.some(match))?.column ?? IMPORT_COLUMNS.find((s) => s.paths.some(match))?.column ?? path;
}

function uniqueIssues(issues: RowIssue[]): RowIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.column}\u0000${i.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
