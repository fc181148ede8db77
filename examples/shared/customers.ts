import { createSeededRandom } from './seeded-random.js';

/** The plan a tenant pays for; the crews give enterprise tenants their most expensive options. */
export type Plan = 'enterprise' | 'team' | 'starter';

/**
 * Who a session runs for, recorded in the session's and every call's metadata under the
 * names Langfuse and Helicone users already filter by: `userId` (Langfuse's `userId`,
 * Helicone's `Helicone-User-Id`) and `tenantId` (the customer account; a custom property
 * in both), plus the tenant's `plan`.
 */
export interface Customer {
  tenantId: string;
  userId: string;
  plan: Plan;
}

interface Tenant {
  id: string;
  plan: Plan;
  /** Share of all sessions. */
  weight: number;
  users: readonly string[];
}

/**
 * The customers of the crews: five tenants, 33 users. Traffic is skewed as it is in real
 * products — the largest tenant makes ~40% of the sessions, and within a tenant a few power
 * users make most of them (weights 1/rank).
 */
export const TENANTS: readonly Tenant[] = [
  {
    id: 'acme',
    plan: 'enterprise',
    weight: 0.4,
    users: ['maya', 'omar', 'lena', 'raj', 'sofia', 'tom', 'ines', 'kenji', 'ada', 'piotr', 'zara', 'luis'],
  },
  { id: 'northwind', plan: 'team', weight: 0.25, users: ['amara', 'jonas', 'mei', 'diego', 'hana', 'felix', 'noor'] },
  { id: 'contoso', plan: 'enterprise', weight: 0.17, users: ['ravi', 'elena', 'sam', 'yuki', 'bruno', 'leila'] },
  { id: 'fabrikam', plan: 'team', weight: 0.11, users: ['oscar', 'nadia', 'ivan', 'chloe'] },
  { id: 'tailspin', plan: 'starter', weight: 0.07, users: ['ben', 'aiko', 'marta', 'kofi'] },
];

/**
 * A deterministic source of customers, one per session: the same seed gives the same
 * customers in the same order. It draws from its own random stream, so a crew's other
 * choices (which pull requests, which questions) stay what they were for that seed.
 */
export function createCustomerPicker(seed: number): () => Customer {
  const random = createSeededRandom(seed * 7919 + 104_729);
  const pickWeighted = <T>(items: readonly T[], weight: (item: T, index: number) => number): T => {
    const total = items.reduce((sum, item, i) => sum + weight(item, i), 0);
    let point = random.next() * total;
    for (const [i, item] of items.entries()) {
      point -= weight(item, i);
      if (point < 0) return item;
    }
    return items[items.length - 1];
  };
  return () => {
    const tenant = pickWeighted(TENANTS, (t) => t.weight);
    const user = pickWeighted(tenant.users, (_, rank) => 1 / (rank + 1));
    return { tenantId: tenant.id, userId: `${user}@${tenant.id}.example`, plan: tenant.plan };
  };
}

/** The metadata keys a session and its calls carry for a customer. */
/** The customer keys the demo names for rollups, so cost per tenant and per user read like cost per model. */
export const CUSTOMER_METADATA_KEYS = ['tenantId', 'userId'];

export function customerMetadata(customer: Customer): { userId: string; tenantId: string; plan: Plan } {
  return { userId: customer.userId, tenantId: customer.tenantId, plan: customer.plan };
}
