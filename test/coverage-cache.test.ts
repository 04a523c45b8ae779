/**
 * The stored coverage (coverage/coverage-cache.ts) reads back as it was
 * written, against a real PostgreSQL with the incidents subgraph's own
 * migrations: every cell in its place (the cells are read as one string and
 * split, not through the driver's array parser), the hours of each, and a
 * coverage with no cells at all.
 */
import { randomUUID } from 'node:crypto';
import { polygonToCells } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { WEEK_MASK_WORDS } from '../common/week.ts';
import { readCoverage, writeCoverage, type StoredCoverage } from '../subgraphs/incidents/coverage/coverage-cache.ts';
import { incidentsSubgraph } from '../subgraphs/incidents/index.ts';
import { subgraphStorage } from './subgraph-storage.ts';

describe('a stored coverage', () => {
  const storage = subgraphStorage(incidentsSubgraph);

  const coverageOf = (cells: string[]): StoredCoverage => {
    const words = (salt: number) => Uint32Array.from({ length: cells.length * WEEK_MASK_WORDS }, (_, index) => (index * 2_654_435_761 + salt) >>> 0);
    return {
      municipalityId: randomUUID(),
      weekStartsOn: '2026-12-07',
      resolution: 9,
      minimumVolunteers: 3,
      inputFingerprint: 'fingerprint',
      computedAt: new Date('2026-12-07T03:00:00Z'),
      computeMilliseconds: 1234,
      timeZone: 'Europe/Amsterdam',
      policyVersion: 2,
      population: 12_000,
      cells,
      volunteerHours: words(1),
      aedHours: words(2),
      statistics: { cells: cells.length, situations: 10, planned: 5, milliseconds: 1234 },
    };
  };

  it('reads back as written: every cell in its place, with its hours', async () => {
    const cells = polygonToCells(
      [
        [51.5, 5.1],
        [51.56, 5.1],
        [51.56, 5.2],
        [51.5, 5.2],
      ],
      9,
    ).sort();
    expect(cells.length).toBeGreaterThan(500);
    const written = coverageOf(cells);
    await writeCoverage(storage.orm.em.fork(), written);
    expect(await readCoverage(storage.orm.em.fork(), written)).toEqual(written);
  });

  it('reads back a coverage of no cells as no cells', async () => {
    const written = coverageOf([]);
    await writeCoverage(storage.orm.em.fork(), written);
    expect(await readCoverage(storage.orm.em.fork(), written)).toEqual(written);
  });
});
