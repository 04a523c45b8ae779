/** The import report as the person running the import reads it. */
import type { AedImportReport } from './importer.ts';
import type { AedImportRejection } from './record.ts';

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
