import { serviceTypesOf, type AssistanceTrack, type VocabularyCode } from '../../../shared/vocabularies';
import type { CaseDraft, DraftRecord } from './batch';

/**
 * Synthetic case files for demos, tests and the benchmark (`amparo-cli seed`). Deterministic:
 * case `index` of seed `seed`, generated on day `today`, is always the same file, whatever the
 * batch it is written in. Nobody in here is a real person: names are drawn from common given and
 * family names, notes are composed from fragments.
 */

/** Bumped whenever the generator changes what it makes (the benchmark's cached vaults depend on it). */
export const SYNTHETIC_VERSION = 2;

/** mulberry32: a small, fast 32-bit PRNG; plenty for synthetic data, useless for anything secret. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One independent stream per (seed, case): a 32-bit mix of both (murmur3's finaliser). */
function caseSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

class Rng {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    return table[table.length - 1]![0];
  }
  /** `n` distinct values drawn by weight. */
  some<T>(table: readonly (readonly [T, number])[], n: number): T[] {
    const left = [...table];
    const out: T[] = [];
    while (out.length < n && left.length) {
      const value = this.weighted(left);
      out.push(value);
      left.splice(
        left.findIndex(([v]) => v === value),
        1,
      );
    }
    return out;
  }
}

type Country = VocabularyCode<'country'>;
type Language = VocabularyCode<'language'>;

// Where the people an NGO in Peru assists come from (weights, not statistics).
const CITIZENSHIP: readonly (readonly [Country, number])[] = [
  ['VE', 25], ['PE', 20], ['CO', 10], ['BO', 8], ['EC', 6], ['PY', 3], ['HT', 3], ['DO', 3], ['CU', 2], ['HN', 2],
  ['GT', 2], ['SV', 1], ['NI', 1], ['MX', 1], ['BR', 2], ['AR', 1], ['CN', 2], ['PH', 1], ['NG', 1], ['UA', 1],
];
const LANGUAGES: Partial<Record<Country, readonly Language[]>> = {
  PE: ['es', 'qu'], BO: ['es', 'ay'], PY: ['es', 'gn'], BR: ['pt'], HT: ['ht', 'fr'], CN: ['zh'], PH: ['tl', 'en'], NG: ['en', 'yo'], UA: ['uk', 'ru'],
};
const SPANISH_SPEAKING = new Set<Country>(['VE', 'PE', 'CO', 'BO', 'EC', 'PY', 'DO', 'CU', 'HN', 'GT', 'SV', 'NI', 'MX', 'AR']);
const EXPLOITATION_COUNTRY: readonly (readonly [Country, number])[] = [['PE', 60], ['CL', 10], ['AR', 8], ['BR', 5], ['ES', 5], ['US', 5], ['EC', 4], ['BO', 3]];
const TRANSIT: readonly Country[] = ['EC', 'CO', 'BO', 'CL', 'PA', 'BR'];
const OFFICES: readonly (readonly [string, number])[] = [['Lima', 50], ['Cusco', 15], ['Tumbes', 15], ['Madre de Dios', 10], ['Arequipa', 10]];

const GIVEN_ES = ['María', 'Rosa', 'Ana', 'Lucía', 'Carmen', 'Juana', 'Valentina', 'Camila', 'Yesenia', 'Milagros', 'Daniela', 'Gabriela', 'Sofía', 'Flor', 'Luz', 'Elena', 'Yaneth', 'Karina', 'José', 'Luis', 'Carlos', 'Jorge', 'Miguel', 'Juan', 'Wilmer', 'Edwin', 'Andrés', 'Diego'];
const FAMILY_ES = ['Quispe', 'Mamani', 'Flores', 'García', 'Rodríguez', 'Huamán', 'Pérez', 'Gómez', 'Torres', 'Vargas', 'Rojas', 'Sánchez', 'Díaz', 'Ramírez', 'Castillo', 'Chávez', 'Mendoza', 'Gutiérrez', 'Condori', 'Morales', 'Herrera', 'Medina', 'Aguilar', 'Paredes'];
const GIVEN_EN = ['Grace', 'Mary', 'Joy', 'Blessing', 'Sarah', 'Emily', 'Hannah', 'Faith', 'Esther', 'Ruth', 'Anna', 'Julia', 'John', 'Peter', 'James', 'David', 'Samuel', 'Daniel', 'Michael', 'Paul'];
const FAMILY_EN = ['Smith', 'Johnson', 'Okafor', 'Williams', 'Brown', 'Taylor', 'Adeyemi', 'Santos', 'Reyes', 'Cruz', 'Walker', 'Evans', 'Moore', 'Clarke', 'Wright', 'Hughes', 'Baptiste', 'Joseph'];

const GENDER: readonly (readonly [VocabularyCode<'gender'>, number])[] = [
  ['Feminine', 60], ['Masculine', 33], ['TransgenderFeminine', 2], ['TransgenderMasculine', 1], ['NonConforming', 1], ['NonSpecifiedUnknown', 3],
];
const EXPLOITATION: readonly (readonly [VocabularyCode<'exploitationType'>, number])[] = [
  ['ForcedLabour', 40], ['SexualExploitation', 38], ['Servitude', 8], ['forced-criminality', 4], ['ForcedBegging', 3], ['ForcedMarriage', 3], ['ChildLabour', 3], ['Other', 1],
];
const INDUSTRY: readonly (readonly [VocabularyCode<'forcedLabourIndustry'>, number])[] = [
  ['B_MiningAndQuarrying', 25], ['A_AgricultureForestryAndFishing', 25], ['T_ActivitiesOfHouseholdsAsEmployers', 15], ['I_AccommodationAndFoodServiceActivities', 12],
  ['F_Construction', 8], ['C_Manufacturing', 6], ['G_WholesaleAndRetailTradeRepairOfMotorVehicles', 5], ['H_TransportationAndStorage', 4],
];
const SEX_TYPE: readonly (readonly [VocabularyCode<'sexualExploitationType'>, number])[] = [['Prostitution', 70], ['PrivateSexualServices', 15], ['RemoteInteractiveServices', 10], ['Pornography', 5]];
const CONTROL: readonly (readonly [VocabularyCode<'methodOfControl'>, number])[] = [
  ['MethodsOfControlFalsePromises', 30], ['MethodsOfControlDebtBondage', 25], ['MethodsOfControlTakesEarnings', 22], ['MethodsOfControlThreats', 20],
  ['MethodsOfControlPsychologicalAbuse', 18], ['MethodsOfControlWithholdsDocuments', 16], ['MethodsOfControlRestrictsMovement', 15], ['MethodsOfControlExcessiveWorkingHours', 14],
  ['MethodsOfControlPhysicalAbuse', 10], ['MethodsOfControlRestrictsFinancialAccess', 8], ['MethodsOfControlThreatOfLawEnforcement', 7], ['MethodsOfControlSexualAbuse', 6],
  ['MethodsOfControlWithholdsNecessities', 5], ['MethodsOfControlPsychoactiveSubstances', 4], ['MethodsOfControlRestrictsMedicalCare', 3], ['MethodsOfControlUsesChildren', 3], ['MethodsOfControlOther', 1],
];
const RECRUITMENT: readonly (readonly [VocabularyCode<'recruitmentMethod'>, number])[] = [
  ['ThroughFriendsOrSocialEvents', 25], ['ThroughOnlineSocialNetworks', 22], ['ThroughFamilyOrFamilyEvents', 15], ['ThroughAnOnlineAdvertisement', 12], ['employment-agency', 10],
  ['AtWork', 6], ['ThroughANewspaperAdvert', 4], ['AtAPlaceOfBusiness', 3], ['AtAnEducationalInstitution', 2], ['Other', 1],
];
const ROLES: readonly (readonly [VocabularyCode<'perpetratorRole'>, number])[] = [
  ['RecruiterOrIntermediary', 40], ['Exploiter', 35], ['Transporter', 10], ['ControlledIndividual', 8], ['TravellingPartner', 4], ['BrokerTravelAgent', 3],
];
const REFERRAL_SOURCE: readonly (readonly [VocabularyCode<'referralSource'>, number])[] = [
  ['LawEnforcement', 25], ['NGO', 15], ['hotline', 12], ['self', 10], ['prosecution-or-court', 10], ['labour-inspection', 6], ['family-or-friends', 6],
  ['HealthServiceOrganisation', 4], ['embassy-or-consulate', 4], ['ImmigrationService', 4], ['community-member', 4],
];
const TRACKS: readonly (readonly [AssistanceTrack, number])[] = [
  ['shelter', 18], ['medical', 18], ['psychological', 18], ['legal', 15], ['reintegration', 12], ['return', 7], ['security', 7], ['other', 5],
];
const SERVICE_STATUS: readonly (readonly [VocabularyCode<'serviceStatus'>, number])[] = [['delivered', 50], ['in-progress', 20], ['planned', 15], ['declined', 8], ['cancelled', 7]];
const SERVICE_COUNT: readonly (readonly [number, number])[] = [[0, 10], [1, 15], [2, 18], [3, 17], [4, 13], [5, 10], [6, 8], [7, 5], [8, 4]];
const FOLLOW_UP_TYPE: readonly (readonly [VocabularyCode<'followUpType'>, number])[] = [
  ['phone-call', 35], ['office-visit', 15], ['home-visit', 12], ['review', 12], ['message', 10], ['medical-appointment', 8], ['court-date', 6], ['other', 2],
];
const CLOSURE: readonly (readonly [VocabularyCode<'closureReason'>, number])[] = [
  ['goals-achieved', 35], ['lost-contact', 15], ['returned-home', 12], ['declined-assistance', 10], ['relocated', 8], ['not-a-victim', 5], ['consent-withdrawn', 3], ['duplicate-record', 2], ['other', 3],
];
const ORGANISATIONS = ['Defensoría del Pueblo', 'CHS Alternativo', 'Capital Humano y Social', 'Centro de Emergencia Mujer', 'Legal Aid Lima', 'Casa de Acogida Santa Rosa', 'OIM Perú', 'Cáritas', 'Hospital Regional', 'Acnur', 'Ministerio de la Mujer'];
/** Their types (HTCDS org_Type), for referrals out; looked up, so the random sequence of a seed is unchanged. */
const ORGANISATION_TYPE: Readonly<Record<string, VocabularyCode<'organisationType'>>> = {
  'Defensoría del Pueblo': 'CentralGovernmentOrganisation',
  'CHS Alternativo': 'NGO',
  'Capital Humano y Social': 'NGO',
  'Centro de Emergencia Mujer': 'LocalGovernmentOrganisation',
  'Legal Aid Lima': 'LegalService',
  'Casa de Acogida Santa Rosa': 'NGO',
  'OIM Perú': 'international-organisation',
  Cáritas: 'NGO',
  'Hospital Regional': 'HealthServiceOrganisation',
  Acnur: 'international-organisation',
  'Ministerio de la Mujer': 'CentralGovernmentOrganisation',
};

// Notes, in Spanish and English, composed from fragments. `Quillabamba` is rare on purpose
// (about one note in ten thousand): the benchmark searches for a common and a rare word.
const NOTE_ES = {
  open: ['Se realizó entrevista de seguimiento', 'Llamada telefónica con la persona usuaria', 'Visita al albergue', 'Reunión con la fiscalía', 'Coordinación con el centro de salud', 'Acompañamiento a la audiencia', 'Entrevista inicial en la oficina', 'Visita domiciliaria'],
  middle: ['refiere sentirse más tranquila', 'se revisó el plan de seguridad', 'se acordó la derivación a asesoría legal', 'solicita apoyo para tramitar sus documentos', 'se coordinó la atención psicológica', 'informa que recibió amenazas por teléfono', 'se entregó un kit de higiene y alimentos', 'manifiesta interés en un curso de capacitación', 'pregunta por el estado de su denuncia'],
  end: ['Próxima cita en dos semanas.', 'Pendiente respuesta de la institución.', 'Se informó a la supervisora.', 'Se registra para seguimiento.', 'Sin novedades adicionales.'],
};
const NOTE_EN = {
  open: ['Follow-up interview held', 'Phone call with the client', 'Visit to the shelter', 'Meeting with the prosecutor', 'Coordination with the health centre', 'Accompanied to the hearing', 'First interview at the office', 'Home visit'],
  middle: ['reports feeling calmer', 'the safety plan was reviewed', 'referral to legal counselling was agreed', 'asks for help with identity documents', 'psychological support was arranged', 'reports threatening phone calls', 'received a hygiene and food kit', 'is interested in a training course', 'asks about the status of the complaint'],
  end: ['Next appointment in two weeks.', 'Waiting for the institution to reply.', 'Supervisor informed.', 'Noted for follow-up.', 'Nothing else to report.'],
};
const RISK_FACTORS: readonly (readonly [VocabularyCode<'riskFactorLevel'>, string])[] = [
  ['individual', 'Deuda pendiente con el reclutador'], ['individual', 'No cuenta con documentos de identidad'], ['individual', 'Sintomas de estres postraumatico'],
  ['household', 'Recruiter knows the family address'], ['household', 'Familia depende de sus ingresos'], ['community', 'Red de captación activa en la zona'],
  ['community', 'Exploiters still operate near the shelter'], ['structural', 'Situación migratoria irregular'], ['structural', 'Limited access to legal aid'],
];
const SAFETY_PLANS = ['Cambio de albergue y acompañamiento en traslados', 'Safe phone and a code word agreed with the caseworker', 'Medidas de protección solicitadas a la fiscalía', 'No contact with the recruiter; family informed'];

const DAY = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

function sentence(rng: Rng): string {
  const f = rng.chance(0.6) ? NOTE_ES : NOTE_EN;
  const place = rng.chance(0.0001) ? (f === NOTE_ES ? ' en Quillabamba' : ' in Quillabamba') : '';
  return `${rng.pick(f.open)}${place}; ${rng.pick(f.middle)}. ${rng.pick(f.end)}`;
}

/** Case `index` of seed `seed`, opened within the four years before `today` (YYYY-MM-DD). */
export function syntheticCase(seed: number, index: number, today: string): CaseDraft {
  const rng = new Rng(mulberry32(caseSeed(seed, index)));
  const age = rng.int(0, 3) === 0 ? rng.int(0, 1460) : rng.int(0, 365); // recent cases are more numerous
  const openedOn = addDays(today, -age);
  const citizenship = rng.weighted(CITIZENSHIP);
  const spanish = SPANISH_SPEAKING.has(citizenship);
  const gender = rng.weighted(GENDER);
  const years = 12 + Math.floor(48 * rng.next() ** 2); // 12–60, skewed young
  const languages = [...(LANGUAGES[citizenship] ?? ['es'])].slice(0, rng.chance(0.7) ? 1 : 2);
  if (!spanish && rng.chance(0.3) && !languages.includes('es')) languages.push('es');

  const status: CaseDraft['status'] = age < 60 ? 'open' : rng.weighted([['open', 45], ['follow-up', 20], ['closed', 30], ['closed-referred', 5]] as const);
  const closed = status === 'closed' || status === 'closed-referred';
  const closedOn = closed ? addDays(openedOn, rng.int(30, Math.max(30, age - 1))) : null;
  const lastDay = closedOn ?? today;
  const span = Math.max(1, daysBetween(openedOn, lastDay));
  const within = () => addDays(openedOn, rng.int(0, span));

  const identity = {
    givenNames: spanish ? rng.pick(GIVEN_ES) : rng.pick(GIVEN_EN),
    familyNames: spanish ? `${rng.pick(FAMILY_ES)} ${rng.pick(FAMILY_ES)}` : rng.pick(FAMILY_EN),
    aliases: rng.chance(0.05) ? [rng.pick(GIVEN_ES)] : [],
    estimatedAge: years,
    contacts: rng.chance(0.5) ? [{ kind: 'phone' as const, value: `+51 9${String(rng.int(10_000_000, 99_999_999))}` }] : [],
    shelter: rng.chance(0.4) ? rng.pick(['Casa de Acogida Santa Rosa', 'Albergue Esperanza', 'Hogar Refugio']) : '',
  };

  const exploitation = rng.some(EXPLOITATION, rng.chance(0.15) ? 2 : 1);
  const profile = {
    gender,
    ageAtIdentification: years,
    citizenship: [citizenship],
    languages,
    education: rng.weighted([['PrimaryEducation', 30], ['LowerSecondaryEducation', 30], ['UpperSecondaryEducation', 25], ['no-formal-education', 8], ['ShortCycleTertiaryEducation', 5], ['BachelorsOrEquivalentLevel', 2]] as const),
    maritalStatus: years < 18 ? 'Single' : rng.weighted([['Single', 60], ['Married', 12], ['RegisteredPartnership', 15], ['Separated', 10], ['Widowed', 3]] as const),
    children: years < 16 ? 0 : rng.weighted([[0, 45], [1, 25], [2, 18], [3, 12]] as const),
    traffickingStatus: rng.weighted([['PossibleVictimOfTrafficking', 45], ['ActualVictimOfTrafficking', 50], ['NotAVictimOfTrafficking', 5]] as const),
    statusDeterminedBy: rng.weighted([['NGO', 40], ['Police', 30], ['CourtOrProsecution', 20], ['NonPoliceGovernmentalOrganization', 10]] as const),
    identifiedOn: addDays(openedOn, -rng.int(0, 10)),
    referralSource: rng.weighted(REFERRAL_SOURCE),
  };
  const started = addDays(openedOn, -rng.int(30, 900));
  const experience = {
    recruitmentMethods: rng.some(RECRUITMENT, rng.int(1, 2)),
    recruiterRelationship: rng.weighted([['Acquainted', 50], ['Unaquainted', 35], ['Familial', 15]] as const),
    methodsOfControl: rng.some(CONTROL, rng.int(1, 5)),
    exploitationTypes: exploitation,
    forcedLabourIndustries: exploitation.includes('ForcedLabour') ? [rng.weighted(INDUSTRY)] : [],
    sexualExploitationTypes: exploitation.includes('SexualExploitation') ? [rng.weighted(SEX_TYPE)] : [],
    countriesOfRecruitment: [citizenship],
    countriesOfTransit: citizenship !== 'PE' && rng.chance(0.4) ? [rng.pick(TRANSIT)] : [],
    countriesOfExploitation: [rng.weighted(EXPLOITATION_COUNTRY)],
    exploitationStartedOn: started,
    exploitationEndedOn: addDays(openedOn, -rng.int(0, 20)),
    perpetratorRoles: rng.some(ROLES, rng.int(1, 2)),
    notes: rng.chance(0.3) ? sentence(rng) : '',
  };
  const sections: CaseDraft['sections'] = { profile, experience };
  if (rng.chance(0.3)) {
    sections.plan = {
      objectives: [
        { track: 'psychological', objective: rng.chance(0.5) ? 'Recuperación emocional' : 'Emotional recovery', actions: 'Sesiones semanales', plannedEndOn: addDays(openedOn, 180) },
        { track: 'reintegration', objective: rng.chance(0.5) ? 'Autonomía económica' : 'Economic independence', actions: 'Capacitación técnica y búsqueda de empleo', plannedEndOn: addDays(openedOn, 365) },
      ],
    };
  }
  if (rng.chance(0.25)) {
    sections.legal = { residenceStatus: citizenship === 'PE' ? 'citizen' : rng.pick(['reflection-period', 'temporary-permit', 'asylum-applicant', 'irregular'] as const), proceedingsRole: rng.pick(['victim-witness', 'complainant', 'none'] as const), notes: rng.chance(0.5) ? 'Denuncia presentada ante la fiscalía especializada' : '' };
  }
  if (rng.chance(0.15)) sections.reintegration = { dimensions: rng.some([['economic', 1], ['social', 1], ['psychosocial', 1]] as const, rng.int(1, 3)), activities: ['vocational-training'], sustainability: '' };
  if (citizenship !== 'PE' && rng.chance(0.1)) sections.return = { destinationCountry: citizenship, escort: rng.chance(0.5), receivingOrganisation: rng.pick(ORGANISATIONS) };
  if (closed) {
    sections.closure = { reason: status === 'closed-referred' ? 'referred-elsewhere' : rng.weighted(CLOSURE), closedOn, notes: '' };
  }

  const records: DraftRecord[] = [];
  const minor = years < 18;
  const method = minor ? 'guardian' : rng.weighted([['written', 70], ['verbal-witnessed', 25], ['verbal-recorded', 5]] as const);
  records.push({ kind: 'consent', data: { purpose: 'assistance', givenBy: minor ? 'guardian' : 'the person', givenOn: openedOn, method, formVersion: 'v2' } });
  if (rng.chance(0.7)) records.push({ kind: 'consent', data: { purpose: 'anonymous-statistics', givenBy: 'the person', givenOn: openedOn, method } });
  let sharing: { index: number; organisation: string } | null = null;
  if (rng.chance(0.3)) {
    const organisation = rng.pick(ORGANISATIONS);
    sharing = { index: records.length, organisation };
    records.push({ kind: 'consent', data: { purpose: 'sharing', organisation, givenBy: 'the person', givenOn: within(), method, withdrawnOn: null } });
  }

  const risks = rng.chance(0.35) ? 2 : 1;
  for (let i = 0; i < risks; i++) {
    const level = rng.weighted([['low', 40], ['medium', 40], ['high', 20]] as const);
    const assessedOn = i === 0 ? openedOn : within();
    records.push({
      kind: 'risk',
      data: {
        assessedOn,
        level,
        factors: rng.some(RISK_FACTORS.map((f) => [f, 1] as const), rng.int(0, 3)).map(([lvl, description]) => ({ level: lvl, description })),
        urgentProtection: level === 'high' && rng.chance(0.5),
        safetyPlan: level === 'low' ? '' : rng.pick(SAFETY_PLANS),
        nextReviewOn: addDays(assessedOn, level === 'high' ? 30 : 90),
      },
    });
  }

  const services = rng.weighted(SERVICE_COUNT);
  for (let i = 0; i < services; i++) {
    const track = rng.weighted(TRACKS);
    let serviceStatus = rng.weighted(SERVICE_STATUS);
    if (closed && (serviceStatus === 'planned' || serviceStatus === 'in-progress')) serviceStatus = 'delivered';
    const external = rng.chance(0.3);
    const startedOn = serviceStatus === 'planned' ? null : within();
    records.push({
      kind: 'service',
      data: {
        track,
        serviceType: rng.pick(serviceTypesOf(track)).code,
        provider: external ? 'external' : 'internal',
        providerName: external ? rng.pick(ORGANISATIONS) : '',
        status: serviceStatus,
        startedOn,
        endedOn: serviceStatus === 'delivered' && startedOn ? addDays(startedOn, rng.int(0, 60)) : null,
        cost: rng.chance(0.25) ? rng.int(20, 2000) : null,
        currency: null,
        notes: rng.chance(0.2) ? sentence(rng) : '',
      },
    });
  }
  // Currency goes with a cost.
  for (const r of records) if (r.kind === 'service' && r.data.cost !== null) r.data.currency = 'PEN';

  const notes = rng.int(1, 5);
  for (let i = 0; i < notes; i++) records.push({ kind: 'note', data: { writtenOn: within(), body: rng.int(0, 2) === 0 ? `${sentence(rng)} ${sentence(rng)}` : sentence(rng) } });

  const followUps = rng.weighted([[0, 15], [1, 30], [2, 30], [3, 15], [4, 10]] as const);
  for (let i = 0; i < followUps; i++) {
    const type = rng.weighted(FOLLOW_UP_TYPE);
    if (closed) {
      const doneOn = within();
      records.push({ kind: 'followUp', data: { dueOn: doneOn, type, doneOn, outcome: rng.chance(0.5) ? sentence(rng) : '' } });
      continue;
    }
    const when = rng.weighted([['done', 40], ['overdue', 15], ['today', 10], ['future', 35]] as const);
    if (when === 'done') {
      const doneOn = within();
      records.push({ kind: 'followUp', data: { dueOn: doneOn, type, doneOn, outcome: rng.chance(0.5) ? sentence(rng) : '' } });
    } else {
      const dueOn = when === 'today' ? today : when === 'overdue' ? addDays(today, -rng.int(1, 30)) : addDays(today, rng.int(1, 60));
      records.push({ kind: 'followUp', data: { dueOn, type, doneOn: null, outcome: '' } });
    }
  }

  if (profile.referralSource === 'NGO' && rng.chance(0.5)) {
    records.push({ kind: 'referral', data: { direction: 'in', organisation: rng.pick(ORGANISATIONS), referredOn: openedOn, status: 'accepted', reason: '' } });
  }
  if (sharing && rng.chance(0.6)) {
    records.push({
      kind: 'referral',
      consentIndex: sharing.index,
      data: {
        direction: 'out',
        organisation: sharing.organisation,
        organisationType: ORGANISATION_TYPE[sharing.organisation] ?? null,
        servicesRequested: [rng.pick(serviceTypesOf(rng.weighted(TRACKS))).code],
        referredOn: within(),
        status: rng.weighted([['pending', 20], ['accepted', 40], ['completed', 30], ['rejected', 10]] as const),
        reason: rng.chance(0.5) ? 'Requiere asistencia especializada' : 'Needs specialised assistance',
      },
    });
  }
  if (rng.chance(0.1)) records.push({ kind: 'clinical', data: { discipline: rng.pick(['medical', 'psychological'] as const), type: 'screening', occurredOn: within(), provider: '', notes: '' } });

  return { office: rng.weighted(OFFICES), openedOn, status, identity, sections, records };
}
