/**
 * What the AEDs subgraph asks the organization subgraph about a
 * municipality: that it exists, and the time zone and country its AEDs'
 * schedules and dates are read in. Asked when an AED is registered or
 * imported and copied onto the AED, so that dispatch never waits on a peer.
 */
import { GraphQLError } from 'graphql';
import { servicePrincipal } from '../../common/auth.ts';
import { badInput, ErrorCode, serviceUnavailable } from '../../common/errors.ts';
import { isId } from '../../common/ids.ts';
import type { PeerClient } from '../../common/peers.ts';

/** A municipality as the AEDs subgraph needs it. */
export interface MunicipalityFacts {
  id: string;
  /** IANA time zone, e.g. Europe/Amsterdam. */
  timeZone: string;
  /** ISO 3166-1 alpha-2, e.g. NL. */
  countryCode: string;
}

const MUNICIPALITY = 'query Municipality($id: ID!) { municipality(id: $id) { id timeZone countryCode } }';

/**
 * The municipality `municipalityId`, from the organization subgraph.
 * @throws BAD_USER_INPUT when it does not exist; SERVICE_UNAVAILABLE when the organization subgraph cannot answer.
 */
export async function lookUpMunicipality(peers: PeerClient, municipalityId: string): Promise<MunicipalityFacts> {
  if (!isId(municipalityId)) throw badInput(`municipalityId "${municipalityId}" is not a valid id.`, { field: 'municipalityId' });
  try {
    const { municipality } = await peers.request<{ municipality: MunicipalityFacts }>('organization', MUNICIPALITY, { id: municipalityId }, servicePrincipal('aeds'));
    return municipality;
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.NOT_FOUND) {
      throw badInput(`Municipality ${municipalityId} is not registered.`, { field: 'municipalityId' });
    }
    throw serviceUnavailable('The organization service could not confirm the municipality; try again.');
  }
}

const MUNICIPALITIES = 'query Municipalities { municipalities { id timeZone countryCode } }';

/** Every municipality's time zone and country, for refreshing the AEDs' copies. */
export async function allMunicipalityFacts(peers: PeerClient): Promise<MunicipalityFacts[]> {
  const { municipalities } = await peers.request<{ municipalities: MunicipalityFacts[] }>('organization', MUNICIPALITIES, {}, servicePrincipal('aeds'));
  return municipalities;
}

const DISTANCE_OUTSIDE = 'query AedPlace($id: ID!, $position: GeoPointInput!) { municipality(id: $id) { distanceOutside(position: $position) } }';

/** Metres the position lies outside the municipality's boundary (0 inside); null when it has no boundary. */
export async function distanceOutsideMunicipality(peers: PeerClient, municipalityId: string, position: { latitude: number; longitude: number }): Promise<number | null> {
  const { latitude, longitude } = position;
  try {
    const { municipality } = await peers.request<{ municipality: { distanceOutside: number | null } }>(
      'organization',
      DISTANCE_OUTSIDE,
      { id: municipalityId, position: { latitude, longitude } },
      servicePrincipal('aeds'),
    );
    return municipality.distanceOutside;
  } catch {
    throw serviceUnavailable('The organization service could not check the AED’s place; try again.');
  }
}

const DISTANCES_OUTSIDE = 'query AedPlaces($id: ID!, $positions: [GeoPointInput!]!) { municipality(id: $id) { distancesOutside(positions: $positions) } }';

/** Positions the organization subgraph measures in one call. */
const POSITIONS_PER_CALL = 1000;

/**
 * How far each position lies outside the municipality's boundary, in their
 * order (0 inside), or null when it has no boundary: an import is checked in
 * a call per thousand AEDs.
 */
export async function distancesOutsideMunicipality(
  peers: PeerClient,
  municipalityId: string,
  positions: readonly { latitude: number; longitude: number }[],
): Promise<number[] | null> {
  const distances: number[] = [];
  for (let start = 0; start < positions.length; start += POSITIONS_PER_CALL) {
    const chunk = positions.slice(start, start + POSITIONS_PER_CALL).map(({ latitude, longitude }) => ({ latitude, longitude }));
    const { municipality } = await peers.request<{ municipality: { distancesOutside: number[] | null } }>(
      'organization',
      DISTANCES_OUTSIDE,
      { id: municipalityId, positions: chunk },
      servicePrincipal('aeds'),
    );
    if (municipality.distancesOutside === null) return null;
    distances.push(...municipality.distancesOutside);
  }
  return distances;
}
