/**
 * The stored coverage (coverage/coverage-cache.ts) reads back as it was
 * written, against a real PostgreSQL with the incidents subgraph's own
 * migrations: every cell in its place (the cells are read as one string and
 * split, not through the driver's array parser), the hours of each, and a
 * coverage with no cells at all.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { polygonToCells } from 'h3-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase, openSubgraphStorage } from '../common/database.ts';
import { WEEK_MASK_WORDS } from '../common/week.ts';
import { readCoverage, writeCoverage, type StoredCoverage } from '../subgraphs/incidents/coverage/coverage-cache.ts';
import { incidentsSubgraph } from '../subgraphs/incidents/index.ts';
import { TEST_DATABASE_PREFIX } from './global-setup.ts';

describe('a stored coverage', () => {
  let serverUrl: string;
  let name: string;
  let incidents: MikroORM;

  beforeAll(async () => {
    serverUrl = inject('postgresServerUrl');
    name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
    incidents = await openSubgraphStorage(await ensureDatabase(serverUrl, name), incidentsSubgraph.storage);
  });

  afterAll(async () => {
    await incidents?.close(true);
    await dropDatabase(serverUrl, name);
  });

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
    await writeCoverage(incidents.em.fork(), written);
    expect(await readCoverage(incidents.em.fork(), written)).toEqual(written);
  });

  it('reads back a coverage of no cells as no cells', async () => {
    const written = coverageOf([]);
    await writeCoverage(incidents.em.fork(), written);
    expect(await readCoverage(incidents.em.fork(), written)).toEqual(written);
  });
});
