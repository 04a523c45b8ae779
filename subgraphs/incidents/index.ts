/**
 * The incidents subgraph: dispatch, alerts, responses and aftercare. Owns the
 * PostgreSQL schema `incidents`.
 */
import { buildFederatedSchema } from '../../common/federation.ts';
import type { SubgraphDefinition } from '../../common/subgraph-server.ts';
import { Alert } from './alert.entity.ts';
import { AlertResolver } from './alert.resolver.ts';
import { Migration0001Alert } from './migrations/Migration0001Alert.ts';

export const incidentsSubgraph: SubgraphDefinition = {
  name: 'incidents',
  storage: {
    schema: 'incidents',
    entities: [Alert],
    migrations: [Migration0001Alert],
  },
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [AlertResolver],
    }),
};
