import { Migration } from '@mikro-orm/migrations';
import { metadataKeyPresent } from '../metadata-key-present.js';
import { dialectOf } from '../store-dialect.js';

/**
 * The calls tagged with a prompt variant, by time: the Prompt Optimizer's sample (the
 * tagged calls among the newest 200,000) reads them from this partial index instead of
 * reading every recent call's metadata (PostgreSQL, first request on a 1M-call store:
 * 2.1 s). Queries name the key as the index does (`metadataKeyPresent`) so it is used.
 */
export class Migration0009CallsWithPromptVariant extends Migration {
  override up(): void {
    const dialect = dialectOf(this.getKnex());
    this.addSql(
      `create index if not exists llm_calls_prompt_variant_idx on llm_calls (timestamp) where ${metadataKeyPresent(dialect, 'promptVariant')}`,
    );
  }

  override down(): void {
    this.addSql('drop index if exists llm_calls_prompt_variant_idx');
  }
}
