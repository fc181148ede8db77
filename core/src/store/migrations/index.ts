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
import { Migration0017CallTextsTable } from './0017-call-texts-table.js';
import { Migration0018LatencyHistogramColumns } from './0018-latency-histogram-columns.js';
import { Migration0019CallsTimeLatencyIndex } from './0019-calls-time-latency-index.js';
import { Migration0020BinaryIds } from './0020-binary-ids.js';
import { Migration0021CallsByModelAgentFromRollups } from './0021-calls-by-model-agent-from-rollups.js';
import { MIGRATION_NAMES } from './migration-names.js';

const classes = [
  Migration0001InitialSchema,
  Migration0002DashboardSettings,
  Migration0003DailyRollups,
  Migration0004CallsByTime,
  Migration0005SessionsByProjectOutcome,
  Migration0006CallTextSearch,
  Migration0007CallsBySessionTime,
  Migration0008FailedCallsBySession,
  Migration0009CallsWithPromptVariant,
  Migration0010SessionsBySortAndStatus,
  Migration0011FailedCallsByTime,
  Migration0012MetadataRollups,
  Migration0013SessionStepsIndex,
  Migration0014SessionsSortCoveringIndexes,
  Migration0015CallsWindowIndex,
  Migration0016OneHourCacheWrites,
  Migration0017CallTextsTable,
  Migration0018LatencyHistogramColumns,
  Migration0019CallsTimeLatencyIndex,
  Migration0020BinaryIds,
  Migration0021CallsByModelAgentFromRollups,
];

/** Every migration, in order, by its name in MIGRATION_NAMES. Listed explicitly so they run from source and from the build alike. */
export const migrations = MIGRATION_NAMES.map((name, i) => ({ name, class: classes[i] }));
