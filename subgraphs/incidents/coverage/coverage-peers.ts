/**
 * What readiness asks the owning subgraphs, with the incidents service
 * principal: a municipality's boundary, population and clock
 * (organization), where volunteers can be alerted from in each hour of a
 * week (volunteers), and which AEDs are dispatchable in each hour
 * (aeds). Each weekly answer carries a fingerprint that changes exactly
 * when the answer does, and can be asked for alone: that is how a cached
 * coverage is known to be current without moving the data.
 */
import { servicePrincipal } from '../../../common/auth.ts';
import type { Area } from '../../../common/area.ts';
import { BULK_PEER_TIMEOUT_MS } from '../../../common/deadline.ts';
import type { PeerClient } from '../../../common/peers.ts';
import { WEEK_MASK_WORDS, weekMaskFromHex } from '../../../common/week.ts';
import type { Boundary } from './coverage-grid.ts';
import type { WeeklyPoints, WeeklyVolunteerPositions } from './coverage-problem.ts';

const SERVICE = servicePrincipal('incidents');
/** The weekly answers are read in the background, and large. */
const BULK = { timeoutMs: BULK_PEER_TIMEOUT_MS };

/** A municipality as readiness needs it. */
export interface ReadinessMunicipality {
  id: string;
  timeZone: string;
  population: number | null;
  boundary: Boundary | null;
  securityRegionId: string | null;
}

const MUNICIPALITY = `query ReadinessMunicipality($id: ID!) {
  municipality(id: $id) { id timeZone population boundary region { id } }
}`;

const AREA_ARGUMENTS = '$south: Float!, $west: Float!, $north: Float!, $east: Float!, $weekOf: LocalDate!, $timeZone: String!';
const AREA = 'south: $south, west: $west, north: $north, east: $east, weekOf: $weekOf, timeZone: $timeZone';

const POSITIONS = `query ReadinessPositions(${AREA_ARGUMENTS}) {
  weeklyAlertablePositions(${AREA}) { fingerprint volunteerKeys latitudes longitudes hourSetIndexes hourSets }
}`;
const POSITIONS_FINGERPRINT = `query ReadinessPositionsFingerprint(${AREA_ARGUMENTS}) {
  weeklyAlertablePositions(${AREA}) { fingerprint }
}`;
const AEDS = `query ReadinessAeds(${AREA_ARGUMENTS}) {
  weeklyDispatchableAeds(${AREA}) { fingerprint latitudes longitudes hourSetIndexes hourSets }
}`;
const AEDS_FINGERPRINT = `query ReadinessAedsFingerprint(${AREA_ARGUMENTS}) {
  weeklyDispatchableAeds(${AREA}) { fingerprint }
}`;

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

/** Typed calls to the subgraphs that own readiness's inputs. */
export class ReadinessPeers {
  constructor(private readonly peers: PeerClient) {}

  /** The municipality's boundary, population, clock and region. */
  async municipality(id: string): Promise<ReadinessMunicipality> {
    const { municipality } = await this.peers.request<{
      municipality: { id: string; timeZone: string; population: number | null; boundary: Boundary | null; region: { id: string } | null };
    }>('organization', MUNICIPALITY, { id }, SERVICE);
    return {
      id: municipality.id,
      timeZone: municipality.timeZone,
      population: municipality.population,
      boundary: municipality.boundary,
      securityRegionId: municipality.region?.id ?? null,
    };
  }

  private variables({ area, weekOf, timeZone }: WeeklyArea): Record<string, unknown> {
    return { ...area, weekOf, timeZone };
  }

  /** Only the fingerprint of the volunteers' answer. */
  async volunteerFingerprint(where: WeeklyArea): Promise<string> {
    const data = await this.peers.request<{ weeklyAlertablePositions: { fingerprint: string } }>('volunteers', POSITIONS_FINGERPRINT, this.variables(where), SERVICE, BULK);
    return data.weeklyAlertablePositions.fingerprint;
  }

  /** Only the fingerprint of the AEDs' answer. */
  async aedFingerprint(where: WeeklyArea): Promise<string> {
    const data = await this.peers.request<{ weeklyDispatchableAeds: { fingerprint: string } }>('aeds', AEDS_FINGERPRINT, this.variables(where), SERVICE, BULK);
    return data.weeklyDispatchableAeds.fingerprint;
  }

  /** Where volunteers can be alerted from, in which hours. */
  async volunteerPositions(where: WeeklyArea): Promise<{ fingerprint: string; positions: WeeklyVolunteerPositions }> {
    const data = await this.peers.request<{ weeklyAlertablePositions: WeeklyPointsAnswer & { volunteerKeys: number[] } }>('volunteers', POSITIONS, this.variables(where), SERVICE, BULK);
    const answer = data.weeklyAlertablePositions;
    return { fingerprint: answer.fingerprint, positions: { ...pointsOf(answer), keys: Int32Array.from(answer.volunteerKeys) } };
  }

  /** The AEDs dispatchable in some hour, with those hours. */
  async dispatchableAeds(where: WeeklyArea): Promise<{ fingerprint: string; aeds: WeeklyPoints }> {
    const data = await this.peers.request<{ weeklyDispatchableAeds: WeeklyPointsAnswer }>('aeds', AEDS, this.variables(where), SERVICE, BULK);
    return { fingerprint: data.weeklyDispatchableAeds.fingerprint, aeds: pointsOf(data.weeklyDispatchableAeds) };
  }
}
