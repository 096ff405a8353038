import { defineVocabulary } from './define';

// Legal situation (DESIGN.md §4). Ours: HTCDS 2.0 has no legal fields.

/** Ours. */
export const residenceStatus = defineVocabulary('residenceStatus', [
  { code: 'reflection-period', en: 'Recovery and reflection period', es: 'Período de recuperación y reflexión' },
  { code: 'temporary-permit', en: 'Temporary residence permit', es: 'Permiso de residencia temporal' },
  { code: 'permanent-permit', en: 'Permanent residence', es: 'Residencia permanente' },
  { code: 'asylum-applicant', en: 'Asylum applicant', es: 'Solicitante de refugio' },
  { code: 'refugee', en: 'Recognised refugee', es: 'Refugiado/a reconocido/a' },
  { code: 'citizen', en: 'Citizen', es: 'Nacional' },
  { code: 'irregular', en: 'Irregular migration status', es: 'Situación migratoria irregular' },
  { code: 'other', en: 'Other', es: 'Otro' },
] as const);

/** Ours: the person's role in criminal proceedings. */
export const legalRole = defineVocabulary('legalRole', [
  { code: 'victim-witness', en: 'Victim and witness', es: 'Víctima y testigo' },
  { code: 'complainant', en: 'Complainant', es: 'Denunciante' },
  { code: 'civil-party', en: 'Civil party', es: 'Actor/a civil' },
  { code: 'witness', en: 'Witness', es: 'Testigo' },
  { code: 'defendant', en: 'Defendant', es: 'Imputado/a' },
  { code: 'none', en: 'No role in proceedings', es: 'Sin participación en el proceso' },
] as const);
