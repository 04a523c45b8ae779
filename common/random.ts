/**
 * Seeded pseudo-random numbers (mulberry32: tiny, fast, good enough for data),
 * so generated countries, the dispatch simulator, benchmark data and randomised specs are the same on
 * every run and every machine, and a failure can be replayed from its seed.
 * Not for secrets: use `node:crypto` there.
 */

/** A generator of uniform numbers in [0, 1) that starts from `seed` (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** {@link seededRandom} with the draws the data generators use (ranges, choices, normal, uuids). */
export class Random {
  /** Uniform in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /**
   * An independent stream for one part of the data (`volunteers`, `aeds`…),
   * so that changing how many AEDs are made leaves every volunteer as it was.
   */
  static stream(seed: number, label: string): Random {
    // FNV-1a over the label, mixed with the seed.
    let hash = 0x811c9dc5 ^ (seed >>> 0);
    for (let index = 0; index < label.length; index++) hash = Math.imul(hash ^ label.charCodeAt(index), 0x01000193);
    return new Random(hash >>> 0);
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  integer(min: number, maxInclusive: number): number {
    return Math.floor(this.between(min, maxInclusive + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = Math.max(this.next(), Number.EPSILON);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /**
   * Log-normal with the given median: `median × e^(sigma × N(0, 1))`. For
   * durations and speeds, which are positive and skewed to the right.
   */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A version-4-shaped UUID drawn from this generator (deterministic ids). */
  uuid(): string {
    // Four 32-bit words: an eighth of the draws one hex digit at a time would take (ids are most of the generator's work).
    const word = () =>
      Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, '0');
    const s = word() + word() + word() + word();
    const variant = ((parseInt(s[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20)}`;
  }
}
