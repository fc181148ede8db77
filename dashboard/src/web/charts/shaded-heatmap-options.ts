import type { ApexOptions } from 'apexcharts';

/** What differs between heatmaps shaded in one colour by value. */
interface ShadedHeatmapPreset {
  color: string;
  /** Corner radius of a cell, px. */
  radius: number;
  /** How far the palest cell is from the full colour (0..1). */
  shadeIntensity: number;
  /** Cell labels; cells are unlabelled without it. */
  label?: (value: number) => string;
  /** X-axis labels, drawn upright ('' leaves one out). */
  xLabel?: (value: string) => string;
}

/** ApexCharts options for a heatmap whose cells are shades of one colour, without a legend. */
export function shadedHeatmapOptions(preset: ShadedHeatmapPreset): ApexOptions {
  const { label, xLabel } = preset;
  return {
    colors: [preset.color],
    ...(label ? { dataLabels: { enabled: true, formatter: (v: number) => label(v) } } : {}),
    plotOptions: { heatmap: { radius: preset.radius, enableShades: true, shadeIntensity: preset.shadeIntensity } },
    stroke: { width: 1 },
    legend: { show: false },
    ...(xLabel ? { xaxis: { labels: { rotate: 0, formatter: (v: string) => xLabel(v) } } } : {}),
  };
}
