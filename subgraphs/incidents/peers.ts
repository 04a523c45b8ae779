/**
 * What the incidents subgraph asks the other subgraphs, through their
 * SERVICE-only fields: where a position lies (organization), who can be
 * alerted (volunteers), which AEDs can be fetched now (aeds), and that an AED
 * was used (aeds). Every call carries the `incidents` service principal.
 */
import { servicePrincipal } from '../../common/auth.ts';
import type { PeerClient } from '../../common/peers.ts';

const SERVICE = servicePrincipal('incidents');

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
  positionKind: string;
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
