/**
 * Reads the incidents' timelines of a scope and period, reduced in
 * PostgreSQL to one row of facts per incident (first acceptance, first
 * arrival, counts of answers) and to the alert burden per number of alerts:
 * a region's year leaves the database as a thousand rows, not its twenty
 * thousand alerts.
 *
 * The period's days are read on the clock of each incident's municipality
 * (`call_received_at at time zone`), and so are its month and hour of the week.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, type LocalDate } from '../../../common/zoned-time.ts';
import type { IncidentExclusion } from '../incidents/incident.entity.ts';
import { sql, uuidArray } from '../../../common/sql.ts';
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

/** What the timelines of a scope and period reduce to. */
export interface OutcomeFacts {
  /** One per incident of the scope reported in the period (for a partner: those that alerted a member). */
  incidents: IncidentFacts[];
  /** How many volunteers were alerted how many times for those incidents. */
  burden: BurdenRow[];
}

/**
 * Reads both in one statement: the incidents' alerts are joined once
 * (`joined`, about 27 per incident) and grouped twice, by incident and by
 * volunteer, so a region's year reads its twenty thousand alerts once.
 */
export async function outcomeFacts(em: EntityManager, scope: OutcomeScope, period: Period): Promise<OutcomeFacts> {
  const { cte, params, alerts, alertParams } = scoped(scope, period);
  const partner = scope.kind === OutcomeScopeKind.PARTNER_ASSOCIATION;
  const [row] = await sql<{ facts: FactsRow[]; burden: BurdenRow[] }>(
    em,
    `${cte},
     joined as materialized (
       select s.id as incident_id, s.local_call, s.exclusions, s.status, s.call_received_at, s.ambulance_arrived_at,
              a.id as alert_id, a.volunteer_id, a.status as alert_status, a.task, a.accepted_at, a.on_scene_at, a.stood_down_at
       from in_period s
       left join incidents.alert a on a.incident_id = s.id and a.kind = 'INCIDENT' ${alerts}
     ),
     facts as (
       select to_char(local_call, 'YYYY-MM') as month,
              ((extract(isodow from local_call)::int - 1) * 24 + extract(hour from local_call)::int) as hour_of_week,
              exclusions, status = 'CANCELLED' as cancelled,
              count(alert_id)::int as alerted,
              count(accepted_at)::int as accepted,
              (count(*) filter (where alert_status = 'DECLINED'))::int as declined,
              count(stood_down_at)::int as stood_down,
              extract(epoch from min(accepted_at) - call_received_at)::float8 as first_acceptance,
              extract(epoch from min(on_scene_at) - call_received_at)::float8 as first_on_scene,
              extract(epoch from min(on_scene_at) filter (where task = 'FETCH_AED') - call_received_at)::float8 as first_aed_on_scene,
              extract(epoch from ambulance_arrived_at - call_received_at)::float8 as ambulance
       from joined
       group by incident_id, local_call, exclusions, status, call_received_at, ambulance_arrived_at
       ${partner ? 'having count(alert_id) > 0' : ''}
     ),
     per_volunteer as (select volunteer_id, count(*)::int as alerts from joined where alert_id is not null group by volunteer_id),
     burden as (select alerts, count(*)::int as volunteers from per_volunteer group by alerts)
     select coalesce((select json_agg(f) from facts f), '[]') as facts,
            coalesce((select json_agg(b order by b.alerts) from burden b), '[]') as burden`,
    [...params, ...alertParams],
  );
  return {
    incidents: row!.facts.map((fact) => ({
      month: fact.month,
      hourOfWeek: fact.hour_of_week,
      exclusions: fact.exclusions,
      cancelled: fact.cancelled,
      alerted: fact.alerted,
      accepted: fact.accepted,
      declined: fact.declined,
      stoodDown: fact.stood_down,
      firstAcceptanceSeconds: fact.first_acceptance,
      firstVolunteerOnSceneSeconds: fact.first_on_scene,
      firstAedOnSceneSeconds: fact.first_aed_on_scene,
      ambulanceArrivalSeconds: fact.ambulance,
    })),
    burden: row!.burden,
  };
}

/** The first day of the kept history: the earliest call's date (UTC); null when no incident was recorded yet. */
export async function keptSince(em: EntityManager): Promise<LocalDate | null> {
  const [row] = await sql<{ first: string | null }>(em, `select to_char(min(call_received_at) at time zone 'UTC', 'YYYY-MM-DD') as first from incidents.incident`);
  return row?.first ?? null;
}
