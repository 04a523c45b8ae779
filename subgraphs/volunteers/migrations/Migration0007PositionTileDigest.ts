import { Migration } from '@mikro-orm/migrations';
import { tileDigestDdl } from '../../../common/tile-digest.ts';
import { ALERTABLE_POSITION_DIGEST } from '../candidates/weekly-alertability.service.ts';

/**
 * The digest per tile of the positions coverage is computed from, kept by
 * triggers on `volunteers.candidate_position` (common/tile-digest.ts), and
 * taken once of the positions already there.
 */
export class Migration0007PositionTileDigest extends Migration {
  override async up(): Promise<void> {
    this.addSql(tileDigestDdl(ALERTABLE_POSITION_DIGEST));
  }
}
