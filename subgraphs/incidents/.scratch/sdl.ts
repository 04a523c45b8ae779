import 'reflect-metadata';
import { incidentsSubgraph } from '../index.ts';
const { sdl } = await incidentsSubgraph.buildSchema();
console.log(sdl);
