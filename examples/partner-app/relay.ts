/**
 * The heart of a partner association's app: receive the alerts of the
 * association's members as they happen (`memberAlerts`) and forward each one,
 * in order, to wherever the association reaches its members (its own push
 * service). A dropped connection is no loss: the app reconnects and resumes
 * after the cursor of the last alert it forwarded, so the gateway replays what
 * was missed, once.
 */
import { CloseCode, createClient, type Client } from 'graphql-ws';
import { print } from 'graphql';
import { MemberAlertsDocument, type MemberAlertsSubscription, type MemberAlertsSubscriptionVariables } from './operations/generated.ts';

/** One frame of the feed: what happened (`kind`) to which member's alert, and its cursor. */
export type MemberAlertUpdate = MemberAlertsSubscription['memberAlerts'];

export interface RelayOptions {
  /** The gateway's WebSocket endpoint, e.g. `wss://api.example.nl/graphql`. */
  url: string;
  /** The association's API client credential, `<clientId>.<secret>` (see `createApiClient`); it needs the ALERTS permission. */
  credential: string;
  associationId: string;
  /** The cursor of the last update already forwarded (by an earlier run); `"0"` for the whole history, none for from now on. */
  after?: string | null;
  /** Forwards one update; the next one waits for it. An error ends the connection and the update comes again after the reconnect. */
  forward(update: MemberAlertUpdate): Promise<void> | void;
  /** Called after each forwarded update, with its cursor: store it to resume from after a restart. */
  handled?(cursor: string): Promise<void> | void;
  /** Told of every (re)connection and every loss of one, for the app's log. */
  connected?(): void;
  disconnected?(reason: unknown): void;
  /** Waits before reconnecting: the first (default 1 s), doubled after every failed attempt up to the longest (default 30 s). */
  retryDelayMs?: { first?: number; longest?: number };
  /** Stops the relay: the promise `relayMemberAlerts` returned then resolves. */
  signal?: AbortSignal;
}

const MEMBER_ALERTS = print(MemberAlertsDocument);

/** GraphQL error codes that no reconnect can mend: the credential, its permissions or the request itself are wrong. */
const FATAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);

/** Why the relay gave up: the gateway refused the credential or the subscription. */
export class RelayRefused extends Error {}

/**
 * Runs until `options.signal` aborts (then resolves) or the gateway refuses
 * the credential or the subscription (then rejects with `RelayRefused`).
 */
export async function relayMemberAlerts(options: RelayOptions): Promise<void> {
  const { signal } = options;
  let after = options.after ?? null;
  let failures = 0;
  while (!signal?.aborted) {
    // A new client for every attempt: graphql-ws would resubscribe by itself, but with the
    // cursor it first had, and so replay everything since then.
    const client = createClient({
      url: options.url,
      connectionParams: { authorization: `Bearer ${options.credential}` },
      retryAttempts: 0,
      lazy: true,
      on: {
        connected: () => {
          failures = 0;
          options.connected?.();
        },
      },
    });
    try {
      await receive(
        client,
        { associationId: options.associationId, after },
        async (update) => {
          await options.forward(update);
          after = update.cursor;
          await options.handled?.(after);
        },
        signal,
      );
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) throw new RelayRefused(refusal);
      options.disconnected?.(error);
    } finally {
      await client.dispose();
    }
    if (signal?.aborted) break;
    const { first = 1000, longest = 30_000 } = options.retryDelayMs ?? {};
    await delay(Math.min(first * 2 ** failures++, longest), signal);
  }
}

/** One subscription: settles when it ends (error, completion or `signal`), after the updates received so far are forwarded. */
function receive(
  client: Client,
  variables: MemberAlertsSubscriptionVariables,
  handle: (update: MemberAlertUpdate) => Promise<void>,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // Updates are forwarded one at a time, in cursor order.
    let forwarding = Promise.resolve();
    let failed = false;
    const end = (error?: unknown) => {
      signal?.removeEventListener('abort', stop);
      unsubscribe();
      void forwarding.then(() => (error === undefined ? resolve() : reject(error)), reject);
    };
    const unsubscribe = client.subscribe<MemberAlertsSubscription>(
      { query: MEMBER_ALERTS, variables },
      {
        next: (result) => {
          if (failed) return;
          if (result.errors?.length) return end(result.errors);
          const update = result.data?.memberAlerts;
          if (!update) return;
          forwarding = forwarding
            .then(() => (failed ? undefined : handle(update)))
            .catch((error) => {
              failed = true;
              end(error);
            });
        },
        error: end,
        complete: () => end(),
      },
    );
    const stop = () => end();
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** The reason to give up, if `error` is a refusal rather than a lost connection. */
function refusalOf(error: unknown): string | undefined {
  if (Array.isArray(error)) {
    const refused = error.find((item) => FATAL_CODES.has(item?.extensions?.code));
    return refused ? `${refused.extensions.code}: ${refused.message}` : undefined;
  }
  // The gateway closes a WebSocket whose credential it refuses with 4403, and an expired one with 4401.
  const code = (error as { code?: unknown } | null)?.code;
  if (code === CloseCode.Forbidden || code === CloseCode.Unauthorized) return `${code}: ${(error as { reason?: string }).reason}`;
  return undefined;
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
