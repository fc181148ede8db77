import type { ApexOptions } from 'apexcharts';

/** Series colours: distinguishable on dark and light backgrounds, indigo first. */
const PALETTE = ['#818cf8', '#22d3ee', '#34d399', '#fbbf24', '#f472b6', '#a78bfa', '#fb923c', '#60a5fa', '#94a3b8'];

/** Colours of series with a fixed meaning (failed calls in red, cache hits in green). */
export const COLORS = {
  indigo: '#818cf8',
  cyan: '#22d3ee',
  green: '#34d399',
  amber: '#fbbf24',
  orange: '#fb923c',
  lime: '#a3e635',
  red: '#f87171',
  slate: '#475569',
  gray: '#64748b',
} as const;

/**
 * Base ApexCharts options for the display settings (theme, and the time zone of datetime
 * axes); pages add only what differs.
 */
export function baseChartOptions(theme: 'dark' | 'light', timezone: 'local' | 'utc'): ApexOptions {
  const dark = theme === 'dark';
  const muted = dark ? '#93a0ba' : '#5b6781';
  const grid = dark ? '#1f2a46' : '#e3e7f0';
  return {
    chart: {
      background: 'transparent',
      foreColor: muted,
      fontFamily: 'Inter, ui-sans-serif, system-ui, sans-serif',
      toolbar: { show: false },
      zoom: { enabled: false },
      animations: { enabled: true, speed: 350, dynamicAnimation: { enabled: true, speed: 300 } },
      parentHeightOffset: 0,
    },
    theme: { mode: theme },
    colors: PALETTE,
    grid: { borderColor: grid, strokeDashArray: 3, padding: { left: 8, right: 8, top: -8 } },
    dataLabels: { enabled: false },
    legend: {
      position: 'top',
      horizontalAlign: 'left',
      fontSize: '12px',
      markers: { size: 5 },
      itemMargin: { horizontal: 8 },
    },
    stroke: { width: 2, curve: 'smooth' },
    tooltip: { theme: theme, shared: true, intersect: false },
    xaxis: {
      axisBorder: { show: false },
      axisTicks: { show: false },
      labels: { style: { fontSize: '11px' }, datetimeUTC: timezone === 'utc' },
    },
    yaxis: { labels: { style: { fontSize: '11px' } } },
    states: { hover: { filter: { type: 'lighten' } } },
  };
}
