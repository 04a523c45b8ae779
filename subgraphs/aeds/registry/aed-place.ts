/** An AED's place against its municipality's boundary (common/place.ts), asked of the organization subgraph. */
import { checkPosition } from '../../../common/geo.type.ts';
import type { PeerClient } from '../../../common/peers.ts';
import { checkPlace, type PlaceOverride } from '../../../common/place.ts';
import { distanceOutsideMunicipality } from '../peers.ts';

/**
 * The override to record for an AED at `position` in `municipalityId`
 * (null inside or within the tolerance); BAD_USER_INPUT on `location` when
 * it lies farther out and no reason is given.
 */
export async function checkAedPlace(
  peers: PeerClient,
  municipalityId: string,
  position: { latitude: number; longitude: number },
  overrideReason: string | null | undefined,
  by: string,
): Promise<PlaceOverride | null> {
  // A position the organization subgraph would refuse is refused here, naming the AED's field.
  const checked = checkPosition(position, 'location');
  return checkPlace({
    distanceOutside: await distanceOutsideMunicipality(peers, municipalityId, checked),
    what: 'The AED',
    field: 'location',
    overrideReason,
    by,
    at: new Date(),
  });
}
