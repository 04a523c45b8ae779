/**
 * Dates of birth and certificate ends the eligibility rule cannot tell apart
 * over a span of local dates, so that figures over a whole register (the
 * daily readiness snapshot of every municipality) can count volunteers by
 * class instead of judging each one.
 *
 * Both inputs enter the rule only through thresholds that move one way:
 * someone born on or before a date that is 18 on a day is 18 on every later
 * day and so is everyone born earlier (`isAdultOn`); a certificate alertable
 * through a day is alertable through every earlier one, and so is every
 * certificate ending later (`isCertificateValidOn`). So on the dates of a
 * span, everyone born before the span's adults is alike, everyone born after
 * its minors is alike, and likewise for the latest verified certificate's
 * end: clamping a value into the window changes no verdict on those dates.
 * The window's ends are found by asking the rule's own helpers, not by
 * repeating their arithmetic.
 */
import { isAdultOn, isCertificateValidOn, MINIMUM_AGE_YEARS } from './eligibility.ts';
import { addDays, addYears, type LocalDate } from '../../../common/zoned-time.ts';

/** Local dates from `from` to `to`, both included. */
export interface DateSpan {
  from: LocalDate;
  to: LocalDate;
}

/** A value below `from` is judged as `from` is on every date of the span, a value above `to` as `to` is. */
export interface ClampWindow {
  from: LocalDate;
  to: LocalDate;
}

/** The windows of the dates of birth and of the latest verified certificate ends. */
export interface RuleWindows {
  birth: ClampWindow;
  certificate: ClampWindow;
}

/** A verified certificate that ends on `date`, as the candidate search's copy stands one in for all of them. */
const endingOn = (date: LocalDate) => ({ courseDate: date, validUntil: date, verified: true });

/**
 * The clamp windows for a rule asked about ages on the dates of
 * `spans.birth` and about certificates on those of `spans.certificate`, for
 * volunteers whose regions grant between `graceDays`' least and greatest
 * grace period (none: 0 days); see the module comment.
 */
export function ruleWindowsOver(spans: { birth: DateSpan; certificate: DateSpan }, graceDays: readonly number[]): RuleWindows {
  for (const span of [spans.birth, spans.certificate]) if (span.from > span.to) throw new RangeError(`The span is reversed: ${span.from} after ${span.to}`);
  const least = Math.min(0, ...graceDays);
  const most = Math.max(0, ...graceDays);
  const { birth, certificate } = spans;
  // Born on or before birth.from: 18 on the span's first date, so on all of them.
  let birthFrom = addDays(addYears(birth.from, -MINIMUM_AGE_YEARS), -1);
  while (!isAdultOn(birthFrom, birth.from)) birthFrom = addDays(birthFrom, -1);
  // Born on or after birth.to: not 18 on the span's last date, so on none.
  let birthTo = addDays(addYears(birth.to, -MINIMUM_AGE_YEARS), 1);
  while (isAdultOn(birthTo, birth.to)) birthTo = addDays(birthTo, 1);
  // Ending on or before certificate.from: lapsed before the span's first date, whatever the grace.
  let certificateFrom = addDays(certificate.from, -most - 1);
  while (isCertificateValidOn(endingOn(certificateFrom), certificate.from, most)) certificateFrom = addDays(certificateFrom, -1);
  // Ending on or after certificate.to: still valid on the span's last date, whatever the grace.
  let certificateTo = certificate.to;
  while (!isCertificateValidOn(endingOn(certificateTo), certificate.to, least)) certificateTo = addDays(certificateTo, 1);
  return { birth: { from: birthFrom, to: birthTo }, certificate: { from: certificateFrom, to: certificateTo } };
}
