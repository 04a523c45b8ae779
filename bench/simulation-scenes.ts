/**
 * The national data set's past incidents as simulator scenes: each searched
 * once, at its own instant, with the real candidate search
 * (volunteers/candidates/candidate-search.ts) and the real AED search
 * (aeds/dispatch/dispatchable-search.ts) run straight on the benchmark
 * database, as the volunteers and aeds subgraphs run them for dispatch.
 */
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { openSubgraphStorage } from '../common/database.ts';
import { findDispatchableAeds } from '../subgraphs/aeds/dispatch/dispatchable-search.ts';
import { readinessPolicy } from '../subgraphs/aeds/readiness/settings.ts';
import { SUBGRAPHS } from '../subgraphs/index.ts';
import { settingOf, type Scene, type SceneSearch } from '../subgraphs/incidents/simulation/scene.ts';
import type { SimulationParameters } from '../subgraphs/incidents/simulation/parameters.ts';
import type { BurdenBase } from '../subgraphs/incidents/simulation/simulate.ts';
import type { AlertCandidate } from '../subgraphs/incidents/dispatch/selection.ts';
import { findAlertableCandidates } from '../subgraphs/volunteers/candidates/candidate-search.ts';
import { sqlQuery } from '../common/sql.ts';

/** At most this many AEDs per scene, as dispatch asks for. */
const AED_LIMIT = 50;
/** Searches at once: the database has more cores' worth of waiting than the searches have work. */
const CONCURRENCY = 4;

/** The scenes, what they were searched with, and how long the searches took. */
export interface NationalScenes {
  scenes: Scene[];
  burden: BurdenBase;
  searchSeconds: number;
}

function storageOf(name: string) {
  const definition = SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!definition) throw new Error(`No subgraph named ${name}.`);
  return definition.storage;
}

/**
 * Reads `count` past incidents spread evenly over the data set's history
 * (all of them when it holds fewer), and searches each once with `search`.
 */
export async function nationalScenes(
  databaseUrl: string,
  search: SceneSearch,
  parameters: SimulationParameters,
  count: number,
  onSearched: (done: number, total: number) => void = () => {},
): Promise<NationalScenes> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let incidents: { id: string; latitude: number; longitude: number; security_region_id: string; call_received_at: Date }[];
  let burden: BurdenBase;
  try {
    ({ rows: incidents } = await client.query(
      `select id::text, latitude, longitude, security_region_id::text, call_received_at from (
         select *, row_number() over (order by call_received_at, id) as number, count(*) over () as total from incidents.incident
       ) numbered
       where (number - 1) % greatest(1, total / $1) = 0 order by call_received_at, id limit $1`,
      [count],
    ));
    const population = await client.query<{ population: string }>('select coalesce(sum(population), 0) as population from organization.municipality');
    const volunteers = await client.query<{ count: string }>(`select count(*) from volunteers.volunteer where status = 'ACTIVE'`);
    burden = { population: Number(population.rows[0]!.population), volunteers: Number(volunteers.rows[0]!.count) };
  } finally {
    await client.end();
  }
  if (incidents.length === 0) throw new Error('The benchmark database holds no incidents: run `npm run generate -- --seed 2026` first.');

  let volunteersOrm: MikroORM | undefined;
  let aedsOrm: MikroORM | undefined;
  try {
    volunteersOrm = await openSubgraphStorage(databaseUrl, storageOf('volunteers'));
    aedsOrm = await openSubgraphStorage(databaseUrl, storageOf('aeds'));
    const policy = readinessPolicy();
    const scenes: Scene[] = new Array(incidents.length);
    const started = performance.now();
    let next = 0;
    let done = 0;
    const searchOne = async () => {
      while (next < incidents.length) {
        const index = next++;
        const incident = incidents[index]!;
        const at = new Date(incident.call_received_at);
        const [candidates, aeds] = await Promise.all([
          findAlertableCandidates(sqlQuery(volunteersOrm!.em.fork()), {
            lat: incident.latitude,
            lon: incident.longitude,
            radiusMeters: search.radiusMeters,
            limit: search.candidateLimit,
            at,
          }),
          search.aedSearchRadiusMeters > 0
            ? findDispatchableAeds(
                aedsOrm!.em.fork(),
                { latitude: incident.latitude, longitude: incident.longitude, radiusMeters: search.aedSearchRadiusMeters, at, limit: AED_LIMIT },
                policy,
              )
            : [],
        ]);
        const patient = { lat: incident.latitude, lon: incident.longitude };
        const found = candidates.map((candidate) => ({
          volunteerId: candidate.volunteerId,
          lat: candidate.lat,
          lon: candidate.lon,
          distanceMeters: candidate.distanceMeters,
          // As dispatch.service reads the peer's answer: the simulator never looks at the kind.
          positionKind: candidate.positionKind as AlertCandidate['positionKind'],
        }));
        scenes[index] = {
          key: incident.id,
          securityRegionId: incident.security_region_id,
          patient,
          candidates: found,
          aeds: aeds.map((aed) => ({ aedId: aed.id, lat: aed.latitude, lon: aed.longitude })),
          setting: settingOf(patient, found, parameters),
        };
        onSearched(++done, incidents.length);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, searchOne));
    return { scenes, burden, searchSeconds: (performance.now() - started) / 1000 };
  } finally {
    await volunteersOrm?.close(true);
    await aedsOrm?.close(true);
  }
}
