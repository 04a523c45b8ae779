import { Migration } from '@mikro-orm/migrations';
import { CANDIDATE_POSITION_DDL } from '../candidates/candidate-search.sql.ts';

/** The search table of the candidate search, with its cube GiST index (see candidate-search.sql.ts). */
export class Migration0002CandidatePosition extends Migration {
  override async up(): Promise<void> {
    this.addSql(CANDIDATE_POSITION_DDL);
  }
}
