import { pino, type Logger } from 'pino';
import { currentRequestId } from './request-id.ts';

/** One structured logger per service, named after it; lines written while serving a request carry its `requestId`. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info')): Logger {
  return pino({
    name,
    level,
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  });
}

export type { Logger };
