/**
 * Firebase Cloud Messaging for tests: an HTTP server on 127.0.0.1 with
 * Google's OAuth2 token endpoint (the JWT-bearer grant: an RS256 assertion
 * signed by the service account's key, for the firebase.messaging scope)
 * and the HTTP v1 send endpoint (a Bearer token it issued, the project, a
 * well-formed message to one token), answering as FCM does, error bodies
 * included. It makes its own service account, whose `token_uri` points at
 * its token endpoint.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { FcmServiceAccount, FcmSettings } from '../../../common/config.ts';
import { FCM_SCOPE, type FcmMessage } from './fcm.ts';

/** How FCM answers a message to a token: an FCM error (with Retry-After), or never (`hang`). */
export type FcmAnswer = { error: 'UNREGISTERED' | 'INVALID_TOKEN' | 'QUOTA_EXCEEDED' | 'UNAVAILABLE' | 'INTERNAL' | 'SENDER_ID_MISMATCH'; retryAfter?: string } | 'hang';

/** One message FCM took as well-formed, and what it answered. */
export interface ReceivedFcmMessage {
  message: FcmMessage;
  answer: FcmAnswer | 'OK';
}

/** What each FCM error looks like on the wire. */
const ERRORS = {
  UNREGISTERED: { code: 404, status: 'NOT_FOUND', message: 'Requested entity was not found.', errorCode: 'UNREGISTERED' },
  INVALID_TOKEN: { code: 400, status: 'INVALID_ARGUMENT', message: 'The registration token is not a valid FCM registration token', errorCode: 'INVALID_ARGUMENT' },
  QUOTA_EXCEEDED: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded.', errorCode: 'QUOTA_EXCEEDED' },
  UNAVAILABLE: { code: 503, status: 'UNAVAILABLE', message: 'The service is currently unavailable.', errorCode: 'UNAVAILABLE' },
  INTERNAL: { code: 500, status: 'INTERNAL', message: 'Internal error encountered.', errorCode: 'INTERNAL' },
  SENDER_ID_MISMATCH: { code: 403, status: 'PERMISSION_DENIED', message: 'SenderId mismatch', errorCode: 'SENDER_ID_MISMATCH' },
} as const;

/** The audience Google requires in the assertion, whichever token endpoint receives it. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const TOKEN_LIFETIME_SECONDS = 3600;

let accountKeys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

/** The service account's RSA key pair: made once per process, since a 2048-bit key takes a while. */
function serviceAccountKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  accountKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return accountKeys;
}

export class FakeFcm {
  /** Messages that passed the checks, oldest first. */
  readonly received: ReceivedFcmMessage[] = [];
  /** Access tokens issued (one per grant). */
  readonly issuedTokens: string[] = [];
  /** Why requests were refused (bad grant, bad token, malformed message). */
  readonly refused: string[] = [];
  /** The service account a test configures FCM with. */
  readonly serviceAccount: FcmServiceAccount & { project_id: string; token_uri: string };
  private readonly answers = new Map<string, FcmAnswer>();
  private readonly publicKey: KeyObject;

  private constructor(
    private readonly server: http.Server,
    /** Where the v1 API lives (FCM_BASE_URL). */
    readonly url: string,
  ) {
    const { privateKey, publicKey } = serviceAccountKeys();
    this.publicKey = publicKey;
    this.serviceAccount = {
      project_id: 'heartsafe-test',
      client_email: 'push-sender@heartsafe-test.iam.gserviceaccount.com',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      token_uri: `${url}/token`,
    };
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.handle(request, Buffer.concat(chunks).toString('utf8'), response).catch((error: unknown) => this.refuse(response, 500, `internal: ${(error as Error).message}`));
      });
    });
  }

  /** Starts FCM on a free port of 127.0.0.1. */
  static async start(): Promise<FakeFcm> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeFcm(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  /** The settings that point the FCM service here (as `push.fcm` of the configuration). */
  get settings(): FcmSettings {
    return { serviceAccount: this.serviceAccount, projectId: this.serviceAccount.project_id, baseUrl: this.url };
  }

  /** How to answer the next messages to `token` (default: accepted). */
  answer(token: string, answer: FcmAnswer): void {
    this.answers.set(token, answer);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, body: string, response: ServerResponse): Promise<void> {
    if (request.method === 'POST' && request.url === '/token') return this.grant(request, body, response);
    const send = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(request.url ?? '');
    if (request.method === 'POST' && send) return this.send(request, decodeURIComponent(send[1]!), body, response);
    return this.refuse(response, 404, `no such endpoint: ${request.method} ${request.url}`);
  }

  /** The OAuth2 token endpoint (RFC 7523 JWT-bearer grant, as Google runs it). */
  private async grant(request: IncomingMessage, body: string, response: ServerResponse): Promise<void> {
    const form = new URLSearchParams(body);
    const oauthError = (description: string) => {
      this.refused.push(description);
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant', error_description: description }));
    };
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return oauthError('the grant must be form-encoded');
    if (form.get('grant_type') !== JWT_BEARER) return oauthError(`unsupported grant_type ${form.get('grant_type')}`);
    const assertion = form.get('assertion') ?? '';
    try {
      if (decodeProtectedHeader(assertion).alg !== 'RS256') return oauthError('the assertion must be signed with RS256');
      const { payload } = await jwtVerify(assertion, this.publicKey, {
        algorithms: ['RS256'],
        issuer: this.serviceAccount.client_email,
        audience: GOOGLE_TOKEN_URL,
        requiredClaims: ['iat', 'exp'],
      });
      if (payload.exp! - payload.iat! > TOKEN_LIFETIME_SECONDS) return oauthError('the assertion may be valid for an hour at most');
      if (payload.iat! > Date.now() / 1000 + 60) return oauthError('the assertion is issued in the future');
      const scopes = String(payload.scope ?? '').split(' ');
      if (!scopes.includes(FCM_SCOPE)) return oauthError(`the assertion asks for ${payload.scope}, not ${FCM_SCOPE}`);
    } catch (error) {
      return oauthError(`Invalid JWT Signature: ${(error as Error).message}`);
    }
    const accessToken = `ya29.fake-${randomUUID()}`;
    this.issuedTokens.push(accessToken);
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ access_token: accessToken, expires_in: TOKEN_LIFETIME_SECONDS - 1, token_type: 'Bearer' }));
  }

  /** The v1 send endpoint. */
  private async send(request: IncomingMessage, projectId: string, body: string, response: ServerResponse): Promise<void> {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !this.issuedTokens.includes(bearer)) {
      return this.error(response, { code: 401, status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.', errorCode: 'THIRD_PARTY_AUTH_ERROR' });
    }
    if (projectId !== this.serviceAccount.project_id) {
      return this.error(response, { code: 403, status: 'PERMISSION_DENIED', message: `Permission denied on project ${projectId}`, errorCode: 'SENDER_ID_MISMATCH' });
    }
    let message: FcmMessage;
    try {
      message = (JSON.parse(body) as { message: FcmMessage }).message;
    } catch {
      return this.error(response, { code: 400, status: 'INVALID_ARGUMENT', message: 'Invalid JSON payload received.', errorCode: 'INVALID_ARGUMENT' });
    }
    const violation = checkMessage(message);
    if (violation) return this.error(response, { code: 400, status: 'INVALID_ARGUMENT', message: violation.description, errorCode: 'INVALID_ARGUMENT' }, violation);

    const answer = this.answers.get(message.token) ?? 'OK';
    this.received.push({ message, answer });
    if (answer === 'hang') return;
    if (answer === 'OK') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: `projects/${projectId}/messages/0:${Date.now()}%${randomUUID()}` }));
      return;
    }
    this.error(response, ERRORS[answer.error], undefined, answer.retryAfter);
  }

  /** An error as Google APIs answer it: a google.rpc.Status with FCM's error code in its details. */
  private error(
    response: ServerResponse,
    error: { code: number; status: string; message: string; errorCode: string },
    violation?: { field: string; description: string },
    retryAfter?: string,
  ): void {
    if (error.code === 400 || error.code === 401 || error.code === 403) this.refused.push(error.message);
    const details: object[] = [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: error.errorCode }];
    if (violation) details.push({ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [violation] });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
    response.writeHead(error.code, headers).end(JSON.stringify({ error: { code: error.code, message: error.message, status: error.status, details } }));
  }

  private refuse(response: ServerResponse, status: number, reason: string): void {
    this.refused.push(reason);
    response.writeHead(status, { 'content-type': 'text/plain' }).end(reason);
  }
}

/** What is wrong with a v1 message, as FCM would name it, if anything. */
function checkMessage(message: FcmMessage | undefined): { field: string; description: string } | undefined {
  if (typeof message !== 'object' || message === null) return { field: 'message', description: 'message is required' };
  if (typeof message.token !== 'string' || message.token === '') return { field: 'message.token', description: 'exactly one target (token) is required' };
  for (const [key, value] of Object.entries(message.data ?? {})) {
    if (typeof value !== 'string') return { field: `message.data[${key}]`, description: 'data values must be strings' };
  }
  const android = message.android;
  if (android) {
    if (!['HIGH', 'NORMAL'].includes(android.priority)) return { field: 'message.android.priority', description: `invalid priority ${android.priority}` };
    if (!/^\d+(\.\d{1,9})?s$/.test(android.ttl)) return { field: 'message.android.ttl', description: `invalid duration ${android.ttl}` };
    if (typeof android.collapse_key !== 'string') return { field: 'message.android.collapse_key', description: 'collapse_key must be a string' };
  }
  const known = new Set(['token', 'data', 'notification', 'android', 'apns', 'webpush', 'fcm_options']);
  const unknown = Object.keys(message).find((key) => !known.has(key));
  if (unknown) return { field: `message.${unknown}`, description: `Invalid JSON payload received. Unknown name "${unknown}"` };
  return undefined;
}
