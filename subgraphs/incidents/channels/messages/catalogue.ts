/**
 * The texts a volunteer reads, as ICU MessageFormat patterns (formatted by
 * `../messages.ts` with intl-messageformat). One catalogue per language, each
 * with every key; `messages.spec.ts` checks that.
 *
 * Every pattern but `alertTitle` may go out by SMS, so each is written in
 * the GSM 03.38 alphabet (French capitals without accents, no ê or ç):
 * a single other letter would make the whole SMS UCS-2, at 70 characters a
 * segment instead of 160.
 *
 * Arguments: `address` (the patient's), `aedPlace` (where the AED is, see
 * `aedPlace`), `hasCode` (`yes`/`no`) and `code` (the cabinet code), `yes`
 * and `no` (the reply words of the language, from `../reply.ts`).
 */

/** The name of each text. */
export type MessageKey =
  /** Push notification title. */
  | 'alertTitle'
  /** The task of a volunteer sent straight to the patient. */
  | 'cprInstruction'
  /** The task of a volunteer sent via an AED. */
  | 'fetchAedInstruction'
  /** The AED's street address and its description, e.g. "Markt 3 (sports hall, by the entrance)". */
  | 'aedPlace'
  /** How to answer an alert SMS. */
  | 'replyHint'
  /** The same, shorter, when the SMS is long. */
  | 'replyHintShort'
  /** Stand-down SMS, one per reason. */
  | 'standDownEnoughResponders'
  | 'standDownIncidentClosed'
  | 'standDownIncidentCancelled'
  /** Answer to an SMS reply that accepted. */
  | 'acceptConfirmation'
  /** Answer to an SMS reply that declined. */
  | 'declineConfirmation'
  /** Answer to a reply that came after the alert ended or contradicts an earlier answer. */
  | 'replyTooLate'
  /** Answer to a reply that was not understood. */
  | 'replyHelp';

/** Every key, in the order above. */
export const MESSAGE_KEYS: readonly MessageKey[] = [
  'alertTitle',
  'cprInstruction',
  'fetchAedInstruction',
  'aedPlace',
  'replyHint',
  'replyHintShort',
  'standDownEnoughResponders',
  'standDownIncidentClosed',
  'standDownIncidentCancelled',
  'acceptConfirmation',
  'declineConfirmation',
  'replyTooLate',
  'replyHelp',
];

/** One language's texts. */
export type Catalogue = Readonly<Record<MessageKey, string>>;
