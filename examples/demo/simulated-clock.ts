import type { Observatory, RecordCallInput } from '@observatory/core';
import { observatoryView } from '../shared/observatory-view.js';
import type { SeededRandom } from '../shared/seeded-random.js';
import { simulatedTiming } from '../shared/simulated-provider.js';

/**
 * A view of `obs` on which a crew runs in simulated time, so one real second can stand for
 * days of traffic: every session it starts begins at `nextSessionStart()`, and every call
 * it records ends after a pause for the user and the time the model would have taken
 * (`simulatedTiming`, the same speeds the simulated providers use), not the few real
 * milliseconds the offline run took. Calls without tokens keep their measured latency (a
 * prompt-cache hit answers in microseconds) unless they failed: a provider error comes back
 * after the model's time to first token. Everything else is `obs` itself.
 *
 * Session rows keep their real start and end times; `storage.alignSessionTimes` moves them
 * to their calls once the history is written. The id of every session a call is recorded
 * in is added to `sessionIds`, so the caller can read back what this run made and nothing else.
 */
export function inSimulatedTime(
  obs: Observatory,
  nextSessionStart: () => number,
  random: SeededRandom,
  sessionIds: Set<string>,
): Observatory {
  let clock = nextSessionStart();
  const recordCall = (input: RecordCallInput) => {
    const timing = simulatedDurations(input, () => random.next());
    clock += random.int(300, 2500) + (timing.latencyMs ?? 0);
    const call = obs.recordCall({ ...input, ...timing, timestamp: clock });
    if (call) sessionIds.add(call.sessionId);
    return call;
  };
  const startSession: Observatory['startSession'] = (...args) => {
    clock = nextSessionStart();
    return obs.startSession(...args);
  };
  const withSession: Observatory['withSession'] = (...args) => {
    clock = nextSessionStart();
    return obs.withSession(...args);
  };
  return observatoryView(obs, { recordCall, startSession, withSession });
}

/** Latency and time to first token (ms) the call would have had against the real provider; absent ones stay as measured. */
function simulatedDurations(
  input: RecordCallInput,
  random: () => number,
): Pick<RecordCallInput, 'latencyMs' | 'ttftMs'> {
  const inputTokens = input.promptTokens ?? 0;
  const outputTokens = input.completionTokens ?? 0;
  const timing = simulatedTiming(
    input.modelName,
    {
      inputTokens,
      cachedInputTokens: input.cachedPromptTokens ?? 0,
      outputTokens,
      reasoningTokens: input.reasoningTokens ?? 0,
    },
    random,
  );
  const ttftMs = Math.round(timing.timeToFirstTokenMs);
  if (inputTokens + outputTokens === 0) {
    if (!input.error) return {};
    // A timed-out request took as long as the client waited for it.
    const timeoutMs = Number((input.metadata as { timeoutMs?: unknown } | undefined)?.timeoutMs);
    return { latencyMs: timeoutMs > 0 ? timeoutMs : ttftMs };
  }
  // A tool loop recorded as one call waited for the first token once per step.
  const steps = Number((input.metadata as { steps?: unknown } | undefined)?.steps) || 1;
  return {
    latencyMs: Math.round(timing.timeToFirstTokenMs * steps + timing.generationMs),
    ...(input.ttftMs == null ? {} : { ttftMs }),
  };
}
