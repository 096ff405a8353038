import { defineVocabulary } from './define';

// The person's profile (DESIGN.md §4). All from HTCDS 2.0 except the one kebab-case addition.

/** HTCDS prs_Gender. */
export const gender = defineVocabulary('gender', [
  { code: 'Feminine', en: 'Feminine', es: 'Femenino' },
  { code: 'Masculine', en: 'Masculine', es: 'Masculino' },
  { code: 'TransgenderFeminine', en: 'Transgender feminine', es: 'Transgénero femenino' },
  { code: 'TransgenderMasculine', en: 'Transgender masculine', es: 'Transgénero masculino' },
  { code: 'NonConforming', en: 'Gender non-conforming', es: 'Género no conforme' },
  { code: 'NonSpecifiedUnknown', en: 'Not specified / unknown', es: 'No especificado / desconocido' },
] as const);

/** HTCDS prs_HighestLevelOfEducation (ISCED 2011 levels), plus Amparo's `no-formal-education`. */
export const education = defineVocabulary('education', [
  { code: 'no-formal-education', en: 'No formal education', es: 'Sin educación formal' },
  { code: 'EarlyChildhoodEducation', en: 'Early childhood education', es: 'Educación inicial (primera infancia)' },
  { code: 'PrimaryEducation', en: 'Primary education', es: 'Educación primaria' },
  { code: 'LowerSecondaryEducation', en: 'Lower secondary education', es: 'Educación secundaria baja' },
  { code: 'UpperSecondaryEducation', en: 'Upper secondary education', es: 'Educación secundaria alta' },
  { code: 'PostSecondaryNonTertiaryEducation', en: 'Post-secondary non-tertiary education', es: 'Educación postsecundaria no terciaria' },
  { code: 'ShortCycleTertiaryEducation', en: 'Short-cycle tertiary education', es: 'Educación terciaria de ciclo corto (técnica superior)' },
  { code: 'BachelorsOrEquivalentLevel', en: 'Bachelor’s degree or equivalent', es: 'Licenciatura o equivalente' },
  { code: 'MastersOrEquivalentLevel', en: 'Master’s degree or equivalent', es: 'Maestría o equivalente' },
  { code: 'DoctoralOrEquivalentLevel', en: 'Doctorate or equivalent', es: 'Doctorado o equivalente' },
] as const);

/** HTCDS prs_MaritalStatus. */
export const maritalStatus = defineVocabulary('maritalStatus', [
  { code: 'Single', en: 'Single', es: 'Soltero/a' },
  { code: 'Married', en: 'Married', es: 'Casado/a' },
  { code: 'RegisteredPartnership', en: 'Registered partnership', es: 'Unión civil o de hecho registrada' },
  { code: 'Separated', en: 'Separated', es: 'Separado/a' },
  { code: 'Divorced', en: 'Divorced', es: 'Divorciado/a' },
  { code: 'Widowed', en: 'Widowed', es: 'Viudo/a' },
] as const);

/** HTCDS vic_TraffickingStatus. */
export const traffickingStatus = defineVocabulary('traffickingStatus', [
  { code: 'PossibleVictimOfTrafficking', en: 'Possible victim of trafficking', es: 'Posible víctima de trata' },
  { code: 'ActualVictimOfTrafficking', en: 'Confirmed victim of trafficking', es: 'Víctima de trata confirmada' },
  { code: 'NotAVictimOfTrafficking', en: 'Not a victim of trafficking', es: 'No es víctima de trata' },
] as const);

/** HTCDS vic_TraffickingStatusDecisionMakingOrg: who determined the trafficking status. */
export const determinedBy = defineVocabulary('determinedBy', [
  { code: 'NGO', en: 'NGO (including our organisation)', es: 'ONG (incluida nuestra organización)' },
  { code: 'Police', en: 'Police', es: 'Policía' },
  { code: 'CourtOrProsecution', en: 'Court or prosecution', es: 'Poder Judicial o Fiscalía' },
  { code: 'NonPoliceGovernmentalOrganization', en: 'Other government agency (not police)', es: 'Otra entidad del Estado (no policial)' },
  { code: 'Other', en: 'Other', es: 'Otro' },
] as const);
