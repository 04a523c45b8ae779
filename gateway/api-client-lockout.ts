/**
 * Guessing partner API client secrets, made slow and cheap for us.
 *
 * Checking a secret costs a scrypt hash in the organization subgraph, which
 * dispatch depends on, so the gateway limits failed checks before they reach it:
 *
 * - per IP address: a few dozen failures per window, whatever the client id;
 * - per client id *and* IP address: a handful per window. The limit is per
 *   address so an attacker cannot lock the real client out: its requests come
 *   from addresses without failures and are checked as usual;
 * - per client id over all addresses: when many addresses fail against one
 *   client, each of them is locked out of it after a single failure, while
 *   addresses that never failed still get in;
 * - a refused credential is remembered, so sending it again costs no scrypt.
 *
 * A credential the gateway has already accepted (it caches the answer) is never
 * limited. Everything lives in the gateway's memory: each gateway instance
 * counts on its own, and a restart forgets. See docs/access.md "API client lockout".
 */
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode, unauthenticated } from '../common/errors.ts';

/** How many failed API client sign-ins are tolerated, and for how long they count. */
export interface LockoutLimits {
  /** Failures from one IP address per window, whatever the client id. */
  perIp: number;
  /** Failures for one client id from one IP address per window. */
  perClientPerIp: number;
  /** Failures for one client id from all addresses per window; beyond it, one failure locks an address out of that client. */
  perClient: number;
  /** The window, and how long an address stays locked out once over a limit. */
  windowSeconds: number;
  /** How long a refused credential is remembered. */
  failureMemorySeconds: number;
}

export const DEFAULT_LOCKOUT_LIMITS: LockoutLimits = {
  perIp: 20,
  perClientPerIp: 5,
  perClient: 50,
  windowSeconds: 900,
  failureMemorySeconds: 900,
};

/** Most refused credentials remembered at once; the oldest are forgotten first. */
const MAX_REMEMBERED_FAILURES = 10_000;

/** RATE_LIMITED with HTTP 429 and `Retry-After` (whole seconds, at least 1). */
export function rateLimitedSignIn(msBeforeNext: number): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new GraphQLError(`Too many failed API client sign-ins from your address; try again in ${retryAfter} s.`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds: retryAfter,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
    },
  });
}

function isRefusal(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions.code === ErrorCode.UNAUTHENTICATED;
}

/** Counts failed API client sign-ins and refuses addresses that fail too often. */
export class ApiClientLockout {
  private readonly perIp: RateLimiterMemory;
  private readonly perClientPerIp: RateLimiterMemory;
  private readonly perClient: RateLimiterMemory;
  /** Refused credentials by digest → until when the refusal is remembered. */
  private readonly refused = new Map<string, { until: number; message: string }>();
  private readonly limits: LockoutLimits;

  constructor(limits: Partial<LockoutLimits> = {}) {
    this.limits = { ...DEFAULT_LOCKOUT_LIMITS, ...limits };
    const { windowSeconds } = this.limits;
    this.perIp = new RateLimiterMemory({ keyPrefix: 'ip', points: this.limits.perIp, duration: windowSeconds, blockDuration: windowSeconds });
    this.perClientPerIp = new RateLimiterMemory({
      keyPrefix: 'client-ip',
      points: this.limits.perClientPerIp,
      duration: windowSeconds,
      blockDuration: windowSeconds,
    });
    this.perClient = new RateLimiterMemory({ keyPrefix: 'client', points: this.limits.perClient, duration: windowSeconds });
  }

  /**
   * Runs `check` (the organization subgraph's look-up) for `credential` of
   * `clientId` sent from `ip`, unless that address is locked out: throws
   * RATE_LIMITED then, and the remembered refusal for a credential refused before.
   */
  async attempt<T>(clientId: string, ip: string, credential: string, check: () => Promise<T>): Promise<T> {
    const pair = `${clientId} ${ip}`;
    // A failure is reserved before checking, so parallel guesses cannot all slip past the limit; a success gives it back.
    await this.reserve(this.perIp, ip);
    let reserved: RateLimiterRes;
    try {
      reserved = await this.perClientPerIp.consume(pair);
    } catch (error) {
      throw error instanceof RateLimiterRes ? rateLimitedSignIn(error.msBeforeNext) : error;
    }
    const client = await this.perClient.get(clientId);
    if (client && client.remainingPoints <= 0 && reserved.consumedPoints > 1) {
      // Under attack from many addresses: those that already failed get no second try.
      throw rateLimitedSignIn(client.msBeforeNext);
    }

    const digest = createHash('sha256').update(credential).digest('base64url');
    const remembered = this.refused.get(digest);
    if (remembered && remembered.until > Date.now()) {
      await this.perClient.penalty(clientId);
      throw unauthenticated(remembered.message);
    }
    try {
      const result = await check();
      await Promise.all([this.perIp.reward(ip), this.perClientPerIp.reward(pair)]);
      return result;
    } catch (error) {
      if (isRefusal(error)) {
        this.remember(digest, (error as GraphQLError).message);
        await this.perClient.penalty(clientId);
      } else {
        // Not the caller's failure (the organization subgraph could not answer).
        await Promise.all([this.perIp.reward(ip), this.perClientPerIp.reward(pair)]);
      }
      throw error;
    }
  }

  private async reserve(limiter: RateLimiterMemory, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (error) {
      throw error instanceof RateLimiterRes ? rateLimitedSignIn(error.msBeforeNext) : error;
    }
  }

  private remember(digest: string, message: string): void {
    this.refused.delete(digest);
    this.refused.set(digest, { until: Date.now() + this.limits.failureMemorySeconds * 1000, message });
    while (this.refused.size > MAX_REMEMBERED_FAILURES) this.refused.delete(this.refused.keys().next().value!);
  }
}
