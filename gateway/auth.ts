/**
 * Who is calling the gateway, and what their roles cover.
 *
 * A missing `Authorization` header makes the caller anonymous (subgraphs then
 * refuse anything that is not public); a header that is present but wrong is
 * refused outright. Two kinds of bearer credential are accepted:
 *
 * - a JWT from the identity provider (`roles`: a list of `{ role, scope }`);
 * - a partner association's API client credential, `<clientId>.<secret>`,
 *   created with the `createApiClient` mutation.
 *
 * Either way the organization subgraph then tells the gateway what the
 * caller's grants cover (the municipalities of a working group, the regions an
 * ambulance service serves, the roles a person holds as a working-group
 * member), and the gateway signs that enriched principal for every subgraph.
 * Answers are cached per credential, so a busy dispatcher pays for the lookup
 * at most once per `ttlMs`.
 */
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { withDeadline } from '../common/deadline.ts';
import { requestIdHeader } from '../common/request-id.ts';
import { postToService } from '../common/service-http.ts';
import {
  ANONYMOUS,
  DEFAULT_BEARER_MAX_AGE_SECONDS,
  PRINCIPAL_HEADER,
  Role,
  bearerExpiresAt,
  createBearerVerifier,
  parseApiClientCredential,
  parseResolvedGrants,
  signForSubgraph,
  type BearerOptions,
  type Principal,
} from '../common/auth.ts';
import { unauthenticated } from '../common/errors.ts';
import type { Logger } from '../common/logger.ts';
import { ApiClientLockout } from './api-client-lockout.ts';

export interface Authenticator {
  /**
   * The caller presenting `authorization` (an `Authorization` header value)
   * from the IP address `ip`; throws UNAUTHENTICATED, or RATE_LIMITED for an
   * address that failed too many API client sign-ins.
   */
  (authorization: string | undefined, ip?: string): Promise<Principal>;
  /**
   * When a credential this authenticator accepted stops being valid (epoch
   * ms): a JWT's `exp`, or its `iat` plus the maximum age; undefined for
   * anonymous callers and API clients, whose credentials do not expire by themselves.
   */
  expiresAt(authorization: string | undefined): number | undefined;
}

/** How the gateway learns what callers' grants cover. */
export interface AccessOptions {
  /** The organization subgraph's `/graphql` URL. */
  organizationUrl: string;
  gatewaySecret: string;
  /**
   * How long an answer is used for one credential (default 30 s). This is
   * also the longest a revoked API client, an ended membership or a changed
   * working group keeps its old effect.
   */
  ttlMs?: number;
  /** How long an expired answer may still serve while the organization subgraph cannot be reached (default 5 min). */
  staleMs?: number;
  /** Most credentials remembered at once (default 10,000); the least recently used are forgotten first. */
  maxEntries?: number;
  /** Deadline of one lookup (default 2 s, `PEER_TIMEOUT_MS`). */
  timeoutMs?: number;
  logger?: Logger;
}

const ACCESS_FIELDS = 'subject apiClientId grants { role scope municipalityIds regionIds permissions }';
const CALLER_ACCESS = `query CallerAccess { callerAccess { ${ACCESS_FIELDS} } }`;
const API_CLIENT_ACCESS = `query ApiClientAccess($credential: String!) { apiClientAccess(credential: $credential) { ${ACCESS_FIELDS} } }`;

interface AccessAnswer {
  subject: string;
  apiClientId: string | null;
  grants: unknown;
}

interface CacheEntry {
  principal: Principal;
  /** Until when the answer is used as it is. */
  freshUntil: number;
  /** Until when it may still serve if a refresh fails. */
  usableUntil: number;
}

/** Answers are keyed by a digest: the cache never holds a caller's secret. */
function digestOf(credential: string): string {
  return createHash('sha256').update(credential).digest('base64url');
}

/** Principals the organization subgraph has nothing to add to. */
function needsNoLookup(principal: Principal): boolean {
  return principal === ANONYMOUS || principal.grants.some((grant) => grant.role === Role.ADMIN);
}

function principalFrom(answer: AccessAnswer): Principal {
  const principal: Principal = { subject: answer.subject, grants: parseResolvedGrants(answer.grants) };
  if (answer.apiClientId) principal.apiClientId = answer.apiClientId;
  return principal;
}

/** Resolves and caches what callers' grants cover, by asking the organization subgraph. */
export class AccessResolver {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly pending = new Map<string, Promise<Principal>>();
  private readonly ttlMs: number;
  private readonly staleMs: number;
  private readonly maxEntries: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: AccessOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.staleMs = options.staleMs ?? 300_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 2_000;
  }

  /** The verified principal of a bearer JWT, with what its grants cover. */
  enrich(token: string, principal: Principal): Promise<Principal> {
    if (needsNoLookup(principal)) return Promise.resolve(principal);
    return this.cached(
      token,
      async () => {
        const answer = await this.ask<{ callerAccess: AccessAnswer }>(CALLER_ACCESS, {}, principal);
        // The subject is the token's; the organization subgraph only adds to the grants.
        return { ...principalFrom(answer.callerAccess), subject: principal.subject };
      },
      principal,
    );
  }

  /** Whether an answer for `credential` is at hand: a credential accepted lately, whose next use costs no scrypt. */
  knows(credential: string): boolean {
    const entry = this.entries.get(digestOf(credential));
    return entry !== undefined && Date.now() < entry.usableUntil;
  }

  /** The principal of a partner's API client credential; UNAUTHENTICATED when it is unknown, wrong or revoked. */
  apiClient(credential: string): Promise<Principal> {
    return this.cached(credential, async () => {
      const answer = await this.ask<{ apiClientAccess: AccessAnswer | null }>(API_CLIENT_ACCESS, { credential }, ANONYMOUS);
      if (!answer.apiClientAccess) throw unauthenticated('The API client credential is invalid or has been revoked.');
      return principalFrom(answer.apiClientAccess);
    });
  }

  /**
   * The cached answer for `credential`, refreshed when it has expired. When
   * the organization subgraph cannot answer, an expired answer still serves
   * for `staleMs`; with none, a JWT caller keeps only the grants of the token
   * itself (so scope-based rules deny), and an API client is refused.
   */
  private async cached(credential: string, load: () => Promise<Principal>, fallback?: Principal): Promise<Principal> {
    const key = digestOf(credential);
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && now < entry.freshUntil) {
      // Re-inserting keeps the Map in least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      // Refresh ahead in the last fifth of the lifetime, so a busy caller never waits for a lookup.
      if (now > entry.freshUntil - this.ttlMs / 5) void this.lookup(key, load).catch(() => {});
      return entry.principal;
    }
    try {
      return await this.lookup(key, load);
    } catch (error) {
      // A refused credential (GraphQLError) never falls back to anything.
      if (error instanceof GraphQLError) throw error;
      if (entry && now < entry.usableUntil) {
        this.options.logger?.warn({ err: error }, 'access lookup failed; serving the previous answer');
        return entry.principal;
      }
      if (fallback) {
        this.options.logger?.error({ err: error }, 'access lookup failed; the caller keeps only the grants of their token');
        return fallback;
      }
      throw error;
    }
  }

  /** One lookup per credential at a time: concurrent requests share it. */
  private lookup(key: string, load: () => Promise<Principal>): Promise<Principal> {
    let pending = this.pending.get(key);
    if (!pending) {
      pending = load()
        .then(
          (principal) => {
            const now = Date.now();
            this.entries.delete(key);
            this.entries.set(key, { principal, freshUntil: now + this.ttlMs, usableUntil: now + this.ttlMs + this.staleMs });
            while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
            return principal;
          },
          (error: unknown) => {
            // A refused credential must not keep serving its old answer.
            if (error instanceof GraphQLError) this.entries.delete(key);
            throw error;
          },
        )
        .finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  /** Calls the organization subgraph directly (these fields are not in the public API). */
  private async ask<T>(query: string, variables: Record<string, unknown>, principal: Principal): Promise<T> {
    const signed = await signForSubgraph(principal, this.options.gatewaySecret, 'organization');
    // Over node:http like every call between the product's services (common/service-http.ts): each app's connection asks once.
    const response = await withDeadline('organization', this.options.organizationUrl, this.timeoutMs, (signal) =>
      postToService(
        this.options.organizationUrl,
        { 'content-type': 'application/json', [PRINCIPAL_HEADER]: signed, ...requestIdHeader() },
        JSON.stringify({ query, variables }),
        signal,
      ),
    );
    const text = response.body.toString();
    let body: { data?: T; errors?: { message: string }[] } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // Not GraphQL at all (a proxy's error page): reported below with the status.
    }
    if (body.errors?.length || !body.data) {
      throw new Error(`organization subgraph answered ${response.status}: ${body.errors?.[0]?.message ?? (text.slice(0, 200) || 'no data')}`);
    }
    return body.data;
  }
}

/**
 * Returns the gateway's authenticator. Without `access` (a gateway in front of
 * no organization subgraph) callers keep only the grants of their token and
 * API client credentials are refused.
 */
export function createAuthenticator(options: BearerOptions, access?: AccessOptions): Authenticator {
  const verifyBearer = createBearerVerifier(options);
  const resolver = access ? new AccessResolver(access) : undefined;
  const lockout = new ApiClientLockout();
  const credentialOf = (authorization: string): string => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    return match[1]!;
  };
  const authenticate = async (authorization: string | undefined, ip = 'unknown'): Promise<Principal> => {
    if (!authorization) return ANONYMOUS;
    const credential = credentialOf(authorization);
    const apiClient = parseApiClientCredential(credential);
    if (apiClient) {
      if (!resolver) throw unauthenticated('API client credentials are not accepted here.');
      // A credential accepted lately is served from the cache, never limited: the real client keeps working during an attack.
      if (resolver.knows(credential)) return resolver.apiClient(credential);
      return lockout.attempt(apiClient.clientId, ip, credential, () => resolver.apiClient(credential));
    }
    // Verified on every request, cached or not: an expired token is refused at once.
    const principal = await verifyBearer(credential);
    return resolver ? resolver.enrich(credential, principal) : principal;
  };
  return Object.assign(authenticate, {
    expiresAt(authorization: string | undefined): number | undefined {
      if (!authorization) return undefined;
      const credential = credentialOf(authorization);
      if (parseApiClientCredential(credential)) return undefined;
      return bearerExpiresAt(credential, options.maxAgeSeconds ?? DEFAULT_BEARER_MAX_AGE_SECONDS);
    },
  });
}
