/**
 * The texts of an alert: what the app shows, the alert SMS and the
 * stand-down SMS, in the volunteer's language (catalogues: messages/).
 *
 * An alert SMS never loses the place to truncation. It is one SMS when it
 * fits (160 GSM characters, 70 in UCS-2; see sms-encoding.ts), first by
 * shortening the reply hint; otherwise it becomes a concatenated SMS of two
 * segments, and only if even two cannot hold it is the AED's location
 * description cut ("..."). The patient's address, the AED's street address,
 * the task and the cabinet code are never cut: a longer SMS is better than
 * a volunteer who cannot find the door.
 */
import type { Language } from '../../../common/language.ts';
import type { Task } from '../dispatch/selection.ts';
import { formatMessage } from './messages.ts';
import { segmentCount, toSmsText } from './sms-encoding.ts';

/** Segments an alert SMS may take before the AED's location description is shortened. */
export const ALERT_SMS_SEGMENTS = 2;

/** Segments beyond which an alert SMS is refused (absurd input: a cabinet code of a thousand characters). */
const MAX_ALERT_SMS_SEGMENTS = 6;

/** What the alert text says. */
export interface AlertTextInput {
  readonly task: Task;
  /** Where the patient is, as the dispatch centre gave it, e.g. "Dorpsstraat 12, Oisterwijk". */
  readonly address: string;
  /**
   * For FETCH_AED: the AED's street address ("Markt 3"), where it hangs there
   * ("sports hall De Kemp, by the entrance") and the cabinet code when it is locked.
   */
  readonly aed?: { readonly address?: string | null; readonly location: string; readonly cabinetCode?: string | null };
}

const ELLIPSIS = '...';
/** The location description is never cut below this, so what is left still points somewhere. */
const MIN_LOCATION = 12;

function cut(text: string, length: number): string {
  if (text.length <= length) return text;
  return text.slice(0, Math.max(0, length - ELLIPSIS.length)).trimEnd() + ELLIPSIS;
}

/** Where the AED is, from its street address and its description (either may be missing). */
function aedPlace(language: Language, address: string, location: string): string {
  if (address === '') return location;
  if (location === '') return address;
  return formatMessage(language, 'aedPlace', { address, location });
}

/** The instruction for `input`, its parts already cleaned by `clean`, with the AED's description as given by `location`. */
function instruction(language: Language, input: AlertTextInput, clean: (text: string) => string, location?: string): string {
  const address = clean(input.address);
  if (address === '') throw new Error('An alert needs the address of the patient.');
  if (input.task === 'CPR') return formatMessage(language, 'cprInstruction', { address });
  if (!input.aed) throw new Error('A FETCH_AED alert needs the AED it sends the volunteer to.');
  const code = clean(input.aed.cabinetCode ?? '');
  const place = aedPlace(language, clean(input.aed.address ?? ''), location ?? clean(input.aed.location));
  return formatMessage(language, 'fetchAedInstruction', { aedPlace: place, hasCode: code === '' ? 'no' : 'yes', code, address });
}

/**
 * The alert as the volunteer's app (and its push notification) shows it: the
 * instruction in full and in the original spelling, without the SMS reply hint.
 */
export function alertInstruction(input: AlertTextInput, language: Language): string {
  return instruction(language, input, (text) => text.replace(/\s+/g, ' ').trim());
}

/**
 * The alert SMS for one volunteer, e.g.
 * `Cardiac arrest! Fetch the AED at Markt 3 (sports hall De Kemp), code 4711, then go to Dorpsstraat 12, Oisterwijk. Reply YES to accept, NO to decline.`
 *
 * Tries, in order, keeping the first that fits: one SMS with the full reply
 * hint; one SMS with the short hint; {@link ALERT_SMS_SEGMENTS} segments with
 * the full hint, then the short one; the short hint with the AED's location
 * description cut to fit those segments; the description cut to its minimum
 * in as many segments as it takes.
 *
 * @throws Error when the address is empty, a FETCH_AED alert has no AED, or
 *   the text would take more than six segments even so.
 */
export function composeAlertText(input: AlertTextInput, language: Language): string {
  const hint = formatMessage(language, 'replyHint');
  const shortHint = formatMessage(language, 'replyHintShort');
  const location = toSmsText(input.aed?.location ?? '');
  const text = (reply: string, aedLocation = location) => `${instruction(language, input, toSmsText, aedLocation)} ${reply}`;
  const within = (segments: number) => (candidate: string) => segmentCount(candidate) <= segments;

  // Each text composed and counted once (a dispatch composes a text per AED sent for).
  const whole = [text(hint), text(shortHint)].map((candidate) => ({ text: candidate, segments: segmentCount(candidate) }));
  const first = whole.find((candidate) => candidate.segments <= 1) ?? whole.find((candidate) => candidate.segments <= ALERT_SMS_SEGMENTS);
  if (first) return first.text;
  // The longest cut of the description that still fits (fewer characters never take more segments).
  let low = Math.min(MIN_LOCATION, location.length);
  let high = location.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (within(ALERT_SMS_SEGMENTS)(text(shortHint, cut(location, middle)))) low = middle;
    else high = middle - 1;
  }
  const shortened = text(shortHint, cut(location, low));
  const segments = segmentCount(shortened);
  if (segments > MAX_ALERT_SMS_SEGMENTS) throw new Error(`The alert text would take ${segments} SMS.`);
  return shortened;
}

/** Why a volunteer is stood down, as the stand-down SMS says it. */
export type StandDownTextReason = 'ENOUGH_RESPONDERS' | 'INCIDENT_CLOSED' | 'INCIDENT_CANCELLED';

const STAND_DOWN_KEY = {
  ENOUGH_RESPONDERS: 'standDownEnoughResponders',
  INCIDENT_CLOSED: 'standDownIncidentClosed',
  INCIDENT_CANCELLED: 'standDownIncidentCancelled',
} as const;

/** The SMS that tells a volunteer they are no longer needed: short, no address. */
export function composeStandDownText(reason: StandDownTextReason, language: Language): string {
  return formatMessage(language, STAND_DOWN_KEY[reason]);
}

/** The SMS answering a volunteer's understood reply: the address they go to (accept), or thanks (decline). */
export function composeReplyConfirmation(intent: 'ACCEPT' | 'DECLINE', address: string, language: Language): string {
  return intent === 'ACCEPT' ? formatMessage(language, 'acceptConfirmation', { address: toSmsText(address) }) : formatMessage(language, 'declineConfirmation');
}

/** The SMS answering a reply that came after the alert ended or after another answer. */
export function composeTooLateText(language: Language): string {
  return formatMessage(language, 'replyTooLate');
}

/** The SMS answering a reply that was not understood: the reply words of the volunteer's language. */
export function composeReplyHelpText(language: Language): string {
  return formatMessage(language, 'replyHelp');
}
