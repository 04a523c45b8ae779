import type { Catalogue } from './catalogue.ts';

/** Swedish. */
export const sv: Catalogue = {
  alertTitle: 'Hjärtstopp i närheten',
  cprInstruction: 'Hjärtstopp! Gå direkt till {address} och starta HLR.',
  fetchAedInstruction: 'Hjärtstopp! Hämta hjärtstartaren vid {aedPlace}{hasCode, select, yes {, kod {code}} other {}} och gå sedan till {address}.',
  aedPlace: '{address} ({location})',
  replyHint: 'Svara {yes} om du kan gå, {no} om du inte kan.',
  replyHintShort: 'Svara {yes} om du kan gå.',
  standDownEnoughResponders: 'Avbrutet: tillräckligt många livräddare är på väg. Du behöver inte gå dit. Tack!',
  standDownIncidentClosed: 'Avbrutet: ambulansen har tagit över. Du behöver inte gå dit. Tack!',
  standDownIncidentCancelled: 'Avbrutet: larmcentralen har återkallat larmet. Du behöver inte gå dit. Tack!',
  acceptConfirmation: 'Tack! Du är på väg till {address}. Avbryt om vi säger till.',
  declineConfirmation: 'Tack för ditt svar. Du behöver inte gå dit.',
  replyTooLate: 'Ditt svar kom för sent: larmet är avslutat eller har redan ditt svar. Du behöver inte gå dit.',
  replyHelp: 'Vi förstod inte ditt svar. Svara {yes} om du kan gå eller {no} om du inte kan.',
};
