/**
 * The push service of each platform for this process: the real one when its
 * variables are set (see docs/push.md), otherwise one that records and logs.
 */
import type { PushSettings } from '../../../common/config.ts';
import type { Logger } from '../../../common/logger.ts';
import { ApnsService } from './apns.ts';
import { FcmService } from './fcm.ts';
import type { DevicePlatform, PushService } from './push.ts';
import { RecordingPushService } from './recording-push.ts';
import { WebPushService } from './web-push.ts';

/** One {@link PushService} per platform; close each when the process stops. */
export function createPushServices(settings: PushSettings, logger: Logger): Record<DevicePlatform, PushService> {
  const { apns, fcm, webPush, timeoutMs } = settings;
  const services: Record<DevicePlatform, PushService> = {
    IOS: apns ? new ApnsService({ ...apns, timeoutMs }) : new RecordingPushService('IOS', logger),
    ANDROID: fcm ? new FcmService({ ...fcm, timeoutMs }) : new RecordingPushService('ANDROID', logger),
    WEB: webPush ? new WebPushService({ ...webPush, timeoutMs }) : new RecordingPushService('WEB', logger),
  };
  logger.info({ push: Object.fromEntries(Object.entries(services).map(([platform, service]) => [platform, service.name])) }, 'push services');
  return services;
}
