/**
 * GraphQL calls from one subgraph to another (e.g. dispatch asking the
 * volunteers subgraph for candidates). They carry a principal signed with the
 * gateway secret for that peer alone, so the callee applies its own access rules as for any caller.
 */
import { GraphQLError } from 'graphql';
import { PRINCIPAL_HEADER, signForSubgraph, type Principal } from './auth.ts';

export interface PeerClient {
  /** Sends `query` to the subgraph called `peer`; throws the first GraphQL error as it came. */
  request<T>(peer: string, query: string, variables: Record<string, unknown>, principal: Principal): Promise<T>;
}

export function createPeerClient(urls: Record<string, string>, gatewaySecret: string): PeerClient {
  return {
    async request<T>(peer: string, query: string, variables: Record<string, unknown>, principal: Principal): Promise<T> {
      const url = urls[peer];
      if (!url) throw new Error(`No URL configured for subgraph ${peer}`);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [PRINCIPAL_HEADER]: await signForSubgraph(principal, gatewaySecret, peer),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      if (body.errors?.length) {
        const [first] = body.errors;
        throw new GraphQLError(first.message, { extensions: first.extensions });
      }
      if (!body.data) throw new Error(`Subgraph ${peer} answered ${response.status} without data`);
      return body.data;
    },
  };
}
