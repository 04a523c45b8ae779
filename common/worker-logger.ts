/** graphile-worker's log lines, written through the service's pino logger. */
import { Logger as WorkerLogger } from 'graphile-worker';
import type { Logger } from './logger.ts';

/** A graphile-worker logger that writes to `logger` (errors as errors, warnings as warnings, the rest as debug). */
export function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...meta };
    if (level === 'error') logger.error(fields, message);
    else if (level === 'warning') logger.warn(fields, message);
    else logger.debug(fields, message);
  });
}
