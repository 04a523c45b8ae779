import type { Catalogue } from './catalogue.ts';

/** Norwegian (Bokmål). */
export const nb: Catalogue = {
  alertTitle: 'Hjertestans i nærheten',
  cprInstruction: 'Hjertestans! Gå rett til {address} og start HLR.',
  fetchAedInstruction: 'Hjertestans! Hent hjertestarteren ved {aedPlace}{hasCode, select, yes {, kode {code}} other {}}, og gå deretter til {address}.',
  aedPlace: '{address} ({location})',
  replyHint: 'Svar {yes} hvis du kan dra, {no} hvis du ikke kan.',
  replyHintShort: 'Svar {yes} hvis du kan dra.',
  standDownEnoughResponders: 'Avmeldt: nok hjelpere er på vei. Du trenger ikke å dra. Takk!',
  standDownIncidentClosed: 'Avmeldt: ambulansen har tatt over. Du trenger ikke å dra. Takk!',
  standDownIncidentCancelled: 'Avmeldt: AMK har avlyst alarmen. Du trenger ikke å dra. Takk!',
  acceptConfirmation: 'Takk! Du er på vei til {address}. Stopp hvis vi avmelder deg.',
  declineConfirmation: 'Takk for svaret. Du trenger ikke å dra.',
  replyTooLate: 'Svaret ditt kom for sent: alarmen er over eller har allerede svaret ditt. Du trenger ikke å dra.',
  replyHelp: 'Vi forsto ikke svaret ditt. Svar {yes} hvis du kan dra, eller {no} hvis du ikke kan.',
};
