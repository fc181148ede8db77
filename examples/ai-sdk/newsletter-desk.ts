import { SimulatedProviderError, type SimulatedRequest } from '../shared/simulated-provider.js';

/** Topics a newsletter issue can be about. */
export const TOPICS: readonly string[] = [
  'Postgres 18 asynchronous I/O',
  'WebAssembly components in production',
  'Rust in the Linux kernel',
  'Passkeys replacing passwords',
  'Vector search inside SQLite',
  'HTTP/3 adoption on CDNs',
];

/** The researcher's instructions: one shared prefix, served from the provider's prompt cache on repeats. */
export const RESEARCH_SYSTEM_PROMPT = `You are the research desk of "The Stack", a weekly engineering newsletter.
Given a topic, list the five facts a senior engineer would want before reading about it.
Each fact on its own line, starting with "- ". Prefer numbers, versions and dates.
Only state what is established; write "unclear:" before anything that is still debated.
No introduction, no conclusion, no marketing language. Sources are not needed in this step.
Keep every fact under 25 words so the writer can quote it directly.`;

/** The writer's instructions. */
export const WRITER_SYSTEM_PROMPT = `You write the lead story of "The Stack", a weekly engineering newsletter.
Turn the research notes into a 120-word story: a one-sentence hook, what changed, why it matters
for teams running it in production, and one thing to try this week. Plain, confident prose.
Never invent numbers that are not in the notes. No headings, no bullet points, no emojis.
If a note starts with "unclear:", say that it is unsettled instead of stating it as fact.
Readers are staff engineers and engineering managers; skip definitions they already know.`;

/** The editor's instructions: returns structured metadata for the issue. */
export const EDITOR_SYSTEM_PROMPT = `You are the editor. Read the story and return JSON with a punchy headline
(at most 9 words), a one-sentence summary for the email preview, and 2-4 lowercase tags.`;

/**
 * The offline stand-in for the three models: facts about the topic, a story from the
 * facts, and the editor's JSON. Stories about topics in `tooLong` fail as a provider does
 * when the prompt is over the context window.
 */
export function createNewsletterResponder(tooLong: ReadonlySet<string>) {
  return (request: SimulatedRequest): string => {
    const system = request.turns.find((turn) => turn.role === 'system')?.text ?? '';
    const user = request.turns.filter((turn) => turn.role === 'user').at(-1)?.text ?? '';
    const topic = TOPICS.find((t) => user.includes(t)) ?? 'the topic';
    if (system === RESEARCH_SYSTEM_PROMPT) {
      return [
        `- ${topic} reached general availability this quarter after two years of previews.`,
        '- Early adopters report 20-35% lower p95 latency on read-heavy workloads.',
        '- The main migration cost is tooling: observability and CI images lag behind.',
        '- Two of the three largest cloud providers support it in managed offerings.',
        '- unclear: long-term maintenance ownership is still being discussed upstream.',
      ].join('\n');
    }
    if (system === WRITER_SYSTEM_PROMPT) {
      if (tooLong.has(topic)) {
        throw new SimulatedProviderError(
          400,
          'context_length_exceeded',
          `This model's maximum context length is 128000 tokens. However, your messages resulted in 131206 tokens. Please reduce the length of the messages.`,
        );
      }
      return `${topic} just went from interesting to boring, and that is good news. After two years of previews it is generally available, and early adopters see 20-35% lower p95 latency on read-heavy workloads. The catch is tooling: observability agents and CI images still lag, so budget a sprint for the plumbing rather than the code. With two of the three big clouds offering it managed, the operational risk has mostly moved to your side of the fence. Try this week: enable it on one read replica, compare p95 for seven days, and write down what your dashboards could not see.`;
    }
    return JSON.stringify({
      headline: `${topic}: ready for production`,
      summary: `${topic} is generally available, faster on reads, and mostly blocked by tooling.`,
      tags: topic
        .toLowerCase()
        .split(/\s+/)
        .filter((word) => word.length > 3)
        .slice(0, 3),
    });
  };
}
