import { defineVocabulary } from './define';
import type { CodeOf } from './define';

// The case itself, referrals and follow-ups (DESIGN.md §4).

/**
 * The case status. DESIGN.md §4 and the case model use our kebab-case codes; each one maps
 * one-to-one onto an HTCDS cas_Status value, see CASE_STATUS_HTCDS_VALUE.
 */
export const caseStatus = defineVocabulary('caseStatus', [
  { code: 'open', en: 'Open', es: 'Abierto' },
  { code: 'follow-up', en: 'Follow-up', es: 'En seguimiento' },
  { code: 'closed', en: 'Closed', es: 'Cerrado' },
  { code: 'closed-referred', en: 'Closed (referred)', es: 'Cerrado (derivado)' },
] as const);

/** The HTCDS cas_Status value of each case status, for exports. */
export const CASE_STATUS_HTCDS_VALUE: Readonly<Record<CodeOf<typeof caseStatus>, string>> = {
  open: 'Active',
  'follow-up': 'FollowUp',
  closed: 'Closed',
  'closed-referred': 'ClosedReferred',
};

/** Ours: HTCDS has only a free-text cas_ReasonForCaseClosure. */
export const closureReason = defineVocabulary('closureReason', [
  { code: 'goals-achieved', en: 'Goals of the assistance plan achieved', es: 'Objetivos del plan de asistencia cumplidos' },
  { code: 'referred-elsewhere', en: 'Referred to another organisation', es: 'Derivado a otra organización' },
  { code: 'returned-home', en: 'Returned home and handed over to a local organisation', es: 'Retornó a su lugar de origen y el caso pasó a una organización local' },
  { code: 'relocated', en: 'Moved out of our area', es: 'Se trasladó fuera de nuestra zona de atención' },
  { code: 'lost-contact', en: 'Lost contact', es: 'Se perdió el contacto' },
  { code: 'declined-assistance', en: 'The person declined further assistance', es: 'La persona no desea continuar con la asistencia' },
  { code: 'consent-withdrawn', en: 'Consent withdrawn', es: 'Retiro del consentimiento' },
  { code: 'not-a-victim', en: 'Not a victim of trafficking', es: 'No es víctima de trata' },
  { code: 'deceased', en: 'Deceased', es: 'Fallecimiento' },
  { code: 'duplicate-record', en: 'Duplicate or opened in error', es: 'Registro duplicado o abierto por error' },
  { code: 'other', en: 'Other', es: 'Otro' },
] as const);

/**
 * How the case reached us. HTCDS records the referring organisation (a lookup) and the reason for
 * the referral, not the source: the PascalCase codes are HTCDS org_Type values (the type of the
 * referring organisation); the kebab-case ones are ours.
 */
export const referralSource = defineVocabulary('referralSource', [
  { code: 'self', en: 'Self-referral', es: 'Por iniciativa propia' },
  { code: 'family-or-friends', en: 'Family or friends', es: 'Familiares o amistades' },
  { code: 'community-member', en: 'Community member', es: 'Persona de la comunidad' },
  { code: 'hotline', en: 'Hotline or helpline', es: 'Línea de ayuda' },
  { code: 'NGO', en: 'NGO', es: 'ONG' },
  { code: 'international-organisation', en: 'International organisation', es: 'Organismo internacional' },
  { code: 'LawEnforcement', en: 'Police or law enforcement', es: 'Policía o fuerzas del orden' },
  { code: 'prosecution-or-court', en: 'Prosecution or court', es: 'Fiscalía o Poder Judicial' },
  { code: 'labour-inspection', en: 'Labour inspection', es: 'Inspección del trabajo' },
  { code: 'ImmigrationService', en: 'Immigration service', es: 'Servicio de migraciones' },
  { code: 'embassy-or-consulate', en: 'Embassy or consulate', es: 'Embajada o consulado' },
  { code: 'HealthServiceOrganisation', en: 'Health service', es: 'Servicio de salud' },
  { code: 'CentralGovernmentOrganisation', en: 'Central government agency', es: 'Entidad del gobierno nacional' },
  { code: 'LocalGovernmentOrganisation', en: 'Local government', es: 'Gobierno local' },
  { code: 'LegalService', en: 'Legal service', es: 'Servicio legal' },
  { code: 'SchoolOrCollege', en: 'School or college', es: 'Escuela o centro de estudios' },
  { code: 'CorporateBusiness', en: 'Business or employer', es: 'Empresa o empleador' },
  { code: 'other', en: 'Other', es: 'Otro' },
] as const);

/**
 * The type of the organisation a case is referred to: HTCDS org_Type, codes exactly as the
 * standard spells them; the kebab-case ones are ours (HTCDS has no international organisations).
 */
export const organisationType = defineVocabulary('organisationType', [
  { code: 'NGO', en: 'NGO', es: 'ONG' },
  { code: 'LawEnforcement', en: 'Police or law enforcement', es: 'Policía o fuerzas del orden' },
  { code: 'HealthServiceOrganisation', en: 'Health service', es: 'Servicio de salud' },
  { code: 'CentralGovernmentOrganisation', en: 'Central government agency', es: 'Entidad del gobierno nacional' },
  { code: 'LocalGovernmentOrganisation', en: 'Local government', es: 'Gobierno local' },
  { code: 'ImmigrationService', en: 'Immigration service', es: 'Servicio de migraciones' },
  { code: 'LegalService', en: 'Legal service', es: 'Servicio legal' },
  { code: 'CorporateBusiness', en: 'Business or employer', es: 'Empresa o empleador' },
  { code: 'SchoolOrCollege', en: 'School or college', es: 'Escuela o centro de estudios' },
  { code: 'international-organisation', en: 'International organisation', es: 'Organismo internacional' },
  { code: 'other', en: 'Other', es: 'Otro' },
] as const);

/** Ours. */
export const referralStatus = defineVocabulary('referralStatus', [
  { code: 'pending', en: 'Pending', es: 'Pendiente' },
  { code: 'accepted', en: 'Accepted', es: 'Aceptada' },
  { code: 'rejected', en: 'Rejected', es: 'Rechazada' },
  { code: 'completed', en: 'Completed', es: 'Completada' },
  { code: 'revoked', en: 'Revoked', es: 'Revocada' },
] as const);

/** Ours. */
export const followUpType = defineVocabulary('followUpType', [
  { code: 'phone-call', en: 'Phone call', es: 'Llamada telefónica' },
  { code: 'message', en: 'Message', es: 'Mensaje' },
  { code: 'home-visit', en: 'Home visit', es: 'Visita domiciliaria' },
  { code: 'office-visit', en: 'Office visit', es: 'Visita a la oficina' },
  { code: 'review', en: 'Case review', es: 'Revisión del caso' },
  { code: 'court-date', en: 'Court date or hearing', es: 'Audiencia o diligencia judicial' },
  { code: 'medical-appointment', en: 'Medical appointment', es: 'Cita médica' },
  { code: 'other', en: 'Other', es: 'Otro' },
] as const);
