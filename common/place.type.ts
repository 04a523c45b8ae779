import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { PlaceOverride } from './place.ts';

/** A place accepted outside its municipality (common/place.ts). Shared by the volunteers and AEDs subgraphs. */
@Directive('@shareable')
@ObjectType('PlaceOverride', { description: 'A place accepted outside its municipality’s boundary: why, who, when.' })
export class PlaceOverrideType {
  @Field(() => String)
  reason!: string;

  @Field(() => String, { description: 'Subject of who accepted it.' })
  by!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => Int, { description: 'How far outside the boundary, in metres, when accepted.' })
  distanceMeters!: number;

  /** The override recorded in the columns `reason`, `by`, `at`, `meters`, or null when none is. */
  static of(reason: string | null | undefined, by: string | null | undefined, at: Date | null | undefined, meters: number | null | undefined): PlaceOverrideType | null {
    if (!reason || !by || !at || meters == null) return null;
    return Object.assign(new PlaceOverrideType(), { reason, by, at, distanceMeters: meters } satisfies PlaceOverride);
  }
}

/** The description of every `outsideMunicipalityReason` input field. */
export const OUTSIDE_MUNICIPALITY_REASON =
  'Why the place may lie more than 1 km outside its municipality’s boundary (else BAD_USER_INPUT, reason OUTSIDE_MUNICIPALITY); recorded with who gave it and when.';
