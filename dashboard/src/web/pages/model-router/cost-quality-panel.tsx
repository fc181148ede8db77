import type { ApexOptions } from 'apexcharts';
import { createMemo } from 'solid-js';
import type { RouterResponse } from '../../../shared/api-types.js';
import { ApexChart } from '../../components/apex-chart.js';
import { Panel } from '../../components/panel.js';
import { formatCost, formatModelName } from '../../format.js';

/** Per model: cost per call against mean judge score, the bubble sized by calls. */
export function CostQualityPanel(props: { router: RouterResponse }) {
  const series = createMemo(() =>
    props.router.scatter
      .filter((m) => m.judge.mean !== null)
      .map((m) => ({
        name: formatModelName(m.model),
        data: [[m.costPerCall, Number(m.judge.mean?.toFixed(3)), m.calls]],
      })),
  );
  const options = (): ApexOptions => ({
    xaxis: {
      type: 'numeric',
      min: 0,
      decimalsInFloat: 4,
      max: Math.max(0.0001, ...props.router.scatter.map((m) => m.costPerCall)) * 1.2,
      tickAmount: 6,
      title: { text: 'Cost per call' },
      labels: { formatter: (v: string) => formatCost(Number(v)) },
    },
    yaxis: {
      title: { text: 'Judge score' },
      min: 0,
      max: 10,
      labels: { formatter: (v: number) => v.toFixed(1) },
    },
    plotOptions: { bubble: { minBubbleRadius: 6, maxBubbleRadius: 18 } },
    fill: { opacity: 0.75 },
    grid: { padding: { left: 22, right: 22 } },
    tooltip: {
      shared: false,
      intersect: true,
      x: { formatter: (v: number) => `${formatCost(v)} per call` },
      y: { formatter: (v: number) => `score ${v.toFixed(2)}` },
      z: { title: 'calls' },
    },
    legend: { show: true },
  });
  return (
    <Panel title="Cost vs quality" hint="Per model: cost per call against mean judge score (bubble = calls)">
      <ApexChart name="router-scatter" type="bubble" height={300} series={series()} options={options()} />
    </Panel>
  );
}
