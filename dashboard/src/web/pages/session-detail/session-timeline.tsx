import { createMemo, createSignal, For } from 'solid-js';
import type { SessionStepRecord } from '../../../shared/api-types.js';
import { formatCost, formatDuration, formatModelName } from '../../format.js';

const LANE_HEIGHT = 26;
const BAR_HEIGHT = 14;
const LABEL_WIDTH = 140;
const WIDTH = 1200;
/** A bar is never drawn thinner than this, so a 5 ms call in a 10 minute run stays visible. */
const MIN_BAR = 1.5;

/**
 * The waterfall: one lane per agent, each call a bar from its start to its end, red when
 * it failed, with a tick at its first token where known. One SVG rect per call and one
 * handler for all of them (a 10,000-call session draws in one pass); the line under the
 * chart reads out the call under the pointer, a click opens it.
 */
export function SessionTimeline(props: { steps: SessionStepRecord[]; onOpen: (callId: string) => void }) {
  const [hovered, setHovered] = createSignal<string | null>(null);
  const byId = createMemo(() => new Map(props.steps.map((step) => [step.id, step])));
  const layout = createMemo(() => {
    const steps = props.steps.map((step) => ({ step, start: Date.parse(step.timestamp) }));
    const t0 = Math.min(...steps.map((s) => s.start));
    const t1 = Math.max(...steps.map((s) => s.start + s.step.latencyMs));
    const span = Math.max(1, t1 - t0);
    const lanes = [...new Set(props.steps.map((step) => step.agentName ?? '(no agent)'))];
    const x = (time: number) => LABEL_WIDTH + ((time - t0) / span) * (WIDTH - LABEL_WIDTH - 8);
    const bars = steps.map(({ step, start }) => {
      const left = x(start);
      return {
        step,
        left,
        width: Math.max(MIN_BAR, x(start + step.latencyMs) - left),
        y: lanes.indexOf(step.agentName ?? '(no agent)') * LANE_HEIGHT + (LANE_HEIGHT - BAR_HEIGHT) / 2,
        ttft: step.ttftMs === null ? null : x(start + step.ttftMs),
      };
    });
    return { lanes, bars, span };
  });
  return (
    <div class="timeline" data-timeline>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useKeyWithMouseEvents: keyboard users open each call from the steps table below; 10,000 bars are no tab stops */}
      <svg
        viewBox={`0 0 ${WIDTH} ${layout().lanes.length * LANE_HEIGHT + 18}`}
        width="100%"
        style={{ display: 'block' }}
        onClick={(event) => {
          const id = stepIdAt(event.target);
          if (id) props.onOpen(id);
        }}
        onMouseOver={(event) => setHovered(stepIdAt(event.target))}
        role="img"
        aria-label="Calls over time, one lane per agent"
      >
        <For each={layout().lanes}>
          {(lane, i) => (
            <>
              <rect
                x={0}
                y={i() * LANE_HEIGHT}
                width={WIDTH}
                height={LANE_HEIGHT}
                class={i() % 2 === 0 ? 'lane even' : 'lane'}
              />
              <text x={6} y={i() * LANE_HEIGHT + LANE_HEIGHT / 2 + 4} class="lane-label" data-lane={lane}>
                {lane.length > 22 ? `${lane.slice(0, 21)}…` : lane}
              </text>
            </>
          )}
        </For>
        <For each={layout().bars}>
          {(bar) => (
            <rect
              x={bar.left}
              y={bar.y}
              width={bar.width}
              height={BAR_HEIGHT}
              rx={2}
              class={bar.step.failed ? 'bar bar-failed' : 'bar bar-ok'}
              data-step={bar.step.id}
            />
          )}
        </For>
        <For each={layout().bars.filter((bar) => bar.ttft !== null)}>
          {(bar) => (
            <line x1={bar.ttft ?? 0} x2={bar.ttft ?? 0} y1={bar.y - 2} y2={bar.y + BAR_HEIGHT + 2} class="ttft" />
          )}
        </For>
        <text x={LABEL_WIDTH} y={layout().lanes.length * LANE_HEIGHT + 14} class="axis-label">
          0
        </text>
        <text x={WIDTH - 8} y={layout().lanes.length * LANE_HEIGHT + 14} class="axis-label" text-anchor="end">
          {formatDuration(layout().span)}
        </text>
      </svg>
      <div class="faint timeline-readout" data-timeline-readout>
        {(() => {
          const step = hovered() ? byId().get(hovered() as string) : undefined;
          return step
            ? `${step.agentName ?? '(no agent)'} · ${formatModelName(step.modelName)} · ${formatDuration(step.latencyMs)} · ${formatCost(step.totalCost)}${step.failed ? ' · failed' : ''} — click to open`
            : 'Point at a bar for its call; click to open it.';
        })()}
      </div>
    </div>
  );
}

/** The call id of the bar an event happened on, if any (one handler for every bar). */
function stepIdAt(target: EventTarget | null): string | null {
  return target instanceof SVGElement ? (target.dataset.step ?? null) : null;
}
