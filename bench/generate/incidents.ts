/**
 * A history of incidents, as rows of the incidents subgraph's tables: each
 * incident reported by the ambulance service of its region, the volunteers
 * living within the default radius alerted nearest first (a third to start
 * CPR, the others to fetch an AED within 500 m while there is one), their
 * answers (about a third accept, as in Denmark: Kragh 2017–22), those who
 * accept setting off after one to four minutes and reaching the patient at
 * the dispatch policy's walking speed (2.3 m/s, the Swedish GPS study's median), stand-downs once enough accepted, the
 * ambulance's arrival (9.5 minutes after the call on average, the Dutch
 * 8–11, spread by 2.5 minutes) and the close or cancel; with every alert frame
 * and timeline entry in order. Outcome statistics are worked out from exactly
 * these timelines (subgraphs/incidents/outcomes/), and the benchmark prints
 * how often a volunteer came first, to compare with the published 42%
 * (Andelius 2020). Fetched AEDs are recorded as used
 * in the aeds subgraph, and the last ones not yet checked stay stood down.
 *
 * Volunteers are placed at home here: the history only needs plausible
 * distances, not a replay of the candidate search.
 */
import { DEFAULT_AFTERCARE_POLICY } from '../../subgraphs/incidents/aftercare/aftercare-policy.ts';
import { alertInstruction } from '../../subgraphs/incidents/channels/alert-text.ts';
import { DEFAULT_DISPATCH_POLICY, etaSeconds } from '../../subgraphs/incidents/dispatch/dispatch-policy.ts';
import type { GeneratedAedPlace } from './aeds.ts';
import type { Row } from './bulk.ts';
import { municipalitySampler, placeInMunicipality, type SyntheticMunicipality } from './country.ts';
import { streetAddress } from './names.ts';
import type { SyntheticOrganisation } from './organization.ts';
import { EARTH_RADIUS_METERS } from '../../common/earth.ts';
import { Random } from '../../common/random.ts';

/** A volunteer who could have been alerted: where they live. */
export interface VolunteerHome {
  id: string;
  lat: number;
  lon: number;
  associationIds: string[];
}

/** Everything written for one incident. */
export interface GeneratedIncident {
  incident: Row;
  alerts: Row[];
  /** Alert frames, in the order the volunteers' feeds received them. */
  alertUpdates: Row[];
  /** The timeline, in order. */
  events: Row[];
  /** AEDs fetched at this incident (`aeds.aed_use`). */
  aedUses: Row[];
}

const EXCLUSIONS = ['CHILD_UNDER_8', 'TRAUMA', 'UNSAFE_SCENE', 'CARE_FACILITY'];
const OUTCOMES: [number, string][] = [
  [0.25, 'ROSC'],
  [0.35, 'TRANSPORTED'],
  [0.25, 'DECEASED'],
  [0.1, 'NOT_CARDIAC_ARREST'],
  [0.05, 'UNKNOWN'],
];

/** The ambulance arrives this long after the call on average (Dutch figures: 8–11 minutes), spread normally by this much (4 to 25 minutes at the extremes). */
const AMBULANCE_MEAN_SECONDS = 9.5 * 60;
const AMBULANCE_SPREAD_SECONDS = 2.5 * 60;

/** Seconds from accepting to setting off: not published; chosen so that volunteers come first about as often as published (42%). */
const DEPARTURE_SECONDS: readonly [number, number] = [60, 240];

/** Metres between two nearby points (equirectangular; exact enough within a municipality). */
function meters(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const x = ((b.lon - a.lon) * Math.PI * EARTH_RADIUS_METERS * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180)) / 180;
  const y = ((b.lat - a.lat) * Math.PI * EARTH_RADIUS_METERS) / 180;
  return Math.sqrt(x * x + y * y);
}

function weighted<T>(random: Random, choices: readonly [number, T][]): T {
  let draw = random.next();
  for (const [share, value] of choices) {
    draw -= share;
    if (draw <= 0) return value;
  }
  return choices[choices.length - 1]![1];
}

interface Timed {
  at: number;
  row: Row;
}

/**
 * Generates `count` incidents over the `historyDays` before `today`, oldest
 * first. `homes` and `aeds` are the volunteers and fetchable AEDs by
 * municipality id.
 */
export function* generateIncidents(
  organisation: SyntheticOrganisation,
  homes: ReadonlyMap<string, readonly VolunteerHome[]>,
  aeds: ReadonlyMap<string, readonly GeneratedAedPlace[]>,
  options: { seed: number; count: number; today: string; historyDays: number },
): Generator<GeneratedIncident> {
  const random = Random.stream(options.seed, 'incidents');
  const sample = municipalitySampler(organisation.country);
  const policy = DEFAULT_DISPATCH_POLICY;
  const snapshot = { dispatch: DEFAULT_DISPATCH_POLICY, aftercare: DEFAULT_AFTERCARE_POLICY };
  const end = Date.parse(`${options.today}T00:00:00Z`);
  const start = end - options.historyDays * 86_400_000;
  const span = end - start;
  for (let index = 0; index < options.count; index++) {
    const municipality: SyntheticMunicipality = sample(random);
    const region = organisation.regions.get(municipality.regionId)!;
    const [lat, lon] = placeInMunicipality(random, municipality, 0.1);
    const patient = { lat, lon };
    const street = streetAddress(random);
    const address = `${street.street} ${street.houseNumber}, ${municipality.name.replace('Gemeente ', 'Plaats ')}`;
    const call = Math.round(start + ((index + random.next()) / options.count) * span);
    const dispatched = call + random.integer(40, 120) * 1000;
    const arrived = call + Math.round(Math.min(Math.max(AMBULANCE_MEAN_SECONDS + AMBULANCE_SPREAD_SECONDS * random.normal(), 240), 1500)) * 1000;
    const cancelled = random.chance(0.12);
    const ended = cancelled ? call + random.integer(3, 20) * 60_000 : call + random.integer(30, 90) * 60_000;
    const exclusion = random.chance(0.06) ? [random.pick(EXCLUSIONS)] : [];
    const incidentId = random.uuid();
    const outcome = cancelled ? null : weighted(random, OUTCOMES);
    const incident: Row = {
      id: incidentId,
      ambulance_service_id: region.ambulanceServiceId,
      dispatch_reference: `HIST-${options.seed}-${String(index + 1).padStart(6, '0')}`,
      security_region_id: region.id,
      municipality_id: municipality.id,
      latitude: lat,
      longitude: lon,
      address,
      call_received_at: new Date(call).toISOString(),
      exclusions: exclusion,
      status: cancelled ? 'CANCELLED' : 'CLOSED',
      policy_version: 0,
      policy: snapshot,
      dispatched_at: exclusion.length > 0 ? null : new Date(dispatched).toISOString(),
      ambulance_arrived_at: cancelled ? null : new Date(arrived).toISOString(),
      outcome,
      closed_at: cancelled ? null : new Date(ended).toISOString(),
      cancel_reason: cancelled ? 'Not a cardiac arrest after all' : null,
      cancelled_at: cancelled ? new Date(ended).toISOString() : null,
      reported_by: `bench-dispatcher-${region.code}`,
      created_at: new Date(call + 30_000).toISOString(),
    };

    const events: Timed[] = [];
    const updates: Timed[] = [];
    const event = (at: number, kind: string, extra: Row = {}) =>
      events.push({ at, row: { incident_id: incidentId, kind, alert_id: null, volunteer_id: null, aed_id: null, detail: null, ...extra, created_at: new Date(at).toISOString() } });
    const update = (at: number, alert: Row, kind: string) =>
      updates.push({ at, row: { alert_id: alert.id, volunteer_id: alert.volunteer_id, kind, created_at: new Date(at).toISOString() } });
    event(call + 30_000, 'REPORTED', { detail: 'policy version 0' });

    const alerts: Row[] = [];
    const aedUses: Row[] = [];
    if (exclusion.length > 0) {
      event(call + 30_000, 'EXCLUDED', { detail: exclusion.join(', ') });
    } else {
      const near = (homes.get(municipality.id) ?? [])
        .map((home) => ({ home, distance: meters(home, patient) }))
        .filter((candidate) => candidate.distance <= policy.radiusMeters)
        .sort((a, b) => a.distance - b.distance)
        .slice(0, policy.maxAlerted);
      const freeAeds = (aeds.get(municipality.id) ?? [])
        .map((aed) => ({ aed, distance: meters(aed, patient) }))
        .filter((candidate) => candidate.distance <= policy.aedSearchRadiusMeters)
        .sort((a, b) => a.distance - b.distance);
      // The nearest third go straight to the patient; the others fetch the nearest AED still free.
      const direct = Math.ceil(near.length * (1 - policy.aedShare));
      if (near.length === 0) event(dispatched, 'NOBODY_AVAILABLE');
      near.forEach(({ home, distance }, rank) => {
        const aed = rank >= direct ? freeAeds.shift()?.aed : undefined;
        const legs = aed
          ? [
              { from: { lat: home.lat, lon: home.lon }, to: { lat: aed.lat, lon: aed.lon }, meters: Math.round(meters(home, aed)) },
              { from: { lat: aed.lat, lon: aed.lon }, to: patient, meters: Math.round(meters(aed, patient)) },
            ]
          : [{ from: { lat: home.lat, lon: home.lon }, to: patient, meters: Math.round(distance) }];
        const routeMeters = legs.reduce((sum, leg) => sum + leg.meters, 0);
        const task = aed ? 'FETCH_AED' : 'CPR';
        alerts.push({
          id: random.uuid(),
          incident_id: incidentId,
          volunteer_id: home.id,
          kind: 'INCIDENT',
          status: 'PENDING',
          stand_down_reason: null,
          task,
          aed_id: aed?.id ?? null,
          cabinet_code: aed?.cabinetCode ?? null,
          message: alertInstruction({ task, address, aed: aed && { location: aed.locationDescription, cabinetCode: aed.cabinetCode } }, 'nl'),
          // Cleared when the incident ended: phone numbers are kept only to match SMS replies.
          phone: null,
          municipality_id: municipality.id,
          association_ids: home.associationIds,
          position_kind: 'HOME',
          rank: rank + 1,
          direct_distance_meters: Math.round(distance),
          distance_meters: routeMeters,
          eta_seconds: Math.round(etaSeconds(policy, routeMeters)),
          route: legs,
          created_at: new Date(dispatched).toISOString(),
          responded_at: null,
          accepted_at: null,
          on_scene_at: null,
          stood_down_at: null,
          replacement_sought: false,
        });
      });
      for (const alert of alerts) {
        update(dispatched, alert, 'ALERTED');
        event(dispatched, 'ALERTED', { alert_id: alert.id, volunteer_id: alert.volunteer_id, aed_id: alert.aed_id });
      }

      // Answers in the order they came; once enough accepted, whoever has not answered is stood down.
      const answers = alerts
        .map((alert) => ({
          alert,
          at: dispatched + random.integer(15, 180) * 1000,
          answer: weighted(random, [
            [0.35, 'ACCEPT'],
            [0.15, 'DECLINE'],
            [0.5, 'NONE'],
          ] as [number, string][]),
        }))
        .sort((a, b) => a.at - b.at);
      let accepted = 0;
      let enoughAt: number | undefined;
      for (const { alert, at, answer } of answers) {
        if (answer === 'NONE' || at >= ended || (enoughAt !== undefined && at >= enoughAt)) continue;
        alert.responded_at = new Date(at).toISOString();
        update(at, alert, 'RESPONSE_RECORDED');
        if (answer === 'DECLINE') {
          alert.status = 'DECLINED';
          event(at, 'DECLINED', { alert_id: alert.id, volunteer_id: alert.volunteer_id });
          continue;
        }
        alert.status = 'ACCEPTED';
        alert.accepted_at = alert.responded_at;
        event(at, 'ACCEPTED', { alert_id: alert.id, volunteer_id: alert.volunteer_id, aed_id: alert.aed_id });
        // Out of the door first (shoes, keys, stairs), then on foot at the policy's speed.
        const onScene = at + random.integer(DEPARTURE_SECONDS[0], DEPARTURE_SECONDS[1]) * 1000 + (alert.eta_seconds as number) * 1000;
        if (onScene < ended && random.chance(0.8)) {
          alert.status = 'ON_SCENE';
          alert.on_scene_at = new Date(onScene).toISOString();
          update(onScene, alert, 'RESPONSE_RECORDED');
          event(onScene, 'ON_SCENE', { alert_id: alert.id, volunteer_id: alert.volunteer_id });
        }
        accepted += 1;
        if (accepted === policy.enoughAcceptances) enoughAt = at;
      }
      const standDown = (alert: Row, at: number, reason: string) => {
        alert.status = 'STOOD_DOWN';
        alert.stand_down_reason = reason;
        alert.stood_down_at = new Date(at).toISOString();
        update(at, alert, 'STOOD_DOWN');
        event(at, 'STOOD_DOWN', { alert_id: alert.id, volunteer_id: alert.volunteer_id, detail: reason });
      };
      if (enoughAt !== undefined) for (const alert of alerts) if (alert.status === 'PENDING') standDown(alert, enoughAt, 'ENOUGH_RESPONDERS');
      for (const alert of alerts) {
        if (alert.status === 'PENDING' || (cancelled && (alert.status === 'ACCEPTED' || alert.status === 'ON_SCENE'))) {
          standDown(alert, ended, cancelled ? 'INCIDENT_CANCELLED' : 'INCIDENT_CLOSED');
        } else if (alert.status === 'ACCEPTED' || alert.status === 'ON_SCENE') {
          update(ended, alert, 'INCIDENT_CLOSED');
        }
      }
      for (const alert of alerts) {
        if (alert.task !== 'FETCH_AED' || alert.accepted_at === null) continue;
        // Checked by a guardian within a week, unless that is still to come.
        const confirmed = ended + random.integer(1, 7) * 86_400_000;
        aedUses.push({
          aed_id: alert.aed_id,
          incident_id: incidentId,
          used_at: new Date(ended).toISOString(),
          confirmed_ready_at: confirmed < end ? new Date(confirmed).toISOString() : null,
        });
        event(ended + 60_000, 'AED_STOOD_DOWN', { aed_id: alert.aed_id });
      }
    }
    if (!cancelled) event(arrived, 'AMBULANCE_ARRIVED');
    event(ended, cancelled ? 'CANCELLED' : 'CLOSED', { detail: cancelled ? incident.cancel_reason : outcome });
    // Stable sort: equal instants keep the order in which they happened above.
    const ordered = (items: Timed[]) => items.sort((a, b) => a.at - b.at).map((item) => item.row);
    yield { incident, alerts, alertUpdates: ordered(updates), events: ordered(events), aedUses };
  }
}
