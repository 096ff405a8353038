import { VOCABULARIES as V, type Vocabulary, type VocabularyLang } from './vocabularies';
import { STATS_VALUE, type DashboardTableId, type StatsDimension, type StatsRules } from './statistics';

/**
 * Words for statistics, in English and Spanish: dimension names, the values that are not codes
 * of a vocabulary, the dashboard's titles and the rules. Shared by the screens and the PDF and
 * XLSX reports (the main process cannot read the renderer's i18n files).
 */

export const DIMENSION_LABELS: Record<VocabularyLang, Record<StatsDimension, string>> = {
  en: {
    year: 'Year of identification',
    citizenship: 'Citizenship',
    country_of_exploitation: 'Country of exploitation',
    gender: 'Gender',
    age_band: 'Age band',
    minor: 'Minor or adult',
    exploitation_type: 'Type of exploitation',
    means_of_control: 'Means of control',
    labour_industry: 'Forced-labour industry',
    trafficking_status: 'Trafficking status',
    case_status: 'Case status',
    assistance_track: 'Assistance track',
    service_type: 'Service delivered',
    returned: 'Returned',
    referral_org_type: 'Referrals out, by organisation type',
    closure_reason: 'Closure reason',
  },
  es: {
    year: 'Año de identificación',
    citizenship: 'Nacionalidad',
    country_of_exploitation: 'País de explotación',
    gender: 'Género',
    age_band: 'Rango de edad',
    minor: 'Menor o adulto',
    exploitation_type: 'Tipo de explotación',
    means_of_control: 'Medios de control',
    labour_industry: 'Sector del trabajo forzoso',
    trafficking_status: 'Condición de trata',
    case_status: 'Estado del caso',
    assistance_track: 'Línea de asistencia',
    service_type: 'Servicio prestado',
    returned: 'Retorno',
    referral_org_type: 'Derivaciones, por tipo de organización',
    closure_reason: 'Motivo de cierre',
  },
};

const SPECIAL: Record<VocabularyLang, Record<string, string>> = {
  en: { [STATS_VALUE.total]: 'Total', [STATS_VALUE.unknown]: 'Unknown', [STATS_VALUE.none]: 'None', yes: 'Yes', no: 'No', minor: 'Minor', adult: 'Adult' },
  es: { [STATS_VALUE.total]: 'Total', [STATS_VALUE.unknown]: 'Desconocido', [STATS_VALUE.none]: 'Ninguno', yes: 'Sí', no: 'No', minor: 'Menor', adult: 'Adulto' },
};

const VOCABULARY_OF: Partial<Record<StatsDimension, Vocabulary>> = {
  citizenship: V.country,
  country_of_exploitation: V.country,
  gender: V.gender,
  exploitation_type: V.exploitationType,
  means_of_control: V.methodOfControl,
  labour_industry: V.forcedLabourIndustry,
  trafficking_status: V.traffickingStatus,
  case_status: V.caseStatus,
  assistance_track: V.assistanceTrack,
  service_type: V.serviceType,
  closure_reason: V.closureReason,
  referral_org_type: V.organisationType,
};

/** A value of a dimension in words (a code not in its vocabulary is shown as it is). */
export function valueLabel(dimension: StatsDimension, value: string, lang: VocabularyLang): string {
  const special = SPECIAL[lang][value];
  if (special !== undefined) return special;
  const vocabulary = VOCABULARY_OF[dimension];
  return vocabulary ? vocabulary.label(value, lang) : value;
}

export const DASHBOARD_TITLES: Record<VocabularyLang, Record<DashboardTableId, string>> = {
  en: {
    cases_per_year: 'Cases per year of identification',
    exploitation: 'Types of exploitation',
    citizenship: 'Citizenship',
    age_gender: 'Age bands by gender',
    assistance: 'Assistance delivered, by track',
    returns: 'Returns and reintegration (closure reason)',
    referrals: 'Referrals to other organisations',
  },
  es: {
    cases_per_year: 'Casos por año de identificación',
    exploitation: 'Tipos de explotación',
    citizenship: 'Nacionalidad',
    age_gender: 'Rangos de edad por género',
    assistance: 'Asistencia prestada, por línea',
    returns: 'Retornos y reintegración (motivo de cierre)',
    referrals: 'Derivaciones a otras organizaciones',
  },
};

/** The rules of a result as label/value lines (the PDF report and the XLSX "Rules" sheet). */
export function rulesLines(rules: StatsRules, lang: VocabularyLang): [string, string][] {
  const es = lang === 'es';
  const any = es ? 'cualquiera' : 'any';
  return [
    [es ? 'Umbral (recuentos menores se ocultan)' : 'Threshold (smaller counts are suppressed)', String(rules.threshold)],
    [es ? 'Base de redondeo (hacia abajo)' : 'Rounding base (rounded down)', String(rules.roundingBase)],
    ['k', rules.k === null ? '—' : String(rules.k)],
    ['ε', rules.epsilon === null ? (es ? 'sin privacidad diferencial' : 'no differential privacy') : String(rules.epsilon)],
    [es ? 'Años' : 'Years', `${rules.fromYear ?? any} – ${rules.toYear ?? any}`],
    [es ? 'Casos considerados' : 'Cases considered', String(rules.casesConsidered)],
    [es ? 'Casos excluidos por consentimiento' : 'Cases excluded by consent', String(rules.casesExcludedByConsent)],
    [es ? 'Celdas ocultas (menores que el umbral)' : 'Cells suppressed (under the threshold)', String(rules.cellsSuppressed)],
    [es ? 'Celdas ocultas (complementarias, x)' : 'Cells suppressed (complementary, x)', String(rules.cellsSuppressedComplementary)],
  ];
}
