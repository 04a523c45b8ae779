import type { Catalogue } from './catalogue.ts';

/** French (SMS texts in the GSM alphabet: "ARRET" in capitals, no ê or ç). */
export const fr: Catalogue = {
  alertTitle: 'Arrêt cardiaque à proximité',
  cprInstruction: 'ARRET CARDIAQUE ! Allez tout de suite à {address} et commencez le massage cardiaque.',
  fetchAedInstruction: 'ARRET CARDIAQUE ! Prenez le défibrillateur à {aedPlace}{hasCode, select, yes {, code {code}} other {}}, puis allez à {address}.',
  aedPlace: '{address} ({location})',
  replyHint: 'Répondez {yes} si vous y allez, {no} si vous ne pouvez pas.',
  replyHintShort: 'Répondez {yes} si vous y allez.',
  standDownEnoughResponders: "Fin d'alerte : assez de secouristes sont en route. Inutile de vous déplacer. Merci !",
  standDownIncidentClosed: "Fin d'alerte : les secours ont pris le relais. Inutile de vous déplacer. Merci !",
  standDownIncidentCancelled: "Fin d'alerte : le centre de secours a annulé l'alerte. Inutile de vous déplacer. Merci !",
  acceptConfirmation: "Merci ! Vous allez à {address}. Si vous recevez une fin d'alerte, n'y allez plus.",
  declineConfirmation: 'Merci de votre réponse. Inutile de vous déplacer.',
  replyTooLate: "Votre réponse arrive trop tard : l'alerte est terminée ou a déjà votre réponse. Inutile de vous déplacer.",
  replyHelp: "Nous n'avons pas compris votre réponse. Répondez {yes} si vous y allez, ou {no} si vous ne pouvez pas.",
};
