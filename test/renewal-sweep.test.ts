/**
 * The renewal sweep reads the volunteers it has to look at from a list the
 * writes keep (renewal/unreminded-renewals.ts), against a real PostgreSQL
 * with the volunteers' own migrations:
 *
 * - every kind of write that can make a volunteer due (a certificate added,
 *   changed or deleted; a suspension lifted; a notification deleted, or all
 *   of them) gets them their reminder at the next sweep, once;
 * - after every step the list, once the sweep has folded in the changes, is
 *   exactly the one taken of the register again.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from '../common/sql.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { sendDueRenewalReminders } from '../subgraphs/volunteers/renewal/renewal.service.ts';
import { CERTIFICATE_EXPIRY_SQL, recheckRenewals } from '../subgraphs/volunteers/renewal/unreminded-renewals.ts';
import { subgraphStorage } from './subgraph-storage.ts';

/** Noon in Amsterdam on 10 March: reminders are due for certificates valid until 10 May or earlier. */
const AT = new Date('2026-03-10T11:00:00Z');

describe('the renewal sweep’s list of volunteers to look at', () => {
  const storage = subgraphStorage(volunteersSubgraph);

  const run = (statement: string, params: unknown[] = []) => sql(storage.orm.em.fork(), statement, params);
  const volunteer = async (status = 'ACTIVE', timeZone = 'Europe/Amsterdam') => {
    const id = randomUUID();
    await run(
      `insert into volunteers.volunteer (id, status, name, date_of_birth, home_latitude, home_longitude, municipality_id, time_zone, country_code, registered_by)
       values ($1, $2, 'Test', '1980-01-01', 52.1, 5.1, $3, $4, 'NL', 'test')`,
      [id, status, randomUUID(), timeZone],
    );
    return id;
  };
  const certificate = async (volunteerId: string, courseDate: string, validUntil: string | null = null) => {
    const id = randomUUID();
    await run(`insert into volunteers.training_certificate (id, volunteer_id, type, course_date, valid_until, recorded_by) values ($1, $2, 'CPR', $3, $4, 'test')`, [
      id,
      volunteerId,
      courseDate,
      validUntil,
    ]);
    return id;
  };
  /** The reminders of `volunteerId`, by the expiry they are about. */
  const reminders = async (volunteerId: string) =>
    (await run(`select reference_date::text as date from volunteers.volunteer_notification where volunteer_id = $1 order by reference_date`, [volunteerId])).map((row) => row.date);
  /** The list as kept (changes folded in), and as taken of the register again. */
  const expectKeptAsRetaken = async () => {
    await recheckRenewals(storage.orm.em.fork());
    const kept = await run(`select volunteer_id::text, valid_until::text from volunteers.renewal_unreminded order by 1`);
    const retaken = await run(
      `select c.volunteer_id::text, max(${CERTIFICATE_EXPIRY_SQL})::text as valid_until
       from volunteers.training_certificate c join volunteers.volunteer v on v.id = c.volunteer_id and v.status = 'ACTIVE'
       group by c.volunteer_id
       having not exists (
         select 1 from volunteers.volunteer_notification n
         where n.volunteer_id = c.volunteer_id and n.kind = 'CERTIFICATE_RENEWAL_DUE' and n.reference_date = max(${CERTIFICATE_EXPIRY_SQL}))
       order by 1`,
    );
    expect(kept).toEqual(retaken);
  };
  const sweep = async () => {
    const sent = await sendDueRenewalReminders(storage.orm.em.fork(), AT);
    await expectKeptAsRetaken();
    return sent;
  };

  it('reminds each volunteer due once, whatever write made them due', async () => {
    const due = await volunteer();
    await certificate(due, '2025-04-01'); // valid until 2026-04-01
    const notYet = await volunteer();
    await certificate(notYet, '2025-05-05');
    const later = await certificate(notYet, '2025-02-01', '2026-06-30');
    const suspended = await volunteer('SUSPENDED');
    await certificate(suspended, '2025-05-01');
    // Already 11 March in Auckland: due there a day before it is in UTC.
    const ahead = await volunteer('ACTIVE', 'Pacific/Auckland');
    await certificate(ahead, '2025-03-01', '2026-05-11');
    await expectKeptAsRetaken();

    expect(await sweep()).toBe(2);
    expect(await reminders(due)).toEqual(['2026-04-01']);
    expect(await reminders(ahead)).toEqual(['2026-05-11']);
    expect(await sweep()).toBe(0);

    // A later certificate, itself due: a reminder of the new expiry.
    await certificate(due, '2025-05-01');
    expect(await sweep()).toBe(1);
    expect(await reminders(due)).toEqual(['2026-04-01', '2026-05-01']);

    // The certificate that ran longest deleted: the one left is due.
    await run('delete from volunteers.training_certificate where id = $1', [later]);
    expect(await sweep()).toBe(1);
    expect(await reminders(notYet)).toEqual(['2026-05-05']);

    // A certificate's end corrected to an earlier date.
    const corrected = await volunteer();
    const wrong = await certificate(corrected, '2025-09-01', '2027-09-01');
    expect(await sweep()).toBe(0);
    await run('update volunteers.training_certificate set valid_until = $2 where id = $1', [wrong, '2026-05-10']);
    expect(await sweep()).toBe(1);
    expect(await reminders(corrected)).toEqual(['2026-05-10']);

    // A suspension lifted.
    expect(await reminders(suspended)).toEqual([]);
    await run(`update volunteers.volunteer set status = 'ACTIVE' where id = $1`, [suspended]);
    expect(await sweep()).toBe(1);
    expect(await reminders(suspended)).toEqual(['2026-05-01']);
    expect(await sweep()).toBe(0);
  });

  it('reminds again once the reminder is gone: one deleted, or all', async () => {
    const someone = await volunteer();
    await certificate(someone, '2025-04-15');
    const other = await volunteer();
    await certificate(other, '2025-04-20');
    await sweep();
    expect(await reminders(someone)).toEqual(['2026-04-15']);
    expect(await sweep()).toBe(0);

    await run('delete from volunteers.volunteer_notification where volunteer_id = $1', [someone]);
    expect(await sweep()).toBe(1);
    expect(await reminders(someone)).toEqual(['2026-04-15']);

    const everyone = (await run(`select count(distinct volunteer_id)::int as n from volunteers.volunteer_notification`))[0]!.n as number;
    await run('truncate volunteers.volunteer_notification');
    expect(await sweep()).toBe(everyone);
    expect(await sweep()).toBe(0);
  });
});
