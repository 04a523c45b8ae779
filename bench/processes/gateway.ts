/**
 * The gateway alone in a process of its own, for the subscription
 * benchmark: started on a free loopback port in front of the subgraphs the
 * parent gives it, it answers memory questions until its parent disconnects
 * (or goes away), or {@link CHILD_TIME_LIMIT_MS} passes.
 */
import { createLogger } from '../../common/logger.ts';
import { startGateway, type GatewayServer } from '../../gateway/gateway.ts';
import { readSupergraph } from '../../scripts/stack.ts';
import { memorySnapshot } from '../memory.ts';
import { CHILD_TIME_LIMIT_MS, type GatewayCommand, type GatewayReport } from './messages.ts';

let gateway: GatewayServer | undefined;

function send(report: GatewayReport): void {
  process.send!(report);
}

async function stop(code: number): Promise<never> {
  await gateway?.close().catch(() => {});
  process.exit(code);
}

process.on('message', (command: GatewayCommand) => {
  void (async () => {
    switch (command.type) {
      case 'start':
        gateway = await startGateway({
          supergraphSdl: await readSupergraph(),
          subgraphUrls: command.subgraphUrls,
          gatewaySecret: command.gatewaySecret,
          bearer: command.bearer,
          host: '127.0.0.1',
          port: 0,
          development: false,
          logger: createLogger('gateway', 'warn'),
        });
        send({ type: 'started', wsUrl: gateway.wsUrl });
        break;
      case 'memory':
        send({ type: 'memory', ...memorySnapshot() });
    }
  })().catch((error: unknown) => {
    console.error(error);
    void stop(1);
  });
});
process.on('disconnect', () => void stop(0));
setTimeout(() => void stop(1), CHILD_TIME_LIMIT_MS).unref();
