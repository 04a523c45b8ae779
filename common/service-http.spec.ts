import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeerCallError, withDeadline } from './deadline.ts';
import { postToService, ServiceUnreachableError } from './service-http.ts';

let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.url === '/silent') return; // accepts the request and never answers
      response.writeHead(request.url === '/refuse' ? 400 : 200, { 'content-type': 'application/json', 'x-seen': request.headers['x-principal'] ?? '' });
      response.end(JSON.stringify({ echo: JSON.parse(body) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('postToService', () => {
  it('sends the body and headers and reads the whole answer, over one kept-alive connection', async () => {
    const connections = new Set<unknown>();
    server.on('connection', (socket) => connections.add(socket));
    for (let call = 0; call < 3; call++) {
      const answer = await postToService(
        `${url}/graphql`,
        { 'content-type': 'application/json', 'x-principal': 'signed' },
        JSON.stringify({ call, text: 'é' }),
        AbortSignal.timeout(2000),
      );
      expect(answer.status).toBe(200);
      expect(answer.headers['x-seen']).toBe('signed');
      expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ echo: { call, text: 'é' } });
    }
    expect(connections.size).toBeLessThanOrEqual(1);
    const refused = await postToService(`${url}/refuse`, {}, '{}', AbortSignal.timeout(2000));
    expect(refused.status).toBe(400);
  });

  it('sends a request once more when the kept-alive connection it reused is reset before any answer', async () => {
    let requests = 0;
    const closing = http.createServer((request, response) => {
      requests++;
      const served = ((request.socket as unknown as { served?: number }).served ?? 0) + 1;
      (request.socket as unknown as { served?: number }).served = served;
      // The second request on a connection meets the race of a connection closed as it is reused.
      if (served === 2) {
        request.socket.destroy();
        return;
      }
      request.resume();
      request.on('end', () => response.end('{"ok":true}'));
    });
    await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(closing.address() as AddressInfo).port}/graphql`;
    try {
      for (let call = 0; call < 2; call++) {
        const answer = await postToService(target, {}, '{}', AbortSignal.timeout(2000));
        expect(answer.body.toString()).toBe('{"ok":true}');
      }
      expect(requests).toBe(3);
    } finally {
      closing.closeAllConnections();
      await new Promise((resolve) => closing.close(resolve));
    }
  });

  it('turns a service nobody listens for into PeerCallError "unreachable", and silence into "timeout", naming the service', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(postToService(`http://127.0.0.1:${port}/graphql`, {}, '{}', AbortSignal.timeout(2000))).rejects.toBeInstanceOf(ServiceUnreachableError);
    const unreachable = await withDeadline('volunteers', `http://127.0.0.1:${port}/graphql`, 2000, (signal) =>
      postToService(`http://127.0.0.1:${port}/graphql`, {}, '{}', signal),
    ).catch((error) => error);
    expect(unreachable).toBeInstanceOf(PeerCallError);
    expect(unreachable).toMatchObject({ peer: 'volunteers', reason: 'unreachable' });
    const started = Date.now();
    const late = await withDeadline('aeds', `${url}/silent`, 150, (signal) => postToService(`${url}/silent`, {}, '{}', signal)).catch((error) => error);
    expect(late).toMatchObject({ peer: 'aeds', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
