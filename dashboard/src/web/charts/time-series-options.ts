import type { ApexOptions } from 'apexcharts';
import { mergeOptions } from './merge-options.js';
import { timeAxis } from './time-axis.js';

/** What differs between the dashboard's charts over time (line, area or bars). */
interface TimeSeriesPreset {
  /** Y-axis labels. */
  format: (value: number) => string;
  /** Tooltip values; without it ApexCharts shows the value as it is. */
  tooltip?: (value: number) => string;
  colors?: string[];
  stacked?: boolean;
  /** Lowest value of the y-axis (0 for rates). */
  yMin?: number;
  /** Area charts: a gradient fill fading from this opacity to 0.05. */
  fadeFrom?: number;
  /** Bar charts: the width of a column (`'62%'`) and its corner radius in px. */
  columns?: { width: string; radius?: number };
  /** `false` for charts redrawn every second. */
  animate?: false;
}

/**
 * ApexCharts options for a series over time: a datetime axis and formatted values; the
 * chart's type (line, area, bar) is the wrapper's `type`.
 */
export function timeSeriesOptions(preset: TimeSeriesPreset): ApexOptions {
  const { format, tooltip, columns } = preset;
  return mergeOptions(
    { xaxis: timeAxis(), yaxis: { labels: { formatter: (v: number) => format(v) } } },
    preset.yMin === undefined ? undefined : { yaxis: { min: preset.yMin } },
    tooltip && { tooltip: { y: { formatter: (v: number) => tooltip(v) } } },
    preset.colors && { colors: preset.colors },
    preset.stacked ? { chart: { stacked: true } } : undefined,
    preset.animate === false ? { chart: { animations: { enabled: false } } } : undefined,
    preset.fadeFrom === undefined
      ? undefined
      : { fill: { type: 'gradient', gradient: { opacityFrom: preset.fadeFrom, opacityTo: 0.05 } } },
    columns && {
      plotOptions: {
        bar: { columnWidth: columns.width, ...(columns.radius === undefined ? {} : { borderRadius: columns.radius }) },
      },
    },
  ) as ApexOptions;
}
