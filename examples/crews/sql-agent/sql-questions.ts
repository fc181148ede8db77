import type { SimulatedReply, SimulatedRequest } from '../../shared/simulated-provider.js';

type Row = Record<string, unknown>;

/** A question for the SQL agent, with the queries a good model would run for it. */
export interface SqlQuestion {
  id: string;
  question: string;
  /** In order; a later query may fix an error of the one before. */
  queries: string[];
  /** The answer, from the rows of the last query. */
  answer: (rows: Row[]) => string;
}

const PAID_REVENUE = `SELECT %GROUP%, ROUND(SUM(oi.quantity * oi.unit_price), 2) AS revenue
FROM orders o JOIN order_items oi ON oi.order_id = o.id %JOIN%
WHERE o.status = 'paid' AND o.ordered_at BETWEEN '2025-01-01' AND '2025-12-31'
GROUP BY %GROUP% ORDER BY revenue DESC`;

const money = (value: unknown) => `$${Number(value).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const list = (rows: Row[], label: string, value: (row: Row) => string) =>
  rows.map((row) => `${row[label]} (${value(row)})`).join(', ');

export const SQL_QUESTIONS: readonly SqlQuestion[] = [
  {
    id: 'top_customers',
    question: 'Which three customers brought in the most paid revenue in 2025, and how much?',
    queries: [
      `${PAID_REVENUE.replaceAll('%GROUP%', 'c.name').replace('%JOIN%', 'JOIN customers c ON c.id = o.customer_id')} LIMIT 3`,
    ],
    answer: (rows) =>
      `The top three customers by paid revenue in 2025 were ${list(rows, 'name', (r) => money(r.revenue))}.`,
  },
  {
    id: 'revenue_by_country',
    question: 'How much paid revenue did each country bring in during 2025?',
    queries: [
      PAID_REVENUE.replaceAll('%GROUP%', 'c.country').replace('%JOIN%', 'JOIN customers c ON c.id = o.customer_id'),
    ],
    answer: (rows) =>
      `Paid revenue in 2025 by country: ${list(rows, 'country', (r) => money(r.revenue))}. ${rows[0]?.country} leads.`,
  },
  {
    id: 'orders_per_quarter',
    question: 'How many paid orders did we get in each quarter of 2025?',
    queries: [
      // The model's first try guesses a column name; SQLite's error tells it the right one.
      `SELECT strftime('%Q', order_date) AS quarter, COUNT(*) AS orders FROM orders WHERE status = 'paid' GROUP BY quarter`,
      `SELECT 'Q' || ((CAST(substr(ordered_at, 6, 2) AS INTEGER) + 2) / 3) AS quarter, COUNT(*) AS orders
FROM orders WHERE status = 'paid' AND ordered_at LIKE '2025-%' GROUP BY quarter ORDER BY quarter`,
    ],
    answer: (rows) => `Paid orders per quarter of 2025: ${list(rows, 'quarter', (r) => String(r.orders))}.`,
  },
  {
    id: 'refund_share_by_segment',
    question: 'What share of orders was refunded in each customer segment?',
    queries: [
      `SELECT c.segment, ROUND(100.0 * SUM(o.status = 'refunded') / COUNT(*), 1) AS refunded_pct, COUNT(*) AS orders
FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.segment ORDER BY refunded_pct DESC`,
    ],
    answer: (rows) =>
      `Refunded share of orders by segment: ${list(rows, 'segment', (r) => `${r.refunded_pct}% of ${r.orders}`)}.`,
  },
  {
    id: 'revenue_by_category',
    question: 'Which product category brings in the most paid revenue?',
    queries: [
      PAID_REVENUE.replaceAll('%GROUP%', 'p.category').replace('%JOIN%', 'JOIN products p ON p.id = oi.product_id'),
    ],
    answer: (rows) =>
      `${rows[0]?.category} brings in the most paid revenue (${money(rows[0]?.revenue)}), followed by ${list(rows.slice(1), 'category', (r) => money(r.revenue))}.`,
  },
  {
    id: 'refund_reasons',
    question: 'What are the most common reasons customers give for refunds?',
    // There is no such table: the agent cannot answer from this database.
    queries: [`SELECT reason, COUNT(*) AS refunds FROM refunds GROUP BY reason ORDER BY refunds DESC LIMIT 5`],
    answer: () => '',
  },
];

/**
 * The offline stand-in for the SQL agent's model: for a known question it calls `runQuery`
 * with the next planned query, and once the plan is done answers from the last result —
 * or, when the last query failed, says it cannot answer.
 */
export function sqlAgentResponder(request: SimulatedRequest): Partial<SimulatedReply> {
  const question = request.turns.find((turn) => turn.role === 'user')?.text ?? '';
  const planned = SQL_QUESTIONS.find((q) => question.includes(q.question));
  const results = request.turns.filter((turn) => turn.role === 'tool').map((turn) => turn.text);
  if (planned && results.length < planned.queries.length) {
    return { toolCalls: [{ id: '', name: 'runQuery', input: { sql: planned.queries[results.length] } }] };
  }
  const last = results.at(-1) ?? '';
  if (!planned || last.startsWith('Error:') || last === '') {
    return {
      text: `I could not answer this from the database: ${last.replace(/^Error:\s*/, '') || 'no query ran'}. The tables are customers, products, orders and order_items; none of them records refund reasons.`,
    };
  }
  const { rows } = JSON.parse(last) as { rows: Row[] };
  return { text: planned.answer(rows) };
}
