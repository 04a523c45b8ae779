/**
 * The incidents subgraph's background work, started with the server: the
 * job queue (pushes, SMS, delayed dispatch, next-on-decline, aftercare, AED
 * stand-down), the push services, and the SMS channel with its reply and
 * delivery receipt handlers; and, on a queue of its own (so that minutes of
 * coverage computation never hold a slot dispatch's jobs need), the hourly
 * task that takes each municipality's daily coverage snapshot.
 */
import { HOURLY, startSchedule } from '../../common/schedule.ts';
import { shutDown } from '../../common/shutdown.ts';
import type { SubgraphRuntime } from '../../common/subgraph-server.ts';
import { takeCoverageReadinessSnapshots } from './readiness-history/readiness-day.ts';
import { recordIncidentEvents } from './incidents/incident-events.ts';
import { deliverFollowUp, escalateIfUnanswered } from './aftercare/aftercare.service.ts';
import { alertNext, dispatchLater } from './incidents/dispatch.service.ts';
import { lockFeeds } from './alerts/feeds.ts';
import { IncidentEventKind } from './incidents/incident-event.entity.ts';
import { Job, startJobRunner, type JobHandlers } from './jobs.ts';
import { PeerQueries } from './peers.ts';
import { handleSmsReply } from './channels/sms-reply.ts';
import { createPushServices } from './channels/push-services.ts';
import { sendPushes, type PushJob } from './delivery/push-delivery.ts';
import { createAlertChannel, recordDeliveryReport, sendFallbackSms, sendSms, type SmsFallbackJob, type SmsJob } from './channels/sms.ts';

/** The queue of the incidents subgraph's scheduled work. */
export const INCIDENTS_SCHEDULE_SCHEMA = 'incidents_schedule';

/**
 * Starts the workers; returns the function that stops them: the job runners first (running jobs
 * finish, or are released to be retried), then the channels those jobs send through. Each step is
 * bounded: an SMSC that never answers an unbind must not hold a restart.
 */
export async function startIncidentWorkers(runtime: SubgraphRuntime): Promise<() => Promise<void>> {
  const { orm, logger } = runtime;
  const peers = new PeerQueries(runtime.peers);
  const channel = createAlertChannel(runtime.config.smpp, logger);
  const stopReplies = channel.onReply((reply) => handleSmsReply(orm.em.fork(), reply, logger));
  const stopReports = channel.onDeliveryReport?.((report) => recordDeliveryReport(orm.em.fork(), report, logger)) ?? (() => {});
  const push = createPushServices(runtime.config.push, logger);

  const handlers: JobHandlers = {
    [Job.DISPATCH]: ({ incidentId }: { incidentId: string }) => dispatchLater(orm.em.fork(), peers, incidentId),
    [Job.ALERT_NEXT]: ({ alertId }: { alertId: string }) => alertNext(orm.em.fork(), peers, alertId, logger),
    [Job.SEND_SMS]: (job: SmsJob) => sendSms(channel, orm.em.fork(), job, logger),
    [Job.SEND_SMS_FALLBACK]: (job: SmsFallbackJob) => sendFallbackSms(channel, orm.em.fork(), job, logger),
    [Job.SEND_PUSH]: (job: PushJob) => sendPushes(push, orm.em.fork(), job, logger),
    [Job.DELIVER_FOLLOW_UP]: (job) => deliverFollowUp(orm.em.fork(), job),
    [Job.ESCALATE_UNANSWERED]: (job) => escalateIfUnanswered(orm.em.fork(), job),
    [Job.STAND_DOWN_AED]: async ({ aedId, incidentId }: { aedId: string; incidentId: string }) => {
      await peers.standDownAedAfterUse(aedId, incidentId);
      await orm.em.fork().transactional(async (tx) => {
        await lockFeeds(tx);
        await recordIncidentEvents(tx, incidentId, [{ kind: IncidentEventKind.AED_STOOD_DOWN, aedId }]);
      });
    },
  };
  const stopJobs = await startJobRunner(runtime.databaseUrl, handlers, logger);
  const stopSchedule = await startSchedule(
    runtime.databaseUrl,
    INCIDENTS_SCHEDULE_SCHEMA,
    [
      {
        // Hourly, so a date missed while every instance was down is still taken once one is back the same day.
        name: 'incidents.readiness-snapshot',
        pattern: HOURLY,
        run: async () => {
          await takeCoverageReadinessSnapshots(runtime, new Date());
        },
      },
    ],
    logger,
  );
  return () =>
    shutDown('incidents', logger, [
      { name: 'job-runners', boundMs: 12_000, run: () => Promise.all([stopJobs(), stopSchedule()]) },
      {
        name: 'channels',
        boundMs: 3_000,
        run: () => {
          stopReplies();
          stopReports();
          return Promise.all([channel.close(), ...Object.values(push).map((service) => service.close())]);
        },
      },
    ]);
}
