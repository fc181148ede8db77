import { createEffect, createMemo, createSignal, onCleanup, onMount } from 'solid-js';
import type { SessionTimeline as TimelineColumns } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { formatCost, formatDuration, formatModelName } from '../../format.js';

const LANE_HEIGHT = 26;
const BAR_HEIGHT = 14;
const LABEL_WIDTH = 140;
const AXIS_HEIGHT = 18;
/** A bar is never drawn thinner than this, so a 5 ms call in a 10 minute run stays visible. */
const MIN_BAR = 1.5;
/** How far (px) the pointer may miss a thin bar and still point at it. */
const REACH = 2;

interface Bar {
  /** The call's position in the timeline's columns. */
  index: number;
  lane: number;
  failed: boolean;
  left: number;
  width: number;
  /** Where the first token came (x), when known. */
  ttft: number | null;
}

/**
 * The waterfall: one lane per agent, each call a bar from its start to its end, red when
 * it failed, with a tick at its first token where known. Drawn on a canvas: a 10,000-call
 * run is 10,000 rectangles, which as SVG elements took the browser most of a second to
 * lay out. The pointer finds its bar by lane and time; the line under the chart reads
 * the call out, a click opens it. Keyboard users open each call from the steps table.
 */
export function SessionTimeline(props: { timeline: TimelineColumns; onOpen: (callId: string) => void }) {
  const { display } = useAppState();
  let canvas: HTMLCanvasElement | undefined;
  const [width, setWidth] = createSignal(0);
  const [hovered, setHovered] = createSignal<Bar | null>(null);

  const lanes = () => props.timeline.agents.map((agent) => agent ?? '(no agent)');
  const span = createMemo(() => {
    const { startMs, latencyMs } = props.timeline;
    let end = 1;
    for (let i = 0; i < startMs.length; i++) end = Math.max(end, startMs[i] + latencyMs[i]);
    return end;
  });

  const bars = createMemo((): Bar[] => {
    const { startMs, latencyMs, ttftMs, agent } = props.timeline;
    const failed = new Set(props.timeline.failed);
    const scale = Math.max(1, width() - LABEL_WIDTH - 8) / span();
    return startMs.map((start, index) => {
      const left = LABEL_WIDTH + start * scale;
      const ttft = ttftMs[index];
      return {
        index,
        lane: agent[index],
        failed: failed.has(index),
        left,
        width: Math.max(MIN_BAR, latencyMs[index] * scale),
        ttft: ttft === null ? null : left + ttft * scale,
      };
    });
  });

  const height = () => lanes().length * LANE_HEIGHT + AXIS_HEIGHT;

  onMount(() => {
    const box = canvas?.parentElement;
    if (!box) return;
    // The observer reports the first width after the page's layout, so reading it forces no extra layout.
    const observer = new ResizeObserver((entries) => setWidth(entries[0].contentRect.width));
    observer.observe(box);
    onCleanup(() => observer.disconnect());
  });

  createEffect(() => {
    display().theme; // redraw in the new theme's colours
    if (canvas && width() > 0) draw(canvas, lanes(), span(), bars(), width(), height(), hovered());
  });

  /** The bar under a pointer position: the latest-starting bar of that lane that reaches it. */
  const barAt = (event: MouseEvent): Bar | null => {
    const box = (event.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const lane = Math.floor(y / LANE_HEIGHT);
    const top = lane * LANE_HEIGHT + (LANE_HEIGHT - BAR_HEIGHT) / 2;
    if (lane >= lanes().length || y < top - REACH || y > top + BAR_HEIGHT + REACH) return null;
    let found: Bar | null = null;
    for (const bar of bars()) {
      if (bar.lane === lane && bar.left - REACH <= x && x <= bar.left + bar.width + REACH) found = bar;
    }
    return found;
  };

  return (
    <div class="timeline" data-timeline data-bars={props.timeline.ids.length}>
      <canvas
        ref={canvas}
        style={{ display: 'block', width: '100%', height: `${height()}px`, cursor: hovered() ? 'pointer' : 'default' }}
        role="img"
        aria-label={`${props.timeline.ids.length} calls over time, one lane per agent: ${lanes().join(', ')}`}
        onMouseMove={(event) => setHovered(barAt(event))}
        onMouseLeave={() => setHovered(null)}
        onClick={(event) => {
          const bar = barAt(event);
          if (bar) props.onOpen(props.timeline.ids[bar.index]);
        }}
      />
      <div
        class="faint timeline-readout"
        data-timeline-readout
        data-call={hovered() ? props.timeline.ids[(hovered() as Bar).index] : undefined}
      >
        {(() => {
          const bar = hovered();
          if (!bar) return 'Point at a bar for its call; click to open it.';
          const { timeline } = props;
          const i = bar.index;
          return `${lanes()[bar.lane]} · ${formatModelName(timeline.models[timeline.model[i]])} · ${formatDuration(timeline.latencyMs[i])} · ${formatCost(timeline.cost[i])}${bar.failed ? ' · failed' : ''} — click to open`;
        })()}
      </div>
    </div>
  );
}

/** Paint the lanes, their labels, every bar, the first-token ticks and the time axis. */
function draw(
  canvas: HTMLCanvasElement,
  lanes: string[],
  span: number,
  bars: Bar[],
  width: number,
  height: number,
  hovered: Bar | null,
): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const context = canvas.getContext('2d');
  if (!context) return;
  const colour = (name: string) => getComputedStyle(canvas).getPropertyValue(name).trim();
  context.scale(ratio, ratio);
  context.font = '11px system-ui, sans-serif';
  lanes.forEach((lane, i) => {
    if (i % 2 === 0) {
      context.fillStyle = colour('--panel-hover');
      context.fillRect(0, i * LANE_HEIGHT, width, LANE_HEIGHT);
    }
    context.fillStyle = colour('--text-muted');
    context.fillText(lane.length > 22 ? `${lane.slice(0, 21)}…` : lane, 6, i * LANE_HEIGHT + LANE_HEIGHT / 2 + 4);
  });
  const top = (bar: Bar) => bar.lane * LANE_HEIGHT + (LANE_HEIGHT - BAR_HEIGHT) / 2;
  // One fill per colour: the ok bars slightly translucent so overlapping calls show as darker.
  context.globalAlpha = 0.85;
  context.fillStyle = colour('--accent');
  for (const bar of bars) if (!bar.failed) context.fillRect(bar.left, top(bar), bar.width, BAR_HEIGHT);
  context.globalAlpha = 1;
  context.fillStyle = colour('--red');
  for (const bar of bars) if (bar.failed) context.fillRect(bar.left, top(bar), bar.width, BAR_HEIGHT);
  context.strokeStyle = colour('--text');
  context.lineWidth = 1;
  context.beginPath();
  for (const bar of bars) {
    if (bar.ttft === null) continue;
    const x = Math.round(bar.ttft) + 0.5;
    context.moveTo(x, top(bar) - 2);
    context.lineTo(x, top(bar) + BAR_HEIGHT + 2);
  }
  context.stroke();
  if (hovered) context.strokeRect(hovered.left - 0.5, top(hovered) - 0.5, hovered.width + 1, BAR_HEIGHT + 1);
  context.fillStyle = colour('--text-muted');
  const axisY = lanes.length * LANE_HEIGHT + 14;
  context.fillText('0', LABEL_WIDTH, axisY);
  context.textAlign = 'end';
  context.fillText(formatDuration(span), width - 8, axisY);
}
