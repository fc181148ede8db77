import type { JudgeResponse } from '../../../shared/api-types.js';
import { barOptions } from '../../charts/bar-options.js';
import { COLORS } from '../../charts/chart-theme.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { formatInteger } from '../../format.js';

/** One colour per score 0..10, red to cyan. */
const SCORE_COLORS = [
  COLORS.red,
  COLORS.red,
  COLORS.red,
  COLORS.orange,
  COLORS.orange,
  COLORS.amber,
  COLORS.amber,
  COLORS.lime,
  COLORS.green,
  COLORS.green,
  COLORS.cyan,
];

/** How many sampled calls got each judge score. */
export function ScoreDistributionPanel(props: { judge: JudgeResponse }) {
  const options = () =>
    barOptions({
      categories: props.judge.histogram.map((h) => String(h.score)),
      axisTitle: 'Score',
      colors: SCORE_COLORS,
      size: '80%',
      radius: 2,
      distributed: true,
    });
  return (
    <Panel title="Score distribution" hint={`Newest ${formatInteger(props.judge.sample.size)} judged calls`}>
      <ApexChart
        name="judge-histogram"
        type="bar"
        height={280}
        series={[{ name: 'Calls', data: props.judge.histogram.map((h) => h.count) }]}
        options={options()}
      />
    </Panel>
  );
}
