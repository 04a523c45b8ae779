/**
 * Reads the incidents' timelines of a scope and period, reduced in
 * PostgreSQL to one row of facts per incident (first acceptance, first
 * arrival, counts of answers) and to the alert burden per number of alerts:
 * a region's year is a thousand rows, not its twenty thousand alerts.
 *
 * The period's days are read on the clock of each incident's municipality
 * (`call_received_at at time zone`), and so are its month and hour of the week.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, type IsoDate } from '../../../common/zoned-time.ts';
import type { IncidentExclusion } from '../incidents/incident.entity.ts';
import { sql, uuidArray } from '../sql.ts';
import { OutcomeScopeKind, type OutcomeScope } from './outcome-scope.ts';
import type { BurdenRow, IncidentFacts } from './outcomes.ts';
import { dayAfter, type Period } from './period.ts';

/** An IANA zone name as the organization subgraph checked it; anything else reads as UTC (it goes into an array literal). */
function zoneName(timeZone: string): string {
  return /^[A-Za-z0-9_+\-/]+$/.test(timeZone) ? timeZone : 'UTC';
}

/** The clock of incidents in a municipality the scope does not (or no longer) hold. */
function fallbackZone(scope: OutcomeScope): string {
  const counts = new Map<string, number>();
  for (const { timeZone } of scope.municipalities) counts.set(timeZone, (counts.get(timeZone) ?? 0) + 1);
  return zoneName([...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'UTC');
}

/**
 * The scoped incidents of the period with their local call time, as a
 * statement prefix (`with zone …, scoped …`), and a condition on the alerts
 * `a` that count (a partner's: its members' only).
 */
function scoped(scope: OutcomeScope, period: Period): { cte: string; params: unknown[]; alerts: string; alertParams: unknown[] } {
  const params: unknown[] = [
    uuidArray(scope.municipalities.map((municipality) => municipality.id)),
    `{${scope.municipalities.map((municipality) => `"${zoneName(municipality.timeZone)}"`).join(',')}}`,
    fallbackZone(scope),
    // A day either side in UTC holds every local day of the period, whatever the zone.
    `${addDays(period.from, -1)}T00:00:00Z`,
    `${addDays(period.to, 2)}T00:00:00Z`,
  ];
  let where: string;
  let alerts = '';
  const alertParams: unknown[] = [];
  switch (scope.kind) {
    case OutcomeScopeKind.SECURITY_REGION:
      where = 'i.security_region_id = ?::uuid';
      params.push(scope.id);
      break;
    case OutcomeScopeKind.PARTNER_ASSOCIATION:
      where = `i.id in (select incident_id from incidents.alert where kind = 'INCIDENT' and association_ids @> array[?::uuid])`;
      params.push(scope.id);
      alerts = 'and a.association_ids @> array[?::uuid]';
      alertParams.push(scope.id);
      break;
    default:
      where = 'i.municipality_id = any(?::uuid[])';
      params.push(uuidArray(scope.municipalities.map((municipality) => municipality.id)));
  }
  params.push(period.from, dayAfter(period));
  const cte = `
    with zone as (select * from unnest(?::uuid[], ?::text[]) as z (municipality_id, time_zone)),
    scoped as (
      select i.id, i.call_received_at, i.exclusions, i.status, i.ambulance_arrived_at,
             i.call_received_at at time zone coalesce(z.time_zone, ?) as local_call
      from incidents.incident i
      left join zone z on z.municipality_id = i.municipality_id
      where i.call_received_at >= ?::timestamptz and i.call_received_at < ?::timestamptz and ${where}
    ),
    in_period as (select * from scoped where local_call >= ?::date and local_call < ?::date)`;
  return { cte, params, alerts, alertParams };
}

interface FactsRow {
  month: string;
  hour_of_week: number;
  exclusions: IncidentExclusion[];
  cancelled: boolean;
  alerted: number;
  accepted: number;
  declined: number;
  stood_down: number;
  first_acceptance: number | null;
  first_on_scene: number | null;
  first_aed_on_scene: number | null;
  ambulance: number | null;
}

/** One row of facts per incident of the scope reported in the period (for a partner: those that alerted a member). */
export async function incidentFacts(em: EntityManager, scope: OutcomeScope, period: Period): Promise<IncidentFacts[]> {
  const { cte, params, alerts, alertParams } = scoped(scope, period);
  const partner = scope.kind === OutcomeScopeKind.PARTNER_ASSOCIATION;
  const rows = await sql<FactsRow>(
    em,
    `${cte}
     select to_char(s.local_call, 'YYYY-MM') as month,
            ((extract(isodow from s.local_call)::int - 1) * 24 + extract(hour from s.local_call)::int) as hour_of_week,
            s.exclusions, s.status = 'CANCELLED' as cancelled,
            count(a.id)::int as alerted,
            count(a.accepted_at)::int as accepted,
            (count(*) filter (where a.status = 'DECLINED'))::int as declined,
            count(a.stood_down_at)::int as stood_down,
            extract(epoch from min(a.accepted_at) - s.call_received_at)::float8 as first_acceptance,
            extract(epoch from min(a.on_scene_at) - s.call_received_at)::float8 as first_on_scene,
            extract(epoch from min(a.on_scene_at) filter (where a.task = 'FETCH_AED') - s.call_received_at)::float8 as first_aed_on_scene,
            extract(epoch from s.ambulance_arrived_at - s.call_received_at)::float8 as ambulance
     from in_period s
     left join incidents.alert a on a.incident_id = s.id and a.kind = 'INCIDENT' ${alerts}
     group by s.id, s.local_call, s.exclusions, s.status, s.call_received_at, s.ambulance_arrived_at
     ${partner ? 'having count(a.id) > 0' : ''}`,
    [...params, ...alertParams],
  );
  return rows.map((row) => ({
    month: row.month,
    hourOfWeek: row.hour_of_week,
    exclusions: row.exclusions,
    cancelled: row.cancelled,
    alerted: row.alerted,
    accepted: row.accepted,
    declined: row.declined,
    stoodDown: row.stood_down,
    firstAcceptanceSeconds: row.first_acceptance,
    firstVolunteerOnSceneSeconds: row.first_on_scene,
    firstAedOnSceneSeconds: row.first_aed_on_scene,
    ambulanceArrivalSeconds: row.ambulance,
  }));
}

/** How many volunteers were alerted how many times for the scope's incidents of the period. */
export async function alertBurden(em: EntityManager, scope: OutcomeScope, period: Period): Promise<BurdenRow[]> {
  const { cte, params, alerts, alertParams } = scoped(scope, period);
  return sql<BurdenRow>(
    em,
    `${cte}
     select per_volunteer.alerts, count(*)::int as volunteers
     from (
       select a.volunteer_id, count(*)::int as alerts
       from in_period s join incidents.alert a on a.incident_id = s.id and a.kind = 'INCIDENT' ${alerts}
       group by a.volunteer_id
     ) per_volunteer
     group by per_volunteer.alerts
     order by per_volunteer.alerts`,
    [...params, ...alertParams],
  );
}

/** The first day of the kept history: the earliest call's date (UTC), or `today` when no incident was recorded yet. */
export async function keptSince(em: EntityManager, today: IsoDate): Promise<IsoDate> {
  const [row] = await sql<{ first: string | null }>(em, `select to_char(min(call_received_at) at time zone 'UTC', 'YYYY-MM-DD') as first from incidents.incident`);
  return row?.first ?? today;
}
