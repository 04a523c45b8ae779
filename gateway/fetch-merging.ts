/**
 * Identical subgraph fetches under way at the same moment, sent once.
 *
 * Sixteen dashboards of one policy officer open at once make the gateway
 * send the same fetch sixteen times; the first is sent and the others wait
 * for its answer. What may be merged is decided by the key, which the caller
 * builds from everything that decides the answer: the subgraph, the query
 * text, the variables, and the principal the gateway signs for the subgraph
 * (the caller's identity and grants, {@link principalKey}). Two callers whose
 * grants differ in anything never share a fetch. Only queries are merged
 * (gateway/subgraph-source.ts): a mutation, and every fetch of a mutation's
 * plan, is sent as asked.
 *
 * Each participant gets its own copy of the answer when there was more than
 * one: the gateway merges later fetches into what it received, and callers
 * sharing one object would see each other's merges.
 */
import type { Principal } from '../common/auth.ts';
import { copyOf } from './entity-representations.ts';

/**
 * Everything of a principal that a subgraph decides access by: exactly the
 * claims the gateway signs for it (common/auth.ts signForSubgraph).
 */
export function principalKey(principal: Principal): string {
  return JSON.stringify([principal.subject, principal.apiClientId ?? null, principal.grants]);
}

interface Flight<T> {
  answer: Promise<T>;
  participants: number;
}

/** Fetches under way by key; a key is forgotten as soon as its answer is in. */
export class InFlightFetches<T extends object> {
  private readonly flights = new Map<string, Flight<T>>();

  /** Fetches merged so far (participants beyond the first), for tests and metrics. */
  merged = 0;

  /**
   * The answer of `send()`, or of the identical fetch already under way under
   * `key`. `copy` makes a participant's own copy of a shared answer.
   */
  async share(key: string, send: () => Promise<T>, copy: (answer: T) => T = copyOf): Promise<T> {
    const under = this.flights.get(key);
    if (under) {
      under.participants += 1;
      this.merged += 1;
      return copy(await under.answer);
    }
    const flight: Flight<T> = { answer: send(), participants: 1 };
    this.flights.set(key, flight);
    // Registered before anyone awaits the answer, so it runs first: once the answer is in, nobody
    // joins any more, and the count of participants below is final.
    const forget = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    flight.answer.then(forget, forget);
    const answer = await flight.answer;
    return flight.participants === 1 ? answer : copy(answer);
  }
}
