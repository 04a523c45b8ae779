/**
 * Runs ONE service, chosen by `SERVICE` (gateway, organization, volunteers,
 * aeds, incidents), against `DATABASE_URL`: how docker-compose.yml deploys the
 * product as separate containers. `npm start` runs all of them in one process instead.
 */
import { loadConfig } from '../common/config.ts';
import { createLogger } from '../common/logger.ts';
import { startSubgraph } from '../common/subgraph-server.ts';
import { stopTelemetry } from '../common/telemetry.ts';
import { startGateway } from '../gateway/gateway.ts';
import { SUBGRAPHS } from '../subgraphs/index.ts';
import { readSupergraph } from './stack.ts';

const config = loadConfig();
const service = process.env.SERVICE ?? '';
const logger = createLogger(service || 'serve', config.logLevel);
if (!config.databaseUrl && service !== 'gateway') {
  logger.error('DATABASE_URL must be set when services run separately');
  process.exit(1);
}

let close: () => Promise<void>;
if (service === 'gateway') {
  const gateway = await startGateway({
    supergraphSdl: await readSupergraph(),
    subgraphUrls: config.subgraphUrls,
    gatewaySecret: config.gatewaySecret,
    bearer: {
      jwtSecret: config.jwtSecret,
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      jwksUrl: config.jwksUrl,
      maxAgeSeconds: config.jwtMaxAgeSeconds,
    },
    port: config.ports.gateway,
    host: config.host,
    development: config.nodeEnv !== 'production',
    introspection: config.exposure.introspection,
    graphiql: config.exposure.graphiql,
    trustProxy: config.exposure.trustProxy,
    logger,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    access: { timeoutMs: config.peerTimeoutMs },
  });
  close = gateway.close;
} else {
  const definition = SUBGRAPHS.find((candidate) => candidate.name === service);
  if (!definition) {
    logger.error(`SERVICE must be one of gateway, ${SUBGRAPHS.map((subgraph) => subgraph.name).join(', ')}`);
    process.exit(1);
  }
  const server = await startSubgraph(definition, {
    databaseUrl: config.databaseUrl!,
    gatewaySecret: config.gatewaySecret,
    port: config.ports[definition.name as keyof typeof config.ports],
    host: config.host,
    development: config.nodeEnv !== 'production',
    introspection: config.exposure.introspection,
    peers: config.subgraphUrls,
    peerTimeoutMs: config.peerTimeoutMs,
    logger,
  });
  close = server.close;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    logger.info(`${signal}: stopping`);
    close()
      .then(stopTelemetry)
      .finally(() => process.exit(0));
  });
}
