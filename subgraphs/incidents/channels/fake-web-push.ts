/**
 * A browser's push service for tests: an HTTPS endpoint on 127.0.0.1 that
 * takes Web Push messages as a real one does (RFC 8030), checks the VAPID
 * authorisation (RFC 8292: an ES256 JWT for the endpoint's origin, expiring
 * within 24 hours, with a contact; signed by the key the subscription was
 * made for) and decrypts the aes128gcm body (RFC 8291) with the
 * subscription's private key and auth secret, as the browser would.
 *
 * {@link FakeWebPush.subscribe} plays the browser: it makes a subscription
 * (a P-256 key pair and a 16-byte auth secret) for a test device.
 */
import { createECDH, randomBytes, randomUUID, type ECDH } from 'node:crypto';
import https from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import ece from 'http_ece';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWTPayload } from 'jose';
import type { WebPushSettings } from '../../../common/config.ts';
import type { WebPushSubscription } from './push.ts';
import { testCertificate } from './test-certificate.ts';

/** How the push service answers a message: a status (with Retry-After), or never (`hang`). */
export type WebPushAnswer = { status: number; retryAfter?: string } | 'hang';

/** One message the push service accepted as well-formed and decrypted. */
export interface ReceivedWebPush {
  /** The subscription's endpoint. */
  endpoint: string;
  ttl: number;
  urgency: string;
  topic: string | undefined;
  /** The VAPID JWT's claims (aud, exp, sub). */
  vapid: JWTPayload;
  /** The decrypted body. */
  plaintext: string;
  /** What the service answered. */
  answer: WebPushAnswer;
}

interface Subscriber {
  ecdh: ECDH;
  authSecret: Buffer;
  /** The application server key (VAPID public key) the subscription was made for. */
  applicationServerKey: string;
}

const URGENCIES = new Set(['very-low', 'low', 'normal', 'high']);
const DAY_SECONDS = 24 * 60 * 60;

export class FakeWebPush {
  /** Messages accepted for delivery or answered as programmed, oldest first. */
  readonly received: ReceivedWebPush[] = [];
  /** Why malformed or unauthorised requests were refused. */
  readonly refused: string[] = [];
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly answers = new Map<string, WebPushAnswer>();

  private constructor(
    private readonly server: https.Server,
    /** The origin of every endpoint, e.g. https://127.0.0.1:43121. */
    readonly url: string,
    /** The certificate the client must trust (`ca` of the Web Push settings). */
    readonly ca: string,
  ) {
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.handle(request, Buffer.concat(chunks), response).catch((error: unknown) => this.refuse(response, 500, `internal: ${(error as Error).message}`));
      });
    });
  }

  /** Starts the endpoint on a free port of 127.0.0.1. */
  static async start(): Promise<FakeWebPush> {
    const { key, cert } = await testCertificate();
    const server = https.createServer({ key, cert });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeWebPush(server, `https://127.0.0.1:${(server.address() as AddressInfo).port}`, cert);
  }

  /** Settings that send here with the application server's VAPID keys (as `push.webPush` of the configuration). */
  settings(vapid: { publicKey: string; privateKey: string }): WebPushSettings {
    return { publicKey: vapid.publicKey, privateKey: vapid.privateKey, subject: 'mailto:ops@heartsafe.example', ca: this.ca };
  }

  /** Subscribes a test device, as a browser's `pushManager.subscribe({ applicationServerKey })` would. */
  subscribe(applicationServerKey: string): WebPushSubscription {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const authSecret = randomBytes(16);
    const endpoint = `${this.url}/push/${randomUUID()}`;
    this.subscribers.set(endpoint, { ecdh, authSecret, applicationServerKey });
    return { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') } };
  }

  /** How to answer the next messages to `endpoint` (default 201 Created). */
  answer(endpoint: string, answer: WebPushAnswer): void {
    this.answers.set(endpoint, answer);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void> {
    const endpoint = `${this.url}${request.url}`;
    const subscriber = this.subscribers.get(endpoint);
    if (request.method !== 'POST') return this.refuse(response, 405, `method ${request.method}`);
    if (!subscriber) return this.refuse(response, 404, `no subscription at ${request.url}`);

    const problem = checkHeaders(request.headers);
    if (problem) return this.refuse(response, 400, problem);
    const vapid = await verifyVapid(request.headers.authorization, this.url, subscriber.applicationServerKey);
    if (typeof vapid === 'string') return this.refuse(response, vapid.startsWith('key') ? 403 : 401, vapid);

    let plaintext: string;
    try {
      plaintext = ece.decrypt(body, { version: 'aes128gcm', privateKey: subscriber.ecdh, authSecret: subscriber.authSecret }).toString('utf8');
    } catch (error) {
      return this.refuse(response, 400, `cannot decrypt: ${(error as Error).message}`);
    }

    const answer = this.answers.get(endpoint) ?? { status: 201 };
    this.received.push({
      endpoint,
      ttl: Number(request.headers.ttl),
      urgency: String(request.headers.urgency ?? 'normal'),
      topic: request.headers.topic as string | undefined,
      vapid,
      plaintext,
      answer,
    });
    if (answer === 'hang') return;
    const headers: Record<string, string> = answer.status === 201 ? { location: `${this.url}/message/${randomUUID()}` } : {};
    if (answer.retryAfter !== undefined) headers['retry-after'] = answer.retryAfter;
    response.writeHead(answer.status, headers).end();
  }

  private refuse(response: ServerResponse, status: number, reason: string): void {
    this.refused.push(reason);
    response.writeHead(status, { 'content-type': 'text/plain' }).end(reason);
  }
}

/** What is wrong with the Web Push headers (RFC 8030 §5, RFC 8291 §4), if anything. */
function checkHeaders(headers: IncomingHttpHeaders): string | undefined {
  if (!/^\d+$/.test(String(headers.ttl))) return `TTL must be a whole number of seconds, got ${headers.ttl}`;
  if (headers['content-encoding'] !== 'aes128gcm') return `Content-Encoding must be aes128gcm, got ${headers['content-encoding']}`;
  if (headers.urgency !== undefined && !URGENCIES.has(String(headers.urgency))) return `unknown Urgency ${headers.urgency}`;
  const topic = headers.topic;
  if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(String(topic))) return `Topic must be at most 32 URL-safe base64 characters, got ${topic}`;
  return undefined;
}

/** The VAPID JWT's claims, or why the authorisation is refused (RFC 8292 §2–3). */
async function verifyVapid(authorization: string | undefined, origin: string, applicationServerKey: string): Promise<JWTPayload | string> {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) return `not a VAPID authorization: ${authorization}`;
  const [, jwt, k] = match as unknown as [string, string, string];
  if (k !== applicationServerKey) return 'key differs from the one the subscription was made for';
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 0x04) return 'k is not an uncompressed P-256 public key';
  try {
    if (decodeProtectedHeader(jwt).alg !== 'ES256') return 'the JWT must be signed with ES256';
    const key = await importJWK({ kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, 'ES256');
    const { payload } = await jwtVerify(jwt, key, { algorithms: ['ES256'], audience: origin, requiredClaims: ['exp'] });
    if (payload.exp! > Date.now() / 1000 + DAY_SECONDS) return 'the JWT expires more than 24 hours from now';
    if (typeof payload.sub !== 'string' || !/^(mailto:|https:)/.test(payload.sub)) return `sub must be a mailto: or https: contact, got ${payload.sub}`;
    return payload;
  } catch (error) {
    return `JWT refused: ${(error as Error).message}`;
  }
}
