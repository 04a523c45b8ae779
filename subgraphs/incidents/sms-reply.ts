/**
 * Volunteers' SMS replies: "JA" or "YES" accepts the alert, "NEE" or "NO"
 * declines it, the same as the buttons in the app.
 */
import { GraphQLError } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '../../common/errors.ts';
import type { Logger } from '../../common/logger.ts';
import type { IncomingReply } from './channels/channel.ts';
import { parseReply } from './channels/reply.ts';
import { maskPhoneNumber } from './channels/sms-smpp.ts';
import { AlertResponse, respondToAlert } from './response.service.ts';
import { sql } from './sql.ts';

/** Replies match an alert sent to the same number at most this long ago. */
const REPLY_WINDOW = '2 hours';

/**
 * Handles a volunteer's SMS reply: "JA"/"YES" accepts and "NEE"/"NO"
 * declines their most recent alert that is still open. Unclear replies and
 * replies that no longer match anything are logged and dropped; a temporary
 * failure (the database is down) is thrown, so the SMSC delivers the reply again.
 */
export async function handleSmsReply(em: EntityManager, reply: IncomingReply, logger: Logger): Promise<void> {
  const intent = parseReply(reply.text);
  const from = maskPhoneNumber(reply.from);
  if (intent === 'UNKNOWN') {
    logger.info({ from }, 'SMS reply not understood; ignored');
    return;
  }
  const [alert] = await sql<{ id: string }>(
    em.fork(),
    `select id from incidents.alert
     where phone = ? and kind = 'INCIDENT' and status in ('PENDING', 'ACCEPTED', 'ON_SCENE') and created_at > now() - interval '${REPLY_WINDOW}'
     order by created_at desc limit 1`,
    [reply.from],
  );
  if (!alert) {
    logger.info({ from }, 'SMS reply matches no open alert; ignored');
    return;
  }
  try {
    await respondToAlert(em, alert.id, intent === 'ACCEPT' ? AlertResponse.ACCEPT : AlertResponse.DECLINE);
  } catch (error) {
    // The answer came too late or contradicts an earlier one: redelivering it would not change that.
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.CONFLICT) {
      logger.info({ from, alertId: alert.id, reason: error.message }, 'SMS reply not applied');
      return;
    }
    throw error;
  }
}
