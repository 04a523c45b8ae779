/**
 * How the gateway calls a subgraph: with the caller's principal signed for
 * the subgraphs, within a deadline, and with the subgraph's own words when it
 * refuses a request. It also does less work than asked where that is safe
 * (docs/performance/gateway.md):
 * - duplicate representations in one `_entities` fetch are asked once
 *   (gateway/entity-representations.ts);
 * - identical query fetches under way at once for the same principal are sent
 *   once (gateway/fetch-merging.ts); never a mutation or any fetch of a mutation's plan;
 * - public aggregates are answered from a short cache (gateway/public-aggregates.ts),
 *   which a mutation reaching their owner empties at once.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { PRINCIPAL_HEADER, signForSubgraph, type Principal } from '../common/auth.ts';
import { DEFAULT_SUBGRAPH_TIMEOUT_MS, PeerCallError, withDeadline } from '../common/deadline.ts';
import { ErrorCode, isOutage, serviceUnavailable } from '../common/errors.ts';
import { currentRequestId, REQUEST_ID_HEADER } from '../common/request-id.ts';
import { postToService, type ServiceAnswer } from '../common/service-http.ts';
import { copyOf, fanOut, representationKey, uniqueRepresentations, type SubgraphError } from './entity-representations.ts';
import { InFlightFetches, principalKey } from './fetch-merging.ts';
import { asksOnlyPublicAggregates, type PublicAggregateCache } from './public-aggregates.ts';

export interface SubgraphRequestContext {
  principal: Principal;
  /** The principal signed once per request and subgraph, reused for every fetch of its plan to that subgraph. */
  signed?: Map<string, Promise<string>>;
}

type ProcessOptions = GraphQLDataSourceProcessOptions<SubgraphRequestContext>;

/** Whether a fetch's document is a mutation, a query, or something else (sent as it is). */
function fetchKind(query: string): 'mutation' | 'query' | 'other' {
  if (/^\s*mutation\b/.test(query)) return 'mutation';
  return /^\s*(query\b|\{)/.test(query) ? 'query' : 'other';
}

/** A participant's own copy of a merged answer (the HTTP response itself is only read for its headers). */
function copyResponse(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
  return { ...response, data: copyOf(response.data), errors: copyOf(response.errors), extensions: copyOf(response.extensions) };
}

/** Merge key of fetches whose answer is the same for every caller (public aggregates only). */
const ANY_CALLER = 'any caller';

/** GraphQL codes with which a subgraph refuses what the caller sent. */
const CALLER_MISTAKES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** What a data source's fetcher answers (@apollo/utils.fetcher's FetcherResponse). */
type FetcherResponse = Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>>;

/**
 * A subgraph's answer as Apollo's data source reads it (status, headers, the
 * body as JSON), without a fetch API Response around node:http's: reading its
 * body stream cost the gateway more than the rest of the call.
 */
class ServiceResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;

  constructor(
    readonly url: string,
    private readonly answer: ServiceAnswer,
  ) {
    this.ok = answer.status >= 200 && answer.status < 300;
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.headers = new Headers();
    for (const [header, value] of Object.entries(answer.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) this.headers.append(header, one);
    }
  }

  async text(): Promise<string> {
    return this.answer.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.answer.body.toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.answer.body).buffer;
  }

  clone(): ServiceResponse {
    return new ServiceResponse(this.url, this.answer);
  }
}

export class SubgraphDataSource extends RemoteGraphQLDataSource<SubgraphRequestContext> {
  /** `name`: the subgraph's name, the audience its principal is signed for. */
  constructor(
    private readonly name: string,
    url: string,
    private readonly gatewaySecret: string,
    timeoutMs = DEFAULT_SUBGRAPH_TIMEOUT_MS,
    /** The gateway's public aggregates, when it keeps them. */
    private readonly aggregates?: PublicAggregateCache,
  ) {
    super({
      url,
      // A POST within the deadline (response body included; common/service-http.ts); a late or
      // unreachable subgraph becomes SERVICE_UNAVAILABLE naming it, never a hung request.
      fetcher: async (input, init) => {
        try {
          return await withDeadline(name, url, timeoutMs, async (signal) => {
            // RemoteGraphQLDataSource passes its headers as a plain record.
            const answer = await postToService(String(input), init?.headers ?? {}, String(init?.body ?? ''), signal);
            return new ServiceResponse(String(input), answer);
          });
        } catch (error) {
          if (error instanceof PeerCallError) {
            throw serviceUnavailable(
              error.reason === 'timeout' ? `The ${name} service did not answer in time; please retry.` : `The ${name} service cannot be reached; please retry.`,
            );
          }
          throw error;
        }
      },
    });
  }

  /** Query fetches under way, by what decides their answer. */
  private readonly inFlight = new InFlightFetches<GatewayGraphQLResponse>();

  /** Fetches answered by another under way (for tests and metrics). */
  get mergedFetches(): number {
    return this.inFlight.merged;
  }

  override async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    // Health checks and schema loading (not used: the supergraph is a file) go as they are.
    if (!('incomingRequestContext' in options)) return super.process(options);
    const kind = fetchKind(options.request.query ?? '');
    if (kind === 'mutation') {
      try {
        return await super.process(options);
      } finally {
        // Before the mutation is answered: its caller's next query sees what it changed.
        this.aggregates?.invalidate(this.name);
      }
    }
    // Only the fetches of a query: those of a mutation's plan must read what it just wrote.
    const mergeable = kind === 'query' && options.incomingRequestContext.operation?.operation === 'query';
    const representations = options.request.variables?.representations;
    if (kind === 'query' && Array.isArray(representations)) return this.entities(options, representations, mergeable);
    return mergeable ? this.merged(options, principalKey(options.context.principal)) : super.process(options);
  }

  /** Sends `options`, or joins the identical fetch under way for `caller` (a principal's key, or {@link ANY_CALLER}). */
  private merged(options: ProcessOptions, caller: string): Promise<GatewayGraphQLResponse> {
    const key = JSON.stringify([caller, options.request.query, options.request.variables ?? null]);
    return this.inFlight.share(key, () => super.process(options), copyResponse);
  }

  /**
   * An `_entities` fetch: each distinct representation asked once, public
   * aggregates from the cache when it holds them, the answers fanned back out
   * in the order the gateway asked.
   */
  private async entities(options: ProcessOptions, representations: unknown[], mergeable: boolean): Promise<GatewayGraphQLResponse> {
    const query = options.request.query!;
    const { unique, answeredBy } = uniqueRepresentations(representations);
    const aggregates = mergeable && this.aggregates?.keeps(this.name) && asksOnlyPublicAggregates(this.name, query) ? this.aggregates : undefined;
    const generation = aggregates?.generation(this.name) ?? 0;
    const keyOf = (representation: unknown) => `${query}\u0000${representationKey(representation)}`;

    const answers: unknown[] = new Array(unique.length);
    const missing: number[] = [];
    unique.forEach((representation, index) => {
      const kept = aggregates?.get(this.name, keyOf(representation));
      if (kept === undefined) missing.push(index);
      else answers[index] = copyOf(kept);
    });
    if (missing.length === 0) return { data: { _entities: fanOut(answers, undefined, answeredBy).entities } };
    if (missing.length === representations.length && !aggregates) {
      // Nothing to save: sent as the gateway asked.
      return mergeable ? this.merged(options, principalKey(options.context.principal)) : super.process(options);
    }

    const request = { ...options.request, variables: { ...options.request.variables, representations: missing.map((index) => unique[index]) } };
    const asked = { ...options, request };
    // Public aggregates are the same for every caller: those asking at once share one fetch, whoever they are.
    const response = aggregates ? await this.merged(asked, ANY_CALLER) : mergeable ? await this.merged(asked, principalKey(options.context.principal)) : await super.process(asked);
    // The subgraph's errors name positions among those sent; first as positions among the distinct ones.
    const errors = (response.errors as SubgraphError[] | undefined)?.map((error) => {
      const [root, position, ...rest] = error.path ?? [];
      return root === '_entities' && typeof position === 'number' && missing[position] !== undefined ? { ...error, path: ['_entities', missing[position]!, ...rest] } : error;
    });
    const received = (response.data as { _entities?: unknown } | null | undefined)?._entities;
    if (!Array.isArray(received) || received.length !== missing.length) {
      // No usable answer: the errors, in the gateway's positions.
      return { ...response, errors: fanOut([], errors, answeredBy).errors as GatewayGraphQLResponse['errors'] };
    }
    missing.forEach((index, position) => {
      answers[index] = received[position];
      if (aggregates && !errors?.length && received[position] !== null) aggregates.keep(this.name, keyOf(unique[index]), copyOf(received[position]), generation);
    });
    const out = fanOut(answers, errors, answeredBy);
    return { ...response, data: { ...response.data, _entities: out.entities }, errors: out.errors as GatewayGraphQLResponse['errors'] };
  }

  /** A subgraph that cannot be reached is an outage the caller should retry, not an internal error. */
  override didEncounterError(error: Error, _request: unknown, response: unknown): void {
    if (response === undefined && isOutage(error)) throw this.unavailable();
    throw error;
  }

  private unavailable(): GraphQLError {
    return serviceUnavailable(`The ${this.name} service cannot be reached just now; retry with the same input (the same dispatchReference).`);
  }

  override async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<SubgraphRequestContext>['willSendRequest']>>[0]) {
    context.signed ??= new Map();
    let signed = context.signed.get(this.name);
    if (!signed) {
      signed = signForSubgraph(context.principal, this.gatewaySecret, this.name);
      context.signed.set(this.name, signed);
    }
    request.http?.headers.set(PRINCIPAL_HEADER, await signed);
    const requestId = currentRequestId();
    if (requestId) request.http?.headers.set(REQUEST_ID_HEADER, requestId);
  }

  /**
   * The gateway cannot check custom scalars (DateTimeISO, LocalDate…), so a
   * malformed value is first refused by the subgraph, with HTTP 400. Left to
   * @apollo/gateway that becomes "400: Bad Request" with the subgraph's URL in
   * it; the caller gets the subgraph's explanation as BAD_USER_INPUT instead.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = (await response.json().catch(() => undefined)) as { errors?: { message?: string; extensions?: { code?: string } }[] } | undefined;
    const first = body?.errors?.[0];
    if (first?.message && CALLER_MISTAKES.has(first.extensions?.code ?? '')) {
      return new GraphQLError(first.message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    if (response.status === 401) return new GraphQLError('Not signed in.', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
    if (response.status === 403) return new GraphQLError('Not allowed.', { extensions: { code: ErrorCode.FORBIDDEN } });
    // A proxy or load balancer in front of a subgraph that is down or restarting.
    if (response.status === 502 || response.status === 503 || response.status === 504) return this.unavailable();
    return new GraphQLError(`A service answered ${response.status}.`, { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  }
}
