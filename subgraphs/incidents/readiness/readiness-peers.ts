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
import type { PeerClient } from '../../../common/peers.ts';
import { WEEK_MASK_WORDS, weekMaskFromHex } from '../../../common/week.ts';
import type { Boundary } from './coverage-grid.ts';
import type { WeeklyPoints, WeeklyVolunteerPositions } from './coverage-problem.ts';

const SERVICE = servicePrincipal('incidents');

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
  weeklyAlertablePositions(${AREA}) { fingerprint positions { volunteerKey latitude longitude alertableHours } }
}`;
const POSITIONS_FINGERPRINT = `query ReadinessPositionsFingerprint(${AREA_ARGUMENTS}) {
  weeklyAlertablePositions(${AREA}) { fingerprint }
}`;
const AEDS = `query ReadinessAeds(${AREA_ARGUMENTS}) {
  weeklyDispatchableAeds(${AREA}) { fingerprint aeds { latitude longitude dispatchableHours } }
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

interface PositionsAnswer {
  fingerprint: string;
  positions?: { volunteerKey: number; latitude: number; longitude: number; alertableHours: string }[];
}

interface AedsAnswer {
  fingerprint: string;
  aeds?: { latitude: number; longitude: number; dispatchableHours: string }[];
}

/** Packs hexadecimal week masks end to end (coverage-problem.ts). */
function packHours(masks: readonly string[]): Uint32Array {
  const hours = new Uint32Array(masks.length * WEEK_MASK_WORDS);
  masks.forEach((mask, index) => hours.set(weekMaskFromHex(mask), index * WEEK_MASK_WORDS));
  return hours;
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
    const data = await this.peers.request<{ weeklyAlertablePositions: PositionsAnswer }>('volunteers', POSITIONS_FINGERPRINT, this.variables(where), SERVICE);
    return data.weeklyAlertablePositions.fingerprint;
  }

  /** Only the fingerprint of the AEDs' answer. */
  async aedFingerprint(where: WeeklyArea): Promise<string> {
    const data = await this.peers.request<{ weeklyDispatchableAeds: AedsAnswer }>('aeds', AEDS_FINGERPRINT, this.variables(where), SERVICE);
    return data.weeklyDispatchableAeds.fingerprint;
  }

  /** Where volunteers can be alerted from, in which hours. */
  async volunteerPositions(where: WeeklyArea): Promise<{ fingerprint: string; positions: WeeklyVolunteerPositions }> {
    const data = await this.peers.request<{ weeklyAlertablePositions: PositionsAnswer }>('volunteers', POSITIONS, this.variables(where), SERVICE);
    const { fingerprint, positions = [] } = data.weeklyAlertablePositions;
    return {
      fingerprint,
      positions: {
        latitudes: Float64Array.from(positions, (position) => position.latitude),
        longitudes: Float64Array.from(positions, (position) => position.longitude),
        keys: Int32Array.from(positions, (position) => position.volunteerKey),
        hours: packHours(positions.map((position) => position.alertableHours)),
      },
    };
  }

  /** The AEDs dispatchable in some hour, with those hours. */
  async dispatchableAeds(where: WeeklyArea): Promise<{ fingerprint: string; aeds: WeeklyPoints }> {
    const data = await this.peers.request<{ weeklyDispatchableAeds: AedsAnswer }>('aeds', AEDS, this.variables(where), SERVICE);
    const { fingerprint, aeds = [] } = data.weeklyDispatchableAeds;
    return {
      fingerprint,
      aeds: {
        latitudes: Float64Array.from(aeds, (aed) => aed.latitude),
        longitudes: Float64Array.from(aeds, (aed) => aed.longitude),
        hours: packHours(aeds.map((aed) => aed.dispatchableHours)),
      },
    };
  }
}
