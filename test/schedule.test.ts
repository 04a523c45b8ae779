/**
 * Scheduled work runs once however many instances run: two instances each of
 * the volunteers and aeds subgraphs start together after their hourly tasks
 * missed an hour (as after a night with every instance down), and each task
 * runs exactly once, in one of them, without waiting for the workers' next
 * poll. A schedule's workers do not look for jobs when another queue's jobs
 * are added (graphile-worker announces every queue's on one channel).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import { pino } from 'pino';
import { dropDatabase, ensureDatabase } from '../common/database.ts';
import { HOURLY, startSchedule } from '../common/schedule.ts';
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

/** A schedule-only queue of the test's own, and another queue (installed before any runner starts: a new queue's migration stops running runners). */
const SCHEDULE = 'test_schedule_only';
const OTHER = 'test_other_queue';

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
    for (const schema of [SCHEDULE, OTHER]) await runMigrations({ connectionString: databaseUrl, schema });
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
    // The cron's catch-up wakes its queue's workers: they do not wait for their next poll, 10 s after they start.
    for (let waited = 0; waited < 8_000 && TASKS.some(({ task }) => ran(task).length === 0); waited += 200) await pause(200);
    // Give a second run, if there were one, time to happen.
    await pause(2_000);
    for (const { task } of TASKS) expect(ran(task), task).toHaveLength(1);
  });
});

describe('a schedule-only queue', () => {
  /** How often the schedule's workers have asked for a job (each ask reads its job table), as PostgreSQL's statistics count it. */
  const asks = async (client: pg.Client) => {
    const { rows } = await client.query<{ scans: string }>(
      'select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as scans from pg_stat_user_tables where schemaname = $1 and relname = $2',
      [SCHEDULE, '_private_jobs'],
    );
    return Number(rows[0]?.scans ?? 0);
  };

  it("does not look for jobs when another queue's are added", async () => {
    const databaseUrl = await ensureDatabase(serverUrl, databaseName);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    let ran = 0;
    let stop: (() => Promise<void>) | undefined;
    try {
      await client.query(
        `insert into ${SCHEDULE}._private_known_crontabs (identifier, known_since, last_execution) values ('test.hourly', now() - interval '3 hours', now() - interval '2 hours')`,
      );
      stop = await startSchedule(databaseUrl, SCHEDULE, [{ name: 'test.hourly', pattern: HOURLY, run: async () => void ran++ }], pino({ level: 'silent' }));
      // Its own catch-up runs (the cron wakes its workers).
      for (let waited = 0; waited < 8_000 && ran === 0; waited += 50) await pause(50);
      expect(ran).toBe(1);
      // Each backend reports its statistics within a second or so of its last statement.
      await pause(1_500);
      const before = await asks(client);
      await client.query(`select ${OTHER}.add_job('test.other', '{}') from generate_series(1, 5)`);
      await pause(1_500);
      expect(await asks(client)).toBe(before);
    } finally {
      await stop?.();
      await client.end();
    }
  });
});
