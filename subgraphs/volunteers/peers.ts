/**
 * What the volunteers subgraph asks the other subgraphs, with its own service
 * principal.
 *
 * The organization subgraph: a municipality's clock, country and region (for
 * the eligibility rule and phone numbers), and whether a region or a partner
 * association exists. Unknown ids become BAD_USER_INPUT naming the field, so
 * nothing is written for them.
 *
 * The incidents subgraph: to forget the devices (push tokens) and alert
 * delivery choice of a volunteer whose account is being deleted.
 */
import { GraphQLError } from 'graphql';
import { servicePrincipal } from '../../common/auth.ts';
import { ErrorCode, badInput, serviceUnavailable } from '../../common/errors.ts';
import { isId } from '../../common/ids.ts';
import type { PeerClient } from '../../common/peers.ts';

const SERVICE = servicePrincipal('volunteers');

/** What a volunteer copies from their municipality. */
export interface MunicipalitySettings {
  id: string;
  /** IANA zone: the clock of the eligibility rule. */
  timeZone: string;
  /** ISO 3166-1 alpha-2: numbers without a country code are read in this country. */
  countryCode: string;
  /** Its security region, whose certificate grace period applies; null when it has none yet. */
  securityRegionId: string | null;
}

const MUNICIPALITY = `query VolunteerMunicipality($id: ID!) {
  municipality(id: $id) { id timeZone countryCode region { id } }
}`;

const MUNICIPALITIES = `query VolunteerMunicipalities {
  municipalities { id timeZone countryCode region { id } }
}`;

const SECURITY_REGION = `query VolunteerSecurityRegion($id: ID!) { securityRegion(id: $id) { id } }`;

const PARTNER_ASSOCIATION = `query VolunteerPartnerAssociation($id: ID!) { partnerAssociation(id: $id) { id } }`;

interface MunicipalityAnswer {
  id: string;
  timeZone: string;
  countryCode: string;
  region: { id: string } | null;
}

function settingsOf(answer: MunicipalityAnswer): MunicipalitySettings {
  return { id: answer.id, timeZone: answer.timeZone, countryCode: answer.countryCode, securityRegionId: answer.region?.id ?? null };
}

/** Asks `query` for one id; NOT_FOUND (or a malformed id) becomes BAD_USER_INPUT on `field`. */
async function lookUp<T>(peers: PeerClient, query: string, id: string, field: string, what: string): Promise<T> {
  const refuse = () => badInput(`${field} ${id} is not a known ${what}.`, { field });
  if (!isId(id)) throw refuse();
  try {
    return await peers.request<T>('organization', query, { id }, SERVICE);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.NOT_FOUND) throw refuse();
    throw error;
  }
}

/** The municipality's settings; BAD_USER_INPUT on `field` when it does not exist. */
export async function municipalitySettings(peers: PeerClient, id: string, field = 'municipalityId'): Promise<MunicipalitySettings> {
  const data = await lookUp<{ municipality: MunicipalityAnswer }>(peers, MUNICIPALITY, id, field, 'municipality');
  return settingsOf(data.municipality);
}

/** Every municipality's settings, for refreshing the copies kept on volunteers. */
export async function allMunicipalitySettings(peers: PeerClient): Promise<MunicipalitySettings[]> {
  const data = await peers.request<{ municipalities: MunicipalityAnswer[] }>('organization', MUNICIPALITIES, {}, SERVICE);
  return data.municipalities.map(settingsOf);
}

/** Throws BAD_USER_INPUT on `field` unless the security region exists. */
export async function requireSecurityRegion(peers: PeerClient, id: string, field = 'securityRegionId'): Promise<string> {
  const data = await lookUp<{ securityRegion: { id: string } }>(peers, SECURITY_REGION, id, field, 'security region');
  return data.securityRegion.id;
}

/** Throws BAD_USER_INPUT on `field` unless the partner association exists. */
export async function requirePartnerAssociation(peers: PeerClient, id: string, field = 'partnerAssociationId'): Promise<string> {
  const data = await lookUp<{ partnerAssociation: { id: string } }>(peers, PARTNER_ASSOCIATION, id, field, 'partner association');
  return data.partnerAssociation.id;
}

const DISTANCES_OUTSIDE = `query VolunteerPlaces($id: ID!, $positions: [GeoPointInput!]!) {
  municipality(id: $id) { distancesOutside(positions: $positions) }
}`;

/** Positions the organization subgraph measures in one call. */
const POSITIONS_PER_CALL = 1000;

/**
 * How far each position lies outside the municipality's boundary, in their
 * order (0 inside), or null when it has no boundary: an imported list is
 * checked in a call per thousand rows, not one per row.
 */
export async function distancesOutsideMunicipality(peers: PeerClient, id: string, positions: readonly { latitude: number; longitude: number }[]): Promise<number[] | null> {
  const distances: number[] = [];
  for (let start = 0; start < positions.length; start += POSITIONS_PER_CALL) {
    const chunk = positions.slice(start, start + POSITIONS_PER_CALL).map(({ latitude, longitude }) => ({ latitude, longitude }));
    const data = await peers.request<{ municipality: { distancesOutside: number[] | null } }>('organization', DISTANCES_OUTSIDE, { id, positions: chunk }, SERVICE);
    if (data.municipality.distancesOutside === null) return null;
    distances.push(...data.municipality.distancesOutside);
  }
  return distances;
}

const DISTANCE_OUTSIDE = `query VolunteerPlace($id: ID!, $position: GeoPointInput!) {
  municipality(id: $id) { distanceOutside(position: $position) }
}`;

/** Metres the position lies outside the municipality's boundary (0 inside); null when it has no boundary. */
export async function distanceOutsideMunicipality(
  peers: PeerClient,
  id: string,
  position: { latitude: number; longitude: number },
  field = 'municipalityId',
): Promise<number | null> {
  const { latitude, longitude } = position;
  const refuse = () => badInput(`${field} ${id} is not a known municipality.`, { field });
  if (!isId(id)) throw refuse();
  try {
    const data = await peers.request<{ municipality: { distanceOutside: number | null } }>('organization', DISTANCE_OUTSIDE, { id, position: { latitude, longitude } }, SERVICE);
    return data.municipality.distanceOutside;
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.NOT_FOUND) throw refuse();
    throw error;
  }
}

const FORGET_DEVICES = `mutation ForgetVolunteerDevices($volunteerId: ID!) { forgetVolunteerDevices(volunteerId: $volunteerId) }`;

/**
 * Has the incidents subgraph delete the volunteer's devices. Asked before the
 * account is erased, so a deletion that succeeds never leaves push tokens behind.
 *
 * @throws SERVICE_UNAVAILABLE when the incidents subgraph cannot answer: the deletion is then retried by the volunteer.
 */
export async function forgetVolunteerDevices(peers: PeerClient, volunteerId: string): Promise<void> {
  try {
    await peers.request<{ forgetVolunteerDevices: number }>('incidents', FORGET_DEVICES, { volunteerId }, SERVICE);
  } catch {
    throw serviceUnavailable('Your devices could not be removed from the alerting service just now; nothing was deleted. Please try again.');
  }
}
