import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Device } from './device.service.ts';

/** The platforms, as a GraphQL enum (the values of channels/push.ts DevicePlatform). */
export enum DevicePlatformValue {
  IOS = 'IOS',
  ANDROID = 'ANDROID',
  WEB = 'WEB',
}

registerEnumType(DevicePlatformValue, {
  name: 'DevicePlatform',
  description: 'The kind of app a device runs, which decides the push service that reaches it.',
  valuesConfig: {
    IOS: { description: 'The iPhone app, reached through Apple Push Notification service.' },
    ANDROID: { description: 'The Android app, reached through Firebase Cloud Messaging.' },
    WEB: { description: 'A web app, reached through the browser’s Web Push service.' },
  },
});

@InputType('WebPushKeysInput')
export class WebPushKeysInput {
  @Field(() => String, { description: 'The browser’s P-256 public key, base64url.' })
  p256dh!: string;

  @Field(() => String, { description: 'The authentication secret, base64url.' })
  auth!: string;
}

@InputType('WebPushSubscriptionInput', { description: 'A Web Push subscription as `PushSubscription.toJSON()` gives it in the browser.' })
export class WebPushSubscriptionInput {
  @Field(() => String)
  endpoint!: string;

  @Field(() => WebPushKeysInput)
  keys!: WebPushKeysInput;
}

@InputType('RegisterDeviceInput')
export class RegisterDeviceInput {
  @Field(() => DevicePlatformValue)
  platform!: DevicePlatformValue;

  @Field(() => String, { nullable: true, description: 'IOS: the APNs device token (hex). ANDROID: the FCM registration token.' })
  token?: string | null;

  @Field(() => WebPushSubscriptionInput, { nullable: true, description: 'WEB: the browser’s push subscription.' })
  webPushSubscription?: WebPushSubscriptionInput | null;

  @Field(() => String, { description: 'The app’s version, e.g. 4.2.0.' })
  appVersion!: string;

  @Field(() => String, { description: 'The app’s language, e.g. nl or sv-SE.' })
  language!: string;

  @Field(() => Boolean, { nullable: true, description: 'IOS: the app holds Apple’s critical-alert entitlement, so alerts ring through silent mode.' })
  criticalAlerts?: boolean | null;
}

@ObjectType('Device', { description: 'A device of the volunteer’s app that alerts are pushed to. Only the volunteer sees it; its push token is never shown.' })
export class DeviceType {
  @Field(() => ID)
  id!: string;

  @Field(() => DevicePlatformValue)
  platform!: DevicePlatformValue;

  @Field(() => String)
  appVersion!: string;

  @Field(() => String)
  language!: string;

  @Field(() => Boolean)
  criticalAlerts!: boolean;

  @Field(() => Date)
  registeredAt!: Date;

  @Field(() => Date, { description: 'When the app last registered it.' })
  updatedAt!: Date;

  static from(device: Device): DeviceType {
    return Object.assign(new DeviceType(), {
      id: device.id,
      platform: device.platform as DevicePlatformValue,
      appVersion: device.appVersion,
      language: device.language,
      criticalAlerts: device.criticalAlerts,
      registeredAt: device.registeredAt,
      updatedAt: device.updatedAt,
    });
  }
}

@ObjectType('AlertDeliverySettings', { description: 'How the volunteer wants to be alerted.' })
export class AlertDeliverySettingsType {
  @Field(() => Boolean, { description: 'Alerts go by SMS at once as well as to the app, rather than only when the app does not confirm in time.' })
  smsAlways!: boolean;

  @Field(() => [DeviceType])
  devices!: DeviceType[];
}
