import ApexCharts, { type ApexOptions } from 'apexcharts';
import { createEffect, on, onCleanup, onMount } from 'solid-js';
import { useAppState } from '../app-state.js';
import { baseChartOptions } from '../charts/chart-theme.js';
import { mergeOptions } from '../charts/merge-options.js';

interface ApexChartProps {
  type: NonNullable<ApexOptions['chart']>['type'];
  series: ApexOptions['series'];
  options?: ApexOptions;
  height?: number;
  /** Names the chart for tests and screenshots. */
  name?: string;
}

/**
 * The one ApexCharts wrapper: creates the chart on mount, updates it in an effect when
 * series, options or display settings change, destroys it on cleanup. Pages only pass data
 * and options (from the presets in `charts/`).
 */
export function ApexChart(props: ApexChartProps) {
  const { display } = useAppState();
  let element!: HTMLDivElement;
  let chart: ApexCharts | undefined;

  const options = (): ApexOptions =>
    mergeOptions(
      baseChartOptions(display().theme, display().timezone) as Record<string, unknown>,
      props.options as Record<string, unknown>,
      {
        chart: { type: props.type, height: props.height ?? 280 },
        series: props.series,
      },
    ) as ApexOptions;

  // ApexCharts draws a heatmap without rows with a y-axis at -Infinity (a console error), so
  // a heatmap is created once its first rows arrive; other charts draw their empty axes.
  const drawable = () => props.type !== 'heatmap' || (props.series?.length ?? 0) > 0;

  onMount(() => {
    if (!drawable()) return;
    chart = new ApexCharts(element, options());
    void chart.render();
  });

  createEffect(
    on(
      () => [props.series, props.options, display().theme, display().timezone],
      () => {
        if (chart) void chart.updateOptions(options(), true, true);
        else if (drawable()) {
          chart = new ApexCharts(element, options());
          void chart.render();
        }
      },
      { defer: true },
    ),
  );

  onCleanup(() => {
    chart?.destroy();
    chart = undefined;
  });

  return (
    <div
      ref={element}
      class="chart"
      data-chart={props.name ?? props.type}
      style={{ 'min-height': `${props.height ?? 280}px` }}
    />
  );
}
