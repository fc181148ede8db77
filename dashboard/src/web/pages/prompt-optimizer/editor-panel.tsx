import { createEffect, createResource, createSignal, onCleanup } from 'solid-js';
import type { EstimateResponse, PromptVariant } from '../../../shared/api-types.js';
import { apiSend } from '../../api.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatCompact, formatCost, formatInteger, formatModelName, formatPercent } from '../../format.js';

/**
 * The variant's prompt beside an editable draft, with the draft's token count and the cost
 * change priced on the variant's real traffic per model; the draft can be exported as JSON.
 */
export function EditorPanel(props: {
  promptId: string;
  variant: PromptVariant;
  draft: string;
  onDraft: (draft: string) => void;
}) {
  const state = useAppState();
  // Debounced: estimate 400 ms after the last keystroke.
  const [debounced, setDebounced] = createSignal(props.draft);
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    const text = props.draft;
    clearTimeout(timer);
    timer = setTimeout(() => setDebounced(text), 400);
  });
  onCleanup(() => clearTimeout(timer));
  const [estimate] = createResource(
    () => ({
      text: debounced(),
      original: props.variant.prompt ?? '',
      variant: props.variant.variant,
      filter: state.filter(),
    }),
    (input) =>
      apiSend<EstimateResponse>(
        'POST',
        'prompts/estimate',
        { text: input.text, original: input.original, promptId: props.promptId, variant: input.variant },
        input.filter,
      ),
  );
  const exportDraft = () => {
    const payload = {
      promptId: props.promptId,
      basedOn: props.variant.variant,
      original: props.variant.prompt,
      edited: props.draft,
      estimate: estimate.latest ?? null,
      exportedAt: new Date().toISOString(),
    };
    const url = URL.createObjectURL(new Blob([JSON.stringify(payload, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${props.promptId}-${props.variant.variant}-edited.json`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Panel
      title="Editor"
      hint={`Edit “${props.variant.variant}”; tokens counted with js-tiktoken, cost priced on this variant's real traffic`}
      actions={
        <>
          <button type="button" class="button" onClick={() => props.onDraft(props.variant.prompt ?? '')}>
            Reset
          </button>
          <button type="button" class="button primary" onClick={exportDraft}>
            Export
          </button>
        </>
      }
    >
      <div class="split">
        <label class="field">
          Current ({props.variant.variant}, newest call)
          <textarea
            class="textarea"
            readOnly
            value={props.variant.prompt ?? '(prompt not captured)'}
            data-prompt-original
          />
        </label>
        <label class="field">
          Edited
          <textarea
            class="textarea"
            value={props.draft}
            onInput={(e) => props.onDraft(e.currentTarget.value)}
            data-prompt-editor
          />
        </label>
      </div>
      <AsyncView resource={estimate} skeletonHeight={120}>
        {(e) => <Estimate estimate={e} />}
      </AsyncView>
    </Panel>
  );
}

/** The draft's token change, the variant's traffic and the monthly cost change, per model of its routing mix. */
function Estimate(props: { estimate: EstimateResponse }) {
  const e = () => props.estimate;
  const first = () => e().perModel[0];
  const signed = (value: number, text: string) => `${value > 0 ? '+' : ''}${text}`;
  return (
    <div class="stack" style={{ 'margin-top': '14px' }} data-estimate>
      <div class="row" style={{ gap: '24px' }}>
        <div>
          <div class="faint">Prompt tokens</div>
          <div class="big-number">
            {formatInteger(first()?.originalTokens ?? 0)} → {formatInteger(first()?.editedTokens ?? 0)}
            <span
              class={(first()?.tokenDelta ?? 0) > 0 ? 'delta bad' : 'delta good'}
              style={{ 'font-size': '14px', 'margin-left': '8px' }}
            >
              {signed(first()?.tokenDelta ?? 0, String(first()?.tokenDelta ?? 0))}
            </span>
          </div>
        </div>
        <div>
          <div class="faint">Traffic of this variant</div>
          <div class="big-number">{e().callsPerDay.toFixed(e().callsPerDay < 10 ? 1 : 0)} calls/day</div>
        </div>
        <div>
          <div class="faint">Monthly cost change</div>
          <div class="big-number" style={{ color: e().monthlyDelta > 0 ? 'var(--red)' : 'var(--green)' }}>
            {signed(e().monthlyDelta, formatCost(e().monthlyDelta))}
          </div>
        </div>
      </div>
      <DataTable
        rows={e().perModel}
        columns={[
          { header: 'Model (routing mix)', cell: (m) => formatModelName(m.model) },
          { header: 'Share', align: 'right', cell: (m) => formatPercent(m.share) },
          { header: 'Tokenizer', class: 'faint', cell: (m) => `${m.encoding}${m.approximate ? ' (≈)' : ''}` },
          { header: 'Avg input now', align: 'right', cell: (m) => formatCompact(m.avgPromptTokens) },
          { header: 'Cost / call now', align: 'right', cell: (m) => formatCost(m.currentCostPerCall) },
          { header: 'With edit', align: 'right', cell: (m) => formatCost(m.projectedCostPerCall) },
          { header: 'Per month', align: 'right', cell: (m) => signed(m.monthlyDelta, formatCost(m.monthlyDelta)) },
        ]}
      />
    </div>
  );
}
