import { Directive, Field, ObjectType } from 'type-graphql';

/** Where a page ends (common/connection.ts). Shared by every subgraph with paged lists. */
@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Where a page ends: pass endCursor as `after` for the next page while hasNextPage.' })
export class PageInfoType {
  @Field(() => String, { nullable: true, description: 'The cursor of the last row on the page; null on an empty page.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;

  static of(page: { endCursor: string | null; hasNextPage: boolean }): PageInfoType {
    return Object.assign(new PageInfoType(), { endCursor: page.endCursor, hasNextPage: page.hasNextPage });
  }
}

/** The description of every `first` argument. */
export const FIRST = 'How many rows (1–500, default 50).';
/** The description of every `after` argument. */
export const AFTER = 'The endCursor of the page before; omit for the first page.';
