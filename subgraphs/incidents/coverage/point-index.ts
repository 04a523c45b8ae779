/**
 * Which points lie within some metres of a place: a grid of square buckets
 * over a local flat map (metres east and north of a reference point), the
 * points of each bucket stored together in typed arrays. Coverage asks this
 * for every grid cell, against tens of thousands of volunteer positions.
 *
 * The flat map is off by well under a percent north-south over a region and
 * by the ratio of the latitudes' cosines east-west, so buckets are searched
 * with a margin that covers both, and every point found is then measured
 * exactly by the caller (common/earth.ts `distanceMeters`).
 */
import { METERS_PER_DEGREE } from '../../../common/earth.ts';

/** Buckets are searched this much wider than asked: more than the flat map can be off by. */
const MARGIN = 1.02;

/** A fixed set of points, indexed for "which lie near here". */
export class PointIndex {
  private readonly originLatitude: number;
  private readonly originLongitude: number;
  private readonly metersPerDegreeLongitude: number;
  private readonly columns: number;
  private readonly rows: number;
  private readonly minX: number;
  private readonly minY: number;
  /** Points of bucket b are `order[starts[b]]` … `order[starts[b + 1] - 1]`. */
  private readonly starts: Int32Array;
  private readonly order: Int32Array;

  /**
   * @param latitudes, longitudes the points, in degrees
   * @param bucketMeters side of a bucket; about the radius most searches ask for
   */
  constructor(
    private readonly latitudes: Float64Array,
    private readonly longitudes: Float64Array,
    private readonly bucketMeters: number,
  ) {
    const count = latitudes.length;
    this.originLatitude = count > 0 ? latitudes.reduce((sum, value) => sum + value, 0) / count : 0;
    this.originLongitude = count > 0 ? longitudes.reduce((sum, value) => sum + value, 0) / count : 0;
    this.metersPerDegreeLongitude = METERS_PER_DEGREE * Math.cos((this.originLatitude * Math.PI) / 180);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let index = 0; index < count; index++) {
      const x = this.x(longitudes[index]!);
      const y = this.y(latitudes[index]!);
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
    this.minX = count > 0 ? minX : 0;
    this.minY = count > 0 ? minY : 0;
    this.columns = count > 0 ? Math.floor((maxX - minX) / bucketMeters) + 1 : 1;
    this.rows = count > 0 ? Math.floor((maxY - minY) / bucketMeters) + 1 : 1;
    const buckets = this.columns * this.rows;
    const bucketOf = new Int32Array(count);
    this.starts = new Int32Array(buckets + 1);
    for (let index = 0; index < count; index++) {
      const bucket = this.bucket(this.column(this.x(longitudes[index]!)), this.row(this.y(latitudes[index]!)));
      bucketOf[index] = bucket;
      this.starts[bucket + 1] += 1;
    }
    for (let bucket = 0; bucket < buckets; bucket++) this.starts[bucket + 1] += this.starts[bucket]!;
    const fill = this.starts.slice(0, buckets);
    this.order = new Int32Array(count);
    for (let index = 0; index < count; index++) this.order[fill[bucketOf[index]!]++] = index;
  }

  private x(longitude: number): number {
    return (longitude - this.originLongitude) * this.metersPerDegreeLongitude;
  }

  private y(latitude: number): number {
    return (latitude - this.originLatitude) * METERS_PER_DEGREE;
  }

  private column(x: number): number {
    return Math.floor((x - this.minX) / this.bucketMeters);
  }

  private row(y: number): number {
    return Math.floor((y - this.minY) / this.bucketMeters);
  }

  private bucket(column: number, row: number): number {
    return row * this.columns + column;
  }

  /**
   * Calls `visit` with every point within `meters` of the place, and some a
   * little beyond: the caller measures each one.
   */
  near(latitude: number, longitude: number, meters: number, visit: (index: number) => void): void {
    if (this.order.length === 0) return;
    // East-west, a metre at this latitude is more of the map than at the origin's when nearer the pole.
    const stretch = Math.max(1, this.metersPerDegreeLongitude / (METERS_PER_DEGREE * Math.cos((latitude * Math.PI) / 180)));
    const reachX = meters * MARGIN * stretch;
    const reachY = meters * MARGIN;
    const x = this.x(longitude);
    const y = this.y(latitude);
    const fromColumn = Math.max(0, this.column(x - reachX));
    const toColumn = Math.min(this.columns - 1, this.column(x + reachX));
    const fromRow = Math.max(0, this.row(y - reachY));
    const toRow = Math.min(this.rows - 1, this.row(y + reachY));
    for (let row = fromRow; row <= toRow; row++) {
      for (let column = fromColumn; column <= toColumn; column++) {
        const bucket = this.bucket(column, row);
        for (let slot = this.starts[bucket]!; slot < this.starts[bucket + 1]!; slot++) visit(this.order[slot]!);
      }
    }
  }
}
