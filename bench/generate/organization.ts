/**
 * The organisation of the synthetic country, as rows of the organization
 * subgraph's tables: 25 security regions each served by its regional
 * ambulance service, ~340 municipalities with boundaries and populations,
 * one working group per municipality with its chair, group leader,
 * administrative support and policy officer, a few plan tasks, and a
 * first-aid association per region that joined all its municipalities.
 */
import type { SyntheticCountry, SyntheticMunicipality, SyntheticRegion } from './country.ts';
import type { Row } from './bulk.ts';
import { personName } from './names.ts';
import { Random } from '../../common/random.ts';

/** Time zone and country of every synthetic municipality. */
export const TIME_ZONE = 'Europe/Amsterdam';
export const COUNTRY_CODE = 'NL';

/** The working group of one municipality and the subjects of its coordinators (tokens for them are minted with these). */
export interface SyntheticWorkingGroup {
  id: string;
  municipalityId: string;
  chairSubject: string;
  adminSupportSubject: string;
  policyOfficerSubject: string;
}

/** A first-aid association of one region, whose members get alerts in its app too. */
export interface SyntheticAssociation {
  id: string;
  regionId: string;
  name: string;
}

/** What the other parts of the data need to know about the organisation. */
export interface SyntheticOrganisation {
  country: SyntheticCountry;
  workingGroups: Map<string, SyntheticWorkingGroup>;
  /** By region id. */
  associations: Map<string, SyntheticAssociation>;
  /** Certificate grace period per region id (days; most regions 0). */
  graceDays: Map<string, number>;
  /** Region by id. */
  regions: Map<string, SyntheticRegion>;
}

/** Rows per table (`schema.table`), in an order that satisfies the foreign keys. */
export type TableRows = [table: string, rows: Row[]][];

const ROLES = [
  ['CHAIR', 'chair', 'Gemeente'],
  ['GROUP_LEADER', 'group-leader', 'Regionale Ambulancevoorziening'],
  ['ADMIN_SUPPORT', 'admin-support', 'Gemeente'],
  ['POLICY_OFFICER', 'policy-officer', 'Gemeente'],
] as const;

/** Subject of a coordinator of a municipality (`bench-GM0001-chair`), the same in the rows and in the benchmark's tokens. */
export function coordinatorSubject(municipality: Pick<SyntheticMunicipality, 'code'>, role: (typeof ROLES)[number][1]): string {
  return `bench-${municipality.code}-${role}`;
}

const PLAN_TASKS = [
  'Outdoor cabinet for the town hall AED, so it is reachable at night',
  'Refresher course for volunteers whose certificate lapses this spring',
  'Recruit volunteers in the industrial estate (daytime coverage)',
  'Ask sports clubs to register their AEDs',
];

/** Builds the organisation's rows and what the rest of the generator needs from it. */
export function generateOrganisation(country: SyntheticCountry, seed: number, today: string): { organisation: SyntheticOrganisation; tables: TableRows } {
  const random = Random.stream(seed, 'organisation');
  const regions: Row[] = [];
  const services: Row[] = [];
  const serviceRegions: Row[] = [];
  const associations: Row[] = [];
  const associationsByRegion = new Map<string, SyntheticAssociation>();
  const graceDays = new Map<string, number>();
  country.regions.forEach((region, index) => {
    regions.push({ id: region.id, name: region.name, code: region.code });
    services.push({
      id: region.ambulanceServiceId,
      name: `RAV ${region.name.replace('Veiligheidsregio ', 'regio ')}`,
      code: `RAV${String(index + 1).padStart(2, '0')}`,
      // Ten dispatch centres for 25 regions, as in the Netherlands.
      dispatch_centre: `Meldkamer ${Math.floor(index / 2.5) + 1}`,
    });
    serviceRegions.push({ ambulance_service_id: region.ambulanceServiceId, region_id: region.id });
    const association = { id: random.uuid(), regionId: region.id, name: `EHBO-vereniging ${region.name.replace('Veiligheidsregio ', 'regio ')}` };
    associationsByRegion.set(region.id, association);
    associations.push({ id: association.id, name: association.name });
    // A few regions keep volunteers alertable for three months after expiry ("no longer alerted 3 months after").
    graceDays.set(region.id, index % 5 === 0 ? 90 : 0);
  });

  const municipalities: Row[] = [];
  const workingGroupRows: Row[] = [];
  const workingGroupMunicipalities: Row[] = [];
  const members: Row[] = [];
  const tasks: Row[] = [];
  const partnerMunicipalities: Row[] = [];
  const workingGroups = new Map<string, SyntheticWorkingGroup>();
  for (const municipality of country.municipalities) {
    const { bounds } = municipality;
    municipalities.push({
      id: municipality.id,
      name: municipality.name,
      code: municipality.code,
      country_code: COUNTRY_CODE,
      time_zone: TIME_ZONE,
      population: municipality.population,
      region_id: municipality.regionId,
      boundary: municipality.boundary,
      min_latitude: bounds.south,
      max_latitude: bounds.north,
      min_longitude: bounds.west,
      max_longitude: bounds.east,
    });
    const workingGroupId = random.uuid();
    workingGroupRows.push({ id: workingGroupId, name: `Hartveilig ${municipality.name.replace('Gemeente ', 'gemeente ')}` });
    workingGroupMunicipalities.push({ working_group_id: workingGroupId, municipality_id: municipality.id });
    const memberIds: string[] = [];
    for (const [role, suffix, organisation] of ROLES) {
      const id = random.uuid();
      memberIds.push(id);
      members.push({
        id,
        working_group_id: workingGroupId,
        user_subject: coordinatorSubject(municipality, suffix),
        name: personName(random),
        role,
        organisation: `${organisation} ${municipality.name.replace('Gemeente ', '')}`,
        volunteer_id: null,
        since: '2024-01-01',
        until: null,
      });
    }
    const taskCount = random.integer(0, 3);
    for (let index = 0; index < taskCount; index++) {
      const due = new Date(Date.parse(today) + random.integer(-60, 180) * 86_400_000).toISOString().slice(0, 10);
      tasks.push({
        id: random.uuid(),
        working_group_id: workingGroupId,
        title: PLAN_TASKS[(index + taskCount) % PLAN_TASKS.length],
        description: null,
        responsible_member_id: random.pick(memberIds),
        organisation: `Gemeente ${municipality.name.replace('Gemeente ', '')}`,
        due_date: due,
        status: random.pick(['OPEN', 'OPEN', 'IN_PROGRESS', 'DONE']),
      });
    }
    workingGroups.set(municipality.id, {
      id: workingGroupId,
      municipalityId: municipality.id,
      chairSubject: coordinatorSubject(municipality, 'chair'),
      adminSupportSubject: coordinatorSubject(municipality, 'admin-support'),
      policyOfficerSubject: coordinatorSubject(municipality, 'policy-officer'),
    });
    partnerMunicipalities.push({ partner_association_id: associationsByRegion.get(municipality.regionId)!.id, municipality_id: municipality.id, joined_on: '2024-01-01' });
  }

  return {
    organisation: {
      country,
      workingGroups,
      associations: associationsByRegion,
      graceDays,
      regions: new Map(country.regions.map((region) => [region.id, region])),
    },
    tables: [
      ['organization.security_region', regions],
      ['organization.ambulance_service', services],
      ['organization.ambulance_service_region', serviceRegions],
      ['organization.municipality', municipalities],
      ['organization.working_group', workingGroupRows],
      ['organization.working_group_municipality', workingGroupMunicipalities],
      ['organization.working_group_member', members],
      ['organization.plan_task', tasks],
      ['organization.partner_association', associations],
      ['organization.partner_municipality', partnerMunicipalities],
    ],
  };
}

/** The volunteers subgraph's per-region settings: the certificate grace periods that are not the default. */
export function regionPolicyRows(organisation: SyntheticOrganisation): Row[] {
  return [...organisation.graceDays]
    .filter(([, days]) => days > 0)
    .map(([regionId, days]) => ({ security_region_id: regionId, certificate_grace_period_days: days, updated_by: 'bench-admin' }));
}
