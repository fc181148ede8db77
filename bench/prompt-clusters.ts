/**
 * Prompt clustering against known templates: the Cache Analyzer's clustering
 * (dashboard/src/server/analysis/cluster-prompts.ts) on prompts generated from labelled
 * templates, scored with the adjusted Rand index (ARI: 1 = the labels exactly, 0 = chance),
 * and timed on the route's default sample (1,500 prompts) and on 100,000.
 *
 *   npx tsx --conditions=@observatory/source bench/prompt-clusters.ts [--sizes 1500,5000,100000] [--seed 1]
 *
 * Labels: one per template, one per one-off prompt. The hard cases are all in the mix:
 * templates filled with names, numbers and free text from a few words to 1,500 characters;
 * two families of templates that open with the same 2,000-character system prompt and differ
 * only in the task after it (different templates); templates used by several agents with a
 * different role label, agent name or closing line (one template); a judge whose prompts
 * quote requests other templates' prompts carry; a retrieval template whose context
 * passages repeat; exact repeats; one-off prompts, some asked again. Prompts are cut as the
 * route cuts them (see `comparedText`), and a prompt no cluster holds counts as its own
 * cluster. Free text is drawn with Zipf-distributed word frequencies, so fills share common
 * word pairs ("of the") as real text does. Deterministic for a seed.
 */
import { createHash } from 'node:crypto';
import { clusterPrompts, preparePrompt } from '../dashboard/src/server/analysis/cluster-prompts.js';
import { formatNumber } from './bench-utils.js';
import { readFlags } from './read-flags.js';

const flags = readFlags();
const sizes = (flags.text('sizes') ?? '1500,5000,100000').split(',').map((s) => Number(s.replace(/_/g, '')));
const seed = flags.int('seed', 0, 1_000_000, 1);
/** Skeleton similarity (percent) at which requests link; the clustering's own default unless given. */
const threshold = flags.text('threshold') === undefined ? undefined : flags.int('threshold', 10, 100, 30) / 100;
const cuts = (flags.text('cuts') ?? 'full,head,head+tail').split(',');

// ---- deterministic choices -------------------------------------------------------------

/** A small seeded generator (mulberry32): the n-th prompt is the same on every run. */
function createRandom(seedValue: number) {
  let state = Number.parseInt(
    createHash('sha256').update(`prompt-clusters:${seedValue}`).digest('hex').slice(0, 8),
    16,
  );
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof createRandom>;

// ---- free text with a natural word distribution ----------------------------------------

const COMMON = `the of and to a in is that for it as with was on be by this are or at from have an
not but you we they which one can all their has more will if about there so my your our what when how
also been would its into than some other these only do new may could just like time up out them then
very after most over such where many should well because through each any both those between under`.split(/\s+/);
const DOMAIN = `customer order invoice payment refund account service team project release deploy database query
report error latency budget feature user ticket issue review design schedule meeting manager engineer
product market price contract delivery warehouse shipment supplier inventory forecast revenue growth
churn retention onboarding training interview salary offer candidate role skill experience resume letter
policy security access token password login session cache memory storage network server client request
response model prompt answer question context document summary translation travel flight hotel booking
itinerary visa passport museum restaurant weather city country holiday family friend birthday gift
school course lesson student teacher exam grade research paper dataset metric experiment result chart`.split(/\s+/);
const SYLLABLES = 'ka lo mi ru te sa no vi de pa ri go ne ta lu be so ma ki ze fo ha ju we'.split(' ');

/** Words ranked by frequency: common words, then domain words, then made-up rarer ones. */
function buildVocabulary(random: Random): string[] {
  const words = [...COMMON, ...DOMAIN];
  const seen = new Set(words);
  while (words.length < 6000) {
    let w = '';
    for (let s = random.int(2, 4); s > 0; s--) w += random.pick(SYLLABLES);
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

/** Zipf(1.07) over the vocabulary, by inverting the cumulative weights. */
function createText(random: Random) {
  const vocabulary = buildVocabulary(random);
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= vocabulary.length; rank++) {
    total += 1 / rank ** 1.07;
    cumulative.push(total);
  }
  const word = () => {
    const x = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo];
  };
  const sentence = () => {
    const words = Array.from({ length: random.int(5, 18) }, word);
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return `${words.join(' ')}${random.chance(0.15) ? '?' : '.'}`;
  };
  /** Free text of about `chars` characters. */
  const text = (chars: number) => {
    let out = '';
    while (out.length < chars) out += (out ? ' ' : '') + sentence();
    return out;
  };
  return { word, sentence, text };
}

// ---- fills --------------------------------------------------------------------------------

const FIRST = `Alice Bob Carmen Dmitri Elena Farah Gustavo Hana Ivan Jia Kofi Lena Mateo Nadia Omar Priya Quinn
Rosa Sven Tariq Uma Victor Wen Ximena Yusuf Zoe Amara Bruno Chloe Diego Emeka Freya Giulia Hugo Ines Jonas`.split(
  /\s+/,
);
const LAST = `Smith Garcia Müller Rossi Kowalski Nguyen Okafor Silva Tanaka Haddad Jensen Novak Costa Ivanova
Dubois Larsen Moreau Petrov Santos Schmidt Weber Yilmaz Zhang Kim Patel Fischer`.split(/\s+/);
const CITIES = ['Lisbon', 'Berlin', 'Nairobi', 'Osaka', 'Toronto', 'Austin', 'Kraków', 'Bogotá', 'Rio de Janeiro'];
const LANGUAGES = ['German', 'Spanish', 'Portuguese', 'Japanese', 'Polish', 'French', 'Turkish'];

function createFills(random: Random) {
  const text = createText(random);
  const name = () => `${random.pick(FIRST)} ${random.pick(LAST)}`;
  const date = () => `2026-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
  const amount = () => `$${formatNumber(random.int(5, 90_000) + random.int(0, 99) / 100)}`;
  /** Free text whose length is spread over short and long (log-uniform between the bounds). */
  const freeText = (min: number, max: number) => text.text(Math.round(min * (max / min) ** random.next()));
  const diff = () => {
    const file = `src/${text.word()}/${text.word()}-${text.word()}.ts`;
    const lines = Array.from(
      { length: random.int(3, 24) },
      () =>
        `${random.pick(['+', '-', ' '])}  ${random.pick(['const', 'await', 'return', 'if (', 'throw new'])} ${text.word()}${random.pick(['(', ' = ', '.', ' && '])}${text.word()}${random.pick([');', ';', ' {', ''])}`,
    );
    return `--- a/${file}\n+++ b/${file}\n@@ -${random.int(1, 400)},${random.int(3, 30)} @@\n${lines.join('\n')}`;
  };
  return { ...text, name, date, amount, freeText, diff, int: random.int, pick: random.pick, chance: random.chance };
}
type Fills = ReturnType<typeof createFills>;

// ---- templates ----------------------------------------------------------------------------

/** A ~2,000-character system prompt shared by several templates (built once per family). */
function sharedSystemPrompt(title: string, rules: string[], fills: Fills): string {
  let prompt = `${title}\nRules, in order of importance:\n${rules.map((r, i) => `${i + 1}. ${r}`).join('\n')}\n`;
  let n = rules.length;
  while (prompt.length < 2000) prompt += `${++n}. ${fills.sentence()}\n`;
  return prompt;
}

const CODE_RULES = [
  'Correctness and security before style. Flag data loss, auth bypass, injection, race conditions and leaks first.',
  'Every finding names the file and line, says what goes wrong for a user, and how likely it is.',
  'Performance findings need a number: rows, requests per second, milliseconds, bytes.',
  'Do not ask for tests that already exist, and do not restate the diff back to the author.',
  'Style and naming are out of scope unless they hide a bug. Be direct and kind; the author is a colleague.',
];
const SUPPORT_RULES = [
  'Refunds are possible within 30 days of delivery for unopened items, and within 14 days for opened ones.',
  'Never promise a delivery date; quote the carrier estimate and say it is an estimate.',
  'Gold customers get free return shipping; everyone else pays the label unless the item arrived damaged.',
  'Do not ask for card numbers or passwords, ever. Link to the account page instead.',
  'Escalate legal threats, safety issues and data requests to a human agent without answering them.',
];

const JUDGE_SYSTEM = `You are a strict evaluator of coaching answers. Read the user's request and the answer.
Return only JSON: {"score": 0-10, "reasoning": string, "hallucination": boolean, "confidence": 0-1, "suggestions": string[]}.
Score 9-10: specific, actionable, grounded in the request. 5-6: generic but correct. Below 4: wrong or misleading.`;
const COACH_PREAMBLE = `You are Career Copilot, a career coach for people in tech. Be honest, specific and encouraging.
Never invent statistics, surveys or sources; when you are unsure of a number, give a range and say it is an estimate.`;

interface Template {
  id: string;
  /** Share of the template prompts. */
  weight: number;
  make(f: Fills, ctx: Shared): string;
}

/** What templates share: the long system prompts, the coach requests a judge quotes, retrieval passages. */
interface Shared {
  codeSystem: string;
  supportSystem: string;
  coachRequests: string[];
  passages: string[];
}

const role = (f: Fills) => f.pick(['system', 'developer', 'System']);

const TEMPLATES: Template[] = [
  {
    id: 'birthday',
    weight: 3,
    make: (f) =>
      `Write a warm birthday message for ${f.name()}, who turns ${f.int(18, 90)} on ${f.date()}. Mention their love of ${f.word()} and ${f.word()}. Keep it under ${f.int(40, 120)} words and sign it from the ${f.pick(CITIES)} team.`,
  },
  {
    id: 'invoice-reminder',
    weight: 3,
    make: (f) =>
      `Draft a polite reminder to ${f.name()} that invoice #${f.int(1000, 99999)} for ${f.amount()} was due on ${f.date()}. Offer a payment plan of ${f.int(2, 6)} instalments if they reply before ${f.date()}, and keep the tone friendly.`,
  },
  {
    id: 'text-to-sql',
    weight: 4,
    make: (f) =>
      `Translate the question into one SQLite query over the tables orders(id, customer_id, total, status, created_at) and customers(id, name, country, segment). Return only the SQL, no explanation.\nQuestion: ${f.freeText(30, 160)}`,
  },
  {
    id: 'ticket-summary',
    weight: 6,
    make: (f) =>
      `Summarize the following support ticket in two sentences for the on-call engineer, then classify its severity as low, medium or high.\n\nTicket from ${f.name()} (${f.pick(['free', 'pro', 'enterprise'])} plan):\n${f.freeText(20, 1500)}`,
  },
  {
    id: 'extract-entities',
    weight: 4,
    make: (f) =>
      `Extract every person, company and date mentioned in the text below. Answer as JSON with the keys people, companies and dates, each a list of strings.\n\nText: ${f.freeText(40, 1200)}\n\nJSON:`,
  },
  {
    id: 'translate',
    weight: 3,
    make: (f) =>
      `Translate the following customer message from ${f.pick(LANGUAGES)} into English, keeping names, numbers and product codes unchanged:\n${f.freeText(20, 600)}`,
  },
  {
    id: 'rewrite-email',
    weight: 3,
    // The name comes first: a slot before the template text.
    make: (f) =>
      `Hi ${f.pick(FIRST)}, thanks for the draft about ${f.word()} ${f.word()}. Please rewrite it so it sounds friendly but firm, fix the grammar and keep it under 150 words:\n${f.freeText(60, 900)}`,
  },
  {
    id: 'churn-risk',
    weight: 2,
    // Slots first, instructions last.
    make: (f) =>
      `Customer: ${f.name()} (${f.pick(['gold', 'silver', 'basic'])}, since ${f.int(2012, 2026)})\nCity: ${f.pick(CITIES)}\nLast tickets: ${f.freeText(20, 200)}; ${f.freeText(20, 200)}\nTask: predict the churn risk of this customer as low, medium or high, with one reason taken from the tickets above.`,
  },
  {
    id: 'coach',
    weight: 5,
    make: (f, ctx) => {
      const request = `${f.pick(['How do I', 'Can you help me', 'What should I do to', 'Prepare me to'])} ${f.freeText(40, 400)}`;
      ctx.coachRequests.push(request);
      return `${role(f)}: ${COACH_PREAMBLE}\nGive one concrete next step and one thing to avoid, in at most 120 words.\nuser: ${request}`;
    },
  },
  {
    id: 'judge',
    weight: 8,
    // Quotes the request of a recent coach prompt: the same text is in two templates' prompts.
    make: (f, ctx) =>
      `system: ${JUDGE_SYSTEM}\nuser: Request:\n${ctx.coachRequests.length > 0 ? f.pick(ctx.coachRequests.slice(-3)) : f.freeText(40, 400)}\n\nAnswer:\n${f.freeText(100, 900)}`,
  },
  {
    id: 'code-analyzer',
    weight: 4,
    make: (f, ctx) =>
      `${ctx.codeSystem}\nYour role: Analyzer. Read the diff and list the risks it carries, one per line as "risk: <what>", then say which files change and how many lines.\nHuman: Pull request #${f.int(100, 9999)}: ${f.sentence()}\n\nDiff:\n${f.diff()}`,
  },
  {
    id: 'code-reviewer',
    weight: 4,
    make: (f, ctx) =>
      `${ctx.codeSystem}\nYour role: Reviewer. Using the analysis and the diff, list each real problem as "issue: <finding>". End with exactly one line: "VERDICT: approve" when there is no issue, else "VERDICT: request_changes".\nHuman: Pull request #${f.int(100, 9999)}: ${f.sentence()}\n\nAnalysis:\n${f.freeText(80, 400)}\n\nDiff:\n${f.diff()}`,
  },
  {
    id: 'code-fixer',
    weight: 2,
    make: (f, ctx) =>
      `${ctx.codeSystem}\nYour role: Fixer. For each issue the reviewer raised, write the smallest patch that fixes it as a unified diff, and nothing else; skip issues you disagree with and say why in one line.\nHuman: Issues:\n${f.freeText(60, 500)}\n\nDiff:\n${f.diff()}`,
  },
  {
    id: 'support-reply',
    weight: 4,
    make: (f, ctx) =>
      `${ctx.supportSystem}\nTask: write the reply to the customer below in at most 120 words, in the customer's language, quoting the rule you apply.\nCustomer (${f.pick(['gold', 'standard'])}): ${f.freeText(30, 700)}`,
  },
  {
    id: 'support-refund',
    weight: 3,
    make: (f, ctx) =>
      `${ctx.supportSystem}\nTask: decide whether the refund request below is eligible under the policy. Answer ELIGIBLE or NOT ELIGIBLE on the first line, then one sentence citing the rule number.\nRequest from ${f.name()}, order #${f.int(10000, 99999)} for ${f.amount()}, delivered ${f.date()}: ${f.freeText(30, 500)}`,
  },
  {
    id: 'itinerary-check',
    weight: 3,
    // One template run by three agents: role label, agent name and a closing line vary.
    make: (f) =>
      `${role(f)}: You are ${f.pick(['Planner', 'Booker', 'Concierge'])}, part of the travel desk. Check the itinerary below for impossible connections, missing visas and hotel nights that do not match the flights. List each problem with the day it happens; say "no problems found" otherwise.\nItinerary for ${f.name()}: ${f.freeText(80, 700)}${f.chance(0.5) ? '\nReply in English.' : ''}`,
  },
  {
    id: 'rag-answer',
    weight: 4,
    // Retrieval returns the same passages for many questions: a repeated block inside the template.
    make: (f, ctx) =>
      `${role(f)}: Answer the question using only the context. If the context does not contain the answer, say you do not know. Cite the passage number you used.\n\nContext:\n[1] ${f.pick(ctx.passages)}\n[2] ${f.pick(ctx.passages)}\n\nQuestion: ${f.freeText(30, 200)}`,
  },
];

// ---- the labelled sample --------------------------------------------------------------------

interface LabelledPrompt {
  text: string;
  label: string;
}

/**
 * `n` prompts: 16 fixed templates plus generated ones (more at larger n, one in five sharing
 * a generated system prompt), 15% one-off prompts, 3% one-off prompts asked again, 10%
 * exact repeats of an earlier prompt of the same template.
 */
function generatePrompts(n: number, seedValue: number): LabelledPrompt[] {
  const random = createRandom(seedValue);
  const f = createFills(random);
  const shared: Shared = {
    codeSystem: `System: ${sharedSystemPrompt('You are part of the code review crew of a B2B SaaS team (TypeScript, Node 20, PostgreSQL).', CODE_RULES, f)}`,
    supportSystem: `system: ${sharedSystemPrompt('You are the support assistant of an online shop for outdoor gear.', SUPPORT_RULES, f)}`,
    coachRequests: [],
    passages: Array.from({ length: 60 }, () => f.freeText(150, 500)),
  };
  const templates = [...TEMPLATES, ...generatedTemplates(Math.max(8, Math.round(n / 2500)), f)];
  const totalWeight = templates.reduce((s, t) => s + t.weight, 0);
  const made = new Map<string, string[]>();
  const oneOffs: string[] = [];
  const prompts: LabelledPrompt[] = [];
  for (let i = 0; i < n; i++) {
    const roll = random.next();
    if (roll < 0.15) {
      const text = f.pick([() => f.freeText(20, 300), () => f.freeText(300, 2500), () => `${f.sentence()}`])();
      oneOffs.push(text);
      prompts.push({ text, label: `one-off:${oneOffs.length}` });
      continue;
    }
    if (roll < 0.18 && oneOffs.length > 0) {
      const k = random.int(0, Math.min(oneOffs.length, 20) - 1);
      prompts.push({ text: oneOffs[k], label: `one-off:${k + 1}` });
      continue;
    }
    const template = pickWeighted(templates, random.next() * totalWeight);
    const earlier = made.get(template.id) ?? [];
    const text = earlier.length > 0 && random.chance(0.1) ? random.pick(earlier) : template.make(f, shared);
    earlier.push(text);
    made.set(template.id, earlier);
    prompts.push({ text, label: template.id });
  }
  return prompts;
}

/** The template a point in [0, total weight) falls on. */
function pickWeighted(templates: readonly Template[], point: number): Template {
  let left = point;
  for (const template of templates) {
    left -= template.weight;
    if (left < 0) return template;
  }
  return templates[templates.length - 1];
}

/** Templates made of generated instruction text and slots; every fifth family shares one long system prompt. */
function generatedTemplates(count: number, f: Fills): Template[] {
  const templates: Template[] = [];
  let system = '';
  for (let i = 0; i < count; i++) {
    if (i % 5 === 0) system = sharedSystemPrompt(`You are ${f.sentence()}`, [f.sentence(), f.sentence()], f);
    const shareSystem = i % 5 < 2;
    const head = `${shareSystem ? `${system}\n` : ''}${Array.from({ length: f.int(1, 3) }, () => f.sentence()).join(' ')}`;
    const middle = Array.from({ length: f.int(1, 2) }, () => f.sentence()).join(' ');
    const kinds = [
      () => f.name(),
      () => String(f.int(1, 99999)),
      () => f.freeText(20, 120),
      () => f.freeText(100, 1500),
    ];
    const slotA = f.pick(kinds);
    const slotB = f.pick(kinds);
    templates.push({
      id: `generated-${i}`,
      weight: 1 + (i % 3),
      make: () => `${head}\nInput: ${slotA()}\n${middle}\n${slotB()}`,
    });
  }
  return templates;
}

// ---- scoring ----------------------------------------------------------------------------------

/** Pairs among n. */
const pairs = (n: number) => (n * (n - 1)) / 2;

/** Adjusted Rand index of two labelings of the same items (Hubert & Arabie, 1985). */
export function adjustedRandIndex(truth: readonly (string | number)[], found: readonly (string | number)[]): number {
  const cells = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const columns = new Map<string | number, number>();
  for (let i = 0; i < truth.length; i++) {
    const cell = `${truth[i]}\u0000${found[i]}`;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
    rows.set(truth[i], (rows.get(truth[i]) ?? 0) + 1);
    columns.set(found[i], (columns.get(found[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const n of cells.values()) index += pairs(n);
  let a = 0;
  for (const n of rows.values()) a += pairs(n);
  let b = 0;
  for (const n of columns.values()) b += pairs(n);
  const expected = (a * b) / pairs(truth.length);
  const max = (a + b) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

// ---- the clustering under test ------------------------------------------------------------

/** How a prompt is read: whole, its first 1,000 characters (the route today), or those and its last 1,000. */
const CUTS: Record<string, (prompt: string) => [string, string?]> = {
  full: (prompt) => [prompt],
  head: (prompt) => [prompt.slice(0, 1000)],
  'head+tail': (prompt) => (prompt.length <= 2000 ? [prompt] : [prompt.slice(0, 1000), prompt.slice(-1000)]),
};

/** A cluster id for every prompt (a prompt in no cluster is its own), and the time to prepare and to cluster. */
function clusterLabels(texts: readonly [string, string?][], threshold: number | undefined) {
  const started = performance.now();
  const prepared = texts.map(([head, tail]) => preparePrompt(head, tail));
  const preparedAt = performance.now();
  const clusters = clusterPrompts(prepared, { threshold });
  const clusterMs = performance.now() - preparedAt;
  const labels = texts.map((_, i) => -1 - i);
  clusters.forEach((cluster, c) => {
    for (const request of cluster.requests) for (const m of request) labels[m] = c;
  });
  return { labels, prepareMs: preparedAt - started, clusterMs };
}

/** Where each template's prompts went, and what each large cluster holds. */
function printDetail(truth: readonly string[], labels: readonly number[]) {
  const byLabel = new Map<string, Map<number, number>>();
  truth.forEach((t, i) => {
    const key = t.startsWith('one-off') ? 'one-off' : t;
    const m = byLabel.get(key) ?? new Map<number, number>();
    const c = labels[i] < 0 ? -1 : labels[i];
    m.set(c, (m.get(c) ?? 0) + 1);
    byLabel.set(key, m);
  });
  for (const [label, m] of [...byLabel].sort()) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const top = [...m].sort((a, b) => b[1] - a[1]).slice(0, 6);
    process.stderr.write(
      `${label.padEnd(18)} ${String(total).padStart(5)} → ${m.size} clusters: ${top.map(([c, n]) => `${c}:${n}`).join(' ')}\n`,
    );
  }
  const byCluster = new Map<number, Map<string, number>>();
  labels.forEach((c, i) => {
    if (c < 0) return;
    const m = byCluster.get(c) ?? new Map<string, number>();
    m.set(truth[i], (m.get(truth[i]) ?? 0) + 1);
    byCluster.set(c, m);
  });
  for (const [c, m] of byCluster) {
    if (m.size < 2) continue;
    process.stderr.write(
      `cluster ${c} mixes ${[...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([l, n]) => `${l}:${n}`)
        .join(' ')}\n`,
    );
  }
}

// ---- run ------------------------------------------------------------------------------------

const rows: string[] = [];
for (const n of sizes) {
  const prompts = generatePrompts(n, seed);
  const truth = prompts.map((p) => p.label);
  const templates = new Set(truth.filter((l) => !l.startsWith('one-off'))).size;
  const chars = prompts.reduce((s, p) => s + p.text.length, 0) / n;
  for (const [cut, slice] of Object.entries(CUTS).filter(([name]) => cuts.includes(name))) {
    const { labels, prepareMs, clusterMs } = clusterLabels(
      prompts.map((p) => slice(p.text)),
      threshold,
    );
    const ari = adjustedRandIndex(truth, labels);
    const found = new Set(labels.filter((l) => l >= 0)).size;
    if (flags.text('detail') === cut) printDetail(truth, labels);
    rows.push(
      `| ${formatNumber(n, 0)} | ${formatNumber(chars, 0)} | ${cut} | ${templates} | ${found} | **${ari.toFixed(3)}** | ${formatNumber(prepareMs, 0)} ms | ${formatNumber(clusterMs, 0)} ms |`,
    );
    process.stderr.write(`${formatNumber(n, 0)} prompts, ${cut}: ARI ${ari.toFixed(3)}\n`);
  }
}

console.log(
  `Prompt clusters against template labels (seed ${seed}, threshold ${threshold ?? 'default'}, node ${process.version})\n`,
);
console.log('| prompts | mean chars | compared | templates | clusters found | ARI | prepare | cluster |');
console.log('| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
console.log(rows.join('\n'));
