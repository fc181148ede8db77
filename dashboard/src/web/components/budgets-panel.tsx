import { createResource, For, Show } from 'solid-js';
import { groupLabel } from '../../shared/alert-rule.js';
import type { BudgetView } from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { useAppState } from '../app-state.js';
import { formatCost, formatDateTime } from '../format.js';
import { Panel } from './panel.js';

/** Groups shown per budget: the fullest. */
const GROUPS_SHOWN = 5;

/**
 * Spend against each budget this period (of the selected project, and those over every
 * project), with the run-rate forecast of when it runs out. Hidden when there is none;
 * budgets are added in Settings.
 */
export function BudgetsPanel() {
  const state = useAppState();
  const [budgets] = createResource(
    () => state.project(),
    (project) => apiGet<{ items: BudgetView[] }>('alerts/budgets', { project }),
  );
  return (
    <Show when={(budgets.latest?.items.length ?? 0) > 0}>
      <Panel title="Budgets" hint={<a href="/settings#alert-rules">Edit in Settings</a>}>
        <div class="stack" data-budgets>
          <For each={budgets.latest?.items}>
            {(budget) => (
              <div class="stack" data-budget={budget.rule.name}>
                <div class="row" style={{ 'justify-content': 'space-between' }}>
                  <strong>{budget.rule.name}</strong>
                  <span class="faint">
                    {formatCost(budget.rule.amountUsd)} a {budget.rule.period}
                    {budget.rule.project ? ` · ${budget.rule.project}` : ''}
                    {budget.rule.groupBy ? ` · per ${groupLabel(budget.rule.groupBy)}` : ''}
                  </span>
                </div>
                <Show
                  when={budget.groups.length > 0}
                  fallback={<div class="faint">Nothing spent this {budget.rule.period} yet.</div>}
                >
                  <For each={budget.groups.slice(0, GROUPS_SHOWN)}>
                    {(group) => (
                      <div class="budget-row">
                        <a class="budget-group" href={group.link}>
                          {group.group ?? 'All'}
                        </a>
                        <div class={`meter ${group.share >= 1 ? 'over' : group.level !== null ? 'warn' : ''}`}>
                          <span style={{ width: `${Math.min(100, group.share * 100)}%` }} />
                        </div>
                        <span class="mono">
                          {formatCost(group.spentUsd)} ({Math.round(group.share * 100)}%)
                        </span>
                        <span class="faint">
                          {group.share >= 1
                            ? 'over budget'
                            : group.runsOutAt !== null
                              ? `runs out ${formatDateTime(group.runsOutAt, state.timezone())}`
                              : `on pace for ${formatCost(group.projectedUsd)}`}
                        </span>
                      </div>
                    )}
                  </For>
                  <Show when={budget.groups.length > GROUPS_SHOWN}>
                    <div class="faint">and {budget.groups.length - GROUPS_SHOWN} more</div>
                  </Show>
                </Show>
              </div>
            )}
          </For>
        </div>
      </Panel>
    </Show>
  );
}
