import type { Catalogue } from './catalogue.ts';

/** Danish. */
export const da: Catalogue = {
  alertTitle: 'Hjertestop i nærheden',
  cprInstruction: 'Hjertestop! Gå direkte til {address} og start hjertelungeredning.',
  fetchAedInstruction: 'Hjertestop! Hent hjertestarteren ved {aedPlace}{hasCode, select, yes {, kode {code}} other {}}, og gå så til {address}.',
  aedPlace: '{address} ({location})',
  replyHint: 'Svar {yes} hvis du kan tage af sted, {no} hvis du ikke kan.',
  replyHintShort: 'Svar {yes} hvis du kan tage af sted.',
  standDownEnoughResponders: 'Afmeldt: der er nok hjerteløbere på vej. Du skal ikke tage af sted. Tak!',
  standDownIncidentClosed: 'Afmeldt: ambulancen har overtaget. Du skal ikke tage af sted. Tak!',
  standDownIncidentCancelled: 'Afmeldt: alarmcentralen har aflyst alarmen. Du skal ikke tage af sted. Tak!',
  acceptConfirmation: 'Tak! Du er på vej til {address}. Stop, hvis vi afmelder dig.',
  declineConfirmation: 'Tak for dit svar. Du skal ikke tage af sted.',
  replyTooLate: 'Dit svar kom for sent: alarmen er slut eller har allerede dit svar. Du skal ikke tage af sted.',
  replyHelp: 'Vi forstod ikke dit svar. Svar {yes} hvis du kan tage af sted, eller {no} hvis du ikke kan.',
};
