/**
 * The organisation subgraph: security regions, municipalities, ambulance
 * services, working groups and their members, partner associations. Owns the
 * PostgreSQL schema `organization`.
 */
import { buildFederatedSchema } from '../../common/federation.ts';
import type { SubgraphDefinition } from '../../common/subgraph-server.ts';
import { Migration0001Municipality } from './migrations/Migration0001Municipality.ts';
import { Municipality } from './municipality.entity.ts';
import { resolveMunicipalityReference } from './municipality.reference.ts';
import { MunicipalityResolver } from './municipality.resolver.ts';

export const organizationSubgraph: SubgraphDefinition = {
  name: 'organization',
  storage: {
    schema: 'organization',
    entities: [Municipality],
    migrations: [Migration0001Municipality],
  },
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [MunicipalityResolver],
      referenceResolvers: {
        Municipality: { __resolveReference: resolveMunicipalityReference },
      },
    }),
};
