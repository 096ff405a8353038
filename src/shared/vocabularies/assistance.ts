import { defineVocabulary } from './define';
import type { CodeOf, VocabularyItem } from './define';

// Risk, assistance plans, services, reintegration and clinical records (DESIGN.md §4). Ours,
// except supportType (HTCDS spl_Type); riskFactorLevel follows the HTCDS 2.0 "Assessment and
// Planning" sections (individual, household, community), which have no codes.

/** Ours. */
export const riskLevel = defineVocabulary('riskLevel', [
  { code: 'low', en: 'Low', es: 'Bajo' },
  { code: 'medium', en: 'Medium', es: 'Medio' },
  { code: 'high', en: 'High', es: 'Alto' },
] as const);

/** Ours, after the HTCDS risk and vulnerability sections, plus `structural`. */
export const riskFactorLevel = defineVocabulary('riskFactorLevel', [
  { code: 'individual', en: 'Individual', es: 'Individual' },
  { code: 'household', en: 'Household', es: 'Hogar' },
  { code: 'community', en: 'Community', es: 'Comunidad' },
  { code: 'structural', en: 'Structural', es: 'Estructural' },
] as const);

/** Ours. */
export const assistanceTrack = defineVocabulary('assistanceTrack', [
  { code: 'shelter', en: 'Shelter', es: 'Alojamiento' },
  { code: 'return', en: 'Return', es: 'Retorno' },
  { code: 'reintegration', en: 'Reintegration', es: 'Reintegración' },
  { code: 'medical', en: 'Medical care', es: 'Atención médica' },
  { code: 'psychological', en: 'Psychological support', es: 'Atención psicológica' },
  { code: 'legal', en: 'Legal assistance', es: 'Asistencia legal' },
  { code: 'security', en: 'Safety and protection', es: 'Seguridad y protección' },
  { code: 'other', en: 'Other', es: 'Otro' },
] as const);

export type AssistanceTrack = CodeOf<typeof assistanceTrack>;

/** Ours. Each type's `group` is its assistance track; codes are unique across tracks. */
export const SERVICE_TYPE_ITEMS = [
  // shelter
  { group: 'shelter', code: 'emergency-shelter', en: 'Emergency shelter', es: 'Albergue de emergencia' },
  { group: 'shelter', code: 'long-term-shelter', en: 'Long-term shelter', es: 'Albergue de mediana o larga estancia' },
  { group: 'shelter', code: 'safe-house', en: 'Safe house', es: 'Casa de acogida segura' },
  { group: 'shelter', code: 'transitional-housing', en: 'Transitional housing', es: 'Vivienda transitoria' },
  { group: 'shelter', code: 'hotel-stay', en: 'Temporary stay in a hotel or hostel', es: 'Hospedaje temporal en hotel u hostal' },
  { group: 'shelter', code: 'rent-support', en: 'Rent support', es: 'Apoyo para el alquiler' },
  // return
  { group: 'return', code: 'return-counselling', en: 'Return counselling', es: 'Orientación sobre el retorno' },
  { group: 'return', code: 'pre-return-assessment', en: 'Pre-return assessment', es: 'Evaluación previa al retorno' },
  { group: 'return', code: 'family-tracing', en: 'Family tracing', es: 'Búsqueda de familiares' },
  { group: 'return', code: 'travel-documents', en: 'Travel documents', es: 'Documentos de viaje' },
  { group: 'return', code: 'travel-arrangements', en: 'Travel arrangements', es: 'Organización del viaje' },
  { group: 'return', code: 'escort', en: 'Escort during travel', es: 'Acompañamiento durante el viaje' },
  { group: 'return', code: 'transit-assistance', en: 'Assistance in transit', es: 'Asistencia en tránsito' },
  { group: 'return', code: 'reception-at-destination', en: 'Reception at destination', es: 'Recepción en el lugar de destino' },
  { group: 'return', code: 'onward-transport', en: 'Onward transport to the home community', es: 'Traslado hasta la comunidad de origen' },
  // reintegration
  { group: 'reintegration', code: 'vocational-training', en: 'Vocational training', es: 'Capacitación técnica' },
  { group: 'reintegration', code: 'job-placement', en: 'Job placement', es: 'Inserción laboral' },
  { group: 'reintegration', code: 'business-grant', en: 'Business grant', es: 'Capital semilla para emprendimiento' },
  { group: 'reintegration', code: 'financial-education', en: 'Financial education', es: 'Educación financiera' },
  { group: 'reintegration', code: 'housing', en: 'Housing', es: 'Vivienda' },
  { group: 'reintegration', code: 'education', en: 'Education', es: 'Educación' },
  { group: 'reintegration', code: 'life-skills', en: 'Life skills', es: 'Habilidades para la vida' },
  { group: 'reintegration', code: 'family-mediation', en: 'Family mediation', es: 'Mediación familiar' },
  { group: 'reintegration', code: 'peer-support', en: 'Peer support', es: 'Apoyo entre pares' },
  // medical
  { group: 'medical', code: 'health-screening', en: 'Health screening', es: 'Evaluación inicial de salud' },
  { group: 'medical', code: 'primary-care', en: 'Primary health care', es: 'Atención primaria de salud' },
  { group: 'medical', code: 'emergency-care', en: 'Emergency medical care', es: 'Atención médica de emergencia' },
  { group: 'medical', code: 'hospital-care', en: 'Hospital care', es: 'Hospitalización' },
  { group: 'medical', code: 'sexual-reproductive-health', en: 'Sexual and reproductive health', es: 'Salud sexual y reproductiva' },
  { group: 'medical', code: 'hiv-sti-care', en: 'HIV and STI testing and treatment', es: 'Pruebas y tratamiento de VIH e ITS' },
  { group: 'medical', code: 'dental-care', en: 'Dental care', es: 'Atención odontológica' },
  { group: 'medical', code: 'medication', en: 'Medication', es: 'Medicamentos' },
  { group: 'medical', code: 'substance-use-treatment', en: 'Treatment for substance use', es: 'Tratamiento por consumo de sustancias' },
  // psychological
  { group: 'psychological', code: 'psychological-first-aid', en: 'Psychological first aid', es: 'Primeros auxilios psicológicos' },
  { group: 'psychological', code: 'psychosocial-assessment', en: 'Psychosocial assessment', es: 'Evaluación psicosocial' },
  { group: 'psychological', code: 'individual-therapy', en: 'Individual counselling or therapy', es: 'Terapia o consejería individual' },
  { group: 'psychological', code: 'group-therapy', en: 'Group therapy', es: 'Terapia grupal' },
  { group: 'psychological', code: 'family-therapy', en: 'Family therapy', es: 'Terapia familiar' },
  { group: 'psychological', code: 'psychiatric-care', en: 'Psychiatric care', es: 'Atención psiquiátrica' },
  { group: 'psychological', code: 'therapeutic-activities', en: 'Recreational and therapeutic activities', es: 'Actividades recreativas y terapéuticas' },
  // legal
  { group: 'legal', code: 'legal-counselling', en: 'Legal information and counselling', es: 'Orientación legal' },
  { group: 'legal', code: 'legal-representation', en: 'Legal representation', es: 'Representación legal' },
  { group: 'legal', code: 'court-accompaniment', en: 'Accompaniment to interviews and hearings', es: 'Acompañamiento a diligencias y audiencias' },
  { group: 'legal', code: 'identity-documents', en: 'Identity documents', es: 'Documentos de identidad' },
  { group: 'legal', code: 'residence-permit', en: 'Residence permit application', es: 'Trámite de residencia' },
  { group: 'legal', code: 'asylum-application', en: 'Asylum application', es: 'Solicitud de refugio' },
  { group: 'legal', code: 'compensation-claim', en: 'Compensation claim', es: 'Solicitud de reparación' },
  { group: 'legal', code: 'labour-claim', en: 'Labour claim (unpaid wages)', es: 'Reclamo laboral (salarios adeudados)' },
  // security
  { group: 'security', code: 'security-risk-assessment', en: 'Security risk assessment', es: 'Evaluación de riesgos de seguridad' },
  { group: 'security', code: 'safety-planning', en: 'Safety planning', es: 'Plan de seguridad' },
  { group: 'security', code: 'protection-order', en: 'Protection order', es: 'Medidas de protección' },
  { group: 'security', code: 'police-protection', en: 'Police protection', es: 'Protección policial' },
  { group: 'security', code: 'witness-protection', en: 'Witness protection programme', es: 'Programa de protección de testigos' },
  { group: 'security', code: 'safe-relocation', en: 'Safe relocation', es: 'Reubicación segura' },
  { group: 'security', code: 'safe-phone', en: 'Safe phone', es: 'Teléfono seguro' },
  // other
  { group: 'other', code: 'basic-needs', en: 'Food, clothing and hygiene items', es: 'Alimentos, ropa y artículos de higiene' },
  { group: 'other', code: 'cash-assistance', en: 'Cash assistance', es: 'Apoyo económico' },
  { group: 'other', code: 'local-transport', en: 'Local transport', es: 'Transporte local' },
  { group: 'other', code: 'interpretation', en: 'Interpretation and translation', es: 'Interpretación y traducción' },
  { group: 'other', code: 'childcare', en: 'Childcare', es: 'Cuidado infantil' },
  { group: 'other', code: 'accompaniment', en: 'Accompaniment to appointments', es: 'Acompañamiento a citas y trámites' },
  { group: 'other', code: 'other-service', en: 'Other service', es: 'Otro servicio' },
] as const satisfies readonly (VocabularyItem & { group: AssistanceTrack })[];

export const serviceType = defineVocabulary('serviceType', SERVICE_TYPE_ITEMS);

/** The service types of one assistance track. */
export function serviceTypesOf(track: AssistanceTrack): readonly (typeof SERVICE_TYPE_ITEMS)[number][] {
  return SERVICE_TYPE_ITEMS.filter((item) => item.group === track);
}

/** Ours. */
export const serviceStatus = defineVocabulary('serviceStatus', [
  { code: 'planned', en: 'Planned', es: 'Planificado' },
  { code: 'in-progress', en: 'In progress', es: 'En curso' },
  { code: 'delivered', en: 'Delivered', es: 'Brindado' },
  { code: 'declined', en: 'Declined by the person', es: 'Rechazado por la persona' },
  { code: 'cancelled', en: 'Cancelled', es: 'Cancelado' },
] as const);

/** HTCDS spl_Type: the type of a support plan. */
export const supportType = defineVocabulary('supportType', [
  { code: 'Education', en: 'Education', es: 'Educación' },
  { code: 'Financial', en: 'Financial', es: 'Económico' },
  { code: 'Health', en: 'Health', es: 'Salud' },
  { code: 'LabourExploitationRehabilitation', en: 'Recovery from labour exploitation', es: 'Recuperación tras la explotación laboral' },
  { code: 'SexualExploitationRehabilitation', en: 'Recovery from sexual exploitation', es: 'Recuperación tras la explotación sexual' },
  { code: 'Legal', en: 'Legal', es: 'Legal' },
  { code: 'Livelihood', en: 'Livelihood', es: 'Medios de vida' },
  { code: 'RightsBasedTraining', en: 'Rights-based training', es: 'Formación en derechos' },
  { code: 'SocialCare', en: 'Social care', es: 'Atención social' },
] as const);

/** Ours. */
export const reintegrationDimension = defineVocabulary('reintegrationDimension', [
  { code: 'economic', en: 'Economic', es: 'Económica' },
  { code: 'social', en: 'Social', es: 'Social' },
  { code: 'psychosocial', en: 'Psychosocial', es: 'Psicosocial' },
] as const);

/** Ours: the kinds of medical and psychological records. */
export const clinicalRecordType = defineVocabulary('clinicalRecordType', [
  { code: 'screening', en: 'Screening', es: 'Evaluación inicial' },
  { code: 'treatment', en: 'Treatment', es: 'Tratamiento' },
  { code: 'session', en: 'Session', es: 'Sesión' },
  { code: 'referral', en: 'Referral', es: 'Derivación' },
] as const);
