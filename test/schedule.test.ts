/**
 * Scheduled work runs once however many instances run: two instances each of
 * the volunteers and aeds subgraphs start together after their hourly tasks
 * missed an hour (as after a night with every instance down), and each task
 * runs exactly once, in one of them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import { pino } from 'pino';
import { dropDatabase, ensureDatabase } from '../common/database.ts';
import { startSubgraph, type SubgraphServer } from '../common/subgraph-server.ts';
import { aedsSubgraph } from '../subgraphs/aeds/index.ts';
import { AEDS_JOBS_SCHEMA } from '../subgraphs/aeds/workers.ts';
import { organizationSubgraph } from '../subgraphs/organization/index.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { VOLUNTEERS_JOBS_SCHEMA } from '../subgraphs/volunteers/workers.ts';
import { TEST_DATABASE_PREFIX } from './global-setup.ts';
import { pause } from './incidents-world.ts';
import { TEST_SECRETS } from './stack.ts';

const TASKS = [
  { schema: VOLUNTEERS_JOBS_SCHEMA, task: 'volunteers.hourly' },
  { schema: AEDS_JOBS_SCHEMA, task: 'aeds.remind-guardians' },
];

const serverUrl = inject('postgresServerUrl');
const databaseName = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
const servers: SubgraphServer[] = [];
/** Every log line of every instance, parsed. */
const lines: { task?: string; msg: string; instance: number }[] = [];

function capturingLogger(instance: number) {
  return pino({ level: 'info' }, { write: (line: string) => void lines.push({ ...JSON.parse(line), instance }) });
}

beforeAll(async () => {
  const databaseUrl = await ensureDatabase(serverUrl, databaseName);
  // The tasks have been known for hours and last ran two hours ago: the hour since is due at start-up.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const { schema, task } of TASKS) {
      await runMigrations({ connectionString: databaseUrl, schema });
      await client.query(
        `insert into ${schema}._private_known_crontabs (identifier, known_since, last_execution) values ($1, now() - interval '3 hours', now() - interval '2 hours')`,
        [task],
      );
    }
  } finally {
    await client.end();
  }
  const options = { databaseUrl, gatewaySecret: TEST_SECRETS.gatewaySecret };
  const organization = await startSubgraph(organizationSubgraph, { ...options, workers: false, logger: capturingLogger(0) });
  servers.push(organization);
  const started = await Promise.all(
    [volunteersSubgraph, volunteersSubgraph, aedsSubgraph, aedsSubgraph].map((definition, index) =>
      startSubgraph(definition, { ...options, peers: { organization: organization.url }, logger: capturingLogger(index + 1) }),
    ),
  );
  servers.push(...started);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await dropDatabase(serverUrl, databaseName);
});

describe('hourly tasks with two instances of each subgraph', () => {
  it('run once per occurrence, in one instance', async () => {
    const ran = (task: string) => lines.filter((line) => line.msg === 'scheduled task ran' && line.task === task);
    for (let waited = 0; waited < 20_000 && TASKS.some(({ task }) => ran(task).length === 0); waited += 200) await pause(200);
    // Give a second run, if there were one, time to happen.
    await pause(2_000);
    for (const { task } of TASKS) expect(ran(task), task).toHaveLength(1);
  });
});
