/**
 * Who is calling, and how that identity travels.
 *
 * Callers present a bearer JWT to the gateway. The gateway verifies it and
 * forwards the resulting {@link Principal} to the subgraphs as a short-lived
 * token signed with `GATEWAY_SECRET`. Subgraphs trust only that signature, so a
 * request that did not pass through the gateway is refused, and every subgraph
 * enforces access rules itself from the same principal.
 */
import { SignJWT, jwtVerify, createRemoteJWKSet, type JWTPayload } from 'jose';
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

/** The principal a subgraph uses for its own calls to another subgraph. */
export function servicePrincipal(subgraph: string): Principal {
  return { subject: `service:${subgraph}`, grants: [{ role: Role.SERVICE, scope: subgraph }] };
}

/** One role held for one scope. */
export interface Grant {
  role: Role;
  /** The id the role applies to; absent for ADMIN. */
  scope?: string;
}

/** The authenticated caller, as every subgraph sees it. */
export interface Principal {
  /** Stable id of the caller (user id, API client id, or `anonymous`). */
  subject: string;
  grants: Grant[];
}

export const ANONYMOUS: Principal = Object.freeze({ subject: 'anonymous', grants: [] }) as Principal;

const GATEWAY_ISSUER = 'heartsafe-gateway';
const GATEWAY_AUDIENCE = 'heartsafe-subgraph';
/** Header carrying the gateway-signed principal on HTTP requests to subgraphs. */
export const PRINCIPAL_HEADER = 'x-heartsafe-principal';

const encoder = new TextEncoder();

function parseGrants(value: unknown): Grant[] {
  if (!Array.isArray(value)) return [];
  const grants: Grant[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object') throw new Error('malformed role');
    const { role, scope } = item as Record<string, unknown>;
    if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw new Error(`unknown role ${String(role)}`);
    if (scope !== undefined && typeof scope !== 'string') throw new Error('malformed scope');
    if (role !== Role.ADMIN && !scope) throw new Error(`role ${role} needs a scope`);
    grants.push(scope ? { role: role as Role, scope } : { role: role as Role });
  }
  return grants;
}

function principalFromPayload(payload: JWTPayload): Principal {
  if (!payload.sub) throw new Error('token has no subject');
  return { subject: payload.sub, grants: parseGrants(payload.roles) };
}

/** Options for verifying callers' bearer tokens at the gateway. */
export interface BearerOptions {
  jwtSecret: string;
  issuer: string;
  audience: string;
  jwksUrl?: string;
}

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
    .sign(encoder.encode(options.jwtSecret));
}

/** Returns a verifier of `Authorization: Bearer …` values; throws UNAUTHENTICATED on any defect. */
export function createBearerVerifier(options: BearerOptions): (token: string) => Promise<Principal> {
  const jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
  const secret = encoder.encode(options.jwtSecret);
  return async (token) => {
    try {
      const verifyOptions = { issuer: options.issuer, audience: options.audience };
      const { payload } = jwks
        ? await jwtVerify(token, jwks, verifyOptions)
        : await jwtVerify(token, secret, { ...verifyOptions, algorithms: ['HS256'] });
      const principal = principalFromPayload(payload);
      if (principal.grants.some((grant) => grant.role === Role.SERVICE)) throw new Error('SERVICE is not a caller role');
      return principal;
    } catch {
      throw unauthenticated('The bearer token is invalid or has expired.');
    }
  };
}

/** Signs a principal for one hop from the gateway to a subgraph. */
export async function signForSubgraph(principal: Principal, gatewaySecret: string): Promise<string> {
  return new SignJWT({ roles: principal.grants })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.subject)
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(GATEWAY_AUDIENCE)
    .setIssuedAt()
    // Long enough for a slow query plan, short enough that a leaked header is soon useless.
    .setExpirationTime('2m')
    .sign(encoder.encode(gatewaySecret));
}

/** Verifies the gateway's signature on a forwarded principal; throws UNAUTHENTICATED otherwise. */
export async function verifyFromGateway(token: string | undefined, gatewaySecret: string): Promise<Principal> {
  if (!token) throw unauthenticated('This service only accepts requests that come through the gateway.');
  try {
    const { payload } = await jwtVerify(token, encoder.encode(gatewaySecret), {
      issuer: GATEWAY_ISSUER,
      audience: GATEWAY_AUDIENCE,
      algorithms: ['HS256'],
    });
    return principalFromPayload(payload);
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

/** Scopes for which the principal holds `role` (e.g. the municipalities a policy officer serves). */
export function scopesOf(principal: Principal, role: Role): string[] {
  return principal.grants.filter((grant) => grant.role === role && grant.scope).map((grant) => grant.scope!);
}

export function isAdmin(principal: Principal): boolean {
  return principal.grants.some((grant) => grant.role === Role.ADMIN);
}

/** Throws UNAUTHENTICATED for anonymous callers. */
export function requireAuthenticated(principal: Principal): void {
  if (principal.subject === ANONYMOUS.subject || principal.grants.length === 0) throw unauthenticated();
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless the principal holds one of `roles` (for `scope` when given). */
export function requireRole(principal: Principal, roles: Role | Role[], scope?: string): void {
  requireAuthenticated(principal);
  const wanted = Array.isArray(roles) ? roles : [roles];
  if (!wanted.some((role) => hasRole(principal, role, scope))) throw forbidden();
}
