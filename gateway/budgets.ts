/**
 * Per-caller budgets at the gateway: a token bucket per caller, filled at a
 * steady rate up to its capacity, from which every operation takes its cost
 * (gateway/cost.ts). A caller whose bucket cannot pay is refused with
 * RATE_LIMITED (HTTP 429 and Retry-After: when the bucket will hold enough)
 * and nothing runs.
 *
 * Who pays from which bucket:
 * - an anonymous caller: the bucket of their IP address;
 * - a signed-in person: the bucket of their subject;
 * - a partner's app: the bucket of its API client;
 * - a DISPATCHER: a bucket of their own, far larger than anyone's, which no
 *   other caller's traffic ever touches. It exists only so that a CAD system
 *   stuck in a retry loop slows itself, not the gateway everyone shares;
 * - SERVICE principals never pass the gateway (subgraphs call each other
 *   directly), so nothing here can throttle dispatch between subgraphs.
 * Checking an API client credential (a scrypt hash in the organization
 * subgraph) takes from a small sign-in bucket of the address, given back when
 * the credential is good, so guessing secrets from one address soon stops
 * reaching the organization subgraph.
 *
 * Buckets live in the memory of one gateway instance: with N instances
 * behind a load balancer a caller gets up to N times the budget. That bounds
 * abuse well enough without a shared store on the dispatch path.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ANONYMOUS, Role, type Principal } from '../common/auth.ts';
import { ErrorCode, rateLimited } from '../common/errors.ts';
import { operationCost, tooCostly } from './cost.ts';

/** How big a bucket is and how fast it fills, in cost units. */
export interface BucketSize {
  capacity: number;
  perSecond: number;
}

export interface BudgetOptions {
  anonymous: BucketSize;
  signedIn: BucketSize;
  apiClient: BucketSize;
  dispatcher: BucketSize;
  /** Buckets remembered at once; the least recently used are forgotten (a forgotten bucket is full). */
  maxBuckets: number;
}

/**
 * Capacities at least the largest operation the cost limit allows (so any
 * allowed query can run from a full bucket), refills that let a person work
 * freely and a script only slowly.
 */
export const DEFAULT_BUDGETS: BudgetOptions = {
  // About one municipality's hourly counts a second once the first burst is spent: a bounded share of one core.
  anonymous: { capacity: 50_000, perSecond: 1_000 },
  signedIn: { capacity: 100_000, perSecond: 5_000 },
  apiClient: { capacity: 100_000, perSecond: 5_000 },
  dispatcher: { capacity: 1_000_000, perSecond: 100_000 },
  maxBuckets: 100_000,
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets by key, least recently used forgotten first. */
class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxBuckets: number) {}

  /**
   * Takes `cost` from the bucket of `key` if it holds that much; otherwise
   * takes nothing and returns the seconds until it will (at least 1).
   */
  take(key: string, cost: number, size: BucketSize, now = Date.now()): number | undefined {
    const bucket = this.refilled(key, size, now);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return undefined;
    }
    // A cost above the capacity can never be paid: the wait is that of a full bucket.
    const missing = Math.min(cost, size.capacity) - bucket.tokens;
    return Math.max(1, Math.ceil(missing / size.perSecond));
  }

  /** Gives back what a {@link take} took (up to the capacity). */
  giveBack(key: string, cost: number, size: BucketSize, now = Date.now()): void {
    const bucket = this.refilled(key, size, now);
    bucket.tokens = Math.min(size.capacity, bucket.tokens + cost);
  }

  private refilled(key: string, size: BucketSize, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key);
      bucket.tokens = Math.min(size.capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * size.perSecond);
      bucket.updatedAt = now;
    } else {
      bucket = { tokens: size.capacity, updatedAt: now };
      while (this.buckets.size >= this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
    }
    // Re-inserting keeps the Map in least-recently-used order.
    this.buckets.set(key, bucket);
    return bucket;
  }
}

/** Who pays for an operation: the bucket's key and size. */
function payer(principal: Principal, ip: string, options: BudgetOptions): { key: string; size: BucketSize; who: string } {
  if (principal.grants.some((grant) => grant.role === Role.DISPATCHER)) {
    return { key: `dispatcher:${principal.subject}`, size: options.dispatcher, who: 'this dispatcher' };
  }
  if (principal.apiClientId) return { key: `api-client:${principal.apiClientId}`, size: options.apiClient, who: 'this API client' };
  if (principal !== ANONYMOUS) {
    return { key: `subject:${principal.subject}`, size: options.signedIn, who: 'this account' };
  }
  return { key: `ip:${ip}`, size: options.anonymous, who: 'anonymous requests from your address' };
}

/** The gateway's budgets; one instance per gateway. */
export class Budgets {
  private readonly buckets: TokenBuckets;

  constructor(private readonly options: BudgetOptions = DEFAULT_BUDGETS) {
    this.buckets = new TokenBuckets(options.maxBuckets);
  }

  /** Takes `cost` from the caller's bucket; throws RATE_LIMITED when it cannot pay. */
  charge(principal: Principal, ip: string, cost: number): void {
    const { key, size, who } = payer(principal, ip, this.options);
    const wait = this.buckets.take(key, cost, size);
    if (wait !== undefined) {
      throw rateLimited(`Too many requests, or too costly ones, for ${who} (this one costs about ${cost}); retry after ${wait} s.`, wait);
    }
  }
}

/** What the budget plugin needs from the request context. */
export interface BudgetContext {
  principal: Principal;
  /** The caller's address (`req.ip`: the proxy's unless `trust proxy` names it). */
  ip: string;
}

/**
 * Charges each operation's cost to its caller once it is parsed and
 * validated, before anything runs; over budget, the caller gets 429. Lists
 * bounded by variables are priced here with their values, so a `first: $n`
 * beyond `maxCost` is refused as the same list written out would be.
 */
export function budgetPlugin(budgets: Budgets, maxCost: number): ApolloServerPlugin<BudgetContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operationName, request, schema }) {
          const cost = operationCost(schema, document, operationName, request.variables ?? {});
          if (cost > maxCost) throw tooCostly(cost, maxCost);
          budgets.charge(contextValue.principal, contextValue.ip, cost);
        },
      };
    },
  };
}
