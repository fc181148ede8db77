import { createMemo } from 'solid-js';
import type { JudgeResponse } from '../../../shared/api-types.js';
import { bandOptions } from '../../charts/band-options.js';
import { COLORS } from '../../charts/chart-theme.js';
import { toBandSeries } from '../../charts/to-band-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';

/** The mean judge score per period inside its 95% confidence interval. */
export function ScoreTrendPanel(props: { judge: JudgeResponse }) {
  const series = createMemo(() =>
    toBandSeries(
      props.judge.trend.map((p) => ({ time: p.time, value: p.mean, low: p.low, high: p.high })),
      [],
      { observed: 'Mean score', band: '95% CI' },
    ),
  );
  // One point below the lowest bound, so the band keeps clear of the x-axis.
  const yMin = () => Math.max(0, Math.floor(Math.min(...props.judge.trend.map((p) => p.low ?? p.mean ?? 10)) - 1));
  const options = () =>
    bandOptions({
      colors: [COLORS.indigo, COLORS.indigo],
      bandOpacity: 0.2,
      format: (v) => v.toFixed(1),
      tooltip: (v) => v.toFixed(2),
      yMin: yMin(),
      yMax: 10,
    });
  return (
    <Panel title="Score over time" hint="Mean with its 95% confidence interval">
      <ApexChart name="judge-trend" type="rangeArea" height={280} series={series()} options={options()} />
    </Panel>
  );
}
