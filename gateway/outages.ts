/**
 * Outages are named at the edge: when an operation failed as a whole because
 * a service or database behind the gateway could not be reached, the caller
 * gets HTTP 503 with Retry-After, not a 200 or a masked 500, so a dispatch
 * centre's software knows to retry (with the same dispatchReference).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode, isOutage, OUTAGE_RETRY_AFTER_SECONDS } from '../common/errors.ts';

/**
 * Rethrows an outage met while finding out who the caller is (the
 * organization subgraph not answering) as SERVICE_UNAVAILABLE with 503; any
 * other error as it is.
 */
export function namedOutage(error: unknown): never {
  if (!isOutage(error)) throw error;
  throw new GraphQLError('The service that checks credentials cannot be reached just now; retry with the same input (the same dispatchReference).', {
    extensions: {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
      http: { status: 503, headers: new Map([['retry-after', String(OUTAGE_RETRY_AFTER_SECONDS)]]) },
    },
  });
}

export function outagePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          // With partial data the answer is still worth having: 200, the outage named on its fields.
          if (data != null || !errors?.some((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
