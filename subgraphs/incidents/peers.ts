/**
 * What the incidents subgraph asks the other subgraphs, through their
 * SERVICE-only fields: where a position lies (organization), who can be
 * alerted (volunteers), which AEDs can be fetched now (aeds), and that an AED
 * was used (aeds). Every call carries the `incidents` service principal.
 *
 * For six-minute coverage (coverage/): a municipality's boundary, population
 * and clock (organization), where volunteers can be alerted from in each hour
 * of a week (volunteers), and which AEDs are dispatchable in each hour
 * (aeds). Each weekly answer carries a fingerprint that changes exactly when
 * the answer does, and can be asked for alone: that is how a cached coverage
 * is known to be current without moving the data.
 */
import type { Area } from '../../common/area.ts';
import { servicePrincipal } from '../../common/auth.ts';
import { BULK_PEER_TIMEOUT_MS } from '../../common/deadline.ts';
import type { PeerClient } from '../../common/peers.ts';
import type { PositionKind } from '../../common/position-kind.ts';
import { WEEK_MASK_WORDS, weekMaskFromHex } from '../../common/week.ts';
import type { Boundary } from './coverage/coverage-grid.ts';
import type { WeeklyPoints, WeeklyVolunteerPositions } from './coverage/coverage-problem.ts';

const SERVICE = servicePrincipal('incidents');
/** The weekly answers for coverage are read in the background, and large. */
const BULK = { timeoutMs: BULK_PEER_TIMEOUT_MS };

/** The municipality and security region of a position (organization subgraph). */
export interface Location {
  municipalityId: string;
  securityRegionId: string;
  timeZone: string;
  countryCode: string;
}

/** A volunteer who can be alerted now, at their nearest position (volunteers subgraph). */
export interface PeerAlertCandidate {
  volunteerId: string;
  latitude: number;
  longitude: number;
  distanceMeters: number;
  positionKind: PositionKind;
  /** E.164 mobile number for SMS alerts, when the volunteer gave one. */
  phone: string | null;
  /** The language of the volunteer's texts (common/language.ts), resolved by the volunteers subgraph. */
  language: string;
  municipalityId: string;
  /** Partner associations the volunteer is a member of. */
  associationIds: string[];
}

/** An AED that can be fetched now: active, open at this hour, ready (aeds subgraph). */
export interface PeerDispatchableAed {
  aedId: string;
  latitude: number;
  longitude: number;
  distanceMeters: number;
  /** Street address, for the fetcher's text; null when the register has none. */
  address: string | null;
  locationDescription: string;
  cabinetCode: string | null;
}

const LOCATE = `query Locate($latitude: Float!, $longitude: Float!) {
  locate(latitude: $latitude, longitude: $longitude) { municipalityId securityRegionId timeZone countryCode }
}`;

const ALERT_CANDIDATES = `query AlertCandidates($latitude: Float!, $longitude: Float!, $radiusMeters: Float!, $limit: Int!, $at: DateTimeISO!) {
  alertCandidates(latitude: $latitude, longitude: $longitude, radiusMeters: $radiusMeters, limit: $limit, at: $at) {
    volunteerId latitude longitude distanceMeters positionKind phone language municipalityId associationIds
  }
}`;

const DISPATCHABLE_AEDS = `query DispatchableAeds($latitude: Float!, $longitude: Float!, $radiusMeters: Float!, $at: DateTimeISO!, $limit: Int!) {
  dispatchableAeds(latitude: $latitude, longitude: $longitude, radiusMeters: $radiusMeters, at: $at, limit: $limit) {
    aedId latitude longitude distanceMeters address locationDescription cabinetCode
  }
}`;

const AED_LOCATION = `query AedLocation($id: ID!) { aed(id: $id) { location { latitude longitude } } }`;

const STAND_DOWN_AED = `mutation StandDownAedAfterUse($aedId: ID!, $incidentId: ID!) {
  standDownAedAfterUse(aedId: $aedId, incidentId: $incidentId)
}`;

/** Typed calls to the peer subgraphs. */
export class PeerQueries {
  constructor(private readonly peers: PeerClient) {}

  /** The municipality and region of a position, or null when it lies in none the product knows. */
  async locate(latitude: number, longitude: number): Promise<Location | null> {
    const data = await this.peers.request<{ locate: Location | null }>('organization', LOCATE, { latitude, longitude }, SERVICE);
    return data.locate;
  }

  /** The nearest alertable volunteers at `at`, nearest first. */
  async alertCandidates(latitude: number, longitude: number, radiusMeters: number, limit: number, at: Date): Promise<PeerAlertCandidate[]> {
    const data = await this.peers.request<{ alertCandidates: PeerAlertCandidate[] }>(
      'volunteers',
      ALERT_CANDIDATES,
      { latitude, longitude, radiusMeters, limit, at: at.toISOString() },
      SERVICE,
    );
    return data.alertCandidates;
  }

  /** The AEDs that can be fetched at `at` within the radius. */
  async dispatchableAeds(latitude: number, longitude: number, radiusMeters: number, limit: number, at: Date): Promise<PeerDispatchableAed[]> {
    const data = await this.peers.request<{ dispatchableAeds: PeerDispatchableAed[] }>(
      'aeds',
      DISPATCHABLE_AEDS,
      { latitude, longitude, radiusMeters, at: at.toISOString(), limit },
      SERVICE,
    );
    return data.dispatchableAeds;
  }

  /** Where an AED stands; the AEDs subgraph answers NOT_FOUND for an unknown one. */
  async aedLocation(aedId: string): Promise<{ latitude: number; longitude: number }> {
    const data = await this.peers.request<{ aed: { location: { latitude: number; longitude: number } } }>('aeds', AED_LOCATION, { id: aedId }, SERVICE);
    return data.aed.location;
  }

  /** Stands a fetched AED down until a guardian checks it, and tells its owner and guardians. */
  async standDownAedAfterUse(aedId: string, incidentId: string): Promise<void> {
    await this.peers.request('aeds', STAND_DOWN_AED, { aedId, incidentId }, SERVICE);
  }
}

/** A municipality as coverage needs it. */
export interface CoverageMunicipality {
  id: string;
  timeZone: string;
  population: number | null;
  boundary: Boundary | null;
  securityRegionId: string | null;
}

interface OrganizationMunicipality {
  id: string;
  timeZone: string;
  population: number | null;
  boundary: Boundary | null;
  region: { id: string } | null;
}

const coverageMunicipalityOf = (municipality: OrganizationMunicipality): CoverageMunicipality => ({
  id: municipality.id,
  timeZone: municipality.timeZone,
  population: municipality.population,
  boundary: municipality.boundary,
  securityRegionId: municipality.region?.id ?? null,
});

const COVERAGE_MUNICIPALITY = `query CoverageMunicipality($id: ID!) {
  municipality(id: $id) { id timeZone population boundary region { id } }
}`;

const COVERAGE_MUNICIPALITIES = 'query CoverageMunicipalities { municipalities { id timeZone population boundary region { id } } }';

const AREA_ARGUMENTS = '$south: Float!, $west: Float!, $north: Float!, $east: Float!, $weekOf: LocalDate!, $timeZone: String!';
const AREA = 'south: $south, west: $west, north: $north, east: $east, weekOf: $weekOf, timeZone: $timeZone';

const WEEKLY_POSITIONS = `query CoveragePositions(${AREA_ARGUMENTS}) {
  weeklyAlertablePositions(${AREA}) { fingerprint volunteerKeys latitudes longitudes hourSetIndexes hourSets }
}`;
const WEEKLY_POSITIONS_FINGERPRINT = `query CoveragePositionsFingerprint(${AREA_ARGUMENTS}) {
  weeklyAlertablePositions(${AREA}) { fingerprint }
}`;
const WEEKLY_AEDS = `query CoverageAeds(${AREA_ARGUMENTS}) {
  weeklyDispatchableAeds(${AREA}) { fingerprint latitudes longitudes hourSetIndexes hourSets }
}`;
const WEEKLY_AEDS_FINGERPRINT = `query CoverageAedsFingerprint(${AREA_ARGUMENTS}) {
  weeklyDispatchableAeds(${AREA}) { fingerprint }
}`;

/**
 * One request for the fingerprints of many areas: the field asked once per
 * area under an alias (`f0`, `f1`…), each with its own variables.
 */
function fingerprintsQuery(field: 'weeklyAlertablePositions' | 'weeklyDispatchableAeds', count: number): string {
  const variables: string[] = [];
  const fields: string[] = [];
  for (let index = 0; index < count; index++) {
    variables.push(AREA_ARGUMENTS.replace(/\$(\w+)/g, `$$$1${index}`));
    fields.push(`f${index}: ${field}(${AREA.replace(/\$(\w+)/g, `$$$1${index}`)}) { fingerprint }`);
  }
  return `query CoverageFingerprints(${variables.join(', ')}) {\n  ${fields.join('\n  ')}\n}`;
}

/** Where and for which week: the area, the Monday of the week and the clock it is read on. */
export interface WeeklyArea {
  area: Area;
  weekOf: string;
  timeZone: string;
}

/** Points with their hours of the week as the peers send them: columns, hours as indexes into distinct sets. */
interface WeeklyPointsAnswer {
  fingerprint: string;
  latitudes: number[];
  longitudes: number[];
  hourSetIndexes: number[];
  hourSets: string[];
}

/** The columns as typed arrays, hours unpacked end to end (coverage-problem.ts). */
function pointsOf(answer: WeeklyPointsAnswer): WeeklyPoints {
  const sets = answer.hourSets.map(weekMaskFromHex);
  const hours = new Uint32Array(answer.hourSetIndexes.length * WEEK_MASK_WORDS);
  answer.hourSetIndexes.forEach((set, index) => hours.set(sets[set]!, index * WEEK_MASK_WORDS));
  return { latitudes: Float64Array.from(answer.latitudes), longitudes: Float64Array.from(answer.longitudes), hours };
}

/** Typed calls to the subgraphs that own coverage's inputs. */
export class CoveragePeers {
  constructor(private readonly peers: PeerClient) {}

  /** The municipality's boundary, population, clock and region. */
  async municipality(id: string): Promise<CoverageMunicipality> {
    const { municipality } = await this.peers.request<{ municipality: OrganizationMunicipality }>('organization', COVERAGE_MUNICIPALITY, { id }, SERVICE);
    return coverageMunicipalityOf(municipality);
  }

  /**
   * Every municipality as coverage needs it, in one request: the daily
   * readiness snapshot takes each on its own date, and asking for each
   * municipality again made 340 round trips at a national start-up.
   */
  async municipalities(): Promise<CoverageMunicipality[]> {
    const { municipalities } = await this.peers.request<{ municipalities: OrganizationMunicipality[] }>('organization', COVERAGE_MUNICIPALITIES, {}, SERVICE, BULK);
    return municipalities.map(coverageMunicipalityOf);
  }

  private variables({ area, weekOf, timeZone }: WeeklyArea): Record<string, unknown> {
    return { ...area, weekOf, timeZone };
  }

  /** The variables of {@link fingerprintsQuery} for these areas. */
  private indexedVariables(wheres: readonly WeeklyArea[]): Record<string, unknown> {
    const variables: Record<string, unknown> = {};
    wheres.forEach((where, index) => {
      for (const [name, value] of Object.entries(this.variables(where))) variables[`${name}${index}`] = value;
    });
    return variables;
  }

  private async fingerprints(peer: 'volunteers' | 'aeds', field: 'weeklyAlertablePositions' | 'weeklyDispatchableAeds', wheres: readonly WeeklyArea[]): Promise<string[]> {
    const data = await this.peers.request<Record<string, { fingerprint: string }>>(peer, fingerprintsQuery(field, wheres.length), this.indexedVariables(wheres), SERVICE, BULK);
    return wheres.map((_, index) => data[`f${index}`]!.fingerprint);
  }

  /** The fingerprints of the volunteers' answers for many areas, in one request (in the order asked). */
  async volunteerFingerprints(wheres: readonly WeeklyArea[]): Promise<string[]> {
    return this.fingerprints('volunteers', 'weeklyAlertablePositions', wheres);
  }

  /** The fingerprints of the AEDs' answers for many areas, in one request (in the order asked). */
  async aedFingerprints(wheres: readonly WeeklyArea[]): Promise<string[]> {
    return this.fingerprints('aeds', 'weeklyDispatchableAeds', wheres);
  }

  /** Only the fingerprint of the volunteers' answer. */
  async volunteerFingerprint(where: WeeklyArea): Promise<string> {
    const data = await this.peers.request<{ weeklyAlertablePositions: { fingerprint: string } }>('volunteers', WEEKLY_POSITIONS_FINGERPRINT, this.variables(where), SERVICE, BULK);
    return data.weeklyAlertablePositions.fingerprint;
  }

  /** Only the fingerprint of the AEDs' answer. */
  async aedFingerprint(where: WeeklyArea): Promise<string> {
    const data = await this.peers.request<{ weeklyDispatchableAeds: { fingerprint: string } }>('aeds', WEEKLY_AEDS_FINGERPRINT, this.variables(where), SERVICE, BULK);
    return data.weeklyDispatchableAeds.fingerprint;
  }

  /** Where volunteers can be alerted from, in which hours. */
  async volunteerPositions(where: WeeklyArea): Promise<{ fingerprint: string; positions: WeeklyVolunteerPositions }> {
    const data = await this.peers.request<{ weeklyAlertablePositions: WeeklyPointsAnswer & { volunteerKeys: number[] } }>(
      'volunteers',
      WEEKLY_POSITIONS,
      this.variables(where),
      SERVICE,
      BULK,
    );
    const answer = data.weeklyAlertablePositions;
    return { fingerprint: answer.fingerprint, positions: { ...pointsOf(answer), keys: Int32Array.from(answer.volunteerKeys) } };
  }

  /** The AEDs dispatchable in some hour, with those hours. */
  async dispatchableAeds(where: WeeklyArea): Promise<{ fingerprint: string; aeds: WeeklyPoints }> {
    const data = await this.peers.request<{ weeklyDispatchableAeds: WeeklyPointsAnswer }>('aeds', WEEKLY_AEDS, this.variables(where), SERVICE, BULK);
    return { fingerprint: data.weeklyDispatchableAeds.fingerprint, aeds: pointsOf(data.weeklyDispatchableAeds) };
  }
}
