/**
 * Builds a subgraph's executable Federation 2 schema from type-graphql
 * resolvers, following type-graphql's `apollo-federation-2` example: the
 * type-graphql schema is printed with its directives, linked to Federation 2,
 * and handed to `buildSubgraphSchema` together with the reference resolvers.
 */
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives, type IResolvers } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { PubSub } from 'type-graphql';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /** Types not reachable from a resolver but part of the schema (entity stubs of other subgraphs). */
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type: `{ Aed: { __resolveReference } }`. */
  referenceResolvers?: IResolvers;
}

/**
 * Subscriptions here use `subscribe` functions over durable feeds
 * (`common/feed.ts`), never in-memory topics that a restart would lose;
 * type-graphql still wants a PubSub, so it gets one that refuses to be used.
 */
const NO_IN_MEMORY_PUBSUB: PubSub = {
  publish() {
    throw new Error('In-memory topics are not used: publish by committing a row and NOTIFY (common/feed.ts).');
  },
  subscribe() {
    throw new Error('In-memory topics are not used: subscribe with durableFeed (common/feed.ts).');
  },
};

export interface FederatedSchema {
  /** Executable subgraph schema (with `_entities` and `_service`). */
  schema: GraphQLSchema;
  /** The subgraph SDL as composition sees it; checked in under `schema/`. */
  sdl: string;
}

function mergeResolvers(base: IResolvers, extra: IResolvers = {}): IResolvers {
  const merged: Record<string, any> = { ...base };
  for (const [typeName, fields] of Object.entries(extra)) {
    merged[typeName] = { ...(merged[typeName] ?? {}), ...(fields as object) };
  }
  return merged;
}

export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<FederatedSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    pubSub: NO_IN_MEMORY_PUBSUB,
    // Federation adds Query fields (_entities, _service); a subgraph may have none of its own.
    skipCheck: true,
    validate: false,
    emitSchemaFile: false,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`);
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: mergeResolvers(createResolversMap(typeGraphqlSchema) as IResolvers, options.referenceResolvers) as any }]);
  return { schema, sdl: printSubgraphSchema(schema) };
}
