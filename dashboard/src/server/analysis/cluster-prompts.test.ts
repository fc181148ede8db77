import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  clusterPrompts,
  jaccard,
  minHashSignature,
  type PromptCluster,
  preparePrompt,
  toShingles,
} from './cluster-prompts.js';

// Deterministic choices: the n-th draw is a hash of n, so the tests never vary.
let draws = 0;
const int = (min: number, max: number) =>
  min + (createHash('sha256').update(`cluster-prompts:${draws++}`).digest().readUInt32BE(0) % (max - min + 1));
const WORDS = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
const COMMON = ['the', 'of', 'and', 'to', 'a', 'in', 'is', 'for'];
/** Free text of `n` words, a third of them common ones, as fills are. */
const text = (n: number) =>
  Array.from({ length: n }, () =>
    int(0, 2) === 0 ? COMMON[int(0, COMMON.length - 1)] : WORDS[int(0, WORDS.length - 1)],
  ).join(' ');
const shinglesOf = (prompt: string) => toShingles(preparePrompt(prompt).sequence);

/** A system prompt of just over 2,000 characters. */
const SYSTEM = (() => {
  let prompt = 'You are the support assistant of an online shop.';
  for (let rule = 1; prompt.length <= 2000; rule++) prompt += `\nRule ${rule}: ${text(8)}.`;
  return prompt;
})();

/** The demo crews' judge prompt. */
const JUDGE = `system: You are a strict evaluator of career-coaching answers. Read the user's request and the answer.
Return only JSON: {"score": 0-10, "reasoning": string, "hallucination": boolean, "factual_error": boolean,
"confidence": 0-1, "error_category": string|null, "suggestions": string[]}.
Score 9-10: specific, actionable, grounded in the request. 5-6: generic but correct. Below 4: wrong or misleading.
Flag hallucination when the answer cites a survey, study or statistic that cannot be verified.`;

/** Which of `groups` each cluster holds, as sorted group names, e.g. [['a'], ['b', 'c']]. */
function clusteredAs(clusters: PromptCluster[], groups: Record<string, number[]>): string[][] {
  const nameOf = new Map(Object.entries(groups).flatMap(([name, indices]) => indices.map((i) => [i, name] as const)));
  return clusters
    .map((cluster) => [...new Set(cluster.requests.flat().map((i) => nameOf.get(i) ?? `#${i}`))].sort())
    .sort((a, b) => a.join().localeCompare(b.join()));
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('preparePrompt', () => {
  it('reads the same words in the same order as one wording, whatever the case, punctuation and numbers', () => {
    const wording = (prompt: string) => preparePrompt(prompt).wording;
    expect(wording('Reset my password for account 4411, please!')).toBe(
      wording('reset my PASSWORD for account 17 please'),
    );
    expect(wording('Reset my password, please')).not.toBe(wording('Please reset my password'));
    expect(wording('Résumé for Zoë')).toBe(wording('RÉSUMÉ FOR ZOË'));
    expect(preparePrompt('Invoice 2026-03 for order 4411, v2').numbers).toEqual(['2026', '03', '4411', '2']);
  });

  it('reads a cut prompt as its head and its tail, without shingles across the cut', () => {
    const whole = preparePrompt('one two three four five six seven eight');
    const cut = preparePrompt('one two three four', 've six seven eight');
    // The tail's first word may be cut in two ("ve"): it is skipped.
    expect(cut.wording).not.toBe(whole.wording);
    expect(cut.sequence.filter((x) => x === 0)).toHaveLength(1);
    expect([...toShingles(cut.sequence)].every((x) => toShingles(whole.sequence).includes(x))).toBe(true);
  });
});

describe('shingles and MinHash', () => {
  it('measures Jaccard similarity over word triples', () => {
    // {a b c, b c d} vs {a b c, b c e}: 1 shared of 3.
    expect(jaccard(shinglesOf('a b c d'), shinglesOf('a b c e'))).toBeCloseTo(1 / 3, 10);
    expect(jaccard(shinglesOf('Hello there, world'), shinglesOf('hello THERE world'))).toBe(1);
  });

  it('estimates Jaccard similarity from MinHash signatures without bias', () => {
    const errors: number[] = [];
    for (let t = 0; t < 30; t++) {
      const a = shinglesOf(Array.from({ length: 200 }, (_, i) => `w${t}x${i}`).join(' '));
      const b = shinglesOf(Array.from({ length: 200 }, (_, i) => `w${t}x${i < 150 ? i : i + 1000}`).join(' '));
      const sa = minHashSignature(a, 256);
      const sb = minHashSignature(b, 256);
      errors.push(sa.filter((v, i) => v === sb[i]).length / 256 - jaccard(a, b));
    }
    const meanError = errors.reduce((x, y) => x + y, 0) / errors.length;
    const meanAbsError = errors.reduce((x, y) => x + Math.abs(y), 0) / errors.length;
    // One estimate has a standard error of sqrt(0.6 × 0.4 / 256) ≈ 0.031.
    expect(Math.abs(meanError)).toBeLessThan(0.015);
    expect(meanAbsError).toBeLessThan(0.04);
  });
});

describe('clusterPrompts', () => {
  it('makes one cluster of one template with 30 different fills, each its own request', () => {
    const prompts = Array.from(
      { length: 30 },
      (_, i) =>
        `Summarize the following support ticket in two sentences for the on-call engineer, then classify its severity as low, medium or high.\nTicket ${i}: ${text(10 + int(0, 150))}`,
    );
    const clusters = clusterPrompts(prompts.map((p) => preparePrompt(p)));
    expect(clusters).toHaveLength(1);
    expect(clusters[0].requests).toHaveLength(30);
    expect(clusters[0].requests.every((r) => r.length === 1)).toBe(true);
  });

  it('makes one cluster of one request of 30 identical prompts', () => {
    const prompts = Array.from({ length: 30 }, () => 'How do I reset my password?');
    const clusters = clusterPrompts([...prompts, text(40)].map((p) => preparePrompt(p)));
    expect(clusters).toEqual([{ requests: [range(0, 30)], similarity: 1 }]);
  });

  it('reads prompts that differ in one number as one request, in two numbers as two', () => {
    const oneNumber = range(0, 10).map((i) => `How do I reset the password of shop account number ${i}?`);
    const twoNumbers = range(0, 10).map((i) => `Day ${i}: a question about invoice ${i * 7919} and nothing else`);
    const clusters = clusterPrompts([...oneNumber, ...twoNumbers].map((p) => preparePrompt(p)));
    expect(clusters.map((c) => c.requests.map((r) => r.length))).toEqual([[10], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]]);
  });

  it('tells apart two templates that open with the same 2,000-character system prompt', () => {
    expect(SYSTEM.length).toBeGreaterThan(2000);
    const reply = range(0, 20).map(
      () =>
        `${SYSTEM}\nTask: write the reply to the customer below in at most 120 words, quoting the rule you apply.\nCustomer: ${text(20 + int(0, 80))}`,
    );
    const refund = range(0, 20).map(
      () =>
        `${SYSTEM}\nTask: decide whether the refund request below is eligible under the rules; answer ELIGIBLE or NOT ELIGIBLE, then cite the rule.\nRequest: ${text(20 + int(0, 80))}`,
    );
    const oneOffs = range(0, 10).map(() => text(30));
    const clusters = clusterPrompts([...reply, ...refund, ...oneOffs].map((p) => preparePrompt(p)));
    expect(clusteredAs(clusters, { reply: range(0, 20), refund: range(20, 20) })).toEqual([['refund'], ['reply']]);
    expect(clusters.map((c) => c.requests.length)).toEqual([20, 20]);
  });

  it('tells them apart from a prompt cut to its first and last 1,000 characters when the task is in the tail', () => {
    const cut = (prompt: string) => preparePrompt(prompt.slice(0, 1000), prompt.slice(-1000));
    const make = (task: string) => `${SYSTEM}\n${task}\nInput: ${text(20 + int(0, 60))}`;
    const a = range(0, 15).map(() =>
      make('Task: list every product the customer names, one per line, with its price.'),
    );
    const b = range(0, 15).map(() =>
      make('Task: say in one sentence whether the customer sounds angry, and why you think so.'),
    );
    const clusters = clusterPrompts([...a, ...b].map(cut));
    expect(clusteredAs(clusters, { a: range(0, 15), b: range(15, 15) })).toEqual([['a'], ['b']]);
  });

  it('keeps a template whole when its prompts quote text another template carries (a judge and the answers it grades)', () => {
    // 20 requests, each answered once; the answers (five canned ones) graded once or twice.
    const requests = range(0, 20).map(() => text(20 + int(0, 30)));
    const answers = range(0, 5).map(() => text(30));
    const coach = requests.map(
      (r) =>
        `You are a career coach. Give one concrete next step and one thing to avoid, in at most 120 words.\nuser: ${r}`,
    );
    const judge = range(0, 30).map(
      (i) => `${JUDGE}\nuser: Request:\n${requests[i % 20]}\n\nAnswer:\n${answers[i % 5]}`,
    );
    const clusters = clusterPrompts([...coach, ...judge].map((p) => preparePrompt(p)));
    expect(clusteredAs(clusters, { coach: range(0, 20), judge: range(20, 30) })).toEqual([['coach'], ['judge']]);
  });

  it('does not split a template by a short slot (a name, a role label) nor return one-off prompts', () => {
    const names = ['Alice', 'Bob', 'Carmen', 'Dmitri'];
    const prompts = range(0, 24).map(
      (i) =>
        `${i % 2 ? 'system' : 'developer'}: You are ${names[i % 4]}, part of the travel desk. Check the itinerary below for impossible connections and missing visas, and list each problem with its day.\nItinerary: ${text(30)}`,
    );
    const oneOffs = range(0, 20).map(() => text(5 + int(0, 60)));
    const clusters = clusterPrompts([...prompts, ...oneOffs].map((p) => preparePrompt(p)));
    expect(clusteredAs(clusters, { travel: range(0, 24) })).toEqual([['travel']]);
  });
});
