import type { Catalogue } from './catalogue.ts';

/** English. */
export const en: Catalogue = {
  alertTitle: 'Cardiac arrest nearby',
  cprInstruction: 'Cardiac arrest! Go straight to {address} and start CPR.',
  fetchAedInstruction: 'Cardiac arrest! Fetch the AED at {aedPlace}{hasCode, select, yes {, code {code}} other {}}, then go to {address}.',
  aedPlace: '{address} ({location})',
  replyHint: 'Reply {yes} to accept, {no} to decline.',
  replyHintShort: 'Reply {yes} to accept.',
  standDownEnoughResponders: 'Stand down: enough volunteers are on their way. You do not need to go. Thank you!',
  standDownIncidentClosed: 'Stand down: the ambulance has taken over. You do not need to go. Thank you!',
  standDownIncidentCancelled: 'Stand down: the alert was cancelled by the dispatch centre. You do not need to go. Thank you!',
  acceptConfirmation: "Thank you! You're going to {address}. Stand down if told.",
  declineConfirmation: 'Thank you for letting us know. You do not need to go.',
  replyTooLate: 'Your reply came too late: this alert has ended or already has your answer. You do not need to go.',
  replyHelp: 'Sorry, we did not understand your reply. Reply {yes} to go, or {no} if you cannot.',
};
