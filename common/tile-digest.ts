/**
 * A digest of a table's rows kept per tile by the writes themselves, so that
 * "have the rows in this area changed?" is a read of a few hundred small rows
 * instead of finding every row in the area (the fingerprints that tell the
 * incidents subgraph whether a stored coverage is current:
 * weekly-alertability.service.ts, weekly-availability.service.ts).
 *
 * ## What is kept
 * The earth is cut into tiles of 1/{@link TILES_PER_DEGREE} degree of
 * latitude by as much of longitude (about 2.2 × 1.4 km in the Netherlands).
 * For every tile, the number of rows that count (the owner's condition,
 * e.g. an active, on-duty HOME or WORK position) and the sum of one hash per
 * such row (`hash_record_extended` of the columns the answer is made from).
 * The digest of an area is the sum over the tiles that meet its box: a
 * superset of the area's rows, so any change to a row in the area changes it
 * (and a change just outside, in a tile on the edge, does too: the stored
 * result is then computed again, needlessly but soundly). A change to a row,
 * one row more or less, moves the sum; two changes cancel only with odds of
 * one in 2^64.
 *
 * ## How the writes keep it: no locks, no order
 * Statement-level triggers (insert, update, delete, truncate) with
 * transition tables append, per statement, one row per tile the statement
 * changed: (+1, +hash) for each new row that counts, (−1, −hash) for each
 * old one; a row updated without changing a hashed column adds nothing
 * (its two terms cancel, and tiles whose changes sum to nothing are not
 * written). Appending never updates a shared row, so concurrent writers
 * neither wait for one another nor deadlock, whatever the order of the tiles
 * they touch, and each transaction's changes commit or vanish with it.
 * Addition is order-free, so the sum is right whatever the order in which
 * commits land. {@link compactTileDigest} folds the appended rows back
 * into one per tile (hourly); a read sums whatever is there.
 *
 * ## What a read sees
 * One statement: the sum of the committed changes at its snapshot, exactly
 * the digest of the rows as committed at that instant (the triggers' rows
 * commit atomically with the rows they describe).
 */

import { statementTriggers } from './statement-triggers.ts';
import type { SqlQuery } from './sql.ts';

/** Tiles per degree, each way. Changing it changes every digest: bump the fingerprints' versions with it. */
export const TILES_PER_DEGREE = 50;

/** What a subgraph keeps a digest of. */
export interface TileDigestSpec {
  /** The table whose rows are digested, schema-qualified (`volunteers.candidate_position`). */
  table: string;
  /** The digest's own table, schema-qualified, in the same schema. */
  digestTable: string;
  /** Latitude and longitude columns (double precision). */
  latitude: string;
  longitude: string;
  /** Which rows count, as an SQL condition on the table's columns (unqualified). */
  counted: string;
  /** The hashed columns, an SQL expression list for `row(…)` (unqualified). */
  hashed: string;
}

/** The tile index of a latitude or longitude, as an SQL expression: the same in the triggers and the reads. */
function tileOf(expression: string): string {
  return `floor((${expression})::float8 * ${TILES_PER_DEGREE})::int`;
}

function nameOf(spec: TileDigestSpec): { schema: string; name: string } {
  const [schema, name] = spec.digestTable.split('.');
  if (!schema || !name || !/^[a-z_]+$/.test(schema) || !/^[a-z_]+$/.test(name)) throw new Error(`not a schema-qualified table: ${spec.digestTable}`);
  return { schema, name };
}

/** The changes of one statement's rows (`new_rows` counted +1, `old_rows` −1), summed per tile, as an insert into the digest. */
function appendChanges(spec: TileDigestSpec, sides: ('new_rows' | 'old_rows')[]): string {
  const side = (rows: 'new_rows' | 'old_rows') => `
      select ${rows === 'new_rows' ? 1 : -1} as sign, ${tileOf(spec.latitude)} as tile_latitude, ${tileOf(spec.longitude)} as tile_longitude,
        hash_record_extended(row(${spec.hashed}), 0)::numeric as row_hash
      from ${rows} where ${spec.counted}`;
  return `
    insert into ${spec.digestTable} (tile_latitude, tile_longitude, row_count, digest)
    select tile_latitude, tile_longitude, sum(sign), sum(sign * row_hash)
    from (${sides.map(side).join('\n      union all')}) change
    group by tile_latitude, tile_longitude
    having sum(sign) <> 0 or sum(sign * row_hash) <> 0;`;
}

/**
 * Idempotent DDL: the digest table, the function and triggers that keep it,
 * and the digest of the rows already there (the table is locked against
 * writes meanwhile, so none is missed or counted twice).
 */
export function tileDigestDdl(spec: TileDigestSpec): string {
  const { schema, name } = nameOf(spec);
  const keep = `${schema}.keep_${name}`;
  return `
lock table ${spec.table} in share row exclusive mode;

create table if not exists ${spec.digestTable} (
  tile_latitude integer not null,
  tile_longitude integer not null,
  -- Counted rows and the sum of their hashes: changes appended by the triggers, folded per tile now and then.
  row_count bigint not null,
  digest numeric not null
);
create index if not exists ${name}_tile on ${spec.digestTable} (tile_latitude, tile_longitude);

create or replace function ${keep}() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then${appendChanges(spec, ['new_rows'])}
  elsif tg_op = 'UPDATE' then${appendChanges(spec, ['new_rows', 'old_rows'])}
  elsif tg_op = 'DELETE' then${appendChanges(spec, ['old_rows'])}
  else
    delete from ${spec.digestTable};
  end if;
  return null;
end
$fn$;

${statementTriggers(name, spec.table, keep, undefined, true)}

delete from ${spec.digestTable};
insert into ${spec.digestTable} (tile_latitude, tile_longitude, row_count, digest)
select ${tileOf(spec.latitude)}, ${tileOf(spec.longitude)}, count(*), sum(hash_record_extended(row(${spec.hashed}), 0)::numeric)
from ${spec.table} where ${spec.counted}
group by 1, 2;
`;
}

/**
 * The digest of the rows in a box, `?` parameters south, north, west, east
 * (degrees): `row_count` (how many) and `digest` (the sum of their hashes), both
 * as text, over every tile that meets the box.
 */
export function tileDigestSql(spec: TileDigestSpec): string {
  nameOf(spec);
  return `
select coalesce(sum(row_count), 0)::text as row_count, coalesce(sum(digest), 0)::text as digest
from ${spec.digestTable}
where tile_latitude between ${tileOf('?')} and ${tileOf('?')}
  and tile_longitude between ${tileOf('?')} and ${tileOf('?')}`;
}

/**
 * Folds the appended changes of every tile that has more than one row into
 * one row (tiles left with no rows dropped); the statement returns how many
 * tiles it folded. A tile with a single row is left as it is, so an hour
 * without writes rewrites nothing. Only the rows the statement sees are
 * folded: changes committed meanwhile stay as they are, and are folded next
 * time.
 */
function compactTileDigestSql(spec: TileDigestSpec): string {
  nameOf(spec);
  return `
with crowded as (
  select tile_latitude, tile_longitude from ${spec.digestTable}
  group by tile_latitude, tile_longitude having count(*) > 1
),
folded as (
  delete from ${spec.digestTable} as kept using crowded
  where kept.tile_latitude = crowded.tile_latitude and kept.tile_longitude = crowded.tile_longitude
  returning kept.tile_latitude, kept.tile_longitude, kept.row_count, kept.digest
),
refolded as (
  insert into ${spec.digestTable} (tile_latitude, tile_longitude, row_count, digest)
  select tile_latitude, tile_longitude, sum(row_count), sum(digest) from folded
  group by tile_latitude, tile_longitude
  having sum(row_count) <> 0 or sum(digest) <> 0
)
select count(*)::int as tiles from crowded`;
}

/** Folds the digest's appended changes, one row per tile (see {@link compactTileDigestSql}); returns how many tiles were folded. */
export async function compactTileDigest(query: SqlQuery, spec: TileDigestSpec): Promise<number> {
  const [row] = await query(compactTileDigestSql(spec), []);
  return Number(row?.tiles ?? 0);
}
