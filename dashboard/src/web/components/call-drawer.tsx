import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import type { CallRecord } from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { useAppState } from '../app-state.js';
import { formatCost, formatDateTime, formatDuration, formatInteger, formatModelName } from '../format.js';
import { AsyncView } from './async-view.js';

/**
 * One call in full: metadata, prompt, response, routing, cache and judge data. Every
 * stored text is bound as text (Solid escapes it), never as HTML.
 */
export function CallDrawer(props: { id: string; onClose: () => void }) {
  const { timezone } = useAppState();
  const [call] = createResource(
    () => props.id,
    (id) => apiGet<CallRecord>(`calls/${encodeURIComponent(id)}`),
  );
  return (
    <>
      <button type="button" class="drawer-backdrop" aria-label="Close details" onClick={props.onClose} />
      <aside class="drawer" aria-label="Call details" data-call-drawer={props.id}>
        <div class="row" style={{ 'justify-content': 'space-between' }}>
          <h2 style={{ margin: 0, 'font-size': '17px' }}>Call details</h2>
          <button type="button" class="button" onClick={props.onClose}>
            Close
          </button>
        </div>
        <AsyncView resource={call} skeletonHeight={400}>
          {(c) => (
            <>
              <dl class="kv">
                <dt>Time</dt>
                <dd>{formatDateTime(Date.parse(c.timestamp), timezone())}</dd>
                <dt>Model</dt>
                <dd>
                  {formatModelName(c.modelName)} <span class="faint">({c.provider})</span>
                </dd>
                <dt>Agent · operation</dt>
                <dd>
                  {c.agentName ?? '—'} · {c.operationName ?? '—'}
                </dd>
                <dt>Tokens</dt>
                <dd>
                  {formatInteger(c.promptTokens)} in ({formatInteger(c.cachedPromptTokens)} cached) ·{' '}
                  {formatInteger(c.completionTokens)} out
                  <Show when={c.reasoningTokens > 0}> ({formatInteger(c.reasoningTokens)} reasoning)</Show>
                </dd>
                <dt>Cost</dt>
                <dd>
                  {formatCost(c.totalCost)} <span class="faint">({c.costSource})</span>
                </dd>
                <dt>Latency</dt>
                <dd>
                  {formatDuration(c.latencyMs)}
                  <Show when={c.ttftMs !== null}> · first token {formatDuration(c.ttftMs)}</Show>
                </dd>
                <dt>Session</dt>
                <dd class="mono">
                  <A href={`/sessions/${encodeURIComponent(c.sessionId)}`} data-drawer-session-link>
                    {c.sessionId}
                  </A>
                </dd>
                <Show when={c.error}>
                  <dt>Error</dt>
                  <dd style={{ color: 'var(--red)' }}>{c.error}</dd>
                </Show>
                <Show when={c.cacheMetadata}>
                  <dt>Cache</dt>
                  <dd>
                    {c.cacheMetadata?.cacheHit ? 'hit' : 'miss'}{' '}
                    {c.cacheMetadata?.cacheKey ? `· key ${c.cacheMetadata.cacheKey}` : ''}
                  </dd>
                </Show>
                <Show when={c.routingDecision}>
                  <dt>Routing</dt>
                  <dd>
                    chose {c.routingDecision?.chosenModel} over {c.routingDecision?.alternativeModels.join(', ') || '—'}
                    : {c.routingDecision?.reasoning}
                  </dd>
                </Show>
                <Show when={c.qualityEvaluation}>
                  <dt>Judge</dt>
                  <dd>
                    {c.qualityEvaluation?.judgeScore}/10{' '}
                    {c.qualityEvaluation?.hallucinationFlag ? '· hallucination' : ''}{' '}
                    {c.qualityEvaluation?.reasoning ?? ''}
                  </dd>
                </Show>
                <Show when={c.metadata}>
                  <dt>Metadata</dt>
                  <dd class="mono">{JSON.stringify(c.metadata)}</dd>
                </Show>
              </dl>
              <div class="stack">
                <strong>Prompt</strong>
                <div class="text-block" data-call-prompt>
                  {c.prompt ?? '(not captured)'}
                </div>
                <strong>Response</strong>
                <div class="text-block" data-call-response>
                  {c.responseText ?? '(not captured)'}
                </div>
                <Show when={(c.qualityEvaluation?.suggestions.length ?? 0) > 0}>
                  <strong>Judge suggestions</strong>
                  <ul>
                    <For each={c.qualityEvaluation?.suggestions}>{(s) => <li>{s}</li>}</For>
                  </ul>
                </Show>
              </div>
            </>
          )}
        </AsyncView>
      </aside>
    </>
  );
}
