import { defineVocabulary } from './define';

// Consent (DESIGN.md §4). Ours: HTCDS 2.0 has a single con_Consent checkbox.

/** Ours: one consent record per purpose. */
export const consentPurpose = defineVocabulary('consentPurpose', [
  { code: 'assistance', en: 'Assistance', es: 'Asistencia' },
  { code: 'sharing', en: 'Sharing information with a named organisation', es: 'Compartir información con una organización determinada' },
  { code: 'referral', en: 'Referral', es: 'Derivación' },
  { code: 'return', en: 'Return', es: 'Retorno' },
  { code: 'medical', en: 'Medical care', es: 'Atención médica' },
  { code: 'legal-proceedings', en: 'Legal proceedings', es: 'Procesos judiciales' },
  { code: 'anonymous-statistics', en: 'Anonymous statistics', es: 'Estadísticas anónimas' },
] as const);

/** Ours. */
export const consentMethod = defineVocabulary('consentMethod', [
  { code: 'written', en: 'In writing (signed form)', es: 'Por escrito (formulario firmado)' },
  { code: 'verbal-witnessed', en: 'Verbal, with a witness', es: 'Verbal, ante un testigo' },
  { code: 'verbal-recorded', en: 'Verbal, recorded', es: 'Verbal, grabado' },
  { code: 'guardian', en: 'By a parent or guardian (for a child)', es: 'Por su madre, padre o tutor/a (menores de edad)' },
] as const);
