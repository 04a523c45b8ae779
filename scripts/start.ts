/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), the four
 * subgraphs and the gateway, demo data on the first run, and a development
 * token. Ctrl-C stops everything, the database included.
 */
import { Role, mintBearerToken } from '../common/auth.ts';
import { loadConfig } from '../common/config.ts';
import { startDatabase } from '../common/database.ts';
import { createLogger } from '../common/logger.ts';
import { stopTelemetry } from '../common/telemetry.ts';
import { hasDemoData, loadDemoData } from './demo-data.ts';
import { startStack } from './stack.ts';

const config = loadConfig();
const logger = createLogger('start', config.logLevel);
const started = Date.now();

const database = await startDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
logger.info(config.databaseUrl ? 'using the PostgreSQL at DATABASE_URL' : `embedded PostgreSQL, data in ${config.dataDir}/postgres`);

let stack: Awaited<ReturnType<typeof startStack>> | undefined;
let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: stopping`);
  try {
    await stack?.close();
  } finally {
    await database.stop();
    await stopTelemetry();
    process.exit(0);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  stack = await startStack({
    databaseUrl: database.url,
    gatewaySecret: config.gatewaySecret,
    jwtSecret: config.jwtSecret,
    jwtIssuer: config.jwtIssuer,
    jwtAudience: config.jwtAudience,
    jwksUrl: config.jwksUrl,
    jwtMaxAgeSeconds: config.jwtMaxAgeSeconds,
    ports: config.ports,
    host: config.host,
    development: config.nodeEnv !== 'production',
    exposure: config.exposure,
    peerTimeoutMs: config.peerTimeoutMs,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
  });
} catch (error) {
  logger.error({ err: error }, 'start-up failed');
  await database.stop();
  process.exit(1);
}

const bearer = { jwtSecret: config.jwtSecret, issuer: config.jwtIssuer, audience: config.jwtAudience };
const adminToken = await mintBearerToken(bearer, 'dev-admin', [{ role: Role.ADMIN }]);
if (config.nodeEnv !== 'production' && !(await hasDemoData(stack.gateway.url, adminToken))) {
  const demo = await loadDemoData(stack.gateway.url, adminToken);
  logger.info({ municipalityId: demo.municipalityId }, 'demo data loaded');
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`
HeartsafeLiving backend ready in ${seconds} s
  GraphQL (HTTP and WebSocket): ${stack.gateway.url}
  GraphiQL:                     ${stack.gateway.url.replace(/\/graphql$/, '/')}
  Development ADMIN token (12 h; \`npm run token -- --role <ROLE> --scope <id>\` for others):

  ${adminToken}

Ctrl-C stops everything.
`);
