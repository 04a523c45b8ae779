/**
 * What the simulation asks the other subgraphs besides the dispatch's own
 * searches (peers.ts): a region's municipalities with their population and
 * boundary (organization), and how many volunteers they have (volunteers),
 * for sampling incidents and for the alert burden per volunteer.
 */
import { servicePrincipal } from '../../../common/auth.ts';
import type { PeerClient } from '../../../common/peers.ts';
import type { Boundary } from '../coverage/coverage-grid.ts';

const SERVICE = servicePrincipal('incidents');

/** A municipality of the region as the simulation needs it. */
export interface SimulationMunicipality {
  id: string;
  population: number | null;
  boundary: Boundary | null;
}

const REGION = `query SimulationRegion($id: ID!) {
  securityRegion(id: $id) { municipalities { id population boundary } }
}`;

const VOLUNTEER_COUNTS = `query SimulationVolunteerCounts($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Municipality { volunteerCount } }
}`;

/** Typed calls for the simulation. */
export class SimulationPeers {
  constructor(private readonly peers: PeerClient) {}

  /** The region's municipalities; the organization subgraph answers NOT_FOUND for an unknown region. */
  async municipalities(securityRegionId: string): Promise<SimulationMunicipality[]> {
    const data = await this.peers.request<{ securityRegion: { municipalities: SimulationMunicipality[] } }>('organization', REGION, { id: securityRegionId }, SERVICE);
    return data.securityRegion.municipalities;
  }

  /** Registered volunteers of these municipalities together. */
  async volunteerCount(municipalityIds: readonly string[]): Promise<number> {
    if (municipalityIds.length === 0) return 0;
    const data = await this.peers.request<{ _entities: ({ volunteerCount: number } | null)[] }>(
      'volunteers',
      VOLUNTEER_COUNTS,
      { representations: municipalityIds.map((id) => ({ __typename: 'Municipality', id })) },
      SERVICE,
    );
    return data._entities.reduce((sum, entity) => sum + (entity?.volunteerCount ?? 0), 0);
  }
}
