/**
 * Volunteers' SMS replies: "JA", "YES", "OUI" … accept the alert, "NEE",
 * "NEJ", "NEI", "NEIN", "NON", "NO" decline it (channels/reply.ts), the same
 * as the buttons in the app. Every reply to an alert gets an SMS back in the
 * alert's language: the address they are going to, thanks for a decline, a
 * note that the reply came too late, or the reply words when it was not
 * understood (those two once per alert).
 */
import { GraphQLError } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '../../../common/errors.ts';
import type { Logger } from '../../../common/logger.ts';
import { composeReplyConfirmation, composeReplyHelpText, composeTooLateText } from './alert-text.ts';
import type { IncomingReply } from './channel.ts';
import { catalogueLanguage } from './messages.ts';
import { parseReply } from './reply.ts';
import { maskPhoneNumber } from './sms-smpp.ts';
import { AlertResponse, respondToAlert } from '../alerts/response.service.ts';
import { queueSms, type SmsMessage } from './sms.ts';
import { sql } from '../../../common/sql.ts';

/** Replies match an alert sent to the same number at most this long ago. */
const REPLY_WINDOW = '2 hours';

/**
 * Queues `messages` unless this kind of answer was already sent for the
 * alert (the flag is set in the same transaction), so a phone that answers
 * every SMS automatically gets one answer, not an endless exchange.
 */
async function answerOnce(em: EntityManager, alertId: string, flag: 'reply_help_sent' | 'late_reply_answered', messages: SmsMessage[]): Promise<void> {
  await em.fork().transactional(async (tx) => {
    const [first] = await sql<{ id: string }>(tx, `update incidents.alert set ${flag} = true where id = ? and not ${flag} returning id`, [alertId]);
    if (first) await queueSms(tx, messages);
  });
}

/**
 * Handles a volunteer's SMS reply to their most recent alert (one still open
 * first). A reply from a number without a recent alert is logged and dropped
 * unanswered: an SMS to a stranger, or to an auto-responder that answers
 * back, helps nobody. A temporary failure (the database is down) is thrown,
 * so the SMSC delivers the reply again.
 *
 * The answering SMS is queued in the transaction that records the reply, so
 * it is sent once it is committed and only then; a reply delivered again
 * changes nothing and so is not confirmed twice.
 */
export async function handleSmsReply(em: EntityManager, reply: IncomingReply, logger: Logger): Promise<void> {
  const intent = parseReply(reply.text);
  const from = maskPhoneNumber(reply.from);
  const [alert] = await sql<{ id: string; language: string | null; address: string }>(
    em.fork(),
    `select a.id, a.language, i.address from incidents.alert a join incidents.incident i on i.id = a.incident_id
     where a.phone = ? and a.kind = 'INCIDENT' and a.created_at > now() - interval '${REPLY_WINDOW}'
     order by a.status in ('PENDING', 'ACCEPTED', 'ON_SCENE') desc, a.created_at desc limit 1`,
    [reply.from],
  );
  if (!alert) {
    logger.info({ from }, 'SMS reply matches no recent alert; ignored');
    return;
  }
  const language = catalogueLanguage(alert.language);
  const answer = (text: string) => [{ alertId: alert.id, to: reply.from, text }];
  if (intent === 'UNKNOWN') {
    logger.info({ from, alertId: alert.id }, 'SMS reply not understood');
    await answerOnce(em, alert.id, 'reply_help_sent', answer(composeReplyHelpText(language)));
    return;
  }
  try {
    await respondToAlert(em, alert.id, intent === 'ACCEPT' ? AlertResponse.ACCEPT : AlertResponse.DECLINE, (tx) =>
      queueSms(tx, answer(composeReplyConfirmation(intent, alert.address, language))),
    );
  } catch (error) {
    // The answer came too late or contradicts an earlier one: redelivering it would not change that.
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.CONFLICT) {
      logger.info({ from, alertId: alert.id, reason: error.message }, 'SMS reply not applied');
      await answerOnce(em, alert.id, 'late_reply_answered', answer(composeTooLateText(language)));
      return;
    }
    throw error;
  }
}
