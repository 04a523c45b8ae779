import { Migration } from '@mikro-orm/migrations';

/**
 * The delivery layer: the devices volunteers' apps register for push, the
 * "SMS always" choice, one row per push and per SMS of an alert with its
 * state (claimed before sending, so a retried job never sends twice), the
 * app's acknowledgement of an alert, and the dispatcher's DELIVERY timeline entries.
 */
export class Migration0005Delivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type incidents.device_platform as enum ('IOS', 'ANDROID', 'WEB')`);
    this.addSql(`
      create table incidents.device (
        id uuid primary key,
        volunteer_id uuid not null,
        platform incidents.device_platform not null,
        -- The APNs device token or FCM registration token; for WEB the subscription's endpoint.
        token text not null,
        web_push_p256dh text,
        web_push_auth text,
        app_version text not null,
        language text not null,
        critical_alerts boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        -- One row per app installation: registering the same token again updates it.
        constraint device_token_once unique (platform, token),
        constraint device_web_push_keys check ((platform = 'WEB') = (web_push_p256dh is not null and web_push_auth is not null))
      )`);
    this.addSql('create index device_volunteer_idx on incidents.device (volunteer_id)');
    this.addSql(`
      create table incidents.alert_delivery_setting (
        volunteer_id uuid primary key,
        sms_always boolean not null,
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`create type incidents.delivery_purpose as enum ('ALERT', 'STAND_DOWN')`);
    this.addSql(`create type incidents.push_delivery_state as enum ('QUEUED', 'SENDING', 'SENT', 'DEAD_TOKEN', 'FAILED')`);
    this.addSql(`
      create table incidents.push_delivery (
        alert_id uuid not null references incidents.alert (id),
        purpose incidents.delivery_purpose not null,
        -- No foreign key: a dead token's device is deleted, the record of what happened to its push stays.
        device_id uuid not null,
        platform incidents.device_platform not null,
        state incidents.push_delivery_state not null default 'QUEUED',
        reason text,
        attempts integer not null default 0,
        claimed_at timestamptz,
        sent_at timestamptz,
        updated_at timestamptz not null default now(),
        primary key (alert_id, purpose, device_id)
      )`);
    this.addSql(`create type incidents.sms_delivery_state as enum ('SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED')`);
    this.addSql(`
      create table incidents.sms_delivery (
        alert_id uuid not null references incidents.alert (id),
        purpose incidents.delivery_purpose not null,
        state incidents.sms_delivery_state not null,
        -- The SMSC's message id, to match its delivery receipt.
        channel_message_id text,
        reason text,
        claimed_at timestamptz not null default now(),
        sent_at timestamptz,
        delivered_at timestamptz,
        primary key (alert_id, purpose)
      )`);
    this.addSql('create index sms_delivery_message_idx on incidents.sms_delivery (channel_message_id) where channel_message_id is not null');
    this.addSql('alter table incidents.alert add column acknowledged_at timestamptz');
    this.addSql(`alter type incidents.incident_event_kind add value 'DELIVERY'`);
  }
}
