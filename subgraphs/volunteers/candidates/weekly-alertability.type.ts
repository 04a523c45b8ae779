import { Directive, Field, ObjectType } from 'type-graphql';
import type { WeeklyAlertablePositions } from './weekly-alertability.service.ts';

/**
 * Where volunteers can be alerted from in an area during a week (incidents
 * subgraph only). The lists are worked out only when one is asked for: a
 * caller checking whether what it kept is current asks for the fingerprint alone.
 */
@Directive('@inaccessible')
@ObjectType('WeeklyAlertablePositions', {
  description: 'Where volunteers can be alerted from in an area during a week (incidents subgraph only): one entry per position in each list, in the same order.',
})
export class WeeklyAlertablePositionsType {
  @Field(() => String, { description: 'The Monday of the week, YYYY-MM-DD.' })
  weekStartsOn!: string;

  @Field(() => String, { description: 'Changes whenever the positions or their hours can have changed.' })
  fingerprint!: string;

  /** The lists, computed on first use and shared by the fields that read them. */
  positions!: () => Promise<WeeklyAlertablePositions>;
}
