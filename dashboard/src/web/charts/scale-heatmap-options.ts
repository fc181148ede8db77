import type { ApexOptions } from 'apexcharts';

/** Background of a cell without a value (the panel's colour) and of the gaps between cells. */
const MISSING_COLOR = '#1b2440';
const GAP_COLOR = '#121a30';

/** What differs between heatmaps coloured by value ranges (a judge score, a win rate). */
interface ScaleHeatmapPreset {
  /** Colour of each range of values. */
  ranges: Array<{ from: number; to: number; color: string; name?: string }>;
  /** What a cell without a value means; such cells carry -1 (`toMatrixHeatmap`'s `missing: -1`). */
  missing: string;
  /** Corner radius of a cell, px. */
  radius: number;
  /** Width of the gap between cells, px. */
  gap: number;
  label: (value: number) => string;
  tooltip: (value: number) => string;
  /** Shows the ranges as a legend underneath. */
  legend: boolean;
}

/** ApexCharts options for a heatmap coloured by fixed value ranges, with labelled cells. */
export function scaleHeatmapOptions(preset: ScaleHeatmapPreset): ApexOptions {
  const { label, tooltip, missing } = preset;
  return {
    dataLabels: {
      enabled: true,
      formatter: (v: string | number | number[]) => (typeof v === 'number' && v >= 0 ? label(v) : ''),
    },
    plotOptions: {
      heatmap: {
        radius: preset.radius,
        enableShades: false,
        colorScale: { ranges: [{ from: -1, to: -0.5, color: MISSING_COLOR, name: missing }, ...preset.ranges] },
      },
    },
    stroke: { width: preset.gap, colors: [GAP_COLOR] },
    legend: preset.legend ? { show: true, position: 'bottom' } : { show: false },
    tooltip: { y: { formatter: (v: number) => (v < 0 ? missing : tooltip(v)) } },
  };
}
