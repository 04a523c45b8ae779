/**
 * Every setting the product reads, in one place, from environment variables
 * only. Each has a safe development default; production must set the secrets
 * (see docs/operations.md "Environment variables").
 */
import { readFileSync } from 'node:fs';
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
  /** Bearer tokens issued (`iat`) longer ago than this are refused, whatever their `exp` (default 24 h). */
  jwtMaxAgeSeconds: number;
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
  /** What the API shows strangers (see docs/access.md "Limits"): off in production unless turned on. */
  exposure: Exposure;
  /**
   * The SMSC the incidents subgraph sends alert SMS through (SMPP 3.4), or
   * undefined when `SMPP_HOST` is unset: alerts then go to a channel that
   * only records them (development and tests).
   */
  smpp: SmppSettings | undefined;
  /** The push services that wake volunteers' apps (see docs/push.md). */
  push: PushSettings;
  /** Readiness rules of the aeds subgraph. */
  aeds: AedSettings;
}

/** Schema introspection and the GraphiQL page: on in development; in production only when asked for. */
export interface Exposure {
  /** `GRAPHQL_INTROSPECTION=true`: the gateway and the subgraphs answer introspection queries. */
  introspection: boolean;
  /** `GRAPHIQL=true`: the gateway serves GraphiQL at `/` and `/graphiql`. */
  graphiql: boolean;
  /** `TRUST_PROXY`: Express `trust proxy` (e.g. `1`, or `loopback`), so budgets see callers' addresses behind a proxy. */
  trustProxy: string | undefined;
}

/** Readiness rules for AEDs (see docs/aeds.md). */
export interface AedSettings {
  /** Days a guardian check stays valid; an AED not checked for longer drops out of dispatch. */
  checkIntervalDays: number;
  /** How many days before a battery or pads expiry, or a due check, guardians are reminded. */
  reminderDays: number;
}

/** How to reach the SMSC over SMPP (see docs/incidents.md "Alerts by SMS"). */
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

/**
 * The push services, one per platform (see docs/push.md). A service whose
 * variables are all unset is undefined: pushes to that platform are then only
 * recorded and logged (development and tests).
 */
export interface PushSettings {
  apns: ApnsSettings | undefined;
  fcm: FcmSettings | undefined;
  webPush: WebPushSettings | undefined;
  /** Deadline of one request to a push service (`PUSH_TIMEOUT_MS`): a service that hangs never holds up the others. */
  timeoutMs: number;
}

/** Apple Push Notification service with token authentication (a .p8 key). */
export interface ApnsSettings {
  /** The .p8 signing key (PEM text). */
  key: string;
  keyId: string;
  teamId: string;
  /** The app's bundle id (`apns-topic`). */
  topic: string;
  /** api.push.apple.com (App Store and TestFlight builds) rather than api.sandbox.push.apple.com (Xcode builds). */
  production: boolean;
  /** Overrides the host picked by `production`. */
  host: string | undefined;
  port: number;
  /** Tests only (never read from the environment): a CA to trust for a local APNs server's certificate. */
  ca?: string;
}

/** Firebase Cloud Messaging HTTP v1 with a service account. */
export interface FcmSettings {
  /** The service account's key file contents (client_email, private_key, project_id, token_uri). */
  serviceAccount: FcmServiceAccount;
  projectId: string;
  /** Where the v1 API lives, `https://fcm.googleapis.com` unless a test points elsewhere. */
  baseUrl: string;
}

/** The fields of a Google service account key file that FCM needs. */
export interface FcmServiceAccount {
  client_email: string;
  private_key: string;
  project_id?: string;
  /** Google's OAuth2 token endpoint; a test's account points at a local one. */
  token_uri?: string;
}

/** Web Push with VAPID (RFC 8292). */
export interface WebPushSettings {
  /** The VAPID key pair, URL-safe base64 (as `npx web-push generate-vapid-keys` prints them). */
  publicKey: string;
  privateKey: string;
  /** Who the push services contact about our traffic: a `mailto:` or `https:` URL. */
  subject: string;
  /** Tests only (never read from the environment): a CA to trust for a local push endpoint's certificate. */
  ca?: string;
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

/** The variables of each push service, for "all unset" and for naming what is missing. */
const PUSH_VARIABLES = {
  apns: ['APNS_KEY', 'APNS_KEY_FILE', 'APNS_KEY_ID', 'APNS_TEAM_ID', 'APNS_TOPIC', 'APNS_PRODUCTION'],
  fcm: ['FCM_SERVICE_ACCOUNT', 'FCM_SERVICE_ACCOUNT_FILE', 'FCM_PROJECT_ID'],
  webPush: ['WEB_PUSH_VAPID_PUBLIC_KEY', 'WEB_PUSH_VAPID_PRIVATE_KEY', 'WEB_PUSH_SUBJECT'],
} as const;

/** A file named by `name`, read now so a wrong path stops the start rather than the first alert. */
function readSetting(name: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${name} names a file that cannot be read: ${(error as Error).message}`);
  }
}

/**
 * The push settings; throws when a service is half configured, since that
 * would silently leave every phone of its platform to the SMS.
 */
function pushSettings(env: NodeJS.ProcessEnv): PushSettings {
  const configured = (service: keyof typeof PUSH_VARIABLES) => PUSH_VARIABLES[service].some((name) => env[name]);
  const requireAll = (service: string, names: string[]) => {
    const missing = names.filter((name) => !name.split(' or ').some((one) => env[one]));
    if (missing.length > 0) throw new Error(`${service} push is partly configured: ${missing.join(', ')} must be set too`);
  };

  let apns: ApnsSettings | undefined;
  if (configured('apns')) {
    requireAll('APNs', ['APNS_KEY or APNS_KEY_FILE', 'APNS_KEY_ID', 'APNS_TEAM_ID', 'APNS_TOPIC', 'APNS_PRODUCTION']);
    // Sandbox tokens are unknown to production and the other way round: every device would be dropped as dead, so no default.
    if (env.APNS_PRODUCTION !== 'true' && env.APNS_PRODUCTION !== 'false') throw new Error(`APNS_PRODUCTION must be true or false, got ${env.APNS_PRODUCTION}`);
    apns = {
      key: env.APNS_KEY || readSetting('APNS_KEY_FILE', env.APNS_KEY_FILE!),
      keyId: env.APNS_KEY_ID!,
      teamId: env.APNS_TEAM_ID!,
      topic: env.APNS_TOPIC!,
      production: env.APNS_PRODUCTION === 'true',
      host: env.APNS_HOST || undefined,
      port: port(env.APNS_PORT, 443),
    };
  }

  let fcm: FcmSettings | undefined;
  if (configured('fcm')) {
    requireAll('FCM', ['FCM_SERVICE_ACCOUNT or FCM_SERVICE_ACCOUNT_FILE']);
    const source = env.FCM_SERVICE_ACCOUNT ? 'FCM_SERVICE_ACCOUNT' : 'FCM_SERVICE_ACCOUNT_FILE';
    let serviceAccount: FcmServiceAccount;
    try {
      serviceAccount = JSON.parse(env.FCM_SERVICE_ACCOUNT || readSetting(source, env.FCM_SERVICE_ACCOUNT_FILE!)) as FcmServiceAccount;
    } catch (error) {
      throw new Error(`${source} is not a service account key in JSON: ${(error as Error).message}`);
    }
    if (typeof serviceAccount.client_email !== 'string' || typeof serviceAccount.private_key !== 'string') {
      throw new Error(`${source} is not a service account key: client_email and private_key are missing`);
    }
    const projectId = env.FCM_PROJECT_ID || serviceAccount.project_id;
    if (!projectId) throw new Error(`FCM_PROJECT_ID must be set: the service account in ${source} names no project_id`);
    fcm = { serviceAccount, projectId, baseUrl: env.FCM_BASE_URL || 'https://fcm.googleapis.com' };
  }

  let webPush: WebPushSettings | undefined;
  if (configured('webPush')) {
    requireAll('Web', [...PUSH_VARIABLES.webPush]);
    if (!/^(mailto:|https:)/.test(env.WEB_PUSH_SUBJECT!)) throw new Error(`WEB_PUSH_SUBJECT must be a mailto: or https: URL, got ${env.WEB_PUSH_SUBJECT}`);
    webPush = { publicKey: env.WEB_PUSH_VAPID_PUBLIC_KEY!, privateKey: env.WEB_PUSH_VAPID_PRIVATE_KEY!, subject: env.WEB_PUSH_SUBJECT! };
  }

  return { apns, fcm, webPush, timeoutMs: positiveInteger('PUSH_TIMEOUT_MS', env.PUSH_TIMEOUT_MS, 5_000) };
}

/** Shortest secret accepted in production: 256 bits, as much as HS256 can use. */
export const MIN_SECRET_BYTES = 32;

/** What is wrong with a production secret, naming the variable; undefined when it will do. */
function secretDefect(name: string, value: string | undefined, alternative = ''): string | undefined {
  if (value === undefined) return `${name} is not set${alternative}`;
  if (value.trim() === '') return `${name} is empty${alternative}`;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes < MIN_SECRET_BYTES) return `${name} is ${bytes} bytes long; it must be at least ${MIN_SECRET_BYTES} random bytes (e.g. openssl rand -base64 48)`;
  if (value === DEVELOPMENT_JWT_SECRET || value === DEVELOPMENT_GATEWAY_SECRET) return `${name} is the development default`;
  return undefined;
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
    jwtSecret: env.JWT_SECRET || DEVELOPMENT_JWT_SECRET,
    jwtIssuer: env.JWT_ISSUER ?? 'heartsafe',
    jwtAudience: env.JWT_AUDIENCE ?? 'heartsafe-api',
    jwksUrl: env.JWKS_URL || undefined,
    jwtMaxAgeSeconds: positiveInteger('JWT_MAX_AGE_SECONDS', env.JWT_MAX_AGE_SECONDS, 86_400),
    gatewaySecret: env.GATEWAY_SECRET || DEVELOPMENT_GATEWAY_SECRET,
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
    exposure: {
      introspection: nodeEnv !== 'production' || env.GRAPHQL_INTROSPECTION === 'true',
      graphiql: nodeEnv !== 'production' || env.GRAPHIQL === 'true',
      trustProxy: env.TRUST_PROXY || undefined,
    },
    smpp: smppSettings(env),
    push: pushSettings(env),
    aeds: {
      checkIntervalDays: positiveInteger('AED_CHECK_INTERVAL_DAYS', env.AED_CHECK_INTERVAL_DAYS, 90),
      reminderDays: positiveInteger('AED_REMINDER_DAYS', env.AED_REMINDER_DAYS, 30),
    },
  };
  if (nodeEnv === 'production') {
    const defects = [secretDefect('GATEWAY_SECRET', env.GATEWAY_SECRET)];
    if (!config.jwksUrl) defects.push(secretDefect('JWT_SECRET', env.JWT_SECRET, ' (or set JWKS_URL)'));
    const found = defects.filter((defect) => defect !== undefined);
    if (found.length > 0) throw new Error(`Refusing to start in production: ${found.join('; ')}`);
  }
  return config;
}

/** Whether internal error details may be shown to callers. */
export function isDevelopment(config: Config): boolean {
  return config.nodeEnv !== 'production';
}
