import type { Catalogue } from './catalogue.ts';

/** German. */
export const de: Catalogue = {
  alertTitle: 'Herzstillstand in der Nähe',
  cprInstruction: 'Herzstillstand! Geh sofort zu {address} und beginne mit der Wiederbelebung.',
  fetchAedInstruction: 'Herzstillstand! Hol den AED bei {aedPlace}{hasCode, select, yes {, Code {code}} other {}} und geh dann zu {address}.',
  aedPlace: '{address} ({location})',
  replyHint: 'Antworte {yes}, wenn du hingehst, {no}, wenn du nicht kannst.',
  replyHintShort: 'Antworte {yes}, wenn du hingehst.',
  standDownEnoughResponders: 'Entwarnung: Genug Helfer sind unterwegs. Du musst nicht hingehen. Danke!',
  standDownIncidentClosed: 'Entwarnung: Der Rettungsdienst hat übernommen. Du musst nicht hingehen. Danke!',
  standDownIncidentCancelled: 'Entwarnung: Die Leitstelle hat den Alarm aufgehoben. Du musst nicht hingehen. Danke!',
  acceptConfirmation: 'Danke! Du gehst zu {address}. Brich ab, wenn wir dich abmelden.',
  declineConfirmation: 'Danke für deine Antwort. Du musst nicht hingehen.',
  replyTooLate: 'Deine Antwort kam zu spät: Der Alarm ist beendet oder hat deine Antwort schon. Du musst nicht hingehen.',
  replyHelp: 'Wir haben deine Antwort nicht verstanden. Antworte {yes}, wenn du hingehst, oder {no}, wenn du nicht kannst.',
};
