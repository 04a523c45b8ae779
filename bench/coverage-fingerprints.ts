/**
 * `npm run bench:coverage-fingerprints`: times what a warm coverage snapshot
 * asks of the volunteers and aeds subgraphs for every municipality, the
 * fingerprints of the positions and of the AEDs in its areas
 * (`weeklyPositionsFingerprint`, `weeklyAedsFingerprint`), on the benchmark
 * database (bench/database.ts), one municipality after the other as one lane
 * of the snapshot would, with no server in between: the statements alone.
 *
 * The areas are the snapshot's: each municipality's boundary widened by its
 * region's alert radius (volunteers) and AED search radius (AEDs).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openSubgraphStorage } from '../common/database.ts';
import type { Boundary } from '../subgraphs/incidents/coverage/coverage-grid.ts';
import { areaAround } from '../subgraphs/incidents/coverage/coverage-grid.ts';
import { resolveDispatchPolicy } from '../subgraphs/incidents/dispatch/dispatch-policy.ts';
import { weeklyAedsFingerprint } from '../subgraphs/aeds/availability/weekly-availability.service.ts';
import { DEFAULT_READINESS_POLICY } from '../subgraphs/aeds/readiness/readiness.ts';
import { weeklyPositionsFingerprint } from '../subgraphs/volunteers/candidates/weekly-alertability.service.ts';
import { aedsSubgraph } from '../subgraphs/aeds/index.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { localDateOf } from '../common/zoned-time.ts';
import { openBenchDatabase } from './database.ts';
import { runScript } from './script.ts';

interface MunicipalityRow {
  id: string;
  time_zone: string;
  boundary: Boundary;
  dispatch: Record<string, unknown> | null;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 2;
  const database = await openBenchDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows: municipalities } = await client.query<MunicipalityRow>(
    `select m.id, m.time_zone, m.boundary,
       (select p.dispatch from incidents.dispatch_policy p where p.security_region_id = m.region_id order by p.version desc limit 1) as dispatch
     from organization.municipality m where m.boundary is not null order by m.id`,
  );
  await client.end();
  const volunteers = await openSubgraphStorage(database.url, volunteersSubgraph.storage);
  const aeds = await openSubgraphStorage(database.url, aedsSubgraph.storage);
  try {
    for (let round = 1; round <= rounds; round++) {
      let positionsMs = 0;
      let aedsMs = 0;
      for (const municipality of municipalities) {
        const policy = resolveDispatchPolicy((municipality.dispatch ?? {}) as never);
        const week = localDateOf(new Date(), municipality.time_zone);
        let started = performance.now();
        await weeklyPositionsFingerprint(volunteers.em.fork(), areaAround(municipality.boundary, policy.radiusMeters), week, municipality.time_zone);
        positionsMs += performance.now() - started;
        started = performance.now();
        await weeklyAedsFingerprint(aeds.em.fork(), areaAround(municipality.boundary, policy.aedSearchRadiusMeters), week, municipality.time_zone, DEFAULT_READINESS_POLICY);
        aedsMs += performance.now() - started;
      }
      console.log(`round ${round}: ${municipalities.length} municipalities, positions' fingerprints ${(positionsMs / 1000).toFixed(2)} s, AEDs' ${(aedsMs / 1000).toFixed(2)} s`);
    }
  } finally {
    await volunteers.close(true);
    await aeds.close(true);
    await database.stop();
  }
}

runScript(main);
