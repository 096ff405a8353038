import { DASHBOARD_TABLES, statsDashboardSchema, type StatsDashboard, type StatsRequest } from '../../../shared/statistics';
import type { Db } from '../db/open';
import { extractFacts } from './extract';
import { computeStatistics, type Computed } from './release';

/**
 * What the worker computes (worker.ts), also callable in-process: a request, or the dashboard's
 * tables from one reading of the facts. `progress` goes from 0 to 1.
 */
export type StatsJob = { kind: 'request'; request: StatsRequest } | { kind: 'dashboard'; fromYear: number | null; toYear: number | null };

export type JobResult = { kind: 'request'; computed: Computed } | { kind: 'dashboard'; computed: Computed[]; dashboard: StatsDashboard };

export function runJob(db: Db, job: StatsJob, now: Date, progress: (fraction: number) => void = () => undefined): JobResult {
  if (job.kind === 'request') {
    progress(0.1);
    const computed = computeStatistics(db, job.request, { now });
    progress(1);
    return { kind: 'request', computed };
  }
  progress(0.05);
  const extraction = extractFacts(db, { fromYear: job.fromYear, toYear: job.toYear });
  progress(0.4);
  const computed: Computed[] = [];
  DASHBOARD_TABLES.forEach((t, i) => {
    computed.push(computeStatistics(db, { kind: 'table', dimensions: [...t.dimensions], fromYear: job.fromYear, toYear: job.toYear }, { now, extraction }));
    progress(0.4 + (0.6 * (i + 1)) / DASHBOARD_TABLES.length);
  });
  const dashboard = statsDashboardSchema.parse({
    fromYear: job.fromYear,
    toYear: job.toYear,
    tables: DASHBOARD_TABLES.map((t, i) => ({ id: t.id, table: computed[i]!.result })),
  });
  return { kind: 'dashboard', computed, dashboard };
}
