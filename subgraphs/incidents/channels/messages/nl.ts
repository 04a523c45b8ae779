import type { Catalogue } from './catalogue.ts';

/** Dutch. */
export const nl: Catalogue = {
  alertTitle: 'Hartstilstand in de buurt',
  cprInstruction: 'Hartstilstand! Ga direct naar {address} en begin met reanimeren.',
  fetchAedInstruction: 'Hartstilstand! Haal de AED bij {aedPlace}{hasCode, select, yes {, code {code}} other {}} en ga dan naar {address}.',
  aedPlace: '{address} ({location})',
  replyHint: 'Antwoord {yes} als je gaat, {no} als je niet kunt.',
  replyHintShort: 'Antwoord {yes} als je gaat.',
  standDownEnoughResponders: 'Afgemeld: er zijn genoeg burgerhulpverleners onderweg. Je hoeft niet te gaan. Bedankt!',
  standDownIncidentClosed: 'Afgemeld: de ambulance heeft het overgenomen. Je hoeft niet te gaan. Bedankt!',
  standDownIncidentCancelled: 'Afgemeld: de meldkamer heeft de oproep ingetrokken. Je hoeft niet te gaan. Bedankt!',
  acceptConfirmation: 'Bedankt! Je gaat naar {address}. Stop als je een afmelding krijgt.',
  declineConfirmation: 'Bedankt voor je antwoord. Je hoeft niet te gaan.',
  replyTooLate: 'Je antwoord kwam te laat: deze oproep is voorbij of had je antwoord al. Je hoeft niet te gaan.',
  replyHelp: 'Sorry, we begrijpen je antwoord niet. Antwoord {yes} als je gaat of {no} als je niet kunt.',
};
