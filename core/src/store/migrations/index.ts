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

/** Every migration, in order. Listed explicitly so they run from source and from the build alike. */
export const migrations = [
  { name: '0001-initial-schema', class: Migration0001InitialSchema },
  { name: '0002-dashboard-settings', class: Migration0002DashboardSettings },
  { name: '0003-daily-rollups', class: Migration0003DailyRollups },
  { name: '0004-calls-by-time', class: Migration0004CallsByTime },
  { name: '0005-sessions-by-project-outcome', class: Migration0005SessionsByProjectOutcome },
  { name: '0006-call-text-search', class: Migration0006CallTextSearch },
  { name: '0007-calls-by-session-time', class: Migration0007CallsBySessionTime },
  { name: '0008-failed-calls-by-session', class: Migration0008FailedCallsBySession },
  { name: '0009-calls-with-prompt-variant', class: Migration0009CallsWithPromptVariant },
  { name: '0010-sessions-by-sort-and-status', class: Migration0010SessionsBySortAndStatus },
  { name: '0011-failed-calls-by-time', class: Migration0011FailedCallsByTime },
  { name: '0012-metadata-rollups', class: Migration0012MetadataRollups },
  { name: '0013-session-steps-index', class: Migration0013SessionStepsIndex },
  { name: '0014-sessions-sort-covering-indexes', class: Migration0014SessionsSortCoveringIndexes },
  { name: '0015-calls-window-index', class: Migration0015CallsWindowIndex },
  { name: '0016-one-hour-cache-writes', class: Migration0016OneHourCacheWrites },
];
