/**
 * Each volunteer's latest verified certificate end, kept by the certificate
 * writes in a table of its own (certificates/latest-verified-certificate.ts), against a
 * real PostgreSQL with the volunteers' own migrations: after every kind of
 * write (a certificate recorded, verified, corrected, moved to another
 * volunteer, deleted; a batch; certificates recorded before their volunteer;
 * all of them truncated) the kept ends equal those taken of the certificates
 * again, and two transactions recording one volunteer's certificates at once
 * leave the later of the two.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sql } from '../common/sql.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { LATEST_VERIFIED_VALID_UNTIL_SQL } from '../subgraphs/volunteers/registration/volunteer-roster.ts';
import { subgraphStorage } from './subgraph-storage.ts';

const INSERT_VOLUNTEER = `insert into volunteers.volunteer (id, status, name, date_of_birth, home_latitude, home_longitude, municipality_id, time_zone, country_code, registered_by)
  values ($1, 'ACTIVE', 'Test', '1980-01-01', 52.1, 5.1, $2, 'Europe/Amsterdam', 'NL', 'test')`;
const INSERT_CERTIFICATE = `insert into volunteers.training_certificate (id, volunteer_id, type, course_date, valid_until, verified_at, verified_by, recorded_by)
  values ($1, $2, 'CPR', $3, $4, case when $5::boolean then now() end, case when $5::boolean then 'test' end, 'test')`;

describe('the latest verified certificate end kept for each volunteer', () => {
  const storage = subgraphStorage(volunteersSubgraph);

  const run = (statement: string, params: unknown[] = []) => sql(storage.orm.em.fork(), statement, params);
  const volunteer = async () => {
    const id = randomUUID();
    await run(INSERT_VOLUNTEER, [id, randomUUID()]);
    return id;
  };
  const certificate = async (volunteerId: string, courseDate: string, validUntil: string | null, verified = true) => {
    const id = randomUUID();
    await run(INSERT_CERTIFICATE, [id, volunteerId, courseDate, validUntil, verified]);
    return id;
  };
  const keptOf = async (volunteerId: string) =>
    ((await run(`select valid_until::text as kept from volunteers.latest_verified_certificate where volunteer_id = $1`, [volunteerId]))[0]?.kept as string | undefined) ?? null;
  /** Every volunteer's kept end, and the same taken of the certificates again. */
  const expectKeptAsRetaken = async () => {
    const kept = await run(`select volunteer_id::text as id, valid_until::text as valid_until from volunteers.latest_verified_certificate order by 1`);
    const retaken = await run(
      `select c.volunteer_id::text as id, ${LATEST_VERIFIED_VALID_UNTIL_SQL}::text as valid_until
       from volunteers.training_certificate c group by c.volunteer_id having ${LATEST_VERIFIED_VALID_UNTIL_SQL} is not null order by 1`,
    );
    expect(kept).toEqual(retaken);
  };

  it('follows every kind of certificate write', async () => {
    const someone = await volunteer();
    const other = await volunteer();
    expect(await keptOf(someone)).toBeNull();

    // Recorded unverified: not counted until it is verified (a course date and a year).
    const first = await certificate(someone, '2025-03-01', null, false);
    expect(await keptOf(someone)).toBeNull();
    await run(`update volunteers.training_certificate set verified_at = now(), verified_by = 'test' where id = $1`, [first]);
    expect(await keptOf(someone)).toBe('2026-03-01');
    await expectKeptAsRetaken();

    // A later one, then its end corrected to before the first's.
    const later = await certificate(someone, '2025-06-01', '2027-06-01');
    expect(await keptOf(someone)).toBe('2027-06-01');
    await run(`update volunteers.training_certificate set valid_until = '2025-12-31' where id = $1`, [later]);
    expect(await keptOf(someone)).toBe('2026-03-01');
    await expectKeptAsRetaken();

    // Moved to another volunteer: both follow.
    await run(`update volunteers.training_certificate set volunteer_id = $2, valid_until = '2028-01-01' where id = $1`, [later, other]);
    expect(await keptOf(someone)).toBe('2026-03-01');
    expect(await keptOf(other)).toBe('2028-01-01');
    await expectKeptAsRetaken();

    // Deleted.
    await run(`delete from volunteers.training_certificate where id = $1`, [first]);
    expect(await keptOf(someone)).toBeNull();
    await expectKeptAsRetaken();

    // A batch of 40 certificates of ten volunteers in one statement.
    const many = await Promise.all(Array.from({ length: 10 }, () => volunteer()));
    const rows = many.flatMap((id, index) =>
      Array.from({ length: 4 }, (_, n) => [randomUUID(), id, `2025-0${1 + n}-1${index % 10}`, n === 2 ? `2029-0${1 + (index % 9)}-01` : null, n !== 3]),
    );
    await run(
      `insert into volunteers.training_certificate (id, volunteer_id, type, course_date, valid_until, verified_at, verified_by, recorded_by)
       select r.id::uuid, r.volunteer_id::uuid, 'CPR', r.course_date::date, r.valid_until::date, case when r.verified then now() end, case when r.verified then 'test' end, 'test'
       from jsonb_to_recordset($1::jsonb) as r(id text, volunteer_id text, course_date text, valid_until text, verified boolean)`,
      [
        JSON.stringify(
          rows.map(([id, volunteerId, courseDate, validUntil, verified]) => ({ id, volunteer_id: volunteerId, course_date: courseDate, valid_until: validUntil, verified })),
        ),
      ],
    );
    expect(await keptOf(many[3]!)).toBe('2029-04-01');
    await expectKeptAsRetaken();

    // Certificates recorded before their volunteer, in one transaction (the foreign key is checked at commit).
    const newcomer = randomUUID();
    await storage.orm.em.fork().transactional(async (tx) => {
      await sql(tx, INSERT_CERTIFICATE, [randomUUID(), newcomer, '2025-09-01', '2027-09-01', true]);
      await sql(tx, INSERT_VOLUNTEER, [newcomer, randomUUID()]);
    });
    expect(await keptOf(newcomer)).toBe('2027-09-01');
    await expectKeptAsRetaken();

    // A rolled-back write leaves nothing behind.
    await storage.orm.em
      .fork()
      .transactional(async (tx) => {
        await sql(tx, INSERT_CERTIFICATE, [randomUUID(), someone, '2025-09-01', '2030-01-01', true]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await keptOf(someone)).toBeNull();

    await run(`truncate volunteers.training_certificate`);
    await expectKeptAsRetaken();
    expect(await keptOf(other)).toBeNull();
  });

  it('keeps the later end when two transactions record one volunteer’s certificates at once', async () => {
    const someone = await volunteer();
    await certificate(someone, '2025-01-01', '2026-06-01');
    const first = new pg.Client({ connectionString: storage.url });
    const second = new pg.Client({ connectionString: storage.url });
    await first.connect();
    await second.connect();
    try {
      await first.query('begin');
      await second.query('begin');
      await first.query(INSERT_CERTIFICATE, [randomUUID(), someone, '2025-02-01', '2030-01-01', true]);
      // Waits for the first to commit, then must see its certificate, not overwrite its end with an older one.
      const waiting = second.query(INSERT_CERTIFICATE, [randomUUID(), someone, '2025-03-01', '2029-01-01', true]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('commit');
      await waiting;
      await second.query('commit');
    } finally {
      await first.end();
      await second.end();
    }
    expect(await keptOf(someone)).toBe('2030-01-01');
    await expectKeptAsRetaken();
  });
});
