/** The generator's seeded randomness is the project's one module for it (common/random.ts). */
export { Random } from '../../common/random.ts';
