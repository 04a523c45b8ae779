import { Migration } from '@mikro-orm/migrations';
import { tileDigestDdl } from '../../../common/tile-digest.ts';
import { DISPATCHABLE_AED_DIGEST } from '../availability/weekly-availability.service.ts';

/**
 * The digest per tile of the AEDs coverage is computed from, kept by
 * triggers on `aeds.aed` (common/tile-digest.ts), and taken once of the
 * AEDs already there.
 */
export class Migration0005AedTileDigest extends Migration {
  override async up(): Promise<void> {
    this.addSql(tileDigestDdl(DISPATCHABLE_AED_DIGEST));
  }
}
