/**
 * One system call per burst of WebSocket messages on a connection.
 *
 * The gateway's connection to a subgraph carries the subscriptions of every
 * app it serves (graphql-ws multiplexes them on one socket). A dispatch's
 * thirty ALERTED frames leave the incidents subgraph as one burst of thirty
 * sends, each its own write to the kernel and, at the gateway, its own read
 * and pass of the event loop: on the one thread every hop shares, that cost
 * more than composing the frames. Corked at a burst's first send and uncorked
 * once the work that produced it is done (`process.nextTick` runs after the
 * promise jobs queued with it), the burst goes to the kernel in one write and
 * usually arrives in one read. Nothing waits for a timer, and the order of
 * messages (pings included) is the order they were sent in.
 */
import type { WebSocketServer } from 'ws';

/** Makes every connection of `server` write each burst of sends at once. */
export function writeInBursts(server: WebSocketServer): void {
  server.on('connection', (webSocket, request) => {
    const connection = request.socket;
    const send = webSocket.send.bind(webSocket);
    let corked = false;
    webSocket.send = ((...args: Parameters<typeof send>) => {
      if (!corked) {
        corked = true;
        connection.cork();
        process.nextTick(() => {
          corked = false;
          connection.uncork();
        });
      }
      send(...args);
    }) as typeof send;
  });
}

/**
 * Resolves once the bursts sent so far have gone to the kernel. A burst is
 * uncorked when the promise jobs queued with it are done, and every promise
 * job counts: a resolver that returns after sending a burst has its answer
 * composed (GraphQL execution, serialisation) before the burst is written.
 * Awaited between the two, the burst leaves first (`setImmediate` runs after
 * the tick that uncorks it, and after the I/O that tick queued).
 */
export function burstsWritten(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
