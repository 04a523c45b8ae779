/**
 * Public aggregates that cost real work (counts of alertable volunteers or
 * dispatchable AEDs for each hour of a week) kept for a short while, so that
 * any number of callers asking for the same figure cost one computation per
 * {@link AGGREGATE_MAX_AGE_MS}, not one each: a flood of them can no longer
 * crowd out dispatch. Callers asking while it is being computed share that
 * computation, and computations take turns (one at a time per process).
 * The figures are then at most that old (docs/access.md).
 */

/** The longest a kept aggregate is served: its staleness bound. */
export const AGGREGATE_MAX_AGE_MS = 60_000;

/**
 * Aggregates computed at once in this process. Each computation yields to
 * the event loop every few milliseconds (common/event-loop.ts), but ninety
 * of them side by side (one query over a region's municipalities) would
 * make a dispatch step wait behind ninety slices each time; one at a time,
 * it waits behind one.
 */
export const AGGREGATES_AT_ONCE = 1;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when fewer than {@link AGGREGATES_AT_ONCE} computations are running. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= AGGREGATES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

interface Entry<T> {
  value: Promise<T>;
  expiresAt: number;
}

/** Aggregates by key, computed at most once per `maxAgeMs`; failures are not kept. */
export class AggregateCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxAgeMs = AGGREGATE_MAX_AGE_MS,
    private readonly maxEntries = 10_000,
  ) {}

  /** The kept value of `key` when younger than `maxAgeMs`; otherwise `compute()`, kept. */
  get(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && now < entry.expiresAt) return entry.value;
    this.entries.delete(key);
    const value = inTurn(compute);
    this.entries.set(key, { value, expiresAt: now + this.maxAgeMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    // Oldest first out: Map keeps insertion order.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
