/**
 * Reading alerts on the hot paths: the alert feeds, a volunteer's own
 * (`myAlerts`) and a partner association's members' (`memberAlerts`), and an
 * Incident's alerts (the dispatcher's view). A feed frame comes with its
 * alert and the Incident's address, position and status, so its fields need
 * no further look-ups; the feeds woken by one dispatch are read together, so
 * a dispatch fanning out to 30 volunteers costs one query, not 30.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { coalescedFeedReads, type FeedRead } from '../../../common/feed.ts';
import type { Alert, AlertUpdateKind } from './alert.entity.ts';
import type { IncidentStatus } from '../incidents/incident.entity.ts';
import { sql, statement, toDate, toOptionalDate } from '../../../common/sql.ts';

/** What the volunteer-only fields of an alert need from its Incident. */
export interface IncidentSnapshot {
  address: string;
  latitude: number;
  longitude: number;
  status: IncidentStatus;
}

/** One frame of an alert feed: the update, and the alert as it is now. */
export interface AlertFrame {
  /** The cursor. */
  sequence: string;
  kind: AlertUpdateKind;
  createdAt: Date;
  alert: Alert;
  /** Null for a test alert. */
  incident: IncidentSnapshot | null;
}

type Row = Record<string, any>;

/**
 * An alert row (as `a.*`, or as a write's `returning *` in JSON, timestamps
 * as text) in the entity's shape. A plain object, not an
 * instance: MikroORM instruments entity instances (change tracking on every
 * property), which would cost more than the query for a read-only frame.
 */
export function toAlert(row: Row): Alert {
  return {
    id: row.id,
    incidentId: row.incident_id,
    volunteerId: row.volunteer_id,
    kind: row.kind,
    status: row.status,
    standDownReason: row.stand_down_reason,
    task: row.task,
    aedId: row.aed_id,
    aedLatitude: row.aed_latitude,
    aedLongitude: row.aed_longitude,
    cabinetCode: row.cabinet_code,
    message: row.message,
    phone: row.phone,
    municipalityId: row.municipality_id,
    associationIds: row.association_ids,
    positionKind: row.position_kind,
    rank: row.rank,
    directDistanceMeters: row.direct_distance_meters,
    distanceMeters: row.distance_meters,
    etaSeconds: row.eta_seconds,
    route: row.route,
    createdAt: toDate(row.created_at),
    respondedAt: toOptionalDate(row.responded_at),
    acceptedAt: toOptionalDate(row.accepted_at),
    onSceneAt: toOptionalDate(row.on_scene_at),
    stoodDownAt: toOptionalDate(row.stood_down_at),
    acknowledgedAt: toOptionalDate(row.acknowledged_at),
  };
}

/**
 * A frame from a row of the frame columns (FRAME_COLUMNS): what the feed
 * reads, or what a dispatch's insert returned (with its alert already mapped).
 */
export function toFrame(row: Row, alert: Alert = toAlert(row)): AlertFrame {
  return {
    sequence: row.update_sequence,
    kind: row.update_kind,
    createdAt: toDate(row.update_created_at),
    alert,
    incident:
      row.incident_address === null ? null : { address: row.incident_address, latitude: row.incident_latitude, longitude: row.incident_longitude, status: row.incident_status },
  };
}

/** The alert's columns {@link toAlert} reads: named, not `a.*`, so that the feed read can be a prepared statement (common/statements.ts). */
const ALERT_COLUMNS = [
  'id',
  'incident_id',
  'volunteer_id',
  'kind',
  'status',
  'stand_down_reason',
  'task',
  'aed_id',
  'aed_latitude',
  'aed_longitude',
  'cabinet_code',
  'message',
  'phone',
  'municipality_id',
  'association_ids',
  'position_kind',
  'rank',
  'direct_distance_meters',
  'distance_meters',
  'eta_seconds',
  'route',
  'created_at',
  'responded_at',
  'accepted_at',
  'on_scene_at',
  'stood_down_at',
  'acknowledged_at',
]
  .map((column) => `a.${column}`)
  .join(', ');

const FRAME_COLUMNS = `u.sequence as update_sequence, u.kind as update_kind, u.created_at as update_created_at, ${ALERT_COLUMNS},
  i.address as incident_address, i.latitude as incident_latitude, i.longitude as incident_longitude, i.status as incident_status`;
const FRAME_TABLES = `incidents.alert_update u join incidents.alert a on a.id = u.alert_id left join incidents.incident i on i.id = a.incident_id`;

/**
 * Reads several feeds in one statement: for each read (numbered `r.n`), the
 * frames matching `keyMatches` (SQL over `r.key`) after its cursor. Prepared
 * (planned once per connection): a dispatch's 30 frames wait for it.
 */
function feedsStatement(name: string, keyMatches: string): string {
  return statement(
    name,
    `select r.n as read_index, f.*
     from rows from (jsonb_to_recordset(?::jsonb) as (key uuid, after bigint, lim int)) with ordinality as r(key, after, lim, n)
     cross join lateral (
       select ${FRAME_COLUMNS} from ${FRAME_TABLES}
       where ${keyMatches} and u.sequence > r.after order by u.sequence limit r.lim
     ) as f
     order by r.n, f.update_sequence`,
  );
}

const READ_VOLUNTEER_FEEDS = feedsStatement('incidents.read-volunteer-feeds', 'u.volunteer_id = r.key');
const READ_MEMBER_FEEDS = feedsStatement('incidents.read-member-feeds', 'r.key = any(a.association_ids)');

async function readFeeds(em: EntityManager, statement: string, reads: readonly FeedRead[]): Promise<AlertFrame[][]> {
  const rows = await sql<Row>(em.fork(), statement, [JSON.stringify(reads.map((read) => ({ key: read.key, after: String(read.after), lim: read.limit })))]);
  const frames: AlertFrame[][] = reads.map(() => []);
  for (const row of rows) frames[Number(row.read_index) - 1]!.push(toFrame(row));
  return frames;
}

type FeedReader = (read: FeedRead) => Promise<AlertFrame[]>;

/** One reader per feed kind and database connection, shared by every subscription of the process. */
const readers = new WeakMap<object, { volunteer: FeedReader; member: FeedReader }>();

function readersFor(em: EntityManager) {
  const connection = em.getConnection();
  let found = readers.get(connection);
  if (!found) {
    found = {
      volunteer: coalescedFeedReads((reads) => readFeeds(em, READ_VOLUNTEER_FEEDS, reads)),
      member: coalescedFeedReads((reads) => readFeeds(em, READ_MEMBER_FEEDS, reads)),
    };
    readers.set(connection, found);
  }
  return found;
}

/** A volunteer's feed after `cursor`, in order. */
export function alertFramesAfter(em: EntityManager, volunteerId: string, cursor: bigint, limit: number): Promise<AlertFrame[]> {
  return readersFor(em).volunteer({ key: volunteerId, after: cursor, limit });
}

/** A partner association's feed of its members' alerts after `cursor`, in order. */
export function memberAlertFramesAfter(em: EntityManager, associationId: string, cursor: bigint, limit: number): Promise<AlertFrame[]> {
  return readersFor(em).member({ key: associationId, after: cursor, limit });
}

/** The latest frame of one alert. */
export async function latestFrameOf(em: EntityManager, alertId: string): Promise<AlertFrame> {
  const [row] = await sql<Row>(em.fork(), `select ${FRAME_COLUMNS} from ${FRAME_TABLES} where u.alert_id = ? order by u.sequence desc limit 1`, [alertId]);
  return toFrame(row!);
}

/** An Incident's alerts, nearest first (then in the order they were sent). */
export async function alertsOfIncident(em: EntityManager, incidentId: string): Promise<Alert[]> {
  const rows = await sql<Row>(em.fork(), 'select * from incidents.alert where incident_id = ? order by rank, created_at', [incidentId]);
  return rows.map(toAlert);
}
