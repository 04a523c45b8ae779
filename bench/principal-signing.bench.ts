/**
 * Benchmark (not a test): what the gateway→subgraph identity costs per
 * request. A gateway request signs the caller's principal for each subgraph
 * its plan touches, and each subgraph checks that signature. Measured three
 * ways, in-process (no network):
 *
 * - warm: the same caller again and again, as a busy dispatcher or app; the
 *   signature cache and the checked-token cache answer;
 * - renewing: the same, with the clock moved past half the lifetime before
 *   every request, so each one signs and checks anew (the worst a cache renewal costs);
 * - cold: a different caller every request (nothing cached).
 *
 *   node --import ./scripts/register.js bench/principal-signing.bench.ts [-- --requests 20000]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Role, signForSubgraph, verifyFromGateway, SIGNED_PRINCIPAL_LIFETIME_SECONDS, type Principal } from '../common/auth.ts';

const SECRET = 'bench-gateway-secret-of-at-least-32-bytes';
/** A dispatch request touches incidents, then volunteers and aeds (through the incidents subgraph's peers and the plan). */
const SUBGRAPHS = ['incidents', 'volunteers', 'aeds'];

function dispatcher(index: number): Principal {
  return {
    subject: `dispatcher-${index}`,
    grants: [{ role: Role.DISPATCHER, scope: `service-${index}`, regionIds: ['region-1', 'region-2'] }],
  };
}

/** One request's identity work: sign for every subgraph of the plan, check at each. */
async function request(principal: Principal): Promise<void> {
  for (const subgraph of SUBGRAPHS) {
    const token = await signForSubgraph(principal, SECRET, subgraph);
    await verifyFromGateway(token, SECRET, subgraph);
  }
}

async function measure(requests: number, principalOf: (index: number) => Principal, before?: (index: number) => void): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < requests; index++) {
    before?.(index);
    await request(principalOf(index));
  }
  return ((performance.now() - started) * 1000) / requests;
}

const { values } = parseArgs({ options: { requests: { type: 'string', default: '20000' } } });
const requests = Number(values.requests);
const same = dispatcher(0);
// Warm up the JIT and the HMAC key.
await measure(1_000, (index) => dispatcher(index + 1_000_000));

const warm = await measure(requests, () => same);
const realNow = Date.now;
let offset = 0;
Date.now = () => realNow() + offset;
const renewing = await measure(
  Math.min(requests, 5_000),
  () => same,
  () => {
    offset += (SIGNED_PRINCIPAL_LIFETIME_SECONDS * 1000) / 2 + 1;
  },
);
Date.now = realNow;
const cold = await measure(Math.min(requests, 5_000), (index) => dispatcher(index + 1));

const format = (microseconds: number) => `${microseconds.toFixed(1)} µs`;
console.log(`principal signing, ${SUBGRAPHS.length} subgraphs per request (sign + check at each), lifetime ${SIGNED_PRINCIPAL_LIFETIME_SECONDS} s`);
console.log(`  warm (same caller, cached):       ${format(warm)} per request`);
console.log(`  renewing (re-signed every request): ${format(renewing)} per request`);
console.log(`  cold (new caller every request):  ${format(cold)} per request`);
console.log(`  a busy caller costs ${(60 / (SIGNED_PRINCIPAL_LIFETIME_SECONDS / 2)) * SUBGRAPHS.length} signatures per minute`);
