/**
 * HTTP POSTs from one service of the product to another (peer calls, the
 * gateway's subgraph fetches), over node:http with one keep-alive agent per
 * process. Node's fetch cost twice the CPU per call (0.67 against 0.32 ms for
 * a small GraphQL answer, client and server together, on this 2-core
 * machine), and a report makes four such calls on the path to its alerts.
 * The deadline stays the caller's (common/deadline.ts): `signal` aborts the
 * request, the body included.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

/** What the other service answered. */
export interface ServiceAnswer {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The other service could not be reached (connection refused or reset, no such host). */
export class ServiceUnreachableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServiceUnreachableError';
  }
}

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/**
 * POSTs `body` to `url` and reads the whole answer; rejects with the abort
 * reason when `signal` aborts first. A kept-alive connection the other side
 * closed just as it was reused is reset before any answer: the request never
 * reached the service, so it is sent once more on a new connection (as
 * Node's documentation advises for `reusedSocket`), never lost to that race.
 */
export async function postToService(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<ServiceAnswer> {
  try {
    return await postOnce(url, headers, body, signal);
  } catch (error) {
    if (!(error instanceof StaleConnectionError)) throw error;
    return postOnce(url, headers, body, signal);
  }
}

/** A reused kept-alive connection was reset before the answer began. */
class StaleConnectionError extends ServiceUnreachableError {}

function postOnce(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<ServiceAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const agent = agents[target.protocol as keyof typeof agents];
    if (!agent) {
      reject(new TypeError(`Only http and https services can be called, not ${target.protocol}`));
      return;
    }
    let settled = false;
    let answered = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      const message = error instanceof Error ? error.message : String(error);
      if (signal.aborted) reject(signal.reason);
      else if (request.reusedSocket && !answered && (error as NodeJS.ErrnoException).code === 'ECONNRESET') reject(new StaleConnectionError(message, { cause: error }));
      else reject(new ServiceUnreachableError(message, { cause: error }));
    };
    const request = client.request(target, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, signal }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('aborted', () => fail(new Error('the answer was cut off')));
      response.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, body: Buffer.concat(chunks) });
      });
    });
    request.on('error', fail);
    request.end(body);
  });
}
