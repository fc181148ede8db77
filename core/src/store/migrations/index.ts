import { Migration0001InitialSchema } from './0001-initial-schema.js';
import { Migration0002DashboardSettings } from './0002-dashboard-settings.js';
import { Migration0003DailyRollups } from './0003-daily-rollups.js';
import { Migration0004CallsByTime } from './0004-calls-by-time.js';
import { Migration0005SessionsByProjectOutcome } from './0005-sessions-by-project-outcome.js';
import { Migration0006CallTextSearch } from './0006-call-text-search.js';
import { Migration0007CallsBySessionTime } from './0007-calls-by-session-time.js';
import { Migration0008FailedCallsBySession } from './0008-failed-calls-by-session.js';
import { Migration0009CallsWithPromptVariant } from './0009-calls-with-prompt-variant.js';
import { Migration0010SessionsBySortAndStatus } from './0010-sessions-by-sort-and-status.js';
import { Migration0011FailedCallsByTime } from './0011-failed-calls-by-time.js';
import { Migration0012MetadataRollups } from './0012-metadata-rollups.js';
import { Migration0013SessionStepsIndex } from './0013-session-steps-index.js';
import { Migration0014SessionsSortCoveringIndexes } from './0014-sessions-sort-covering-indexes.js';
import { Migration0015CallsWindowIndex } from './0015-calls-window-index.js';
import { Migration0016OneHourCacheWrites } from './0016-one-hour-cache-writes.js';
import { MIGRATION_NAMES } from './migration-names.js';

/**
 * Every migration, in order (names in migration-names.ts). Listed explicitly so they run from
 * source and from the build alike. Imported only when a store is not current.
 */
export const migrations = [
  { name: MIGRATION_NAMES[0], class: Migration0001InitialSchema },
  { name: MIGRATION_NAMES[1], class: Migration0002DashboardSettings },
  { name: MIGRATION_NAMES[2], class: Migration0003DailyRollups },
  { name: MIGRATION_NAMES[3], class: Migration0004CallsByTime },
  { name: MIGRATION_NAMES[4], class: Migration0005SessionsByProjectOutcome },
  { name: MIGRATION_NAMES[5], class: Migration0006CallTextSearch },
  { name: MIGRATION_NAMES[6], class: Migration0007CallsBySessionTime },
  { name: MIGRATION_NAMES[7], class: Migration0008FailedCallsBySession },
  { name: MIGRATION_NAMES[8], class: Migration0009CallsWithPromptVariant },
  { name: MIGRATION_NAMES[9], class: Migration0010SessionsBySortAndStatus },
  { name: MIGRATION_NAMES[10], class: Migration0011FailedCallsByTime },
  { name: MIGRATION_NAMES[11], class: Migration0012MetadataRollups },
  { name: MIGRATION_NAMES[12], class: Migration0013SessionStepsIndex },
  { name: MIGRATION_NAMES[13], class: Migration0014SessionsSortCoveringIndexes },
  { name: MIGRATION_NAMES[14], class: Migration0015CallsWindowIndex },
  { name: MIGRATION_NAMES[15], class: Migration0016OneHourCacheWrites },
];
