/**
 * A volunteer's devices (the apps that push alerts reach) and their choice
 * of "SMS always". Tokens are personal data: they are read only to send a
 * push, never returned and never logged.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, forbidden, notFound } from '../../../common/errors.ts';
import { newTimeOrderedId } from '../../../common/ids.ts';
import type { DevicePlatform } from '../channels/push.ts';
import { MAX_DEVICES_PER_VOLUNTEER, type CheckedDevice } from './device-registration.ts';
import { sql, toDate } from '../../../common/sql.ts';

/** A registered device as its volunteer sees it: everything but the token. */
export interface Device {
  id: string;
  volunteerId: string;
  platform: DevicePlatform;
  appVersion: string;
  language: string;
  criticalAlerts: boolean;
  registeredAt: Date;
  updatedAt: Date;
}

type DeviceRow = Record<string, any>;

const DEVICE_COLUMNS = 'id, volunteer_id, platform, app_version, language, critical_alerts, created_at, updated_at';

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    volunteerId: row.volunteer_id,
    platform: row.platform,
    appVersion: row.app_version,
    language: row.language,
    criticalAlerts: row.critical_alerts,
    registeredAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

/**
 * Registers a device for `volunteerId`, or updates it when its token is
 * registered already: an app that registers at every start keeps one row.
 * A token registered by another volunteer moves to this one (the phone
 * changed hands, or another volunteer signed in on it): alerts follow whoever uses the app now.
 *
 * @throws CONFLICT when the volunteer already has {@link MAX_DEVICES_PER_VOLUNTEER} other devices.
 */
export async function registerDevice(em: EntityManager, volunteerId: string, device: CheckedDevice): Promise<Device> {
  return em.fork().transactional(async (tx) => {
    // Serialises one volunteer's registrations, so two at once cannot both pass the limit.
    await sql(tx, 'select pg_advisory_xact_lock(hashtext(?))', [`incidents.device:${volunteerId}`]);
    const [{ others }] = (await sql<{ others: string }>(
      tx,
      'select count(*) as others from incidents.device where volunteer_id = ? and not (platform = ?::incidents.device_platform and token = ?)',
      [volunteerId, device.platform, device.token],
    )) as [{ others: string }];
    if (Number(others) >= MAX_DEVICES_PER_VOLUNTEER) {
      throw conflict(`You have ${MAX_DEVICES_PER_VOLUNTEER} devices registered already; remove one you no longer use (removeMyDevice).`);
    }
    const [row] = await sql<DeviceRow>(
      tx,
      `insert into incidents.device (id, volunteer_id, platform, token, web_push_p256dh, web_push_auth, app_version, language, critical_alerts)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (platform, token) do update set
         volunteer_id = excluded.volunteer_id, web_push_p256dh = excluded.web_push_p256dh, web_push_auth = excluded.web_push_auth,
         app_version = excluded.app_version, language = excluded.language, critical_alerts = excluded.critical_alerts, updated_at = now()
       returning ${DEVICE_COLUMNS}`,
      [
        newTimeOrderedId(),
        volunteerId,
        device.platform,
        device.token,
        device.webPushKeys?.p256dh ?? null,
        device.webPushKeys?.auth ?? null,
        device.appVersion,
        device.language,
        device.criticalAlerts,
      ],
    );
    return toDevice(row!);
  });
}

/** A volunteer's devices, oldest first. */
export async function devicesOf(em: EntityManager, volunteerId: string): Promise<Device[]> {
  const rows = await sql<DeviceRow>(em.fork(), `select ${DEVICE_COLUMNS} from incidents.device where volunteer_id = ? order by created_at, id`, [volunteerId]);
  return rows.map(toDevice);
}

/**
 * Removes one of the volunteer's devices.
 *
 * @throws NOT_FOUND for an unknown id; FORBIDDEN for another volunteer's device (nothing removed).
 */
export async function removeDevice(em: EntityManager, volunteerId: string, deviceId: string): Promise<Device> {
  return em.fork().transactional(async (tx) => {
    const [row] = await sql<DeviceRow>(tx, `select ${DEVICE_COLUMNS} from incidents.device where id = ? for update`, [deviceId]);
    if (!row) throw notFound('Device', deviceId);
    if (row.volunteer_id !== volunteerId) throw forbidden('You may only remove your own devices.');
    await sql(tx, 'delete from incidents.device where id = ?', [deviceId]);
    return toDevice(row);
  });
}

/** Forgets everything the delivery layer keeps about a volunteer whose account is deleted: devices and the SMS choice. */
export async function forgetVolunteerDevices(em: EntityManager, volunteerId: string): Promise<number> {
  return em.fork().transactional(async (tx) => {
    const removed = await sql(tx, 'delete from incidents.device where volunteer_id = ? returning id', [volunteerId]);
    await sql(tx, 'delete from incidents.alert_delivery_setting where volunteer_id = ?', [volunteerId]);
    return removed.length;
  });
}

/** Whether the volunteer chose to be alerted by SMS at once, whatever devices they have. */
export async function smsAlwaysOf(em: EntityManager, volunteerId: string): Promise<boolean> {
  const [row] = await sql<{ sms_always: boolean }>(em.fork(), 'select sms_always from incidents.alert_delivery_setting where volunteer_id = ?', [volunteerId]);
  return row?.sms_always ?? false;
}

/** Sets the volunteer's "SMS always" choice. */
export async function setSmsAlways(em: EntityManager, volunteerId: string, smsAlways: boolean): Promise<boolean> {
  await sql(
    em.fork(),
    `insert into incidents.alert_delivery_setting (volunteer_id, sms_always) values (?, ?)
     on conflict (volunteer_id) do update set sms_always = excluded.sms_always, updated_at = now()`,
    [volunteerId, smsAlways],
  );
  return smsAlways;
}
