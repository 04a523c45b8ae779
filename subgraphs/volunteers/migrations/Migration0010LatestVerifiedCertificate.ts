import { Migration } from '@mikro-orm/migrations';
import { latestVerifiedCertificateDdl } from '../certificates/latest-verified-certificate.ts';

/**
 * Each volunteer's latest verified certificate end, kept on their row by the
 * certificate writes (certificates/latest-verified-certificate.ts), and taken
 * once of the certificates already recorded.
 */
export class Migration0010LatestVerifiedCertificate extends Migration {
  override async up(): Promise<void> {
    this.addSql(latestVerifiedCertificateDdl());
  }
}
