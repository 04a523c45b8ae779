/**
 * The volunteers subgraph: citizen responders, their training certificates,
 * eligibility and candidate search. Owns the PostgreSQL schema `volunteers`.
 */
import { buildFederatedSchema } from '../../common/federation.ts';
import type { SubgraphDefinition } from '../../common/subgraph-server.ts';
import { Migration0001Volunteer } from './migrations/Migration0001Volunteer.ts';
import { Volunteer } from './volunteer.entity.ts';
import { resolveVolunteerReference } from './volunteer.reference.ts';
import { MunicipalityVolunteersResolver, VolunteerResolver } from './volunteer.resolver.ts';

export const volunteersSubgraph: SubgraphDefinition = {
  name: 'volunteers',
  storage: {
    schema: 'volunteers',
    entities: [Volunteer],
    migrations: [Migration0001Volunteer],
  },
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [VolunteerResolver, MunicipalityVolunteersResolver],
      referenceResolvers: {
        Volunteer: { __resolveReference: resolveVolunteerReference },
      },
    }),
};
