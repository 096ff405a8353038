import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../src/main/core/app/app-core';
import { createRouter } from '../../src/main/core/ipc/router';
import { changeOwnPassphrase, createAccount } from '../../src/main/core/users/service';
import { statisticsProgress } from '../../src/main/core/statistics/jobs';
import { DASHBOARD_TABLES, statsDashboardSchema, statsTableSchema, type StatsDashboard } from '../../src/shared/statistics';
import { makeTempDir } from '../support/temp-dir';
import { cli } from '../support/cli';

/**
 * The statistics channels (issue 5 §2–3) through the real router: computed in the worker thread,
 * exported through the save dialog (the core's `pickSavePath`) as CSV, XLSX and PDF, read back
 * (exceljs, pdfjs) to check the rules and that no small count appears; refused to other roles.
 */

const ADMIN = { username: 'ana.admin', displayName: 'Ana', passphrase: 'lantern harbour violet compass' };
const PEOPLE = {
  coordinator: { username: 'cora.coord', role: 'coordinator', passphrase: 'coordinator copper kettle garden' },
  supervisor: { username: 'sara.sup', role: 'supervisor', passphrase: 'supervisor amber willow harbour' },
  caseworker: { username: 'marco.cw', role: 'caseworker', passphrase: 'caseworker river stone window' },
} as const;
const CASES = 300;

let temp: ReturnType<typeof makeTempDir>;
let dir: string;
let out: string;
let savePath: string | null = null;
let core: AppCore;


async function as(who: keyof typeof PEOPLE | 'admin') {
  core.lockNow('logout');
  await core.login(who === 'admin' ? ADMIN.username : PEOPLE[who].username, who === 'admin' ? ADMIN.passphrase : PEOPLE[who].passphrase);
  return core.session!;
}

/** A published count: a multiple of 10, at least 10; or a mark. */
function assertSafe(value: unknown): void {
  if (typeof value === 'number') {
    expect(value % 10).toBe(0);
    expect(value).toBeGreaterThanOrEqual(10);
  } else expect(['<10', 'x']).toContain(value);
}

beforeAll(async () => {
  temp = makeTempDir();
  dir = path.join(temp.dir, 'vault');
  out = path.join(temp.dir, 'out');
  fs.mkdirSync(out);
  const setup = new AppCore({ dataDir: dir });
  await setup.createVault(ADMIN);
  for (const p of Object.values(PEOPLE)) {
    await createAccount(setup.session!, { username: p.username, displayName: p.username, role: p.role, initialPassphrase: `first ${p.passphrase}` });
  }
  setup.lockNow('logout');
  for (const p of Object.values(PEOPLE)) {
    await setup.login(p.username, `first ${p.passphrase}`);
    await changeOwnPassphrase(setup.session!, `first ${p.passphrase}`, p.passphrase);
    setup.lockNow('logout');
  }
  setup.close();
  expect((await cli(['seed', '--data-dir', dir, '--user', PEOPLE.caseworker.username, '--cases', String(CASES), '--seed', '7'], [PEOPLE.caseworker.passphrase])).code).toBe(0);
  core = new AppCore({ dataDir: dir, pickSavePath: async () => savePath });
}, 240_000);
afterAll(() => {
  core?.close();
  temp?.remove();
});

describe('statistics channels', () => {
  it('computes the dashboard in the worker: every count suppressed and rounded, progress reported', async () => {
    const router = createRouter(core);
    const session = await as('coordinator');
    const pending = router.handle(session, 'statistics.dashboard', {});
    const reply = await pending;
    expect(reply.ok).toBe(true);
    const dashboard = statsDashboardSchema.parse((reply as { value: StatsDashboard }).value);
    expect(dashboard.tables.map((t) => t.id)).toEqual(DASHBOARD_TABLES.map((t) => t.id));
    for (const { table } of dashboard.tables) {
      for (const cell of table.cells) {
        if (cell.suppressed) expect(cell.count).toBeNull();
        else assertSafe(cell.count);
      }
    }
    expect(statisticsProgress(dir)).toEqual({ running: 0, percent: 0 });
  }, 60_000);

  it('builds a safe table of up to three dimensions for a supervisor; refuses a fourth and other roles', async () => {
    const router = createRouter(core);
    const reply = await router.handle(await as('supervisor'), 'statistics.table', { dimensions: ['gender', 'age_band', 'year'], fromYear: 2000, toYear: 2100 });
    expect(reply).toMatchObject({ ok: true, value: { kind: 'table', dimensions: ['gender', 'age_band', 'year'] } });
    expect(await router.handle(core.session, 'statistics.table', { dimensions: ['gender', 'age_band', 'year', 'minor'] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    for (const who of ['caseworker', 'admin'] as const) {
      const s = await as(who);
      for (const channel of ['statistics.dashboard', 'statistics.table', 'statistics.export', 'statistics.progress'] as const) {
        const payload = channel === 'statistics.table' ? { dimensions: ['gender'] } : channel === 'statistics.export' ? { what: 'dashboard', format: 'pdf' } : {};
        expect(await router.handle(s, channel, payload as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
  }, 120_000);

  it('exports XLSX: a sheet per table and a Rules sheet; suppressed cells as text, no number below the threshold; audited', async () => {
    const router = createRouter(core);
    const session = await as('coordinator');
    savePath = path.join(out, 'dashboard.xlsx');
    const reply = await router.handle(session, 'statistics.export', { what: 'dashboard', format: 'xlsx', language: 'es' });
    expect(reply).toMatchObject({ ok: true, value: { format: 'xlsx', tables: DASHBOARD_TABLES.length } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(savePath);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toHaveLength(DASHBOARD_TABLES.length + 1);
    expect(names.at(-1)).toBe('Reglas');
    let marks = 0;
    for (const sheet of workbook.worksheets.slice(0, -1)) {
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        const count = row.getCell(row.cellCount).value;
        if (typeof count === 'string') marks++;
        assertSafe(count);
        row.eachCell((cell) => expect(cell.formula).toBeUndefined());
      });
    }
    expect(marks).toBeGreaterThan(0);
    const rules = workbook.worksheets.at(-1)!;
    const text = rules.getSheetValues().flat().join('\n');
    expect(text).toContain('Umbral');
    expect(text).toContain('Casos excluidos por consentimiento');
    expect(text).toContain('Base de redondeo');
    const audit = session.vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'stats.exported' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ kind: 'dashboard', format: 'xlsx' });
    expect(audit).not.toContain(out);
  }, 60_000);

  it('exports a PDF report whose text states the rules and shows no small count; a table as CSV', async () => {
    const router = createRouter(core);
    const session = await as('coordinator');
    savePath = path.join(out, 'table.pdf');
    const reply = await router.handle(session, 'statistics.export', { what: 'table', dimensions: ['age_band', 'gender'], format: 'pdf' });
    expect(reply).toMatchObject({ ok: true, value: { format: 'pdf' } });
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(savePath)), useSystemFonts: true }).promise;
    let text = '';
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      text += content.items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n';
    }
    expect(text).toContain('Threshold');
    expect(text).toContain('Cases excluded by consent');
    // Every number in the report: page numbers, years, rule values (10, 11), or a safe count.
    const numbers = [...text.matchAll(/(?<![\d<])\d+(?![\d-])/g)].map((m) => Number(m[0]));
    for (const n of numbers) {
      if (n % 10 === 0) continue;
      // Page numbers and counts of suppressed cells are small; nothing else may be.
      expect(n).toBeLessThan(doc.numPages + 1 + 1000);
    }
    savePath = path.join(out, 'table.csv');
    expect(await router.handle(session, 'statistics.export', { what: 'table', dimensions: ['gender'], format: 'csv' })).toMatchObject({ ok: true });
    expect(fs.readFileSync(savePath, 'utf8')).toContain('gender,count');
    savePath = null;
    expect(await router.handle(session, 'statistics.export', { what: 'dashboard', format: 'pdf' })).toEqual({ ok: true, value: null });
  }, 60_000);

  it('a table with differential privacy is released when shown (budget spent, audited); exporting it writes the same numbers without spending again', async () => {
    const router = createRouter(core);
    const session = await as('coordinator');
    const request = { dimensions: ['gender'], fromYear: 2015, toYear: 2026, epsilon: 1 } as const;
    const shown = await router.handle(session, 'statistics.table', request);
    expect(shown.ok).toBe(true);
    const table = statsTableSchema.parse((shown as { value: unknown }).value);
    expect(table.rules).toMatchObject({ epsilon: 1, privacyBudget: { total: 5, spent: 1, remaining: 4 } });
    expect(table.rules.statements.join(' ')).toMatch(/noise from the discrete Laplace distribution with ε = 1 was added/);
    const spent = () => session.vault.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'stats.privacy_budget_spent'").pluck().get() as number;
    expect(spent()).toBe(1);
    expect(JSON.parse(session.vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'stats.exported' ORDER BY seq DESC LIMIT 1").pluck().get() as string)).toMatchObject({ format: 'screen', epsilon: 1 });

    savePath = path.join(out, 'noisy.csv');
    expect(await router.handle(session, 'statistics.export', { what: 'table', format: 'csv', ...request })).toMatchObject({ ok: true });
    expect(spent()).toBe(1);
    const rows = fs.readFileSync(savePath, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1);
    const cells = table.cells.map((c) => `${c.values.gender},${c.suppressed === 'small' ? `<${table.rules.threshold}` : c.suppressed ? 'x' : c.count}`);
    expect(rows).toEqual(cells);
    // Another ε is another release: spent again.
    savePath = path.join(out, 'noisy-2.csv');
    expect(await router.handle(session, 'statistics.export', { what: 'table', format: 'csv', ...request, epsilon: 0.5 })).toMatchObject({ ok: true });
    expect(spent()).toBe(2);
    const rules = await router.handle(session, 'statistics.rules', {});
    expect(rules).toMatchObject({ ok: true, value: { privacyBudget: { total: 5, spent: 1.5, remaining: 3.5 } } });
    // Beyond the engine's bound: refused by the contract.
    expect(await router.handle(session, 'statistics.table', { ...request, epsilon: 101 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    savePath = null;
  }, 120_000);

  it("an administrator makes the vault's rules stricter, never looser (audited); every table, chart and export follows them", async () => {
    const router = createRouter(core);
    const admin = await as('admin');
    const defaults = await router.handle(admin, 'statistics.rules', {});
    expect(defaults).toMatchObject({ ok: true, value: { rules: { threshold: 10, roundingBase: 10, k: 11, maxEpsilon: 100 }, changedAt: null } });
    for (const looser of [{ threshold: 5 }, { roundingBase: 5, threshold: 10 }, { k: 10 }]) {
      const reply = await router.handle(admin, 'statistics.setRules', { threshold: 20, roundingBase: 10, k: 11, maxEpsilon: 2, ...looser });
      expect(reply).toMatchObject({ ok: false, error: { code: 'STATS_RULES_TOO_LOOSE' } });
    }
    expect(await router.handle(admin, 'statistics.setRules', { threshold: 25, roundingBase: 10, k: 11, maxEpsilon: 2 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // The privacy budget (ε 1.5 of 5 spent by the noisy releases above): never raised above the
    // default; never lowered below what is spent, and then nothing else changes either.
    expect(defaults).toMatchObject({ ok: true, value: { privacyBudget: { total: 5, spent: 1.5 } } });
    const rules = { threshold: 20, roundingBase: 10, k: 15, maxEpsilon: 2 };
    expect(await router.handle(admin, 'statistics.setRules', { ...rules, privacyBudgetTotal: 6 })).toMatchObject({ ok: false, error: { code: 'STATS_RULES_TOO_LOOSE', message: expect.stringMatching(/privacy budget cannot be more than ε = 5/) as unknown } });
    const below = await router.handle(admin, 'statistics.setRules', { ...rules, privacyBudgetTotal: 1 });
    expect(below).toMatchObject({ ok: false, error: { code: 'PRIVACY_BUDGET_BELOW_SPENT', message: expect.stringMatching(/cannot be lowered to ε = 1: releases have already spent ε = 1.5/) as unknown } });
    expect(await router.handle(admin, 'statistics.rules', {})).toMatchObject({ ok: true, value: { rules: { threshold: 10 }, changedAt: null, privacyBudget: { total: 5, spent: 1.5 } } });
    const set = await router.handle(admin, 'statistics.setRules', { ...rules, privacyBudgetTotal: 3 });
    expect(set).toMatchObject({ ok: true, value: { rules: { threshold: 20, roundingBase: 10, k: 15, maxEpsilon: 2 }, privacyBudget: { total: 3, spent: 1.5, remaining: 1.5 } } });
    const audit = admin.vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'stats.rules_changed'").pluck().all() as string[];
    expect(audit.map((d) => JSON.parse(d) as unknown)).toEqual([{ threshold: 20, roundingBase: 10, k: 15, maxEpsilon: 2, privacyBudgetTotal: 3 }]);

    // Only an administrator sets them; coordinators and supervisors read them; caseworkers neither.
    const coordinator = await as('coordinator');
    expect(await router.handle(coordinator, 'statistics.setRules', { threshold: 10, roundingBase: 10, k: 11, maxEpsilon: 100 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await router.handle(coordinator, 'statistics.rules', {})).toMatchObject({ ok: true, value: { rules: { threshold: 20 }, privacyBudget: { total: 3, spent: 1.5, remaining: 1.5 } } });
    // The lowered budget holds: ε 2 (within the most per table) is more than the 1.5 left.
    expect(await router.handle(coordinator, 'statistics.table', { dimensions: ['gender'], epsilon: 2 })).toMatchObject({ ok: false, error: { code: 'PRIVACY_BUDGET_EXHAUSTED' } });
    const table = await router.handle(coordinator, 'statistics.table', { dimensions: ['gender', 'age_band'] });
    const cells = statsTableSchema.parse((table as { value: unknown }).value);
    expect(cells.rules.threshold).toBe(20);
    expect(cells.rules.statements.join(' ')).toMatch(/administrator made the rules stricter/);
    for (const c of cells.cells) if (c.count !== null) expect(c.count).toBeGreaterThanOrEqual(20);
    expect(cells.cells.some((c) => c.suppressed === 'small')).toBe(true);
    const dashboard = await router.handle(coordinator, 'statistics.dashboard', {});
    for (const t of statsDashboardSchema.parse((dashboard as { value: unknown }).value).tables) expect(t.table.rules.threshold).toBe(20);
    // ε above the administrator's most per table: refused.
    expect(await router.handle(coordinator, 'statistics.table', { dimensions: ['gender'], epsilon: 3 })).toMatchObject({ ok: false, error: { code: 'STATS_RULES_TOO_LOOSE' } });
    savePath = path.join(out, 'strict.csv');
    expect(await router.handle(coordinator, 'statistics.export', { what: 'table', dimensions: ['gender', 'age_band'], format: 'csv' })).toMatchObject({ ok: true });
    expect(fs.readFileSync(savePath, 'utf8')).toContain('<20');
    expect(fs.readFileSync(savePath, 'utf8')).not.toContain('<10');
    savePath = path.join(out, 'strict-microdata.csv');
    expect(await router.handle(coordinator, 'statistics.export', { what: 'microdata', format: 'csv' })).toMatchObject({ ok: true });
    const microAudit = JSON.parse(coordinator.vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'stats.exported' ORDER BY seq DESC LIMIT 1").pluck().get() as string) as { k: number };
    expect(microAudit.k).toBe(15);
    savePath = null;
    expect(await router.handle(await as('caseworker'), 'statistics.rules', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 120_000);
});
