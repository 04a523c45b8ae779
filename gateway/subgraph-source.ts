/**
 * How the gateway calls a subgraph: with the caller's principal signed for
 * the subgraphs, within a deadline, and with the subgraph's own words when it
 * refuses a request.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { PRINCIPAL_HEADER, signForSubgraph, type Principal } from '../common/auth.ts';
import { DEFAULT_SUBGRAPH_TIMEOUT_MS, PeerCallError, withDeadline } from '../common/deadline.ts';
import { ErrorCode, isOutage, serviceUnavailable } from '../common/errors.ts';
import { currentRequestId, REQUEST_ID_HEADER } from '../common/request-id.ts';

export interface SubgraphRequestContext {
  principal: Principal;
  /** The principal signed once per request and subgraph, reused for every fetch of its plan to that subgraph. */
  signed?: Map<string, Promise<string>>;
}

/** GraphQL codes with which a subgraph refuses what the caller sent. */
const CALLER_MISTAKES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

export class SubgraphDataSource extends RemoteGraphQLDataSource<SubgraphRequestContext> {
  /** `name`: the subgraph's name, the audience its principal is signed for. */
  constructor(
    private readonly name: string,
    url: string,
    private readonly gatewaySecret: string,
    timeoutMs = DEFAULT_SUBGRAPH_TIMEOUT_MS,
  ) {
    super({
      url,
      // Node's fetch, within the deadline (response body included); a late or unreachable
      // subgraph becomes SERVICE_UNAVAILABLE naming it, never a hung request.
      fetcher: async (input, init) => {
        try {
          return await withDeadline(name, url, timeoutMs, async (signal) => {
            const response = await fetch(input, { ...(init as RequestInit), signal });
            const body = await response.arrayBuffer();
            return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
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
    const body = (await response.json().catch(() => undefined)) as
      | { errors?: { message?: string; extensions?: { code?: string } }[] }
      | undefined;
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
