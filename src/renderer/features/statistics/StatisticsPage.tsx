import '../../styles/statistics.css';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATS_DEFAULT_PRIVACY_BUDGET, STATS_DIMENSIONS, STATS_VAULT_DEFAULTS, type StatsDashboard, type StatsDimension, type StatsTable, type StatsVaultRulesView } from '../../../shared/statistics';
import { DASHBOARD_TITLES, DIMENSION_LABELS } from '../../../shared/statistics-labels';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { currentLanguage } from '../../i18n';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { OptionalNumberField } from '../../ui/OptionalNumberField';
import { Select } from '../../ui/Select';
import { RulesView, StatsChart, StatsProgressBar, StatsTableView } from './StatsView';
import { useStatsProgress } from './useStatsProgress';

type Format = 'csv' | 'xlsx' | 'pdf';
type Message = { tone: 'success' | 'info' | 'error'; text: string } | null;
const NONE = 'none';

/**
 * Anonymized statistics for coordinators and supervisors (issue 5 §2): the dashboard (each chart
 * with its table beside it), a table builder and exports written by the main process where the
 * person chooses. Every number arrives already suppressed and rounded: nothing here can show a
 * small count.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [fromYear, setFromYear] = useState<number | null>(null);
  const [toYear, setToYear] = useState<number | null>(null);
  const [dashboard, setDashboard] = useState<StatsDashboard | null>(null);
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [dims, setDims] = useState<(StatsDimension | typeof NONE)[]>(['gender', NONE, NONE]);
  const [built, setBuilt] = useState<StatsTable | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [vaultRules, setVaultRules] = useState<StatsVaultRulesView | null>(null);
  /** Differential privacy for the table builder: null = off. */
  const [epsilon, setEpsilon] = useState<number | null>(null);
  /** The ε of the table shown (what an export of it writes again without spending). */
  const [builtEpsilon, setBuiltEpsilon] = useState<number | null>(null);
  const progress = useStatsProgress(busy > 0);
  const rangeInvalid = fromYear !== null && toYear !== null && fromYear > toYear;

  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | null> => {
    setBusy((n) => n + 1);
    try {
      return await work();
    } catch (caught) {
      setError(describeError(t, caught));
      return null;
    } finally {
      setBusy((n) => n - 1);
    }
  }, [t]);

  const loadDashboard = useCallback(async () => {
    setError(null);
    const result = await run(() => call('statistics.dashboard', { fromYear, toYear }));
    if (result) setDashboard(result);
  }, [run, fromYear, toYear]);

  const loadRules = useCallback(async () => {
    try {
      setVaultRules(await call('statistics.rules', {}));
    } catch (caught) {
      setError(describeError(t, caught));
    }
  }, [t]);

  useEffect(() => {
    void loadRules();
    void loadDashboard();
    // Once on arrival; later on "Apply".
  }, []);

  // ε is bounded by the engine (and the administrator's most per table) and by the budget left.
  const budget = vaultRules?.privacyBudget ?? null;
  const maxEpsilon = Math.min(vaultRules?.rules.maxEpsilon ?? STATS_VAULT_DEFAULTS.maxEpsilon, budget?.remaining ?? 0);
  const epsilonInvalid = epsilon !== null && (epsilon < 0.01 || epsilon > maxEpsilon);

  const chosen = dims.filter((d): d is StatsDimension => d !== NONE);
  const uniqueChosen = [...new Set(chosen)];

  const buildTable = async () => {
    setError(null);
    setMessage(null);
    const asked = epsilon;
    const result = await run(() => call('statistics.table', { dimensions: uniqueChosen, fromYear, toYear, epsilon: asked }));
    if (result) {
      setBuilt(result);
      setBuiltEpsilon(asked);
    }
    // A noisy table spent part of the budget.
    if (asked !== null) void loadRules();
  };

  const exportAs = async (what: 'table' | 'dashboard' | 'microdata', format: Format) => {
    setError(null);
    setMessage(null);
    const result = await run(() => call('statistics.export', { what, format, dimensions: what === 'table' ? uniqueChosen : [], fromYear, toYear, language: lang, epsilon: what === 'table' ? epsilon : null }));
    if (result === null) setMessage((m) => m ?? { tone: 'info', text: t('statistics.exportCancelled') });
    else setMessage({ tone: 'success', text: t('statistics.exported', { format: format.toUpperCase() }) });
    // An export of a noisy table other than the one shown is a new release.
    if (what === 'table' && epsilon !== null && epsilon !== builtEpsilon) void loadRules();
  };

  const v = vaultRules;
  // What the administrator made stricter: a higher threshold, base or k, a lower most ε or privacy budget.
  const stricter = v ? (['threshold', 'roundingBase', 'k', 'maxEpsilon'] as const).filter((r) => (r === 'maxEpsilon' ? v.rules[r] < v.defaults[r] : v.rules[r] > v.defaults[r])) : [];
  const budgetLowered = v !== null && v.privacyBudget.total < STATS_DEFAULT_PRIVACY_BUDGET;
  const threshold = v?.rules.threshold ?? STATS_VAULT_DEFAULTS.threshold;

  const dimensionOptions = STATS_DIMENSIONS.map((d) => ({ id: d, label: DIMENSION_LABELS[lang][d] }));
  const optional = [{ id: NONE, label: t('statistics.noDimension') }, ...dimensionOptions];

  return (
    <div className="page statistics-page">
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1}>
          {t('statistics.title')}
        </h1>
      </div>
      <p className="muted">{t('statistics.intro', { threshold })}</p>
      {v && (stricter.length || budgetLowered) ? (
        <Notice tone="info" title={t('statistics.vaultRules.title')} announce={false}>
          <p>{t('statistics.vaultRules.stricter')}</p>
          <ul className="stats-vault-rules">
            {stricter.map((r) => (
              <li key={r}>{t(`statistics.vaultRules.${r}`, { value: v.rules[r], default: v.defaults[r] })}</li>
            ))}
            {budgetLowered ? <li>{t('statistics.vaultRules.privacyBudget', { value: v.privacyBudget.total, default: STATS_DEFAULT_PRIVACY_BUDGET })}</li> : null}
          </ul>
        </Notice>
      ) : null}

      <section className="panel" aria-labelledby="stats-range-title">
        <h2 id="stats-range-title">{t('statistics.range.title')}</h2>
        <div className="stats-range">
          <OptionalNumberField label={t('statistics.range.from')} value={fromYear} onChange={setFromYear} minValue={1900} maxValue={2100} />
          <OptionalNumberField
            label={t('statistics.range.to')}
            value={toYear}
            onChange={setToYear}
            minValue={1900}
            maxValue={2100}
            errorMessage={rangeInvalid ? t('statistics.range.invalid') : undefined}
          />
          <Button variant="secondary" onPress={() => void loadDashboard()} isDisabled={rangeInvalid || busy > 0}>
            {t('statistics.range.apply')}
          </Button>
        </div>
        <p className="muted small">{t('statistics.range.help')}</p>
      </section>

      {busy > 0 ? <StatsProgressBar percent={progress?.percent ?? 0} /> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}

      <section className="panel" aria-labelledby="stats-dashboard-title">
        <div className="panel-header">
          <h2 id="stats-dashboard-title">{t('statistics.dashboard.title')}</h2>
          <div className="actions start">
            <Button variant="secondary" size="small" onPress={() => void exportAs('dashboard', 'xlsx')} isDisabled={busy > 0 || rangeInvalid}>
              {t('statistics.export.xlsx')}
            </Button>
            <Button variant="secondary" size="small" onPress={() => void exportAs('dashboard', 'pdf')} isDisabled={busy > 0 || rangeInvalid}>
              {t('statistics.export.pdf')}
            </Button>
            <Button variant="secondary" size="small" onPress={() => void exportAs('microdata', 'csv')} isDisabled={busy > 0 || rangeInvalid}>
              {t('statistics.export.microdata')}
            </Button>
          </div>
        </div>
        {dashboard ? (
          <>
            <details className="stats-rules-box">
              <summary>{t('statistics.rulesTitle')}</summary>
              <RulesView rules={dashboard.tables[0]!.table.rules} />
            </details>
            <div className="stats-grid">
              {dashboard.tables.map(({ id, table }) => {
                const title = DASHBOARD_TITLES[lang][id];
                return (
                  <article key={id} className="stats-card" aria-labelledby={`stats-${id}`}>
                    <h3 id={`stats-${id}`}>{title}</h3>
                    <div className="stats-card-body">
                      <StatsChart table={table} title={title} />
                      <StatsTableView table={table} caption={title} />
                    </div>
                  </article>
                );
              })}
            </div>
          </>
        ) : busy === 0 ? (
          <p className="muted">{t('statistics.dashboard.empty')}</p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="stats-builder-title">
        <h2 id="stats-builder-title">{t('statistics.builder.title')}</h2>
        <p className="muted">{t('statistics.builder.help')}</p>
        <div className="stats-builder">
          {[0, 1, 2].map((i) => (
            <Select<string>
              key={i}
              label={t('statistics.builder.dimension', { n: i + 1 })}
              options={i === 0 ? dimensionOptions : optional}
              value={dims[i]!}
              onChange={(v) => setDims((prev) => prev.map((d, j) => (j === i ? (v as StatsDimension | typeof NONE) : d)))}
            />
          ))}
        </div>
        {uniqueChosen.length !== chosen.length ? <Notice tone="info">{t('statistics.builder.duplicate')}</Notice> : null}
        <div className="stats-dp">
          <OptionalNumberField
            label={t('statistics.dp.label')}
            description={budget ? t('statistics.dp.help', { remaining: budget.remaining, total: budget.total, max: maxEpsilon }) : undefined}
            value={epsilon}
            onChange={setEpsilon}
            minValue={0}
            maxValue={STATS_VAULT_DEFAULTS.maxEpsilon}
            fractionDigits={2}
            errorMessage={epsilonInvalid ? (maxEpsilon < 0.01 ? t('statistics.dp.exhausted') : t('statistics.dp.invalid', { max: maxEpsilon })) : undefined}
            name="epsilon"
          />
        </div>
        <div className="actions start">
          <Button variant="primary" onPress={() => void buildTable()} isDisabled={busy > 0 || rangeInvalid || epsilonInvalid || uniqueChosen.length === 0}>
            {epsilon === null ? t('statistics.builder.show') : t('statistics.dp.confirm', { epsilon })}
          </Button>
          {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
            <Button key={f} variant="secondary" onPress={() => void exportAs('table', f)} isDisabled={busy > 0 || rangeInvalid || epsilonInvalid || uniqueChosen.length === 0}>
              {t(`statistics.export.${f}`)}
            </Button>
          ))}
        </div>
        {built ? (
          <div className="stats-built">
            {built.rules.epsilon !== null && built.rules.privacyBudget ? (
              <Notice tone="info">
                {t('statistics.dp.added', { epsilon: built.rules.epsilon, remaining: built.rules.privacyBudget.remaining, total: built.rules.privacyBudget.total })}
              </Notice>
            ) : null}
            <StatsChart table={built} title={built.dimensions.map((d) => DIMENSION_LABELS[lang][d]).join(' × ')} />
            <StatsTableView table={built} caption={built.dimensions.map((d) => DIMENSION_LABELS[lang][d]).join(' × ')} />
            <RulesView rules={built.rules} />
          </div>
        ) : null}
      </section>
    </div>
  );
}

