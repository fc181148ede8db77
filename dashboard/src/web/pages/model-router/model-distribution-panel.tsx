import { createMemo } from 'solid-js';
import type { RouterResponse } from '../../../shared/api-types.js';
import { donutOptions } from '../../charts/donut-options.js';
import { toDonutSeries } from '../../charts/to-category-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { formatInteger, formatModelName } from '../../format.js';

/** Each chosen model's share of the routed calls. */
export function ModelDistributionPanel(props: { router: RouterResponse }) {
  const donut = createMemo(() =>
    toDonutSeries(
      props.router.distribution.map((d) => ({ key: d.model, ...d })),
      (d) => d.routedCalls,
      { nameOf: formatModelName },
    ),
  );
  const options = () =>
    donutOptions({ labels: donut().labels, size: '66%', tooltip: (v) => `${formatInteger(v)} calls` });
  return (
    <Panel title="Model distribution" hint="Share of routed calls">
      <ApexChart name="router-distribution" type="donut" height={280} series={donut().series} options={options()} />
    </Panel>
  );
}
