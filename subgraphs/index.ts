/** The four subgraphs, in start-up order. */
import type { SubgraphDefinition } from '../common/subgraph-server.ts';
import { aedsSubgraph } from './aeds/index.ts';
import { incidentsSubgraph } from './incidents/index.ts';
import { organizationSubgraph } from './organization/index.ts';
import { volunteersSubgraph } from './volunteers/index.ts';

export const SUBGRAPHS: SubgraphDefinition[] = [organizationSubgraph, volunteersSubgraph, aedsSubgraph, incidentsSubgraph];
