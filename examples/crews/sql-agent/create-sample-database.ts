import Database from 'libsql';
import { createSeededRandom } from '../../shared/seeded-random.js';

/** A small shop database the SQL agent queries. */
export interface SampleDatabase {
  /** Rows of a query; rejects with SQLite's own error message. */
  all(sql: string): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** The schema, as the agent's system prompt describes it to the model. */
export const SAMPLE_SCHEMA = `customers(id INTEGER PRIMARY KEY, name TEXT, country TEXT, segment TEXT /* 'smb' | 'mid_market' | 'enterprise' */, signed_up TEXT /* YYYY-MM-DD */)
products(id INTEGER PRIMARY KEY, name TEXT, category TEXT, unit_price REAL /* USD */)
orders(id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers, ordered_at TEXT /* YYYY-MM-DD */, status TEXT /* 'paid' | 'refunded' | 'cancelled' */)
order_items(order_id INTEGER REFERENCES orders, product_id INTEGER REFERENCES products, quantity INTEGER, unit_price REAL /* USD at order time */)`;

const COUNTRIES = ['DE', 'US', 'FR', 'GB', 'NL', 'SE'];
const SEGMENTS = ['smb', 'smb', 'mid_market', 'enterprise'];
const FIRST = ['Blue', 'North', 'Bright', 'Iron', 'Silver', 'Green', 'Swift', 'Oak', 'Red', 'Clear'];
const SECOND = ['Harbor', 'Labs', 'Works', 'Analytics', 'Systems', 'Foods', 'Logistics', 'Studio', 'Health', 'Energy'];
const PRODUCTS: Array<[string, string, number]> = [
  ['Starter plan', 'subscription', 49],
  ['Team plan', 'subscription', 199],
  ['Business plan', 'subscription', 899],
  ['Extra seat', 'add_on', 12],
  ['Audit log retention', 'add_on', 150],
  ['SSO connector', 'add_on', 300],
  ['Onboarding workshop', 'services', 2500],
  ['Custom integration', 'services', 7800],
  ['Priority support', 'support', 600],
  ['Data export pack', 'add_on', 90],
];

/**
 * Create and fill a real SQLite database (in memory by default, or a file) with customers,
 * products and a year of orders, the same for the same seed.
 */
export async function createSampleDatabase(options: { path?: string; seed?: number } = {}): Promise<SampleDatabase> {
  // libsql: the driver Observatory's own SQLite store uses, prebuilt (no install script).
  const db = new Database(options.path ?? ':memory:');
  const run = async (sql: string, params: unknown[] = []) => {
    db.prepare(sql).run(params);
  };
  const all = async (sql: string) => db.prepare(sql).all() as Array<Record<string, unknown>>;

  for (const statement of SAMPLE_SCHEMA.replace(/\/\*.*?\*\//g, '').split('\n')) {
    await run(`CREATE TABLE IF NOT EXISTS ${statement}`);
  }
  const random = createSeededRandom(options.seed ?? 42);
  await run('BEGIN');
  for (let id = 1; id <= 30; id++) {
    const name = `${FIRST[(id * 7) % FIRST.length]} ${SECOND[(id * 3) % SECOND.length]}${id > 10 ? ` ${id}` : ''}`;
    const signedUp = `2024-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    await run('INSERT INTO customers VALUES (?, ?, ?, ?, ?)', [
      id,
      name,
      random.pick(COUNTRIES),
      random.pick(SEGMENTS),
      signedUp,
    ]);
  }
  for (const [index, [name, category, price]] of PRODUCTS.entries()) {
    await run('INSERT INTO products VALUES (?, ?, ?, ?)', [index + 1, name, category, price]);
  }
  for (let id = 1; id <= 180; id++) {
    const orderedAt = `2025-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    const status = random.next() < 0.88 ? 'paid' : random.next() < 0.6 ? 'refunded' : 'cancelled';
    await run('INSERT INTO orders VALUES (?, ?, ?, ?)', [id, random.int(1, 30), orderedAt, status]);
    for (const productIndex of random.sample([...PRODUCTS.keys()], random.int(1, 3))) {
      await run('INSERT INTO order_items VALUES (?, ?, ?, ?)', [
        id,
        productIndex + 1,
        random.int(1, 5),
        PRODUCTS[productIndex][2],
      ]);
    }
  }
  await run('COMMIT');
  return {
    all,
    close: async () => {
      db.close();
    },
  };
}
