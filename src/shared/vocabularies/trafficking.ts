import { defineVocabulary } from './define';
import type { CodeOf } from './define';

// The trafficking experience (DESIGN.md §4). All from HTCDS 2.0; kebab-case codes are Amparo's
// additions to an HTCDS list.

/** HTCDS vic_MethodOfRecruitment, plus Amparo's `employment-agency`. */
export const recruitmentMethod = defineVocabulary('recruitmentMethod', [
  { code: 'ThroughFamilyOrFamilyEvents', en: 'Through family or family events', es: 'A través de familiares o reuniones familiares' },
  { code: 'ThroughFriendsOrSocialEvents', en: 'Through friends or social events', es: 'A través de amistades o eventos sociales' },
  { code: 'ThroughOnlineSocialNetworks', en: 'Through online social networks', es: 'A través de redes sociales' },
  { code: 'ThroughAnOnlineAdvertisement', en: 'Through an online advertisement', es: 'A través de un anuncio en internet' },
  { code: 'ThroughATelevisionAdvert', en: 'Through a television advertisement', es: 'A través de un anuncio en televisión' },
  { code: 'ThroughANewspaperAdvert', en: 'Through a newspaper advertisement', es: 'A través de un anuncio en el periódico' },
  { code: 'employment-agency', en: 'Through an employment or recruitment agency', es: 'A través de una agencia de empleo o de reclutamiento' },
  { code: 'AtWork', en: 'At work', es: 'En el trabajo' },
  { code: 'AtAPlaceOfBusiness', en: 'At a place of business', es: 'En un comercio o negocio' },
  { code: 'AtAnEducationalInstitution', en: 'At a school or other educational institution', es: 'En una escuela u otra institución educativa' },
  { code: 'Other', en: 'Other', es: 'Otro' },
] as const);

/** HTCDS vic_RelationshipToTrafficker (`Unaquainted` is spelt as in HTCDS). */
export const recruiterRelationship = defineVocabulary('recruiterRelationship', [
  { code: 'Familial', en: 'Family member', es: 'Familiar' },
  { code: 'Acquainted', en: 'Someone they knew', es: 'Persona conocida' },
  { code: 'Unaquainted', en: 'Someone they did not know', es: 'Persona desconocida' },
] as const);

/**
 * HTCDS methods of control. The codes are the field names of the HTCDS definitions
 * (field-definitions.md, "Methods Of Control"), one checkbox field per method; the
 * vic_MethodsOfControl picklist of the field list spells some of them differently, see
 * METHOD_OF_CONTROL_PICKLIST_VALUE.
 */
export const methodOfControl = defineVocabulary('methodOfControl', [
  { code: 'MethodsOfControlDebtBondage', en: 'Debt bondage', es: 'Servidumbre por deudas' },
  { code: 'MethodsOfControlTakesEarnings', en: 'Took their earnings', es: 'Se quedaban con sus ingresos' },
  { code: 'MethodsOfControlRestrictsFinancialAccess', en: 'Restricted access to money', es: 'Restricción del acceso a su dinero' },
  { code: 'MethodsOfControlThreats', en: 'Threats', es: 'Amenazas' },
  { code: 'MethodsOfControlPsychologicalAbuse', en: 'Psychological abuse', es: 'Violencia psicológica' },
  { code: 'MethodsOfControlPhysicalAbuse', en: 'Physical abuse', es: 'Violencia física' },
  { code: 'MethodsOfControlSexualAbuse', en: 'Sexual abuse', es: 'Violencia sexual' },
  { code: 'MethodsOfControlFalsePromises', en: 'False promises or deception', es: 'Engaño o falsas promesas' },
  { code: 'MethodsOfControlPsychoactiveSubstances', en: 'Drugs or alcohol', es: 'Drogas o alcohol' },
  { code: 'MethodsOfControlRestrictsMovement', en: 'Restricted movement or isolation', es: 'Restricción de la libertad de movimiento o aislamiento' },
  { code: 'MethodsOfControlRestrictsMedicalCare', en: 'Restricted medical care', es: 'Restricción de la atención médica' },
  { code: 'MethodsOfControlExcessiveWorkingHours', en: 'Excessive working hours', es: 'Jornadas de trabajo excesivas' },
  { code: 'MethodsOfControlUsesChildren', en: 'Control through their children or family', es: 'Control a través de sus hijos, hijas o familia' },
  { code: 'MethodsOfControlThreatOfLawEnforcement', en: 'Threats of police or immigration action', es: 'Amenazas de denuncia ante la policía o migraciones' },
  { code: 'MethodsOfControlWithholdsNecessities', en: 'Withheld food, shelter or other necessities', es: 'Privación de alimentos, vivienda u otras necesidades básicas' },
  { code: 'MethodsOfControlWithholdsDocuments', en: 'Withheld identity or travel documents', es: 'Retención de documentos de identidad o de viaje' },
  { code: 'MethodsOfControlOther', en: 'Other', es: 'Otro' },
] as const);

/**
 * The value of the HTCDS vic_MethodsOfControl picklist (field-standards-2.0.csv) for each method,
 * for exports: the picklist has no value for restricted movement.
 */
export const METHOD_OF_CONTROL_PICKLIST_VALUE: Readonly<Record<CodeOf<typeof methodOfControl>, string | null>> = {
  MethodsOfControlDebtBondage: 'DebtBondage',
  MethodsOfControlTakesEarnings: 'TakesEarnings',
  MethodsOfControlRestrictsFinancialAccess: 'RestrictsFinancialAccess',
  MethodsOfControlThreats: 'PhysicalThreats',
  MethodsOfControlPsychologicalAbuse: 'PsychologicalAbuse',
  MethodsOfControlPhysicalAbuse: 'PhysicalAbuse',
  MethodsOfControlSexualAbuse: 'SexualAbuse',
  MethodsOfControlFalsePromises: 'FalsePromises',
  MethodsOfControlPsychoactiveSubstances: 'PsychoactiveSubstance',
  MethodsOfControlRestrictsMovement: null,
  MethodsOfControlRestrictsMedicalCare: 'RestrictsMedicalCare',
  MethodsOfControlExcessiveWorkingHours: 'ExcessiveWorkingHours',
  MethodsOfControlUsesChildren: 'ThreatensChildrenFamily',
  MethodsOfControlThreatOfLawEnforcement: 'ThreatsLawEnforcement',
  MethodsOfControlWithholdsNecessities: 'WithholdsNecessities',
  MethodsOfControlWithholdsDocuments: 'WithholdsDocuments',
  MethodsOfControlOther: 'Other',
};

/** HTCDS vic_TypeOfExploitation, plus Amparo's `forced-criminality`. */
export const exploitationType = defineVocabulary('exploitationType', [
  { code: 'SexualExploitation', en: 'Sexual exploitation', es: 'Explotación sexual' },
  { code: 'ForcedLabour', en: 'Forced labour', es: 'Trabajo forzoso' },
  { code: 'ChildLabour', en: 'Child labour', es: 'Trabajo infantil' },
  { code: 'Servitude', en: 'Servitude (including domestic servitude)', es: 'Servidumbre (incluida la servidumbre doméstica)' },
  { code: 'ForcedMarriage', en: 'Forced marriage', es: 'Matrimonio o unión forzada' },
  { code: 'forced-criminality', en: 'Forced criminality', es: 'Actividades delictivas forzadas' },
  { code: 'ForcedBegging', en: 'Forced begging', es: 'Mendicidad forzada' },
  { code: 'ForcedMilitaryByNonStateActors', en: 'Forced recruitment by non-state armed groups', es: 'Reclutamiento forzado por grupos armados no estatales' },
  { code: 'OrganRemoval', en: 'Organ removal', es: 'Extracción de órganos' },
  { code: 'ForcedAdoption', en: 'Forced adoption', es: 'Adopción forzada' },
  { code: 'Surrogacy', en: 'Forced surrogacy', es: 'Gestación subrogada forzada' },
  { code: 'Other', en: 'Other', es: 'Otro' },
] as const);

/** HTCDS vic_TypeOfSexExploitation, plus Amparo's `other`. */
export const sexualExploitationType = defineVocabulary('sexualExploitationType', [
  { code: 'Prostitution', en: 'Exploitation in prostitution', es: 'Explotación en la prostitución' },
  { code: 'Pornography', en: 'Pornography', es: 'Pornografía' },
  { code: 'RemoteInteractiveServices', en: 'Remote interactive services (webcam, online)', es: 'Servicios interactivos a distancia (cámara web, en línea)' },
  { code: 'PrivateSexualServices', en: 'Private sexual services', es: 'Servicios sexuales privados' },
  { code: 'other', en: 'Other', es: 'Otro' },
] as const);

/** HTCDS vic_ForcedLabourIndustry: the ISIC Rev. 4 sections (Tier 1), labels after ISIC / CIIU Rev. 4. */
export const forcedLabourIndustry = defineVocabulary('forcedLabourIndustry', [
  { code: 'A_AgricultureForestryAndFishing', en: 'Agriculture, forestry and fishing', es: 'Agricultura, ganadería, silvicultura y pesca' },
  { code: 'B_MiningAndQuarrying', en: 'Mining and quarrying', es: 'Explotación de minas y canteras' },
  { code: 'C_Manufacturing', en: 'Manufacturing', es: 'Industrias manufactureras' },
  { code: 'D_ElectricityGasSteamAndAirConditioningSupply', en: 'Electricity, gas, steam and air conditioning supply', es: 'Suministro de electricidad, gas, vapor y aire acondicionado' },
  { code: 'E_WaterSupplySewerageWasteManagement', en: 'Water supply, sewerage and waste management', es: 'Suministro de agua, alcantarillado y gestión de desechos' },
  { code: 'F_Construction', en: 'Construction', es: 'Construcción' },
  { code: 'G_WholesaleAndRetailTradeRepairOfMotorVehicles', en: 'Wholesale and retail trade; repair of motor vehicles', es: 'Comercio al por mayor y al por menor; reparación de vehículos' },
  { code: 'H_TransportationAndStorage', en: 'Transportation and storage', es: 'Transporte y almacenamiento' },
  { code: 'I_AccommodationAndFoodServiceActivities', en: 'Accommodation and food services', es: 'Alojamiento y servicio de comidas' },
  { code: 'J_InformationAndCommunication', en: 'Information and communication', es: 'Información y comunicaciones' },
  { code: 'K_FinancialAndInsuranceActivities', en: 'Financial and insurance activities', es: 'Actividades financieras y de seguros' },
  { code: 'L_RealEstateActivities', en: 'Real estate activities', es: 'Actividades inmobiliarias' },
  { code: 'M_ProfessionalScientificAndTechnicalActivities', en: 'Professional, scientific and technical activities', es: 'Actividades profesionales, científicas y técnicas' },
  { code: 'N_AdministrativeAndSupportServiceActivities', en: 'Administrative and support services (including cleaning)', es: 'Servicios administrativos y de apoyo (incluida la limpieza)' },
  { code: 'O_PublicAdministrationAndDefence', en: 'Public administration and defence', es: 'Administración pública y defensa' },
  { code: 'P_Education', en: 'Education', es: 'Enseñanza' },
  { code: 'Q_HumanHealthAndSocialWorkActivities', en: 'Human health and social work', es: 'Salud humana y asistencia social' },
  { code: 'R_ArtsEntertainmentAndRecreation', en: 'Arts, entertainment and recreation', es: 'Actividades artísticas, de entretenimiento y recreativas' },
  { code: 'S_OtherServiceActivities', en: 'Other service activities', es: 'Otras actividades de servicios' },
  { code: 'T_ActivitiesOfHouseholdsAsEmployers', en: 'Households as employers (domestic work)', es: 'Hogares como empleadores (trabajo doméstico)' },
  { code: 'U_ActivitiesOfExtraterritorialOrganizations', en: 'Extraterritorial organisations', es: 'Organizaciones y órganos extraterritoriales' },
] as const);

/** HTCDS per_RoleInProcess: the perpetrator's role(s). */
export const perpetratorRole = defineVocabulary('perpetratorRole', [
  { code: 'RecruiterOrIntermediary', en: 'Recruiter or intermediary', es: 'Captador/a o intermediario/a' },
  { code: 'BrokerTravelAgent', en: 'Broker or travel agent', es: 'Gestor/a o agente de viajes' },
  { code: 'TravellingPartner', en: 'Travel companion', es: 'Acompañante de viaje' },
  { code: 'Transporter', en: 'Transporter', es: 'Transportista' },
  { code: 'Smuggler', en: 'Smuggler', es: 'Traficante de migrantes' },
  { code: 'Kidnapper', en: 'Kidnapper', es: 'Secuestrador/a' },
  { code: 'TransferredIndividual', en: 'Transferred the person', es: 'Trasladó a la persona' },
  { code: 'HarbouredIndividual', en: 'Harboured the person', es: 'Acogió u ocultó a la persona' },
  { code: 'SoldIndividual', en: 'Sold the person', es: 'Vendió a la persona' },
  { code: 'BoughtIndividual', en: 'Bought the person', es: 'Compró a la persona' },
  { code: 'ReceivedIndividual', en: 'Received the person', es: 'Recibió a la persona' },
  { code: 'ControlledIndividual', en: 'Controlled the person', es: 'Controló a la persona' },
  { code: 'Exploiter', en: 'Exploiter', es: 'Explotador/a' },
  { code: 'Abuser', en: 'Abuser', es: 'Agresor/a' },
  { code: 'Other', en: 'Other', es: 'Otro' },
] as const);
