import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../src/main/core/app/app-core';
import { changeOwnPassphrase, createAccount } from '../../src/main/core/users/service';
import { unlockWithPassphrase, VaultLocation } from '../../src/main/core/vault/vault';
import { microdataSchema, QUASI_IDENTIFIERS, statsTableSchema, STATS_DIMENSIONS } from '../../src/shared/statistics';
import { VOCABULARIES } from '../../src/shared/vocabularies';
import { DIMENSIONS } from '../../src/main/core/statistics/dimensions';
import { MICRODATA_FIELD } from '../../src/main/core/statistics/microdata';
import { setVaultRules } from '../../src/main/core/statistics/vault-rules';
import { makeTempDir } from '../support/temp-dir';
import { cli } from '../support/cli';

/** `export-stats` end to end: a real vault, seeded through the CLI, exported through the CLI. */

const ADMIN = { username: 'ana.admin', displayName: 'Ana', passphrase: 'lantern harbour violet compass' };
const PEOPLE = {
  coordinator: { username: 'cora.coord', role: 'coordinator', passphrase: 'coordinator copper kettle garden' },
  supervisor: { username: 'sara.sup', role: 'supervisor', passphrase: 'supervisor amber willow harbour' },
  caseworker: { username: 'marco.cw', role: 'caseworker', passphrase: 'caseworker river stone window' },
} as const;
const CASES = 400;

let temp: ReturnType<typeof makeTempDir>;
let dir: string;
let out: string;
let n = 0;


const target = (ext = 'csv') => path.join(out, `stats-${++n}.${ext}`);
const exportAs = (who: keyof typeof PEOPLE | 'admin', file: string, ...args: string[]) =>
  cli(['export-stats', '--data-dir', dir, '--user', who === 'admin' ? ADMIN.username : PEOPLE[who].username, '--out', file, ...args], [
    who === 'admin' ? ADMIN.passphrase : PEOPLE[who].passphrase,
  ]);

/** The audit trail, read as the administrator. */
async function audit(): Promise<{ action: string; actor_id: string | null; detail: Record<string, unknown> }[]> {
  const { vault } = await unlockWithPassphrase(new VaultLocation({ dataDir: dir }), ADMIN.username, ADMIN.passphrase, false);
  try {
    return (vault.db.prepare('SELECT action, actor_id, detail FROM audit_log ORDER BY seq').all() as { action: string; actor_id: string | null; detail: string }[]).map((r) => ({
      ...r,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  } finally {
    vault.lock();
  }
}

async function accountId(username: string): Promise<string> {
  const { vault } = await unlockWithPassphrase(new VaultLocation({ dataDir: dir }), ADMIN.username, ADMIN.passphrase, false);
  try {
    return (vault.db.prepare('SELECT id FROM accounts WHERE username = ?').get(username) as { id: string }).id;
  } finally {
    vault.lock();
  }
}

/** Every value a statistics file may hold: codes, years, bands, counts and the marks. */
function allowedToken(dimension: string, value: string): boolean {
  if (value === 'total') return true;
  if (dimension === 'year') return /^\d{4}$/.test(value);
  return DIMENSIONS[dimension as keyof typeof DIMENSIONS].domain({ fromYear: 2000, toYear: 2100 }).includes(value);
}

beforeAll(async () => {
  temp = makeTempDir();
  dir = path.join(temp.dir, 'vault');
  out = path.join(temp.dir, 'out');
  fs.mkdirSync(out);
  const core = new AppCore({ dataDir: dir });
  await core.createVault(ADMIN);
  for (const p of Object.values(PEOPLE)) {
    await createAccount(core.session!, { username: p.username, displayName: p.username, role: p.role, initialPassphrase: `first ${p.passphrase}` });
  }
  core.lockNow('logout');
  for (const p of Object.values(PEOPLE)) {
    await core.login(p.username, `first ${p.passphrase}`);
    await changeOwnPassphrase(core.session!, `first ${p.passphrase}`, p.passphrase);
    core.lockNow('logout');
  }
  core.close();
  const seeded = await cli(['seed', '--data-dir', dir, '--user', PEOPLE.caseworker.username, '--cases', String(CASES), '--seed', '5'], [PEOPLE.caseworker.passphrase]);
  expect(seeded.code).toBe(0);
}, 180_000);
afterAll(() => temp?.remove());

describe('export-stats', () => {
  it('writes a protected table for a coordinator: codes and safe counts only, with its rules, audited', async () => {
    const file = target();
    const result = await exportAs('coordinator', file, '--dimensions', 'gender,age_band');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Exported a table of gender × age_band/);
    expect(result.out).toMatch(/Cases considered: (\d+|<10); excluded for lack of consent to anonymous statistics: (\d+|<10)\./);
    expect(result.out).toContain('Counts under 10 are shown as <10');

    const text = fs.readFileSync(file, 'utf8');
    const rows = parse(text.replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual(['gender', 'age_band', 'count']);
    let small = 0;
    for (const [gender, band, count] of rows.slice(1)) {
      expect(allowedToken('gender', gender!)).toBe(true);
      expect(allowedToken('age_band', band!)).toBe(true);
      if (count === '<10') small++;
      else if (count !== 'x') {
        expect(Number(count) % 10).toBe(0);
        expect(Number(count)).toBeGreaterThanOrEqual(10);
      }
    }
    expect(small).toBeGreaterThan(0);
    const total = rows.find((r) => r[0] === 'total' && r[1] === 'total')!;
    // About 70% of the seeded cases consent to statistics.
    expect(Number(total[2])).toBeGreaterThan(CASES * 0.5);
    expect(Number(total[2])).toBeLessThanOrEqual(CASES);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const entries = await audit();
    const exported = entries.filter((e) => e.action === 'stats.exported');
    expect(exported).toHaveLength(1);
    expect(exported[0]!.actor_id).toBe(await accountId(PEOPLE.coordinator.username));
    expect(exported[0]!.detail).toMatchObject({ kind: 'table', format: 'csv', dimensions: 'gender,age_band', threshold: 10, roundingBase: 10, epsilon: null });
    expect(JSON.stringify(exported[0]!.detail)).not.toContain(out);
  }, 60_000);

  it('writes XLSX (a sheet for the table, one for the rules) and PDF (in Spanish); the marks are text, never a small number', async () => {
    const xlsx = target('xlsx');
    const result = await exportAs('coordinator', xlsx, '--dimensions', 'gender,age_band', '--format', 'xlsx');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((w) => w.name).at(-1)).toBe('Rules');
    let marks = 0;
    workbook.worksheets[0]!.eachRow((row, n) => {
      if (n === 1) return;
      const count = row.getCell(row.cellCount).value;
      if (typeof count === 'string') {
        expect(['<10', 'x']).toContain(count);
        marks++;
      } else {
        expect(typeof count).toBe('number');
        expect((count as number) % 10).toBe(0);
        expect(count as number).toBeGreaterThanOrEqual(10);
      }
    });
    expect(marks).toBeGreaterThan(0);
    expect(workbook.worksheets.at(-1)!.getSheetValues().flat().join('\n')).toContain('Threshold');

    const pdf = target('pdf');
    expect((await exportAs('supervisor', pdf, '--dimensions', 'case_status', '--format', 'pdf', '--language', 'es')).code).toBe(0);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(pdf)), useSystemFonts: true }).promise;
    let text = '';
    for (let p = 1; p <= doc.numPages; p++) text += (await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n';
    expect(text).toContain('Umbral');
    expect(text).toContain('Estadísticas anonimizadas');
    const formats = (await audit()).filter((e) => e.action === 'stats.exported').map((e) => e.detail.format);
    expect(formats).toEqual(expect.arrayContaining(['xlsx', 'pdf']));
    expect((await exportAs('coordinator', target('pdf'), '--microdata', '--format', 'pdf')).code).toBe(2);
  }, 90_000);

  it('writes JSON with its rules, for a year range, as a supervisor; three dimensions at most', async () => {
    const file = target('json');
    const year = new Date().getUTCFullYear();
    const result = await exportAs('supervisor', file, '--format', 'json', '--dimensions', 'year,exploitation_type,assistance_track', '--from', String(year - 1), '--to', String(year));
    expect(result.code).toBe(0);
    const table = statsTableSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(table.rules).toMatchObject({ threshold: 10, roundingBase: 10, fromYear: year - 1, toYear: year, epsilon: null, k: null });
    expect(table.rules.statements.join(' ')).toMatch(/counted once under each value/);
    for (const cell of table.cells) {
      for (const [d, v] of Object.entries(cell.values)) expect(allowedToken(d, v), `${d}=${v}`).toBe(true);
      expect([...new Set(Object.keys(cell.values))]).toEqual(['year', 'exploitation_type', 'assistance_track']);
      if (cell.values.year !== 'total') expect(Number(cell.values.year)).toBeGreaterThanOrEqual(year - 1);
      if (cell.count !== null) expect(cell.count % 10 === 0 && cell.count >= 10).toBe(true);
    }
    expect(table.rules.cellsSuppressed).toBe(table.cells.filter((c) => c.suppressed === 'small').length);

    const four = await exportAs('supervisor', target(), '--dimensions', 'year,gender,minor,returned');
    expect(four.code).toBe(2);
    expect(four.err).toContain('1 to 3 names');
  }, 60_000);

  it('writes k-anonymous microdata: every combination of the quasi-identifiers shared by at least 11 rows', async () => {
    const file = target();
    const result = await exportAs('coordinator', file, '--microdata');
    expect(result.code).toBe(0);
    const rows = parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as string[][];
    const [header, ...data] = rows;
    // HTCDS column names (microdata.ts), the quasi-identifiers first.
    expect(header!.slice(0, 5)).toEqual(QUASI_IDENTIFIERS.map((q) => MICRODATA_FIELD[q]));
    for (const c of header!) expect(STATS_DIMENSIONS.map((d) => MICRODATA_FIELD[d])).toContain(c);
    const groups = new Map<string, number>();
    for (const r of data) groups.set(r.slice(0, 5).join('|'), (groups.get(r.slice(0, 5).join('|')) ?? 0) + 1);
    for (const size of groups.values()) expect(size).toBeGreaterThanOrEqual(11);
    expect(result.out).toMatch(/Exported \d+ k-anonymous rows \(k = 11\)/);

    const json = target('json');
    expect((await exportAs('coordinator', json, '--microdata', '--format', 'json', '--k', '20', '--dimensions', 'exploitation_type')).code).toBe(0);
    const parsed = microdataSchema.parse(JSON.parse(fs.readFileSync(json, 'utf8')));
    expect(parsed.columns).toEqual([...QUASI_IDENTIFIERS, 'exploitation_type']);
    expect(parsed.rules.k).toBe(20);
    for (const r of parsed.rows) for (const v of r[5]!.split('|')) expect(VOCABULARIES.exploitationType.has(v) || v === 'unknown').toBe(true);
  }, 60_000);

  it('is refused to caseworkers and administrators, and to looser rules, writing nothing', async () => {
    for (const who of ['caseworker', 'admin'] as const) {
      const file = target();
      const result = await exportAs(who, file, '--dimensions', 'gender');
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/does not allow exporting statistics/);
      expect(result.err.trim().split('\n')).toHaveLength(1);
      expect(fs.existsSync(file)).toBe(false);
    }
    for (const [flag, value, message] of [
      ['--threshold', '5', /threshold cannot be lower than 10/],
      ['--base', '1', /rounding base cannot be lower than 10/],
      ['--k', '3', /k cannot be lower than 11/],
    ] as const) {
      const file = target();
      const result = await exportAs('coordinator', file, '--dimensions', 'gender', ...(flag === '--k' ? ['--microdata'] : []), flag, value);
      expect(result.code, flag).toBe(2);
      expect(result.err).toMatch(message);
      expect(fs.existsSync(file)).toBe(false);
    }
    const unknown = await exportAs('coordinator', target(), '--dimensions', 'gender,name');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown dimension "name"');
    const docx = await exportAs('coordinator', target(), '--dimensions', 'gender', '--format', 'docx');
    expect(docx.code).toBe(2);
    const nowhere = await exportAs('coordinator', path.join(out, 'missing', 'x.csv'), '--dimensions', 'gender');
    expect(nowhere.code).toBe(2);
    const refused = (await audit()).filter((e) => e.action === 'stats.exported' && e.detail.dimensions === 'gender');
    expect(refused).toEqual([]);
  }, 60_000);

  it('with differential privacy, spends the vault’s budget and refuses an overspend; the chain stays whole', async () => {
    const first = await exportAs('coordinator', target(), '--dimensions', 'gender,year', '--epsilon', '2');
    expect(first.code).toBe(0);
    expect(first.out).toContain('Privacy budget: ε 2 spent; 3 of 5 left.');
    expect((await exportAs('supervisor', target(), '--dimensions', 'citizenship', '--epsilon', '2.5')).code).toBe(0);
    const file = target();
    const over = await exportAs('coordinator', file, '--dimensions', 'gender', '--epsilon', '1');
    expect(over.code).toBe(1);
    expect(over.err).toMatch(/privacy budget has 0\.5 left of 5/);
    expect(fs.existsSync(file)).toBe(false);
    const spent = (await audit()).filter((e) => e.action === 'stats.privacy_budget_spent').map((e) => e.detail);
    expect(spent).toEqual([
      { epsilon: 2, spent: 2, total: 5 },
      { epsilon: 2.5, spent: 4.5, total: 5 },
    ]);
    const verify = await cli(['verify', '--data-dir', dir, '--user', ADMIN.username], [ADMIN.passphrase]);
    expect(verify.out).toContain('All checks passed.');
  }, 60_000);

  it("applies the vault's stricter rules set by an administrator, and refuses a request looser than them", async () => {
    const core = new AppCore({ dataDir: dir });
    await core.login(ADMIN.username, ADMIN.passphrase);
    setVaultRules(core.session!, { threshold: 30, roundingBase: 10, k: 20, maxEpsilon: 1 });
    core.close();
    const file = target();
    const result = await exportAs('coordinator', file, '--dimensions', 'gender,age_band');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/made the rules stricter than the defaults/);
    const [, ...rows] = parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as string[][];
    for (const row of rows) {
      const count = row.at(-1)!;
      if (/^\d+$/.test(count)) expect(Number(count)).toBeGreaterThanOrEqual(30);
      else expect(['<30', 'x']).toContain(count);
    }
    expect(rows.map((r) => r.at(-1))).toContain('<30');
    const micro = await exportAs('coordinator', target(), '--microdata');
    expect(micro.out).toMatch(/k-anonymous rows \(k = 20\)/);
    const looser = await exportAs('coordinator', target(), '--dimensions', 'gender', '--threshold', '20');
    expect(looser.code).toBe(2);
    expect(looser.err).toMatch(/threshold cannot be lower than 30, the minimum set by the vault’s administrator/);
    const changed = (await audit()).filter((e) => e.action === 'stats.rules_changed');
    expect(changed.map((e) => e.detail)).toEqual([{ threshold: 30, roundingBase: 10, k: 20, maxEpsilon: 1 }]);
  }, 60_000);
});
