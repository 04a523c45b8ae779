import type { EntityManager } from '@mikro-orm/postgresql';
import { servicePrincipal, type Principal } from './auth.ts';
import type { Notifications } from './notifications.ts';
import type { PeerClient } from './peers.ts';

/** What every resolver of every subgraph receives. */
export interface RequestContext {
  /** A fork of the subgraph's EntityManager, private to this request. */
  em: EntityManager;
  /**
   * The same, on the subgraph's dispatch lane: a small pool of its own
   * (common/database.ts `openDispatchLane`). Only the dispatch path uses it,
   * so it never waits behind other requests for a connection.
   */
  dispatchEm: EntityManager;
  /** The caller, as verified by the gateway. */
  principal: Principal;
  /** Per-request cache for DataLoaders, keyed by loader name. */
  loaders: Map<string, unknown>;
  /** Process-wide LISTEN/NOTIFY connection, for subscriptions. */
  notifications: Notifications;
  /** Calls to other subgraphs. */
  peers: PeerClient;
}

/** Returns the request's DataLoader called `name`, creating it on first use. */
export function loader<T>(context: RequestContext, name: string, create: () => T): T {
  let existing = context.loaders.get(name) as T | undefined;
  if (!existing) {
    existing = create();
    context.loaders.set(name, existing);
  }
  return existing;
}

/**
 * A context for the subgraph's own scheduled work, acting as `subgraph`'s
 * SERVICE principal: the same services a request uses (their loaders, their
 * peer calls) then serve a job without a request.
 */
export function serviceContext(runtime: { orm: { em: EntityManager }; notifications: Notifications; peers: PeerClient }, subgraph: string): RequestContext {
  const em = runtime.orm.em.fork();
  return { em, dispatchEm: em, principal: servicePrincipal(subgraph), loaders: new Map(), notifications: runtime.notifications, peers: runtime.peers };
}
