/**
 * The AEDs subgraph: the AED registry, availability schedules, readiness and
 * nearest-AED search. Owns the PostgreSQL schema `aeds`.
 */
import { buildFederatedSchema } from '../../common/federation.ts';
import type { SubgraphDefinition } from '../../common/subgraph-server.ts';
import { Aed } from './aed.entity.ts';
import { resolveAedReference } from './aed.reference.ts';
import { AedResolver, MunicipalityAedsResolver } from './aed.resolver.ts';
import { Migration0001Aed } from './migrations/Migration0001Aed.ts';

export const aedsSubgraph: SubgraphDefinition = {
  name: 'aeds',
  storage: {
    schema: 'aeds',
    entities: [Aed],
    migrations: [Migration0001Aed],
  },
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [AedResolver, MunicipalityAedsResolver],
      referenceResolvers: {
        Aed: { __resolveReference: resolveAedReference },
      },
    }),
};
