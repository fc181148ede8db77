import { Migration } from '@mikro-orm/migrations';

/**
 * The part of a call's cache writes made with a 1-hour lifetime (Anthropic's `ttl: '1h'`),
 * which costs more than a 5-minute write (2× input instead of 1.25×): kept so a call's
 * cost can be checked against its tokens. Calls stored before it wrote none at that rate
 * as far as the store knows: 0.
 */
export class Migration0016OneHourCacheWrites extends Migration {
  override up(): void {
    this.addSql('alter table llm_calls add column cache_write_1h_tokens integer not null default 0');
  }

  override down(): void {
    this.addSql('alter table llm_calls drop column cache_write_1h_tokens');
  }
}
