import type { EmptyResponse, JudgeResponse } from '../../../shared/api-types.js';
import { PageShell } from '../../components/page-shell.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { formatModelName } from '../../format.js';
import { ComparePanel } from './compare-panel.js';
import { ErrorCategoriesPanel } from './error-categories-panel.js';
import { ExamplesPanel } from './examples-panel.js';
import { JUDGE_EMPTY } from './judge-empty.js';
import { JudgeKpis } from './judge-kpis.js';
import { LeaderboardPanel } from './leaderboard-panel.js';
import { ScoreDistributionPanel } from './score-distribution-panel.js';
import { ScoreTrendPanel } from './score-trend-panel.js';

/** LLM Judge: quality KPIs with intervals, trend, leaderboards, error categories, examples and A/B tests. */
export function LlmJudgePage() {
  const data = createFilteredResource<JudgeResponse | EmptyResponse>('judge');
  return (
    <PageShell
      title="LLM Judge"
      subtitle="Quality as your judge scored it, with sample sizes and intervals"
      resource={data}
      empty={JUDGE_EMPTY}
    >
      {(judge) => (
        <>
          <JudgeKpis judge={judge} />
          <div class="grid cols-2-1">
            <ScoreTrendPanel judge={judge} />
            <ScoreDistributionPanel judge={judge} />
          </div>
          <div class="grid cols-2">
            <LeaderboardPanel title="Model leaderboard" rows={judge.leaderboards.model} nameOf={formatModelName} />
            <LeaderboardPanel title="Agent leaderboard" rows={judge.leaderboards.agent} nameOf={(k) => k || '(none)'} />
          </div>
          <div class="grid cols-1-2">
            <ErrorCategoriesPanel judge={judge} />
            <ComparePanel judged={judge.leaderboards} />
          </div>
          <div class="grid cols-2">
            <ExamplesPanel title="Best answers" examples={judge.best} />
            <ExamplesPanel title="Worst answers" examples={judge.worst} />
          </div>
        </>
      )}
    </PageShell>
  );
}
