/**
 * Starts the whole product in one process: the four subgraphs, then the
 * gateway in front of them. Used by `npm start`, the tests and the benchmarks.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { projectRoot, type Config, type Exposure } from '../common/config.ts';
import { migrateJobQueues } from '../common/job-runner.ts';
import { createLogger } from '../common/logger.ts';
import { startSubgraph, type SubgraphDefinition, type SubgraphServer } from '../common/subgraph-server.ts';
import type { BudgetOptions } from '../gateway/budgets.ts';
import { startGateway, type GatewayServer } from '../gateway/gateway.ts';
import { SUBGRAPHS } from '../subgraphs/index.ts';

export interface StackOptions {
  databaseUrl: string;
  gatewaySecret: string;
  jwtSecret: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  jwksUrl?: string;
  /** Oldest bearer token accepted, by its `iat` (default 24 h). */
  jwtMaxAgeSeconds?: number;
  /** Ports per service; 0 or absent = any free port. */
  ports?: Partial<Record<'gateway' | SubgraphName, number>>;
  host?: string;
  development?: boolean;
  /** Introspection, GraphiQL and proxies to trust (default: introspection and GraphiQL in development only). */
  exposure?: Partial<Exposure>;
  /** Per-caller budgets at the gateway (gateway/budgets.ts). */
  budgets?: BudgetOptions;
  /** Start background workers in the subgraphs (default true). */
  workers?: boolean;
  /** Settings that replace those from the environment, for every subgraph (see SubgraphOptions.config). */
  config?: Partial<Config>;
  /** Deadline of each call between subgraphs, and of the gateway's access lookups. */
  peerTimeoutMs?: number;
  /** Deadline of each subgraph fetch of the gateway. */
  subgraphTimeoutMs?: number;
  /** Where the subgraphs reach a peer instead of the started one (tests of a peer that hangs). */
  peerUrls?: Partial<Record<SubgraphName, string>>;
}

export type SubgraphName = 'organization' | 'volunteers' | 'aeds' | 'incidents';

export interface Stack {
  gateway: GatewayServer;
  subgraphs: Record<SubgraphName, SubgraphServer>;
  /** Restarts one subgraph on the same port (tests of "a subgraph restarts mid-flight"). */
  restartSubgraph(name: SubgraphName): Promise<void>;
  close(): Promise<void>;
}

export async function readSupergraph(): Promise<string> {
  return fs.readFile(path.join(projectRoot, 'schema', 'supergraph.graphql'), 'utf8');
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const host = options.host ?? '127.0.0.1';
  const subgraphs = {} as Record<SubgraphName, SubgraphServer>;
  const urls: Record<string, string> = {};
  // Peers are looked up at call time, so a subgraph may call one started after it.
  const peerUrls = new Proxy(urls, { get: (target, name: string) => options.peerUrls?.[name as SubgraphName] ?? target[name] });
  const start = async (definition: SubgraphDefinition, port: number | undefined) => {
    const server = await startSubgraph(definition, {
      databaseUrl: options.databaseUrl,
      gatewaySecret: options.gatewaySecret,
      port,
      host,
      development: options.development,
      introspection: options.exposure?.introspection,
      // Peers are looked up at call time, so a subgraph may call one started after it.
      peers: peerUrls,
      peerTimeoutMs: options.peerTimeoutMs,
      workers: options.workers,
      config: options.config,
      logger: createLogger(definition.name),
    });
    subgraphs[definition.name as SubgraphName] = server;
    urls[definition.name] = server.url;
    return server;
  };
  try {
    // Every subgraph's queues before any runner starts: installing one would stop the runners of those started before it.
    if (options.workers !== false) {
      await migrateJobQueues(
        options.databaseUrl,
        SUBGRAPHS.flatMap((definition) => definition.jobQueues ?? []),
        createLogger('stack'),
      );
    }
    for (const definition of SUBGRAPHS) await start(definition, options.ports?.[definition.name as SubgraphName]);
    const gateway = await startGateway({
      supergraphSdl: await readSupergraph(),
      subgraphUrls: urls,
      gatewaySecret: options.gatewaySecret,
      bearer: {
        jwtSecret: options.jwtSecret,
        issuer: options.jwtIssuer ?? 'heartsafe',
        audience: options.jwtAudience ?? 'heartsafe-api',
        jwksUrl: options.jwksUrl,
        maxAgeSeconds: options.jwtMaxAgeSeconds,
      },
      port: options.ports?.gateway,
      host,
      development: options.development,
      introspection: options.exposure?.introspection,
      graphiql: options.exposure?.graphiql,
      trustProxy: options.exposure?.trustProxy,
      budgets: options.budgets,
      subgraphTimeoutMs: options.subgraphTimeoutMs,
      access: options.peerTimeoutMs ? { timeoutMs: options.peerTimeoutMs } : undefined,
    });
    return {
      gateway,
      subgraphs,
      async restartSubgraph(name) {
        const definition = SUBGRAPHS.find((candidate) => candidate.name === name)!;
        const port = Number(new URL(subgraphs[name].url).port);
        await subgraphs[name].close();
        await start(definition, port);
      },
      async close() {
        await gateway.close();
        await Promise.all(Object.values(subgraphs).map((server) => server.close()));
      },
    };
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((server) => server.close().catch(() => {})));
    throw error;
  }
}
