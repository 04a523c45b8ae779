/**
 * `npm run bench:tile-digest-cost`: what the triggers that keep the tile
 * digests (common/tile-digest.ts) add to the writes on the dispatch side, on
 * the benchmark database (bench/database.ts): a phone's position report (one
 * CURRENT row upserted, as `reportCurrentPosition` does), an eligibility copy
 * rewritten (two HOME/WORK rows of a volunteer), and an AED stood down after
 * use and back (one row each). Each is timed with the triggers and with them
 * disabled, alternating in rounds so that the machine's load falls on both
 * alike; the table's writes are rolled back at the end of each round.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { upsertCandidatePositions } from '../subgraphs/volunteers/candidates/candidate-positions.ts';
import { openBenchDatabase } from './database.ts';
import { runScript } from './script.ts';

const WRITES = 400;
const ROUNDS = 4;

const TRIGGERS = {
  'volunteers.candidate_position': 'candidate_position_tile_digest',
  'aeds.aed': 'aed_tile_digest',
};

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const query = async (text: string, params: unknown[] = []) => (await client.query(text, params)).rows;
  const [volunteer] = await query(
    `select volunteer_id::text as id, time_zone, date_of_birth::text as date_of_birth from volunteers.candidate_position
     where kind = 'HOME' and active and on_duty limit 1`,
  );
  const [aed] = await query('select id::text as id from aeds.aed where operational and stood_down_at is null and availability_schedule is not null limit 1');
  const eligibility = {
    timeZone: volunteer!.time_zone as string,
    active: true,
    onDuty: true,
    dateOfBirth: volunteer!.date_of_birth as string,
    certificateValidUntil: '2027-06-30',
    certificateGraceDays: 0,
    quietHours: null,
  };
  const writes: Record<string, (index: number) => Promise<unknown>> = {
    'position report (CURRENT upsert)': (index) =>
      upsertCandidatePositions(query, [
        { position: { volunteerId: volunteer!.id as string, kind: 'CURRENT', lat: 52 + index * 1e-5, lon: 5, updatedAt: new Date() }, eligibility },
      ]),
    'eligibility copy rewritten (HOME/WORK rows)': (index) =>
      query('update volunteers.candidate_position set certificate_valid_until = $2::date + $3::int where volunteer_id = $1', [volunteer!.id, '2027-06-30', index % 2]),
    'AED stood down after use, and back': (index) =>
      query('update aeds.aed set stood_down_at = $2, stood_down_incident_id = $3 where id = $1', [aed!.id, index % 2 === 0 ? new Date() : null, randomUUID()]),
  };
  const totals = new Map<string, { with: number; without: number }>();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const triggers of round % 2 === 0 ? [true, false] : [false, true]) {
        await query('begin');
        for (const [table, name] of Object.entries(TRIGGERS)) {
          if (!triggers) for (const event of ['insert', 'update', 'delete']) await query(`alter table ${table} disable trigger ${name}_${event}`);
        }
        for (const [what, write] of Object.entries(writes)) {
          const started = performance.now();
          for (let index = 0; index < WRITES; index++) await write(index);
          const total = totals.get(what) ?? { with: 0, without: 0 };
          total[triggers ? 'with' : 'without'] += performance.now() - started;
          totals.set(what, total);
        }
        await query('rollback');
      }
    }
    for (const [what, total] of totals) {
      const per = (ms: number) => ((ms * 1000) / (WRITES * ROUNDS)).toFixed(0);
      console.log(`${what}: ${per(total.with)} µs with the triggers, ${per(total.without)} µs without (mean of ${WRITES * ROUNDS} statements)`);
    }
  } finally {
    await client.end();
    await database.stop();
  }
}

runScript(main);
