import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { Page } from '../../../common/connection.ts';
import { PageInfoType } from '../../../common/connection.type.ts';
import type { AedFilter } from './aed-page.ts';
import type { Aed } from './aed.entity.ts';
import { AedType } from './aed.type.ts';

@InputType('AedFilter', { description: 'Narrows a list of AEDs; every filter given must hold.' })
export class AedFilterInput implements AedFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only those dispatch may send (true) or may not (false) at `at` (default now), by the readiness rule.' })
  dispatchable?: boolean | null;

  @Field(() => Date, { nullable: true })
  at?: Date | null;

  @Field(() => String, { nullable: true, description: 'Part of the location description or address, any case.' })
  search?: string | null;
}

@ObjectType('AedConnection', { description: 'A page of AEDs, by location description (then id).' })
export class AedConnectionType {
  @Field(() => [AedType])
  nodes!: AedType[];

  @Field(() => Int, { description: 'All AEDs matching the filter, on every page.' })
  totalCount!: number;

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  static from(page: Page<Aed>): AedConnectionType {
    return Object.assign(new AedConnectionType(), { nodes: page.nodes.map(AedType.from), totalCount: page.totalCount, pageInfo: PageInfoType.of(page) });
  }
}
