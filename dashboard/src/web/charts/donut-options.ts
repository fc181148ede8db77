import type { ApexOptions } from 'apexcharts';

/** What differs between donut charts (from `toDonutSeries`). */
interface DonutPreset {
  labels: string[];
  /** Size of the hole (`'68%'`); ApexCharts' default without it. */
  size?: string;
  /** Shows the total, and the hovered slice's value, in the middle, formatted so. */
  center?: (value: number) => string;
  tooltip?: (value: number) => string;
}

/** ApexCharts options for a donut with its legend underneath. */
export function donutOptions(preset: DonutPreset): ApexOptions {
  const { center, tooltip } = preset;
  const donut = {
    ...(preset.size ? { size: preset.size } : {}),
    ...(center
      ? {
          labels: {
            show: true,
            total: {
              show: true,
              label: 'Total',
              formatter: (w: { globals: { seriesTotals: number[] } }) =>
                center(w.globals.seriesTotals.reduce((a, b) => a + b, 0)),
            },
            value: { formatter: (v: string) => center(Number(v)) },
          },
        }
      : {}),
  };
  return {
    labels: preset.labels,
    legend: { position: 'bottom' },
    stroke: { width: 0 },
    ...(Object.keys(donut).length > 0 ? { plotOptions: { pie: { donut } } } : {}),
    ...(tooltip ? { tooltip: { y: { formatter: (v: number) => tooltip(v) } } } : {}),
  };
}
