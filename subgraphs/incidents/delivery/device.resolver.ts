import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role, requireRole } from '../../../common/auth.ts';
import { loadConfig } from '../../../common/config.ts';
import type { RequestContext } from '../../../common/context.ts';
import { parseId } from '../../../common/ids.ts';
import { requireOwnVolunteerId } from '../access.ts';
import { checkDeviceRegistration } from './device-registration.ts';
import { devicesOf, forgetVolunteerDevices, registerDevice, removeDevice, setSmsAlways, smsAlwaysOf } from './device.service.ts';
import { AlertDeliverySettingsType, DeviceType, RegisterDeviceInput } from './device.type.ts';

let loopbackHttp: boolean | undefined;

/** Local push services over plain HTTP are for development and tests only (read once, when first needed). */
function allowLoopbackHttp(): boolean {
  return (loopbackHttp ??= loadConfig().nodeEnv !== 'production');
}

async function settingsOf(context: RequestContext, volunteerId: string): Promise<AlertDeliverySettingsType> {
  const [smsAlways, devices] = await Promise.all([smsAlwaysOf(context.em, volunteerId), devicesOf(context.em, volunteerId)]);
  return Object.assign(new AlertDeliverySettingsType(), { smsAlways, devices: devices.map(DeviceType.from) });
}

@Resolver()
export class DeviceResolver {
  @Mutation(() => DeviceType, {
    description:
      'Registers a device of the caller’s app for push alerts (the volunteer themselves). Registering the same token or subscription again updates it. BAD_USER_INPUT for a malformed token or subscription; nothing is written.',
  })
  async registerMyDevice(@Arg('input', () => RegisterDeviceInput) input: RegisterDeviceInput, @Ctx() context: RequestContext): Promise<DeviceType> {
    const volunteerId = requireOwnVolunteerId(context.principal);
    const device = checkDeviceRegistration(
      {
        platform: input.platform,
        token: input.token,
        webPushSubscription: input.webPushSubscription ? { endpoint: input.webPushSubscription.endpoint, keys: { ...input.webPushSubscription.keys } } : null,
        appVersion: input.appVersion,
        language: input.language,
        criticalAlerts: input.criticalAlerts,
      },
      allowLoopbackHttp(),
    );
    return DeviceType.from(await registerDevice(context.em, volunteerId, device));
  }

  @Query(() => [DeviceType], { description: 'The caller’s registered devices (the volunteer themselves).' })
  async myDevices(@Ctx() context: RequestContext): Promise<DeviceType[]> {
    return (await devicesOf(context.em, requireOwnVolunteerId(context.principal))).map(DeviceType.from);
  }

  @Mutation(() => DeviceType, { description: 'Removes one of the caller’s devices: it gets no more alerts. FORBIDDEN for another volunteer’s device.' })
  async removeMyDevice(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<DeviceType> {
    const volunteerId = requireOwnVolunteerId(context.principal);
    return DeviceType.from(await removeDevice(context.em, volunteerId, parseId(id, 'Device')));
  }

  @Query(() => AlertDeliverySettingsType, { description: 'How the caller is alerted: their devices and whether SMS always goes out too.' })
  async myAlertDelivery(@Ctx() context: RequestContext): Promise<AlertDeliverySettingsType> {
    return settingsOf(context, requireOwnVolunteerId(context.principal));
  }

  @Mutation(() => AlertDeliverySettingsType, {
    description:
      'smsAlways: true sends every alert by SMS at once as well as to the app; false (the default) sends the SMS only when the app has not confirmed the alert within the region’s smsFallbackSeconds, or when no device is registered.',
  })
  async setMyAlertDelivery(@Arg('smsAlways', () => Boolean) smsAlways: boolean, @Ctx() context: RequestContext): Promise<AlertDeliverySettingsType> {
    const volunteerId = requireOwnVolunteerId(context.principal);
    await setSmsAlways(context.em, volunteerId, smsAlways);
    return settingsOf(context, volunteerId);
  }

  @Mutation(() => Int, {
    description: 'Forgets the devices and alert delivery choice of a volunteer whose account is being deleted. For the volunteers subgraph (SERVICE) only.',
  })
  async forgetVolunteerDevices(@Arg('volunteerId', () => ID) volunteerId: string, @Ctx() context: RequestContext): Promise<number> {
    requireRole(context.principal, Role.SERVICE, 'volunteers');
    return forgetVolunteerDevices(context.em, parseId(volunteerId, 'Volunteer'));
  }
}
