/**
 * GraphQL calls from one subgraph to another (e.g. dispatch asking the
 * volunteers subgraph for candidates). They carry a principal signed with the
 * gateway secret for that peer alone, so the callee applies its own access rules as for any caller.
 * Every call has a deadline (common/deadline.ts).
 */
import { GraphQLError } from 'graphql';
import { PRINCIPAL_HEADER, signForSubgraph, type Principal } from './auth.ts';
import { DEFAULT_PEER_TIMEOUT_MS, withDeadline } from './deadline.ts';
import { requestIdHeader } from './request-id.ts';
import { postToService } from './service-http.ts';

export interface PeerClient {
  /**
   * Sends `query` to the subgraph called `peer`; throws the first GraphQL error as it came,
   * or a PeerCallError naming the peer when it does not answer within the deadline or cannot be reached.
   */
  request<T>(peer: string, query: string, variables: Record<string, unknown>, principal: Principal, options?: PeerRequestOptions): Promise<T>;
}

export interface PeerRequestOptions {
  /** This call's deadline, when it differs from the client's (bulk background reads). */
  timeoutMs?: number;
}

export function createPeerClient(urls: Record<string, string>, gatewaySecret: string, timeoutMs = DEFAULT_PEER_TIMEOUT_MS): PeerClient {
  return {
    async request<T>(peer: string, query: string, variables: Record<string, unknown>, principal: Principal, options: PeerRequestOptions = {}): Promise<T> {
      const url = urls[peer];
      if (!url) throw new Error(`No URL configured for subgraph ${peer}`);
      const signed = await signForSubgraph(principal, gatewaySecret, peer);
      const { status, body } = await withDeadline(peer, url, options.timeoutMs ?? timeoutMs, async (signal) => {
        const answer = await postToService(
          url,
          { 'content-type': 'application/json', [PRINCIPAL_HEADER]: signed, ...requestIdHeader() },
          JSON.stringify({ query, variables }),
          signal,
        );
        const body = JSON.parse(answer.body.toString('utf8')) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
        return { status: answer.status, body };
      });
      if (body.errors?.length) {
        const [first] = body.errors;
        throw new GraphQLError(first.message, { extensions: first.extensions });
      }
      if (!body.data) throw new Error(`Subgraph ${peer} answered ${status} without data`);
      return body.data;
    },
  };
}
