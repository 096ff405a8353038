import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { Label, ProgressBar } from 'react-aria-components';
import { STATS_VALUE, type StatsCell, type StatsRules, type StatsTable } from '../../../shared/statistics';
import { DIMENSION_LABELS, rulesLines, valueLabel } from '../../../shared/statistics-labels';
import { currentLanguage } from '../../i18n';

/** A published count as the screens show it: `<10`, `x` or the rounded number. */
export function shownCount(cell: StatsCell, threshold: number): string {
  if (cell.suppressed === 'small') return `<${threshold}`;
  if (cell.suppressed === 'complementary') return 'x';
  return String(cell.count ?? `<${threshold}`);
}

const COLORS = ['#2f5d8a', '#b5651d', '#3f7f4f', '#8a3f6f', '#6b6b2f', '#2f7f7f', '#7f2f2f', '#4f4f9f'];

/**
 * A chart of a table: bars of the first dimension's values (its margin), grouped by the second
 * dimension's values when there is one. Suppressed counts have no bar (the table beside says
 * `<10` or `x`). Hidden from screen readers: the table carries the same numbers.
 */
export function StatsChart({ table, title }: { table: StatsTable; title: string }) {
  const lang = currentLanguage();
  const [first, second] = table.dimensions;
  if (!first) return null;
  const isTotal = (c: StatsCell, d: string | undefined) => d === undefined || c.values[d] === STATS_VALUE.total;
  const rows = new Map<string, Record<string, string | number>>();
  const series = new Set<string>();
  for (const c of table.cells) {
    const v = c.values[first]!;
    if (v === STATS_VALUE.total) continue;
    // Other dimensions beyond the second are summed in their margin.
    if (!table.dimensions.slice(2).every((d) => isTotal(c, d))) continue;
    const key = second === undefined ? 'count' : c.values[second]!;
    if (second !== undefined && key === STATS_VALUE.total) continue;
    const row = rows.get(v) ?? { label: valueLabel(first, v, lang) };
    row[key] = c.count ?? 0;
    rows.set(v, row);
    series.add(key);
  }
  const data = [...rows.values()];
  const keys = [...series];
  return (
    <div className="stats-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={Math.max(220, Math.min(480, data.length * (second ? 34 : 26) + 60))}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={160} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip isAnimationActive={false} />
          {second !== undefined ? <Legend /> : null}
          {keys.map((k, i) => (
            <Bar key={k} dataKey={k} name={second === undefined ? title : valueLabel(second, k, lang)} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The same numbers as a real table, for screen readers and for reading exact values. */
export function StatsTableView({ table, caption }: { table: StatsTable; caption: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    // Scrolls when long: focusable so that a keyboard can scroll it too.
    <div className="stats-table-wrap" tabIndex={0} role="group" aria-label={caption}>
      <table className="table stats-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.dimensions.map((d) => (
              <th key={d} scope="col">
                {DIMENSION_LABELS[lang][d]}
              </th>
            ))}
            <th scope="col" className="numeric">
              {t('statistics.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {table.cells.map((c, i) => (
            <tr key={i} className={table.dimensions.some((d) => c.values[d] === STATS_VALUE.total) ? 'stats-margin' : undefined}>
              {table.dimensions.map((d, j) =>
                j === 0 ? (
                  <th key={d} scope="row">
                    {valueLabel(d, c.values[d] ?? '', lang)}
                  </th>
                ) : (
                  <td key={d}>{valueLabel(d, c.values[d] ?? '', lang)}</td>
                ),
              )}
              <td className="numeric">{shownCount(c, table.rules.threshold)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RulesView({ rules }: { rules: StatsRules }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <div className="stats-rules">
      <dl className="stats-rules-list">
        {rulesLines(rules, lang).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t('statistics.marks', { threshold: rules.threshold })}</p>
    </div>
  );
}

export function StatsProgressBar({ percent }: { percent: number }) {
  const { t } = useTranslation();
  return (
    <ProgressBar className="stats-progress" value={percent} minValue={0} maxValue={100}>
      {({ percentage, valueText }) => (
        <>
          <div className="stats-progress-text">
            <Label>{t('statistics.computing')}</Label>
            <span>{valueText}</span>
          </div>
          <div className="stats-progress-track">
            <div className="stats-progress-fill" style={{ width: `${percentage ?? 0}%` }} />
          </div>
        </>
      )}
    </ProgressBar>
  );
}
