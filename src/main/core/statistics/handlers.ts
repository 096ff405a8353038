import type { ParsedRequestOf, ResponseOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { statsTableSchema, type StatsTable } from '../../../shared/statistics';
import { DASHBOARD_TITLES, DIMENSION_LABELS } from '../../../shared/statistics-labels';
import type { AppCore } from '../app/app-core';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Session } from '../users/session';
import type { JobResult } from './compute';
import { microdataCsv, tableCsv } from './csv';
import { runStatisticsJob, statisticsProgress } from './jobs';
import { assertMayExportStatistics, recordRelease, type Computed } from './release';
import { statisticsPdf, statisticsXlsx, type NamedTable } from './reports';
import { setVaultRules, vaultRulesView } from './vault-rules';
import fs from 'node:fs';

/**
 * The statistics channels (issue 5 §2–3). Every computation runs in the worker (jobs.ts); the
 * screens poll `statistics.progress`. Only protected results cross the bridge. An export asks
 * for the path first (nothing is computed for a cancelled dialog), then computes, writes and
 * audits: CSV and XLSX atomically inside the audit's transaction; the PDF is streamed to the
 * path and removed again if the audit cannot be written.
 */
type StatsChannel = 'statistics.dashboard' | 'statistics.table' | 'statistics.export' | 'statistics.progress' | 'statistics.rules' | 'statistics.setRules';
type Handler<C extends StatsChannel> = (input: ParsedRequestOf<C>, session: Session | null, core: AppCore) => Promise<ResponseOf<C>> | ResponseOf<C>;

const signedIn = (session: Session | null): Session => session!;

type TableInput = { dimensions: StatsTable['dimensions']; fromYear: number | null; toYear: number | null; epsilon?: number | null };

async function tableOf(session: Session, input: TableInput): Promise<Computed> {
  const request = { kind: 'table' as const, dimensions: input.dimensions, fromYear: input.fromYear, toYear: input.toYear, epsilon: input.epsilon ?? null };
  const done = await runStatisticsJob(session.vault, { kind: 'request', request });
  return (done as Extract<JobResult, { kind: 'request' }>).computed;
}

/**
 * Differential privacy in the table builder: a noisy table is released when it is shown (the
 * budget spent and the release audited then), since every new draw of noise tells more. The last
 * one shown is kept for the session, so that exporting it writes the same numbers without
 * spending again; an export of any other noisy table is a new release.
 */
const lastNoisy = new WeakMap<Session, { key: string; computed: Computed }>();
const noisyKey = (input: TableInput) => JSON.stringify([input.dimensions, input.fromYear, input.toYear, input.epsilon ?? null]);

async function dashboardOf(session: Session, range: { fromYear: number | null; toYear: number | null }) {
  const done = await runStatisticsJob(session.vault, { kind: 'dashboard', ...range });
  return done as Extract<JobResult, { kind: 'dashboard' }>;
}

function stamp(core: AppCore): string {
  return core.location.now().toISOString().slice(0, 10);
}

export const statisticsHandlers: { [C in StatsChannel]: Handler<C> } = {
  'statistics.dashboard': async (input, session) => {
    const s = signedIn(session);
    assertMayExportStatistics(s);
    return (await dashboardOf(s, input)).dashboard;
  },
  'statistics.table': async (input, session) => {
    const s = signedIn(session);
    assertMayExportStatistics(s);
    const computed = await tableOf(s, input);
    if (computed.micro !== null) {
      recordRelease(s, [computed], { what: 'table', format: 'screen' }, () => undefined);
      lastNoisy.set(s, { key: noisyKey(input), computed });
    }
    return statsTableSchema.parse(computed.result);
  },
  'statistics.progress': (_input, _session, core) => statisticsProgress(core.location.paths.dataDir),
  'statistics.rules': (_input, session) => vaultRulesView(signedIn(session).vault.db),
  'statistics.setRules': (input, session) => setVaultRules(signedIn(session), input),
  'statistics.export': async (input, session, core) => {
    const s = signedIn(session);
    assertMayExportStatistics(s);
    const lang = input.language;
    const name = `amparo-statistics-${input.what === 'table' ? input.dimensions.join('-') : input.what}-${stamp(core)}.${input.format}`;
    const target = await core.pickSavePath(name, input.format);
    if (!target) return null;
    const range = { fromYear: input.fromYear, toYear: input.toYear };

    let computed: Computed[];
    let named: NamedTable[] = [];
    if (input.what === 'microdata') {
      const done = await runStatisticsJob(s.vault, { kind: 'request', request: { kind: 'microdata', ...range } });
      computed = [(done as Extract<JobResult, { kind: 'request' }>).computed];
    } else if (input.what === 'dashboard') {
      const done = await dashboardOf(s, range);
      computed = done.computed;
      named = done.dashboard.tables.map((t) => ({ title: DASHBOARD_TITLES[lang][t.id], table: t.table }));
    } else {
      const wanted = { dimensions: input.dimensions, ...range, epsilon: input.epsilon };
      const shown = input.epsilon !== null ? lastNoisy.get(s) : undefined;
      // The noisy table just shown: written again as it is, already spent (post-processing costs no privacy).
      const c = shown && shown.key === noisyKey(wanted) ? { ...shown.computed, micro: null } : await tableOf(s, wanted);
      computed = [c];
      named = [{ title: input.dimensions.map((d) => DIMENSION_LABELS[lang][d]).join(' × '), table: statsTableSchema.parse(c.result) }];
    }
    const info = { what: input.what, format: input.format };
    const title = lang === 'es' ? 'Estadísticas anonimizadas' : 'Anonymized statistics';

    if (input.format === 'pdf') {
      await statisticsPdf(target, named, { title, lang, footer: `${title} · ${stamp(core)} · Amparo` });
      try {
        recordRelease(s, computed, info, () => undefined);
      } catch (error) {
        fs.rmSync(target, { force: true });
        throw error;
      }
    } else if (input.format === 'xlsx') {
      const bytes = await statisticsXlsx(named, lang, title);
      recordRelease(s, computed, info, () => writeFileAtomic(target, bytes));
    } else {
      const result = computed[0]!.result;
      const content = result.kind === 'table' ? tableCsv(result) : microdataCsv(result);
      recordRelease(s, computed, info, () => writeFileAtomic(target, content));
    }
    if (!computed.length) throw new AppError('INTERNAL', 'Nothing was computed.');
    const cellsSuppressed = computed.reduce((n, { result }) => n + (result.kind === 'table' ? result.rules.cellsSuppressed + result.rules.cellsSuppressedComplementary : 0), 0);
    return { format: input.format, tables: named.length, cellsSuppressed };
  },
};

