/**
 * The incidents subgraph's background work, started with the server: the
 * job queue (SMS, delayed dispatch, next-on-decline, aftercare, AED
 * stand-down) and the SMS channel with its reply handler.
 */
import { loadConfig } from '../../common/config.ts';
import type { SubgraphRuntime } from '../../common/subgraph-server.ts';
import { recordIncidentEvents } from './alert-writes.ts';
import { deliverFollowUp, escalateIfUnanswered } from './aftercare.service.ts';
import { alertNext, dispatchLater } from './dispatch.service.ts';
import { lockFeeds } from './feeds.ts';
import { IncidentEventKind } from './incident-event.entity.ts';
import { Job, startJobRunner, type JobHandlers } from './jobs.ts';
import { PeerQueries } from './peer-queries.ts';
import { handleSmsReply } from './sms-reply.ts';
import { createAlertChannel, sendSms, type SmsJob } from './sms.ts';

/** Starts the workers; returns the function that stops them (letting running jobs finish). */
export async function startIncidentWorkers(runtime: SubgraphRuntime): Promise<() => Promise<void>> {
  const { orm, logger } = runtime;
  const peers = new PeerQueries(runtime.peers);
  const channel = createAlertChannel(loadConfig().smpp, logger);
  const stopReplies = channel.onReply((reply) => handleSmsReply(orm.em.fork(), reply, logger));

  const handlers: JobHandlers = {
    [Job.DISPATCH]: ({ incidentId }: { incidentId: string }) => dispatchLater(orm.em.fork(), peers, incidentId),
    [Job.ALERT_NEXT]: ({ alertId }: { alertId: string }) => alertNext(orm.em.fork(), peers, alertId, logger),
    [Job.SEND_SMS]: (job: SmsJob) => sendSms(channel, orm.em.fork(), job, logger),
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
  return async () => {
    await stopJobs();
    stopReplies();
    await channel.close();
  };
}
