/**
 * Every setting the product reads, in one place, from environment variables
 * only. Each has a safe development default; production must set the secrets
 * (see README "Environment variables").
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PEER_TIMEOUT_MS, DEFAULT_SUBGRAPH_TIMEOUT_MS } from './deadline.ts';

/** Root folder of the repository (where package.json lives). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-change-me';
const DEVELOPMENT_GATEWAY_SECRET = 'development-only-gateway-secret-change-me';

export interface Config {
  /** `development`, `test` or `production`; production masks internal errors and refuses default secrets. */
  nodeEnv: string;
  /** Points at a real PostgreSQL server; when unset an embedded PostgreSQL is started. */
  databaseUrl: string | undefined;
  /** Where the embedded PostgreSQL keeps its data between runs. */
  dataDir: string;
  /** HS256 secret for bearer tokens (development and tests). */
  jwtSecret: string;
  /** Expected `iss` and `aud` of bearer tokens. */
  jwtIssuer: string;
  jwtAudience: string;
  /** When set, bearer tokens are verified against this JWKS (RS256/ES256) instead of `jwtSecret`. */
  jwksUrl: string | undefined;
  /** Shared between the gateway and the subgraphs: signs the caller's identity on every subgraph request. */
  gatewaySecret: string;
  /** Ports for `npm start`; tests always use port 0. */
  ports: { gateway: number; organization: number; volunteers: number; aeds: number; incidents: number };
  /**
   * Where each subgraph is reached, when the services run as separate
   * processes (docker-compose); `npm start` runs them in one process and fills these in itself.
   */
  subgraphUrls: Record<string, string>;
  /** Deadline of a call from one service to another (`PEER_TIMEOUT_MS`), see common/deadline.ts. */
  peerTimeoutMs: number;
  /** Deadline of one subgraph fetch of the gateway (`SUBGRAPH_TIMEOUT_MS`). */
  subgraphTimeoutMs: number;
  /** Host the services bind to. */
  host: string;
  /** pino log level. */
  logLevel: string;
  /**
   * The SMSC the incidents subgraph sends alert SMS through (SMPP 3.4), or
   * undefined when `SMPP_HOST` is unset: alerts then go to a channel that
   * only records them (development and tests).
   */
  smpp: SmppSettings | undefined;
  /** Readiness rules of the aeds subgraph. */
  aeds: AedSettings;
}

/** Readiness rules for AEDs (see README "AEDs"). */
export interface AedSettings {
  /** Days a guardian check stays valid; an AED not checked for longer drops out of dispatch. */
  checkIntervalDays: number;
  /** How many days before a battery or pads expiry, or a due check, guardians are reminded. */
  reminderDays: number;
}

/** How to reach the SMSC over SMPP (see README "Alerts by SMS"). */
export interface SmppSettings {
  host: string;
  port: number;
  /** SMPP over TLS (usually port 3550). */
  tls: boolean;
  systemId: string;
  password: string;
  systemType: string | undefined;
  /** The sender volunteers see and reply to: an E.164 number or short code (an alphanumeric sender cannot be answered). */
  sender: string;
  /** Minutes after which the SMSC drops an alert it could not deliver. */
  validityMinutes: number;
}

function port(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`Invalid port: ${value}`);
  return parsed;
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive whole number, got ${value}`);
  return parsed;
}

/** The SMSC settings, or undefined when `SMPP_HOST` is unset; throws when they are set but incomplete. */
function smppSettings(env: NodeJS.ProcessEnv): SmppSettings | undefined {
  if (!env.SMPP_HOST) return undefined;
  const missing = ['SMPP_SYSTEM_ID', 'SMPP_PASSWORD', 'SMS_SENDER'].filter((name) => !env[name]);
  // A half-configured SMSC would silently alert nobody by SMS: refuse to start instead.
  if (missing.length > 0) throw new Error(`SMPP_HOST is set, so ${missing.join(', ')} must be set too`);
  return {
    host: env.SMPP_HOST,
    port: port(env.SMPP_PORT, 2775),
    tls: env.SMPP_TLS === 'true',
    systemId: env.SMPP_SYSTEM_ID!,
    password: env.SMPP_PASSWORD!,
    systemType: env.SMPP_SYSTEM_TYPE || undefined,
    sender: env.SMS_SENDER!,
    validityMinutes: positiveInteger('SMS_VALIDITY_MINUTES', env.SMS_VALIDITY_MINUTES, 15),
  };
}

/** Reads the configuration from `env` (default `process.env`). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const ports = {
    gateway: port(env.GATEWAY_PORT, 4000),
    organization: port(env.ORGANIZATION_PORT, 4001),
    volunteers: port(env.VOLUNTEERS_PORT, 4002),
    aeds: port(env.AEDS_PORT, 4003),
    incidents: port(env.INCIDENTS_PORT, 4004),
  };
  const config: Config = {
    nodeEnv,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? path.join(projectRoot, '.data'),
    jwtSecret: env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    jwtIssuer: env.JWT_ISSUER ?? 'heartsafe',
    jwtAudience: env.JWT_AUDIENCE ?? 'heartsafe-api',
    jwksUrl: env.JWKS_URL || undefined,
    gatewaySecret: env.GATEWAY_SECRET ?? DEVELOPMENT_GATEWAY_SECRET,
    ports,
    // By default each service is where `npm start` puts it: on this machine, at its *_PORT.
    subgraphUrls: {
      organization: env.ORGANIZATION_URL || `http://127.0.0.1:${ports.organization}/graphql`,
      volunteers: env.VOLUNTEERS_URL || `http://127.0.0.1:${ports.volunteers}/graphql`,
      aeds: env.AEDS_URL || `http://127.0.0.1:${ports.aeds}/graphql`,
      incidents: env.INCIDENTS_URL || `http://127.0.0.1:${ports.incidents}/graphql`,
    },
    peerTimeoutMs: positiveInteger('PEER_TIMEOUT_MS', env.PEER_TIMEOUT_MS, DEFAULT_PEER_TIMEOUT_MS),
    subgraphTimeoutMs: positiveInteger('SUBGRAPH_TIMEOUT_MS', env.SUBGRAPH_TIMEOUT_MS, DEFAULT_SUBGRAPH_TIMEOUT_MS),
    host: env.HOST ?? '127.0.0.1',
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    smpp: smppSettings(env),
    aeds: {
      checkIntervalDays: positiveInteger('AED_CHECK_INTERVAL_DAYS', env.AED_CHECK_INTERVAL_DAYS, 90),
      reminderDays: positiveInteger('AED_REMINDER_DAYS', env.AED_REMINDER_DAYS, 30),
    },
  };
  if (nodeEnv === 'production') {
    if (config.gatewaySecret === DEVELOPMENT_GATEWAY_SECRET) throw new Error('GATEWAY_SECRET must be set in production');
    if (!config.jwksUrl && config.jwtSecret === DEVELOPMENT_JWT_SECRET) {
      throw new Error('JWT_SECRET or JWKS_URL must be set in production');
    }
  }
  return config;
}

/** Whether internal error details may be shown to callers. */
export function isDevelopment(config: Config): boolean {
  return config.nodeEnv !== 'production';
}
