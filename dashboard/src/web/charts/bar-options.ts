import type { ApexOptions } from 'apexcharts';

/** What differs between bar charts over categories (from `toBarSeries`). */
interface BarPreset {
  categories: string[];
  /** Bars from the left instead of from the bottom. */
  horizontal?: boolean;
  /** Values on the value axis (x when horizontal, y otherwise) and in the tooltip. */
  format?: (value: number) => string;
  /** Values in the tooltip, when they differ from the axis (finer). */
  tooltip?: (value: number) => string;
  colors?: string[];
  /** Thickness of a bar: `barHeight` when horizontal, `columnWidth` otherwise (`'62%'`). */
  size: string;
  /** Corner radius, px. */
  radius: number;
  /** One colour per bar, and no legend. */
  distributed?: boolean;
  /** Highest value of the value axis (100 for percentages). */
  max?: number;
  /** Title under the category axis. */
  axisTitle?: string;
}

/** ApexCharts options for bars over categories, vertical or horizontal. */
export function barOptions(preset: BarPreset): ApexOptions {
  const { format } = preset;
  const tooltip = preset.tooltip ?? format;
  const valueLabels = format && { labels: { formatter: (v: string | number) => format(Number(v)) } };
  return {
    ...(preset.colors ? { colors: preset.colors } : {}),
    xaxis: {
      categories: preset.categories,
      ...(preset.axisTitle ? { title: { text: preset.axisTitle } } : {}),
      ...(preset.horizontal ? { ...(preset.max === undefined ? {} : { max: preset.max }), ...valueLabels } : {}),
    },
    ...(!preset.horizontal && valueLabels ? { yaxis: valueLabels } : {}),
    plotOptions: {
      bar: {
        ...(preset.horizontal ? { horizontal: true, barHeight: preset.size } : { columnWidth: preset.size }),
        borderRadius: preset.radius,
        ...(preset.distributed ? { distributed: true } : {}),
      },
    },
    ...(preset.distributed ? { legend: { show: false } } : {}),
    ...(tooltip ? { tooltip: { y: { formatter: (v: number) => tooltip(v) } } } : {}),
  };
}
