import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { burstsWritten, writeInBursts } from './websocket-bursts.ts';

describe('writeInBursts', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  /** A real server on port 0 with one client connected; resolves with both ends. */
  async function connected() {
    const httpServer = http.createServer();
    const server = new WebSocketServer({ server: httpServer });
    writeInBursts(server);
    const accepted = new Promise<{ webSocket: WebSocket; request: http.IncomingMessage }>((resolve) =>
      server.on('connection', (webSocket, request) => resolve({ webSocket, request })),
    );
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
    const received: string[] = [];
    client.on('message', (data) => received.push(String(data)));
    await new Promise((resolve) => client.once('open', resolve));
    closers.push(async () => {
      client.terminate();
      for (const webSocket of server.clients) webSocket.terminate();
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => httpServer.close(resolve));
    });
    return { ...(await accepted), received };
  }

  it('holds a burst of sends in the socket until the burst is done, then delivers it whole and in order', async () => {
    const { webSocket, request, received } = await connected();
    const corkedDuringBurst: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        await Promise.resolve();
        webSocket.send(`frame ${index}`);
        corkedDuringBurst.push(request.socket.writableCorked);
      }),
    );
    // Every send of the burst found the socket corked: nothing left for the kernel one message at a time.
    expect(corkedDuringBurst).toEqual(Array(30).fill(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(request.socket.writableCorked).toBe(0);
    await expect.poll(() => received.length).toBe(30);
    expect(received).toEqual(Array.from({ length: 30 }, (_, index) => `frame ${index}`));
  });

  it('calls each send back once written, and later bursts are written too', async () => {
    const { webSocket, received } = await connected();
    const written: number[] = [];
    for (const burst of [0, 1]) {
      await new Promise<void>((resolve) => {
        for (let index = 0; index < 3; index++) {
          webSocket.send(`burst ${burst} frame ${index}`, (error) => {
            if (!error) written.push(burst * 3 + index);
            if (index === 2) resolve();
          });
        }
      });
    }
    expect(written).toEqual([0, 1, 2, 3, 4, 5]);
    await expect.poll(() => received.length).toBe(6);
  });

  it('has a burst written before the work its sender goes on with, however many promise jobs that work takes', async () => {
    const { webSocket, request, received } = await connected();
    const sender = (async () => {
      for (let index = 0; index < 3; index++) webSocket.send(`frame ${index}`);
      await burstsWritten();
      // What comes after (composing the dispatcher's answer): the burst is in the kernel already.
      return { corked: request.socket.writableCorked, pending: request.socket.writableLength };
    })();
    // Meanwhile, other promise jobs keep the burst corked.
    let jobs = 0;
    for (; jobs < 50; jobs++) await Promise.resolve();
    expect(request.socket.writableCorked).toBe(1);
    expect(await sender).toEqual({ corked: 0, pending: 0 });
    await expect.poll(() => received.length).toBe(3);
  });
});
