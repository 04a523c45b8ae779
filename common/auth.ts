/**
 * Who is calling, and how that identity travels.
 *
 * Callers present a bearer JWT to the gateway. The gateway verifies it and
 * forwards the resulting {@link Principal} to the subgraphs as a short-lived
 * token signed with `GATEWAY_SECRET`. Subgraphs trust only that signature, so a
 * request that did not pass through the gateway is refused, and every subgraph
 * enforces access rules itself from the same principal.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, createRemoteJWKSet, decodeJwt, errors as joseErrors, type JWTPayload } from 'jose';
import { forbidden, unauthenticated } from './errors.ts';

/** Roles of the access model; each but ADMIN is held for one scope (an id). */
export enum Role {
  ADMIN = 'ADMIN',
  /** Scope: a municipality id. */
  POLICY_OFFICER = 'POLICY_OFFICER',
  /** Scope: a working group id. */
  CHAIR = 'CHAIR',
  /** Scope: a working group id. */
  GROUP_LEADER = 'GROUP_LEADER',
  /** Scope: a working group id. */
  ADMIN_SUPPORT = 'ADMIN_SUPPORT',
  /** Scope: an ambulance service id. */
  DISPATCHER = 'DISPATCHER',
  /** Scope: a partner association id. */
  PARTNER = 'PARTNER',
  /** Scope: the volunteer's own id. */
  VOLUNTEER = 'VOLUNTEER',
  /** Scope: an AED id the holder looks after. */
  GUARDIAN = 'GUARDIAN',
  /**
   * Scope: the name of a calling subgraph (e.g. `incidents`). Held only by
   * subgraph-to-subgraph calls (common/peers.ts); bearer tokens may never carry it.
   */
  SERVICE = 'SERVICE',
}

export const ROLES = Object.values(Role) as Role[];

/** What a partner association's API client may be limited to (its credential's permissions). */
export enum PartnerPermission {
  /** Read anonymous statistics of the association's municipalities. */
  STATISTICS = 'STATISTICS',
  /** Receive the alerts of the association's own members, to forward them as push notifications. */
  ALERTS = 'ALERTS',
}

export const PARTNER_PERMISSIONS = Object.values(PartnerPermission) as PartnerPermission[];

/** The principal a subgraph uses for its own calls to another subgraph. */
export function servicePrincipal(subgraph: string): Principal {
  return { subject: `service:${subgraph}`, grants: [{ role: Role.SERVICE, scope: subgraph }] };
}

/** One role held for one scope. */
export interface Grant {
  role: Role;
  /** The id the role applies to; absent for ADMIN. */
  scope?: string;
  /**
   * The municipalities this grant covers, filled in by the gateway from the
   * organization subgraph and never taken from a bearer token: POLICY_OFFICER,
   * its municipality; CHAIR, GROUP_LEADER and ADMIN_SUPPORT, the working
   * group's municipalities; PARTNER, the municipalities the association joined.
   * Read it through {@link municipalitiesVisibleTo} rather than directly.
   */
  municipalityIds?: string[];
  /**
   * The security regions this grant covers (gateway-filled like
   * `municipalityIds`): DISPATCHER, the regions the ambulance service serves;
   * the other scoped roles, the regions of their municipalities.
   */
  regionIds?: string[];
  /**
   * Set on the PARTNER grant of a partner's API client (gateway-filled): all
   * that credential may do. Absent on people's grants, who may do everything
   * their role allows. Read it through {@link partnerAssociationsOf}.
   */
  permissions?: PartnerPermission[];
}

/** The authenticated caller, as every subgraph sees it. */
export interface Principal {
  /** Stable id of the caller (user id, API client id, or `anonymous`). */
  subject: string;
  grants: Grant[];
  /** Set (by the gateway only) when the caller is a partner association's API client rather than a person. */
  apiClientId?: string;
}

export const ANONYMOUS: Principal = Object.freeze({ subject: 'anonymous', grants: [] }) as Principal;

const GATEWAY_ISSUER = 'heartsafe-gateway';
/** Header carrying the gateway-signed principal on HTTP requests to subgraphs. */
export const PRINCIPAL_HEADER = 'x-heartsafe-principal';

const encoder = new TextEncoder();

/**
 * HMAC keys, imported into WebCrypto once per secret. Given the raw secret,
 * jose imports it again for every signature and every check, which cost more
 * than the rest of a hop between services.
 */
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
const hmacKeys = new Map<string, Promise<HmacKey>>();

function hmacKey(secret: string): Promise<HmacKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    hmacKeys.set(secret, key);
  }
  return key;
}

/** A bounded map that forgets its oldest entries first. */
class RecentMap<K, V> extends Map<K, V> {
  constructor(private readonly capacity: number) {
    super();
  }

  override set(key: K, value: V): this {
    this.delete(key);
    if (this.size >= this.capacity) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

/**
 * How long a principal signed for a subgraph is valid; it is re-signed when
 * half of that has passed, so one that is sent has at least 15 s left (a slow
 * network, clocks a few seconds apart) and one captured on the wire is useless
 * half a minute later. Subgraphs check the signature when a request arrives, so
 * a long query may outlive it.
 */
export const SIGNED_PRINCIPAL_LIFETIME_SECONDS = 30;
/** Signed principals by their claims and audience: a service calling its peers, or a caller's requests, reuse one signature for 15 s. */
const signedPrincipals = new RecentMap<string, { token: Promise<string>; renewAt: number }>(1_000);
/** Principals whose signature was checked, by secret and token, until the token expires: checking is the costly part of a hop. */
const verifiedPrincipals = new RecentMap<string, { principal: Principal; expiresAt: number }>(10_000);

/** A defect in a token's `roles`, worded for the caller. */
class GrantError extends Error {}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new Error(`malformed ${what}`);
  return value as string[];
}

/**
 * `trusted` is true only for what the gateway signed: the covered
 * municipalities, regions and permissions are then kept. From a bearer token
 * they are dropped, so no identity provider (or forger) can widen a grant.
 */
function parseGrants(value: unknown, trusted = false): Grant[] {
  if (!Array.isArray(value)) return [];
  const grants: Grant[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object') throw new GrantError('each entry of "roles" must be an object { role, scope }');
    const { role, scope, municipalityIds, regionIds, permissions } = item as Record<string, unknown>;
    if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
      throw new GrantError(`it names the unknown role ${JSON.stringify(role ?? null).slice(0, 40)} (known roles: ${ROLES.filter((known) => known !== Role.SERVICE).join(', ')})`);
    }
    if (scope !== undefined && scope !== null && typeof scope !== 'string') throw new GrantError(`the scope of role ${role} must be a string (an id)`);
    if (role !== Role.ADMIN && !scope) throw new GrantError(`role ${role} has no scope; it needs the id it is held for`);
    const grant: Grant = scope ? { role: role as Role, scope } : { role: role as Role };
    if (trusted) {
      if (municipalityIds != null) grant.municipalityIds = stringList(municipalityIds, 'municipalityIds');
      if (regionIds != null) grant.regionIds = stringList(regionIds, 'regionIds');
      if (permissions != null) {
        grant.permissions = stringList(permissions, 'permissions').map((permission) => {
          if (!PARTNER_PERMISSIONS.includes(permission as PartnerPermission)) throw new Error(`unknown permission ${permission}`);
          return permission as PartnerPermission;
        });
      }
    }
    grants.push(grant);
  }
  return grants;
}

function principalFromPayload(payload: JWTPayload, trusted = false): Principal {
  if (!payload.sub) throw new Error('token has no subject');
  const principal: Principal = { subject: payload.sub, grants: parseGrants(payload.roles, trusted) };
  if (trusted && typeof payload.apiClientId === 'string') principal.apiClientId = payload.apiClientId;
  return principal;
}

/**
 * Grants as the organization subgraph resolved them for the gateway, with
 * their covered municipalities, regions and permissions; throws on anything
 * malformed. Only the gateway calls it, on answers from the organization subgraph.
 */
export function parseResolvedGrants(value: unknown): Grant[] {
  return parseGrants(value, true);
}

/** Options for verifying callers' bearer tokens at the gateway. */
export interface BearerOptions {
  jwtSecret: string;
  issuer: string;
  audience: string;
  jwksUrl?: string;
  /**
   * The oldest a token may be, counted from its `iat`, whatever its `exp`
   * says (default {@link DEFAULT_BEARER_MAX_AGE_SECONDS}): a token minted for
   * a year still stops working after this.
   */
  maxAgeSeconds?: number;
}

/** Bearer tokens older than a day (by `iat`) are refused unless configured otherwise (`JWT_MAX_AGE_SECONDS`). */
export const DEFAULT_BEARER_MAX_AGE_SECONDS = 86_400;

/** Clocks of the identity provider and the gateway may differ this much (a token "issued" a few seconds ahead). */
const BEARER_CLOCK_TOLERANCE_SECONDS = 5;

/** Mints a bearer token as an identity provider would (development, tests, benchmarks). */
export async function mintBearerToken(
  options: Pick<BearerOptions, 'jwtSecret' | 'issuer' | 'audience'>,
  subject: string,
  grants: Grant[],
  expiresIn: string | number = '12h',
): Promise<string> {
  return new SignJWT({ roles: grants })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await hmacKey(options.jwtSecret));
}

/** What a bearer token lacks or breaks, in words the caller can act on. */
function bearerRefusal(error: unknown, maxAgeSeconds: number): string {
  if (error instanceof GrantError) return `The bearer token's roles are invalid: ${error.message}.`;
  if (error instanceof joseErrors.JWTExpired) {
    return error.claim === 'iat'
      ? `The bearer token was issued more than ${maxAgeSeconds} s ago (iat); sign in again for a new one.`
      : 'The bearer token has expired (exp); sign in again for a new one.';
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.reason === 'missing' && error.claim === 'exp') return 'The bearer token has no expiry (exp); tokens without one are refused.';
    if (error.reason === 'missing') return `The bearer token has no "${error.claim}" claim, which is required.`;
    if (error.claim === 'iat') return "The bearer token was issued in the future (iat); check the identity provider's clock.";
    return `The bearer token's "${error.claim}" claim is not the one this API expects.`;
  }
  if (error instanceof Error && error.message === SERVICE_REFUSAL) return 'The bearer token claims the SERVICE role, which only services hold.';
  return 'The bearer token is invalid (malformed, or not signed by the identity provider).';
}

const SERVICE_REFUSAL = 'SERVICE is not a caller role';

/**
 * Returns a verifier of `Authorization: Bearer …` values; throws
 * UNAUTHENTICATED on any defect, with a message that names it (no expiry,
 * expired, too old, an unknown role, a role without its scope…).
 */
export function createBearerVerifier(options: BearerOptions): (token: string) => Promise<Principal> {
  const jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
  const maxAgeSeconds = options.maxAgeSeconds ?? DEFAULT_BEARER_MAX_AGE_SECONDS;
  return async (token) => {
    try {
      const verifyOptions = {
        issuer: options.issuer,
        audience: options.audience,
        // A token that never expires could never be taken back: `exp` is required, and `iat` for the maximum age.
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: maxAgeSeconds,
        clockTolerance: BEARER_CLOCK_TOLERANCE_SECONDS,
      };
      const { payload } = jwks
        ? await jwtVerify(token, jwks, verifyOptions)
        : await jwtVerify(token, await hmacKey(options.jwtSecret), { ...verifyOptions, algorithms: ['HS256'] });
      const principal = principalFromPayload(payload);
      if (principal.grants.some((grant) => grant.role === Role.SERVICE)) throw new Error(SERVICE_REFUSAL);
      return principal;
    } catch (error) {
      throw unauthenticated(bearerRefusal(error, maxAgeSeconds));
    }
  };
}

/**
 * When a bearer token the verifier accepted stops being valid (epoch ms): its
 * `exp`, or its `iat` plus the maximum age when that comes first.
 */
export function bearerExpiresAt(token: string, maxAgeSeconds = DEFAULT_BEARER_MAX_AGE_SECONDS): number {
  const { exp, iat } = decodeJwt(token);
  return Math.min((exp ?? Infinity) * 1000, ((iat ?? Infinity) + maxAgeSeconds) * 1000);
}

/**
 * Gateway principals are HS256 JWTs made and checked here with node:crypto,
 * synchronously: jose's asynchronous WebCrypto path cost several times more,
 * and a request now signs once per subgraph. Only this exact header is
 * accepted, so no token can choose its own algorithm.
 */
const PRINCIPAL_JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const secretKeys = new Map<string, KeyObject>();

function hmacSha256(secret: string, data: string): Buffer {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return createHmac('sha256', key).update(data).digest();
}

/**
 * Signs a principal for the hops from the gateway (or a subgraph) to the
 * subgraph named `audience` (e.g. `volunteers`), which accepts nothing signed
 * for another. Signatures are cached per claims and audience and renewed at
 * half their lifetime, so a busy caller costs a signature per subgraph every 15 s.
 */
export function signForSubgraph(principal: Principal, gatewaySecret: string, audience: string): Promise<string> {
  const claims = principal.apiClientId ? { roles: principal.grants, apiClientId: principal.apiClientId } : { roles: principal.grants };
  const cacheKey = JSON.stringify([gatewaySecret, audience, principal.subject, claims]);
  const now = Date.now();
  const cached = signedPrincipals.get(cacheKey);
  if (cached && cached.renewAt > now) return cached.token;
  const iat = Math.floor(now / 1000);
  const payload = { ...claims, sub: principal.subject, iss: GATEWAY_ISSUER, aud: audience, iat, exp: iat + SIGNED_PRINCIPAL_LIFETIME_SECONDS };
  const signingInput = `${PRINCIPAL_JWT_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const token = Promise.resolve(`${signingInput}.${hmacSha256(gatewaySecret, signingInput).toString('base64url')}`);
  signedPrincipals.set(cacheKey, { token, renewAt: now + (SIGNED_PRINCIPAL_LIFETIME_SECONDS * 1000) / 2 });
  return token;
}

/** The payload of a gateway principal signed with `gatewaySecret` for `audience` and not expired; throws otherwise. */
function verifiedPayload(token: string, gatewaySecret: string, audience: string): JWTPayload {
  const [header, body, signature, ...rest] = token.split('.');
  if (header !== PRINCIPAL_JWT_HEADER || !body || !signature || rest.length > 0) throw new Error('not a gateway principal');
  const expected = hmacSha256(gatewaySecret, `${header}.${body}`);
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new Error('bad signature');
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as JWTPayload;
  if (payload.iss !== GATEWAY_ISSUER || payload.aud !== audience) throw new Error('signed for another subgraph');
  if (typeof payload.exp !== 'number' || payload.exp * 1000 <= Date.now()) throw new Error('expired');
  return payload;
}

/**
 * Verifies the gateway's signature on a principal forwarded to the subgraph
 * called `audience` (its own name); throws UNAUTHENTICATED when it is missing,
 * forged, expired or signed for another subgraph.
 */
export async function verifyFromGateway(token: string | undefined, gatewaySecret: string, audience: string): Promise<Principal> {
  if (!token) throw unauthenticated('This service only accepts requests that come through the gateway.');
  const cacheKey = JSON.stringify([gatewaySecret, audience, token]);
  const cached = verifiedPrincipals.get(cacheKey);
  if (cached && cached.expiresAt > Date.now()) return cached.principal;
  try {
    const payload = verifiedPayload(token, gatewaySecret, audience);
    const principal = principalFromPayload(payload, true);
    // Requests with the same token share this object from now on: frozen, so none can change another's grants.
    for (const grant of principal.grants) {
      for (const list of [grant.municipalityIds, grant.regionIds, grant.permissions]) if (list) Object.freeze(list);
      Object.freeze(grant);
    }
    Object.freeze(principal.grants);
    Object.freeze(principal);
    verifiedPrincipals.set(cacheKey, { principal, expiresAt: payload.exp! * 1000 });
    return principal;
  } catch {
    throw unauthenticated('This service only accepts requests that come through the gateway.');
  }
}

/** Whether the principal holds `role`, for `scope` when given. ADMIN holds every role but SERVICE. */
export function hasRole(principal: Principal, role: Role, scope?: string): boolean {
  return principal.grants.some(
    (grant) =>
      // ADMIN stands in for every human role, not for the subgraphs' own service identity.
      (grant.role === Role.ADMIN && role !== Role.SERVICE) || (grant.role === role && (scope === undefined || grant.scope === scope)),
  );
}

/**
 * Whether the principal holds exactly this grant, ADMIN not standing in: for
 * what only the person concerned may see (the patient's address and the
 * cabinet code go to the alerted volunteer, not to an administrator).
 */
export function holdsGrant(principal: Principal, role: Role, scope: string): boolean {
  return principal.grants.some((grant) => grant.role === role && grant.scope === scope);
}

/** Scopes for which the principal holds `role` (e.g. the municipalities a policy officer serves). */
export function scopesOf(principal: Principal, role: Role): string[] {
  return principal.grants.filter((grant) => grant.role === role && grant.scope).map((grant) => grant.scope!);
}

export function isAdmin(principal: Principal): boolean {
  return principal.grants.some((grant) => grant.role === Role.ADMIN);
}

/**
 * Throws UNAUTHENTICATED for anonymous callers. A signed-in caller without
 * grants (someone about to register as a volunteer) is authenticated; role
 * checks then answer FORBIDDEN.
 */
export function requireAuthenticated(principal: Principal): void {
  if (principal.subject === ANONYMOUS.subject) throw unauthenticated();
}

/**
 * Throws UNAUTHENTICATED or FORBIDDEN unless the principal holds one of
 * `roles` (for `scope` when given). Without `message`, the refusal names the
 * role and scope needed, and the scopes the caller holds that role for.
 */
export function requireRole(principal: Principal, roles: Role | Role[], scope?: string, message?: string): void {
  requireAuthenticated(principal);
  const wanted = Array.isArray(roles) ? roles : [roles];
  if (!wanted.some((role) => hasRole(principal, role, scope))) throw forbidden(message ?? missingRole(principal, wanted, scope));
}

function missingRole(principal: Principal, wanted: Role[], scope: string | undefined): string {
  const roles = `the role ${wanted.join(' or ')}`;
  if (scope === undefined) return `This needs ${roles}, which you do not hold.`;
  const heldFor = unique(wanted.flatMap((role) => scopesOf(principal, role)));
  return heldFor.length > 0 ? `This needs ${roles} for ${scope}; you hold it only for ${heldFor.join(', ')}.` : `This needs ${roles} for ${scope}, which you do not hold.`;
}

/*
 * The access model of the whole graph. Every subgraph decides with these
 * helpers, from the principal the gateway signed, so each rule lives here
 * once. The covered municipalities and regions of a grant are resolved by the
 * organization subgraph and cached by the gateway for up to 30 seconds, which
 * is how long a revoked role may still work. See docs/access.md.
 */

/** Roles that see the personal data of volunteers in the municipalities their grant covers. */
export const COORDINATOR_ROLES: readonly Role[] = [Role.POLICY_OFFICER, Role.CHAIR, Role.GROUP_LEADER, Role.ADMIN_SUPPORT];

/** Roles held for a working group (scope: its id). */
export const WORKING_GROUP_ROLES: readonly Role[] = [Role.CHAIR, Role.GROUP_LEADER, Role.ADMIN_SUPPORT];

/** Ids a principal may act on. `all` only for ADMIN, whose `ids` is then empty: test `all` first. */
export interface ScopeSet {
  all: boolean;
  ids: string[];
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/**
 * The municipalities one grant covers. A policy officer's is its scope even
 * when the gateway could not resolve anything; the others need the gateway's
 * answer and cover nothing without it, so an outage denies rather than leaks.
 */
export function municipalitiesOfGrant(grant: Grant): string[] {
  if (grant.role === Role.POLICY_OFFICER && grant.scope) return unique([grant.scope, ...(grant.municipalityIds ?? [])]);
  return grant.municipalityIds ?? [];
}

/**
 * The municipalities in which the principal holds one of `roles` (default:
 * the coordinators, who see volunteers' personal data there). ADMIN: all.
 *
 * @example
 * const visible = municipalitiesVisibleTo(principal);
 * const where = visible.all ? {} : { municipalityId: { $in: visible.ids } };
 */
export function municipalitiesVisibleTo(principal: Principal, roles: readonly Role[] = COORDINATOR_ROLES): ScopeSet {
  if (isAdmin(principal)) return { all: true, ids: [] };
  return {
    all: false,
    ids: unique(principal.grants.filter((grant) => roles.includes(grant.role)).flatMap(municipalitiesOfGrant)),
  };
}

/**
 * Whether the principal may see personal data (name, address, phone,
 * position, certificates) of the volunteers of `municipalityId`: ADMIN, its
 * policy officer, or a chair, group leader or admin support of a working
 * group covering it. Never a partner, a dispatcher or another municipality's
 * coordinator. A volunteer's own data is `hasRole(principal, Role.VOLUNTEER, volunteerId)`;
 * a dispatcher's view of the volunteers alerted for their incident is the incidents subgraph's rule.
 */
export function canSeePersonalDataOf(principal: Principal, municipalityId: string): boolean {
  const visible = municipalitiesVisibleTo(principal, COORDINATOR_ROLES);
  return visible.all || visible.ids.includes(municipalityId);
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless {@link canSeePersonalDataOf}. */
export function requirePersonalDataAccess(principal: Principal, municipalityId: string): void {
  requireAuthenticated(principal);
  if (!canSeePersonalDataOf(principal, municipalityId)) {
    throw forbidden('You may only see personal data of volunteers in the municipalities you coordinate.');
  }
}

/** The security regions served by the principal's ambulance services (DISPATCHER grants). ADMIN: all. */
export function regionsOfDispatcher(principal: Principal): ScopeSet {
  if (isAdmin(principal)) return { all: true, ids: [] };
  return {
    all: false,
    ids: unique(principal.grants.filter((grant) => grant.role === Role.DISPATCHER).flatMap((grant) => grant.regionIds ?? [])),
  };
}

/**
 * The principal's ambulance services that serve `regionId`: the services on
 * whose behalf they may report an incident there (the incident records which).
 * Empty for everyone else, ADMIN included: an incident always comes from a dispatch centre.
 */
export function ambulanceServicesServing(principal: Principal, regionId: string): string[] {
  return unique(principal.grants.filter((grant) => grant.role === Role.DISPATCHER && grant.scope && (grant.regionIds ?? []).includes(regionId)).map((grant) => grant.scope!));
}

/** The security regions served by those of the principal's ambulance services named in `services`. */
export function regionsServedBy(principal: Principal, services: readonly string[]): string[] {
  return unique(principal.grants.filter((grant) => grant.role === Role.DISPATCHER && grant.scope && services.includes(grant.scope)).flatMap((grant) => grant.regionIds ?? []));
}

/** Whether the principal is a dispatcher of a service that serves `regionId` (see {@link ambulanceServicesServing}). */
export function canReportIncidentIn(principal: Principal, regionId: string): boolean {
  return ambulanceServicesServing(principal, regionId).length > 0;
}

/**
 * The partner associations the principal acts for, limited to those whose
 * credential allows `permission` when given (an API client may hold only
 * some). Partners see anonymous statistics of their municipalities and the
 * alerts of their own members, never a volunteer's personal data.
 */
export function partnerAssociationsOf(principal: Principal, permission?: PartnerPermission): string[] {
  return unique(
    principal.grants
      .filter((grant) => grant.role === Role.PARTNER && grant.scope && (permission === undefined || grant.permissions === undefined || grant.permissions.includes(permission)))
      .map((grant) => grant.scope!),
  );
}

/** Whether the caller is a partner's API client (an app, not a person). */
export function isApiClient(principal: Principal): boolean {
  return principal.apiClientId !== undefined;
}

const API_CLIENT_CREDENTIAL = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** A partner's API client credential as sent in `Authorization: Bearer <clientId>.<secret>`. */
export function formatApiClientCredential(clientId: string, secret: string): string {
  return `${clientId}.${secret}`;
}

/** Splits an API client credential, or returns undefined when `value` is not one (a JWT has three parts). */
export function parseApiClientCredential(value: string): { clientId: string; secret: string } | undefined {
  const match = API_CLIENT_CREDENTIAL.exec(value);
  return match ? { clientId: match[1]!, secret: match[2]! } : undefined;
}
