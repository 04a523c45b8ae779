/** The import report as the person running the import reads it. */
import type { AedImportReport } from './importer.ts';
import { NotReadyReason } from '../readiness/readiness.ts';
import type { AedImportRejection } from './record.ts';

/** What each reason asks of the people taking over imported AEDs. */
const REASON_TEXT: Record<NotReadyReason, string> = {
  [NotReadyReason.CHECK_OVERDUE]: 'without a recent guardian check (recordAedCheck, or recordAedChecks for many)',
  [NotReadyReason.AVAILABILITY_UNKNOWN]: 'without opening hours',
  [NotReadyReason.BATTERY_EXPIRED]: 'with an expired battery',
  [NotReadyReason.PADS_EXPIRED]: 'with expired pads',
  [NotReadyReason.STOOD_DOWN]: 'stood down after use',
  [NotReadyReason.OUT_OF_SERVICE]: 'out of service',
  [NotReadyReason.PRIVATE_ACCESS]: 'private',
  [NotReadyReason.CABINET_CODE_UNKNOWN]: 'in a locked cabinet without a known code',
  [NotReadyReason.CLOSED]: 'closed now',
  [NotReadyReason.SCHEDULE_INVALID]: 'with an unreadable schedule',
};

function whereInFile(rejection: AedImportRejection): string {
  const place = rejection.line !== undefined ? `line ${rejection.line}` : rejection.featureIndex !== undefined ? `feature ${rejection.featureIndex}` : 'file';
  return rejection.externalId ? `${place} (${rejection.externalId})` : place;
}

/**
 * A summary line, then every rejected row with its reason; with `verbose`
 * also every created and updated AED.
 */
export function formatImportReport(report: AedImportReport, verbose = false): string {
  const lines = [
    `${report.dryRun ? 'Dry run, nothing written: would have ' : ''}${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.rejected.length} rejected.`,
  ];
  const { readiness } = report;
  if (readiness.notDispatchable > 0 || readiness.withoutGuardian > 0) {
    const reasons = Object.entries(readiness.reasons)
      .sort(([, a], [, b]) => b - a)
      .map(([reason, count]) => `${count} ${REASON_TEXT[reason as NotReadyReason] ?? reason}`);
    lines.push(`${readiness.notDispatchable} of the ${readiness.dispatchable + readiness.notDispatchable} AEDs in the file are not dispatchable yet: ${reasons.join(', ')}.`);
    if (readiness.withoutGuardian > 0)
      lines.push(`${readiness.withoutGuardian} have no guardian: add one (addAedGuardian, or assignAedGuardians for many) to log checks and expiry dates.`);
  }
  if (verbose) {
    for (const { externalId, aedId } of report.created) lines.push(`  created   ${externalId} → ${aedId}`);
    for (const { externalId, aedId } of report.updated) lines.push(`  updated   ${externalId} → ${aedId}`);
  }
  if (report.rejected.length > 0) {
    lines.push('Rejected:');
    for (const rejection of report.rejected) lines.push(`  ${whereInFile(rejection)}: ${rejection.reason}`);
  }
  return lines.join('\n');
}
