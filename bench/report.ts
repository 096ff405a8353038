import type { Results } from './run';

/** bench/results.md: the same numbers as results.json, as tables a person reads. */
export function writeMarkdown(r: Results): string {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
  push(
    '# Amparo — case-scale benchmark',
    '',
    `${r.date} · ${r.machine.cpus} × ${r.machine.model}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node} · load average at the end ${r.machine.loadAverage.join(' / ')} · \`npm run bench\` (${r.durationS} s)`,
    '',
    'Every operation goes through the router (`createRouter(core).handle(session, channel, payload)`) as a supervisor, who sees',
    'every case; operations whose queries depend on the role are measured again as a caseworker with a realistic caseload',
    '(`@caseworker`) and as the caseworker to whom all the other cases are assigned (`@caseworker-all`: the worst case for the',
    `need-to-know filter, which then holds for every row). ${r.method.warmup as number} warm-up calls, then ${r.method.runs as number} timed calls (${r.method.slowRuns as string}; unlock: ${r.method.unlockRuns as number}), encrypted and plain interleaved (A-B-B-A). Times in ms.`,
    '"plain" is the same database file decrypted (`PRAGMA rekey = \'\'`) and opened with the same pragmas: the ratio is the cost of the',
    'encryption. "CPU" is the process CPU time per call: on a shared machine it is steadier than wall time.',
    '',
  );
  for (const size of r.sizes) {
    push(
      `## ${size.cases.toLocaleString('en')} cases`,
      '',
      `Seed: ${(size.seed.ms / 1000).toFixed(1)} s (${(size.seed.cpuMs / 1000).toFixed(1)} s CPU; ${Math.round(size.cases / (size.seed.ms / 1000))} cases/s)${size.seed.measuredThisRun ? '' : `, measured when the cached vault was built (${size.seed.builtAt})`}. ` +
        `Database ${size.databaseMiB} MiB (plain twin ${size.plainMiB} MiB). Main-process RSS after the runs (both databases open) ${size.rssMiB} MiB.`,
      '',
      '| operation | encrypted median | encrypted p95 | plain median | plain p95 | ratio | CPU enc. / plain | CPU ratio |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const [name, op] of Object.entries(size.ops)) {
      push(
        `| ${op.label} \`${name}\` | ${fmt(op.encrypted.medianMs)} | ${fmt(op.encrypted.p95Ms)} | ${op.plain ? fmt(op.plain.medianMs) : '—'} | ${op.plain ? fmt(op.plain.p95Ms) : '—'} | ${op.ratio === null ? '—' : `${op.ratio.toFixed(2)}×`} | ` +
          `${fmt(op.encrypted.cpuMedianMs)} / ${op.plain ? fmt(op.plain.cpuMedianMs) : '—'} | ${op.cpuRatio === null ? '—' : `${op.cpuRatio.toFixed(2)}×`} |`,
      );
    }
    push('');
    if (size.cacheExperiment) {
      const x = size.cacheExperiment;
      push(
        `### ${size.cases.toLocaleString('en')} cases with a ${x.cacheMiB} MiB page cache (a proposal, measured)`,
        '',
        `The same operations after \`PRAGMA cache_size = -${x.cacheMiB * 1024}\` on both connections (the default is 16 MiB): pages a list or a search reads again stay decrypted in memory. RSS after: ${x.rssMiB ?? '?'} MiB.`,
        '',
        '| operation | encrypted median | encrypted p95 | plain median | plain p95 | ratio | CPU ratio |',
        '|---|---:|---:|---:|---:|---:|---:|',
        ...Object.entries(x.ops).map(
          ([name, op]) =>
            `| \`${name}\` | ${fmt(op.encrypted.medianMs)} | ${fmt(op.encrypted.p95Ms)} | ${op.plain ? fmt(op.plain.medianMs) : '—'} | ${op.plain ? fmt(op.plain.p95Ms) : '—'} | ${op.ratio === null ? '—' : `${op.ratio.toFixed(2)}×`} | ${op.cpuRatio === null ? '—' : `${op.cpuRatio.toFixed(2)}×`} |`,
        ),
        '',
      );
    }
  }
  push(
    `## Targets at ${r.verdicts.cases.toLocaleString('en')} cases`,
    '',
    `Interactive operations p95 < ${r.targets.interactiveP95Ms} ms, search p95 < ${r.targets.searchP95Ms} ms, statistics p95 < ${r.targets.statisticsP95Ms} ms (in the worker; measured on the vault only), encrypted/plain < ${r.targets.encryptionRatio}×, seed < ${r.targets.seed100kMs / 1000} s. Reported, not enforced. Unlock is deliberately slow (Argon2id, 256 MiB) and has no target here.`,
    '',
    '| target | measured | |',
    '|---|---:|---|',
    ...r.verdicts.checks.map((v) => `| ${v.target} | ${v.value} | ${v.pass ? 'pass' : '**miss**'} |`),
    '',
  );
  if (r.explain) {
    push(`## Where the time goes (${r.verdicts.cases.toLocaleString('en')} cases, encrypted, one warm call)`, '', 'The slowest statements each operation ran, with their own time and EXPLAIN QUERY PLAN.', '');
    for (const [name, statements] of Object.entries(r.explain)) {
      push(`### \`${name}\``, '');
      for (const s of statements.slice(0, 4)) {
        push(`- ${s.ms} ms (${s.calls}×): \`${s.sql.length > 220 ? s.sql.slice(0, 220) + '…' : s.sql}\``);
        if (s.plan.length) push('', '  ```', ...s.plan.map((p) => `  ${p}`), '  ```', '');
      }
      push('');
    }
  }
  push(`Peak RSS of the benchmark process: ${r.peakRssMiB} MiB.`, '');
  return lines.join('\n');
}
