import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { VOCABULARIES, type VocabularyCode } from '../../../shared/vocabularies';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { FilterChip } from '../../ui/FilterChip';
import { SearchableSelect } from '../../ui/SearchableSelect';
import { Select } from '../../ui/Select';
import { hasFilters, useCaseListStore } from './caseListStore';
import { useVocabLang, vocabOptions } from './labels';

const ANY = 'any';

/** Status chips with their counts, risk chips, and the other filters of the case list. */
export const CaseFiltersBar = memo(function CaseFiltersBar({ countsByStatus }: { countsByStatus: Record<string, number> | null }) {
  const { t } = useTranslation();
  const lang = useVocabLang();
  const filters = useCaseListStore((s) => s.filters);
  const setFilters = useCaseListStore((s) => s.setFilters);
  const clearFilters = useCaseListStore((s) => s.clearFilters);

  const toggle = <C extends string>(list: C[], code: C, on: boolean): C[] => (on ? [...list.filter((c) => c !== code), code] : list.filter((c) => c !== code));
  const anyOption = { id: ANY, label: t('cases.filters.any') };
  const tracks = useMemo(() => vocabOptions('assistanceTrack', lang), [lang]);
  const exploitationTypes = useMemo(() => vocabOptions('exploitationType', lang), [lang]);
  const countries = useMemo(() => vocabOptions('country', lang), [lang]);

  return (
    <section className="case-filters" aria-label={t('cases.filters.label')}>
      <div className="filter-row">
        <div className="chip-group" role="group" aria-labelledby="filter-status-label">
          <span id="filter-status-label" className="chip-group-label">
            {t('cases.filters.status')}
          </span>
          {VOCABULARIES.caseStatus.items.map((item) => {
            const count = countsByStatus ? (countsByStatus[item.code] ?? 0) : null;
            return (
              <FilterChip
                key={item.code}
                isSelected={filters.status.includes(item.code)}
                onChange={(on) => setFilters({ status: toggle(filters.status, item.code, on) })}
                count={count}
                countLabel={count === null ? undefined : t('cases.filters.casesCount', { count })}
              >
                {item[lang]}
              </FilterChip>
            );
          })}
        </div>
        <div className="chip-group" role="group" aria-labelledby="filter-risk-label">
          <span id="filter-risk-label" className="chip-group-label">
            {t('cases.filters.risk')}
          </span>
          {[...VOCABULARIES.riskLevel.items].reverse().map((item) => (
            <FilterChip
              key={item.code}
              isSelected={filters.riskLevel.includes(item.code)}
              onChange={(on) => setFilters({ riskLevel: toggle(filters.riskLevel, item.code, on) })}
            >
              {item[lang]}
            </FilterChip>
          ))}
        </div>
      </div>
      <div className="filter-row filter-fields">
        <Select
          label={t('cases.filters.track')}
          options={[anyOption, ...tracks]}
          value={filters.track ?? ANY}
          onChange={(v) => setFilters({ track: v === ANY ? null : (v as VocabularyCode<'assistanceTrack'>) })}
        />
        <Select
          label={t('cases.filters.exploitationType')}
          options={[anyOption, ...exploitationTypes]}
          value={filters.exploitationType ?? ANY}
          onChange={(v) => setFilters({ exploitationType: v === ANY ? null : (v as VocabularyCode<'exploitationType'>) })}
        />
        <SearchableSelect
          className="filter-country"
          label={t('cases.filters.citizenship')}
          options={countries}
          value={filters.citizenship}
          onChange={(v) => setFilters({ citizenship: v as VocabularyCode<'country'> | null })}
          placeholder={t('cases.filters.anyCountry')}
          clearLabel={t('cases.filters.clearCitizenship')}
          emptyText={t('cases.filters.noCountry')}
        />
        <div className="filter-checks">
          <Checkbox isSelected={filters.assignedToMe} onChange={(on) => setFilters({ assignedToMe: on })}>
            {t('cases.filters.assignedToMe')}
          </Checkbox>
          <Checkbox isSelected={filters.followUpDue} onChange={(on) => setFilters({ followUpDue: on })}>
            {t('cases.filters.followUpDue')}
          </Checkbox>
        </div>
        {hasFilters(filters) ? (
          <Button variant="link" size="small" className="filter-clear" onPress={clearFilters}>
            {t('cases.filters.clear')}
          </Button>
        ) : null}
      </div>
    </section>
  );
});
