import type { LeaderboardRow } from '../../../shared/api-types.js';
import { CiBar, formatEstimate } from '../../components/ci-bar.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatInteger, formatPercent } from '../../format.js';

/** Models or agents by mean judge score, with interval, sample size and hallucination rate. */
export function LeaderboardPanel(props: { title: string; rows: LeaderboardRow[]; nameOf: (key: string) => string }) {
  return (
    <Panel title={props.title} hint="Mean score [95% CI]; rows with few judged calls have wide intervals" flush>
      <DataTable
        rows={props.rows}
        columns={[
          { header: 'Name', class: 'nowrap', cell: (row) => props.nameOf(row.key) },
          {
            header: 'Score',
            align: 'right',
            sortBy: (row) => row.score.mean,
            cell: (row) => formatEstimate(row.score),
          },
          {
            header: 'Interval (0–10)',
            style: { width: '90px', 'min-width': '90px' },
            cell: (row) => <CiBar estimate={row.score} />,
          },
          { header: 'n', figure: (row) => row.score.n, format: formatInteger, class: 'faint' },
          { header: 'Halluc.', figure: (row) => row.hallucinationRate.rate, format: formatPercent },
        ]}
      />
    </Panel>
  );
}
