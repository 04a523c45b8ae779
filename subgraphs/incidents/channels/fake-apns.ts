/**
 * The Apple Push Notification service for tests: an HTTP/2 server over TLS
 * on 127.0.0.1 (its certificate self-signed at start) that takes
 * `POST /3/device/<token>` as APNs does. It checks the provider token (an
 * ES256 JWT with the key id, the team as issuer, issued within the hour,
 * signed by the .p8 key it made), the request headers (apns-topic,
 * apns-push-type, apns-priority, apns-expiration, apns-collapse-id,
 * apns-id) and the JSON payload, records each notification and answers as
 * programmed per device token, with APNs' reasons.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import http2, { type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { ApnsSettings } from '../../../common/config.ts';
import { testCertificate } from './test-certificate.ts';

/** How APNs answers a notification to a token: a status with APNs' reason (and Retry-After), or never (`hang`). */
export type ApnsAnswer = { status: number; reason: string; retryAfter?: string } | 'hang';

/** One notification APNs took as well-formed, and what it answered. */
export interface ReceivedApnsNotification {
  token: string;
  topic: string;
  pushType: string;
  priority: number;
  /** UNIX seconds. */
  expiration: number;
  collapseId: string | undefined;
  apnsId: string | undefined;
  /** The JSON payload. */
  payload: Record<string, unknown>;
  answer: ApnsAnswer | 'OK';
}

const PUSH_TYPES = new Set(['alert', 'background', 'location', 'voip', 'complication', 'fileprovider', 'mdm', 'liveactivity', 'pushtotalk']);
const MAX_PAYLOAD_BYTES = 4096;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An APNs refusal: status and reason. */
class Refusal {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {}
}

export class FakeApns {
  /** Notifications that passed the checks, oldest first. */
  readonly received: ReceivedApnsNotification[] = [];
  /** The reasons of the requests refused for a bad token, header or payload. */
  readonly refused: string[] = [];
  /** The .p8 signing key (PEM) a test configures APNs with, its key id, the team and the app's bundle id. */
  readonly key: string;
  readonly keyId = 'FAKEKEY123';
  readonly teamId = 'FAKETEAM45';
  readonly topic = 'org.heartsafe.responder';
  /** Where it listens (APNS_HOST, APNS_PORT). */
  readonly host = '127.0.0.1';
  private readonly publicKey: KeyObject;
  private readonly answers = new Map<string, ApnsAnswer>();
  private readonly sessions = new Set<Http2Session>();

  private constructor(
    private readonly server: http2.Http2SecureServer,
    readonly port: number,
    /** The certificate the client must trust (`ca` of the APNs settings). */
    readonly ca: string,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.key = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    this.publicKey = publicKey;
    server.on('session', (session: Http2Session) => {
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
    });
    server.on('stream', (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        this.handle(stream, headers, Buffer.concat(chunks)).catch((error: unknown) => this.respond(stream, headers, 500, 'InternalServerError', String(error)));
      });
      // A client that gave up (its deadline) resets the stream; nothing more to do.
      stream.on('error', () => {});
    });
  }

  /** Starts APNs on a free port of 127.0.0.1. */
  static async start(): Promise<FakeApns> {
    const { key, cert } = await testCertificate();
    const server = http2.createSecureServer({ key, cert });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeApns(server, (server.address() as AddressInfo).port, cert);
  }

  /** The settings that point the APNs service here (as `push.apns` of the configuration). */
  get settings(): ApnsSettings {
    return { key: this.key, keyId: this.keyId, teamId: this.teamId, topic: this.topic, production: false, host: this.host, port: this.port, ca: this.ca };
  }

  /** How to answer the next notifications to `token` (default 200). */
  answer(token: string, answer: ApnsAnswer): void {
    this.answers.set(token, answer);
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, body: Buffer): Promise<void> {
    let notification: Omit<ReceivedApnsNotification, 'answer'>;
    try {
      await this.verifyProviderToken(headers.authorization);
      notification = this.check(headers, body);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      this.refused.push(error.reason);
      return this.respond(stream, headers, error.status, error.reason);
    }
    const answer = this.answers.get(notification.token) ?? 'OK';
    this.received.push({ ...notification, answer });
    if (answer === 'hang') return;
    if (answer === 'OK') return this.respond(stream, headers, 200);
    this.respond(stream, headers, answer.status, answer.reason, undefined, answer.retryAfter);
  }

  /** Checks the provider token as APNs does (403 with MissingProviderToken, InvalidProviderToken or ExpiredProviderToken). */
  private async verifyProviderToken(authorization: string | undefined): Promise<void> {
    const jwt = /^bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!jwt) throw new Refusal(403, 'MissingProviderToken');
    try {
      const header = decodeProtectedHeader(jwt);
      if (header.alg !== 'ES256' || header.kid !== this.keyId) throw new Refusal(403, 'InvalidProviderToken');
      // APNs takes a token for an hour from its iat, and refuses one issued in the future.
      const { payload } = await jwtVerify(jwt, this.publicKey, { algorithms: ['ES256'], issuer: this.teamId, requiredClaims: ['iat'], maxTokenAge: '1h' });
      if (payload.iat! > Date.now() / 1000 + 60) throw new Refusal(403, 'InvalidProviderToken');
    } catch (error) {
      if (error instanceof Refusal) throw error;
      if (error instanceof errors.JWTExpired) throw new Refusal(403, 'ExpiredProviderToken');
      throw new Refusal(403, 'InvalidProviderToken');
    }
  }

  /** Checks path, headers and payload; throws the {@link Refusal} APNs would answer. */
  private check(headers: IncomingHttpHeaders, body: Buffer): Omit<ReceivedApnsNotification, 'answer'> {
    if (headers[':method'] !== 'POST') throw new Refusal(405, 'MethodNotAllowed');
    const path = /^\/3\/device\/(.*)$/.exec(String(headers[':path']));
    if (!path) throw new Refusal(404, 'BadPath');
    const token = path[1]!;
    if (token === '') throw new Refusal(400, 'MissingDeviceToken');
    if (!/^[0-9a-f]+$/i.test(token)) throw new Refusal(400, 'BadDeviceToken');

    const topic = headers['apns-topic'];
    if (typeof topic !== 'string') throw new Refusal(400, 'MissingTopic');
    if (topic !== this.topic) throw new Refusal(400, 'TopicDisallowed');
    const pushType = headers['apns-push-type'];
    if (typeof pushType !== 'string' || !PUSH_TYPES.has(pushType)) throw new Refusal(400, 'InvalidPushType');
    const priority = headers['apns-priority'] ?? '10';
    if (!['10', '5', '1'].includes(String(priority))) throw new Refusal(400, 'BadPriority');
    const expiration = headers['apns-expiration'] ?? '0';
    if (!/^\d+$/.test(String(expiration))) throw new Refusal(400, 'BadExpirationDate');
    const collapseId = headers['apns-collapse-id'] as string | undefined;
    if (collapseId !== undefined && Buffer.byteLength(collapseId) > 64) throw new Refusal(400, 'BadCollapseId');
    const apnsId = headers['apns-id'] as string | undefined;
    if (apnsId !== undefined && !UUID.test(apnsId)) throw new Refusal(400, 'BadMessageId');

    if (body.length === 0) throw new Refusal(400, 'PayloadEmpty');
    if (body.length > MAX_PAYLOAD_BYTES) throw new Refusal(413, 'PayloadTooLarge');
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      // Not one of Apple's reasons: APNs' own answer to a payload that is not JSON is undocumented.
      throw new Refusal(400, 'BadPayload');
    }
    if (typeof payload.aps !== 'object' || payload.aps === null) throw new Refusal(400, 'BadPayload');
    return { token, topic, pushType, priority: Number(priority), expiration: Number(expiration), collapseId, apnsId, payload };
  }

  private respond(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, status: number, reason?: string, detail?: string, retryAfter?: string): void {
    if (stream.destroyed || stream.closed) return;
    const answer: http2.OutgoingHttpHeaders = { ':status': status, 'apns-id': (headers['apns-id'] as string | undefined) ?? randomUUID() };
    if (retryAfter !== undefined) answer['retry-after'] = retryAfter;
    if (reason === undefined) {
      stream.respond(answer, { endStream: true });
      return;
    }
    answer['content-type'] = 'application/json';
    stream.respond(answer);
    stream.end(JSON.stringify(status === 410 ? { reason, timestamp: Date.now() } : { reason, ...(detail ? { detail } : {}) }));
  }
}
