import type { ApexOptions } from 'apexcharts';
import { timeAxis } from './time-axis.js';

/** What differs between charts of a shaded band with lines over time (from `toBandSeries`). */
interface BandPreset {
  /** Colour of the band, then of each line. */
  colors: string[];
  /** Fill opacity of the band (the lines are opaque). */
  bandOpacity: number;
  format: (value: number) => string;
  tooltip: (value: number) => string;
  yMin?: number;
  yMax?: number;
  /** Dashes the last line (a forecast). */
  dashLast?: boolean;
  /** Shows the legend. */
  legend?: boolean;
}

/** ApexCharts options for a rangeArea band under one or more straight lines, over time. */
export function bandOptions(preset: BandPreset): ApexOptions {
  const { format, tooltip, colors } = preset;
  const lines = colors.slice(1);
  return {
    colors,
    fill: { opacity: [preset.bandOpacity, ...lines.map(() => 1)] },
    stroke: {
      curve: 'straight',
      width: [0, ...lines.map(() => 2)],
      ...(preset.dashLast ? { dashArray: colors.map((_, i) => (i === colors.length - 1 ? 5 : 0)) } : {}),
    },
    xaxis: timeAxis(),
    yaxis: {
      ...(preset.yMin === undefined ? {} : { min: preset.yMin }),
      ...(preset.yMax === undefined ? {} : { max: preset.yMax }),
      labels: { formatter: (v: number) => format(v) },
    },
    tooltip: { y: { formatter: (v: number) => tooltip(v) } },
    ...(preset.legend ? { legend: { show: true } } : {}),
  };
}
