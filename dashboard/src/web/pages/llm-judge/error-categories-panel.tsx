import { createMemo, Show } from 'solid-js';
import type { JudgeResponse } from '../../../shared/api-types.js';
import { donutOptions } from '../../charts/donut-options.js';
import { toDonutSeries } from '../../charts/to-category-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { EmptyNote } from '../../components/empty-note.js';
import { Panel } from '../../components/panel.js';

/** The categories your judge gave to low-scored answers. */
export function ErrorCategoriesPanel(props: { judge: JudgeResponse }) {
  const categories = createMemo(() =>
    toDonutSeries(
      props.judge.errorCategories.map((c) => ({ key: c.category, ...c })),
      (c) => c.count,
    ),
  );
  return (
    <Panel title="Error categories" hint="Categories your judge gave low scores">
      <Show when={categories().series.length > 0} fallback={<EmptyNote>No error categories recorded.</EmptyNote>}>
        <ApexChart
          name="judge-categories"
          type="donut"
          height={280}
          series={categories().series}
          options={donutOptions({ labels: categories().labels })}
        />
      </Show>
    </Panel>
  );
}
