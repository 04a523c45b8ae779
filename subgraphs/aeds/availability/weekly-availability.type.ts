import { Directive, Field, ObjectType } from 'type-graphql';
import type { WeeklyDispatchableAeds } from './weekly-availability.service.ts';

/**
 * The AEDs of an area dispatchable during a week (incidents subgraph only).
 * The lists are worked out only when one is asked for: a caller checking
 * whether what it kept is current asks for the fingerprint alone.
 */
@Directive('@inaccessible')
@ObjectType('WeeklyDispatchableAeds', {
  description: 'The AEDs of an area that are dispatchable in some hour of a week (incidents subgraph only): one entry per AED in each list, in the same order. No ids, no codes.',
})
export class WeeklyDispatchableAedsType {
  @Field(() => String, { description: 'The Monday of the week, YYYY-MM-DD.' })
  weekStartsOn!: string;

  @Field(() => String, { description: 'Changes whenever the AEDs or their hours can have changed.' })
  fingerprint!: string;

  /** The lists, computed on first use and shared by the fields that read them. */
  aeds!: () => Promise<WeeklyDispatchableAeds>;
}
