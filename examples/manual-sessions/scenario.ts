import { SimulatedProviderError, type SimulatedRequest } from '../shared/simulated-provider.js';

/** Incoming emails for the direct-call pattern. */
export const EMAILS: readonly string[] = [
  'Hi, attached is invoice INV-2291 for October consulting, due in 30 days. Thanks, Dana',
  'URGENT: the payment portal shows our account as suspended, payroll runs tomorrow morning!',
  'Could you send me the slides from last Thursday? I missed the second half of the call.',
  'Your shipment 77-1020 is delayed by customs; new delivery estimate is Friday.',
];

/** Documents for the session-workflow pattern. */
export const DOCUMENTS: ReadonlyArray<{ id: string; title: string; body: string }> = [
  {
    id: 'DOC-101',
    title: 'Master services agreement, Northwind',
    body: 'Term 24 months from 1 March. Fees $18,000 per month, invoiced monthly, net 45. Either party may terminate with 90 days notice. Liability capped at 12 months of fees. Governing law: Delaware.',
  },
  {
    id: 'DOC-102',
    title: 'Data processing addendum, Contoso',
    body: 'Processor handles customer contact data for support only. Sub-processors listed in annex 3, changes notified 30 days ahead. Breach notification within 48 hours. Data stays in the EU.',
  },
  {
    id: 'DOC-103',
    title: 'Office lease renewal, Fabrikam',
    body: 'Renewal for 5 years at $42 per square foot, 3% yearly escalation, 6 months free rent. Tenant pays operating costs above the 2024 base year. Early exit after year 3 with a 9-month penalty.',
  },
];

/** Companies for the multi-agent pattern. */
export const COMPANIES: readonly string[] = ['Lumen Robotics', 'Quill Health', 'Harbor Freight AI', 'Tandem Grid'];

export const CLASSIFIER_SYSTEM = `You sort a shared inbox. Reply with two lines: "category: <invoice|support|request|logistics|other>" and "priority: <low|normal|urgent>".`;

export const EXTRACTOR_SYSTEM = `You extract contract terms for the legal operations team.
Return one line per field, "field: value", for: term, fees, payment terms, termination, liability, governing law.
Write "n/a" for fields the document does not state. Copy numbers exactly; never compute or round them.
Do not add commentary. Do not summarise. Keep the order of the fields as listed above.
The output is parsed by a script, so do not use markdown, quotes or bullet characters.`;

export const SUMMARIZER_SYSTEM = `You write the two-sentence summary shown on top of every contract in the contract register.
Sentence one: what the contract is and its commercial core (term, money). Sentence two: the one clause a
lawyer should read first and why. Plain English, no legal Latin, no hedging, no bullet points.
Readers are finance and legal staff who will open the full document if the summary worries them.`;

export const QUERY_REWRITER_SYSTEM = `Rewrite the user's question into a search query for the internal wiki: keywords only, no stop words, at most 10 words.`;

export const GRADER_SYSTEM = `You grade retrieved wiki passages for a question. For each passage answer "relevant" or "irrelevant" on its own line, in order. Be strict: a passage is relevant only if it helps answer the question directly.`;

export const ANSWER_SYSTEM = `Answer the employee's question using only the relevant passages. Cite passages as [1], [2]. If the passages do not answer it, say so and suggest who to ask.`;

export const PLANNER_SYSTEM = `You are the lead analyst of a market-research team. Split the brief into exactly three research tasks:
market size, competitors, pricing. One line each, "task: <area>: <what to find out>". Be specific about the company.`;

export const RESEARCHER_SYSTEM = `You are a market researcher. Answer the task in four short bullet points with concrete, plausible figures.
Mark estimates with "~". Do not repeat the task. No introduction.`;

export const WRITER_SYSTEM = `You are the writer of the research team. Combine the three research notes into one briefing for an investor:
a headline, a three-sentence overview, then the three areas in one short paragraph each. Keep every figure exactly as the
notes state it, including "~" marks. End with one open question the team could not answer. At most 220 words.`;

/**
 * The offline stand-in for the models of the four patterns. The summary of DOC-103 fails
 * as Anthropic does when it is overloaded (HTTP 529, after the SDK's retries).
 */
export function manualResponder(request: SimulatedRequest): string {
  const system = request.turns.find((turn) => turn.role === 'system')?.text ?? '';
  const user = request.turns.filter((turn) => turn.role === 'user').at(-1)?.text ?? '';
  switch (system) {
    case CLASSIFIER_SYSTEM: {
      const category = /invoice/i.test(user)
        ? 'invoice'
        : /shipment|delivery/i.test(user)
          ? 'logistics'
          : /suspended|portal/i.test(user)
            ? 'support'
            : 'request';
      return `category: ${category}\npriority: ${/urgent/i.test(user) ? 'urgent' : 'normal'}`;
    }
    case EXTRACTOR_SYSTEM: {
      const money = user.match(/\$[\d,]+(?: per \w+(?: \w+)?)?/g) ?? ['n/a'];
      return `term: ${/(\d+ (?:months|years))/.exec(user)?.[1] ?? 'n/a'}\nfees: ${money.join('; ')}\npayment terms: ${/net \d+/.exec(user)?.[0] ?? 'n/a'}\ntermination: ${/(\d+ days notice|early exit[^.]*)/i.exec(user)?.[1] ?? 'n/a'}\nliability: ${/liability[^.]*/i.exec(user)?.[0] ?? 'n/a'}\ngoverning law: ${/governing law: (\w+)/i.exec(user)?.[1] ?? 'n/a'}`;
    }
    case SUMMARIZER_SYSTEM:
      if (user.includes('Fabrikam')) {
        throw new SimulatedProviderError(529, 'overloaded_error', 'Overloaded');
      }
      return `${/Title: (.*)/.exec(user)?.[1] ?? 'This contract'} sets out the commercial terms summarised in the extracted fields. Read the termination clause first: it decides how quickly the company can exit and what that costs.`;
    case QUERY_REWRITER_SYSTEM:
      return user
        .toLowerCase()
        .replace(/[^a-z0-9 ]/g, '')
        .split(' ')
        .filter((word) => word.length > 3)
        .slice(0, 8)
        .join(' ');
    case GRADER_SYSTEM:
      return (user.match(/^\[\d\]/gm) ?? []).map((_, i) => (i === 1 ? 'irrelevant' : 'relevant')).join('\n');
    case ANSWER_SYSTEM:
      return 'You can expense a home-office chair up to $400 once every three years [1]. Submit the receipt in the expenses tool under "Home office" within 30 days of purchase [3].';
    case PLANNER_SYSTEM: {
      const company = /Company: (.*)/.exec(user)?.[1] ?? 'the company';
      return `task: market size: how large is the addressable market for ${company} in 2026 and how fast is it growing\ntask: competitors: who are ${company}'s three closest competitors and how are they funded\ntask: pricing: how do ${company} and its competitors price, per seat or per usage`;
    }
    case RESEARCHER_SYSTEM: {
      const area = /task: ([a-z ]+):/.exec(user)?.[1] ?? 'market';
      return `- ${area}: ~$4.2B addressable in 2026, growing ~18% a year\n- the top three players hold ~55% share\n- buyers are mid-market operations teams, 200-2,000 employees\n- ~30% of deals now include usage-based components`;
    }
    case WRITER_SYSTEM:
      return 'Headline: A crowded market that still rewards focus\n\nThe addressable market is ~$4.2B in 2026 and grows ~18% a year. Three players hold ~55% of it, yet mid-market operations teams remain underserved. Pricing is shifting: ~30% of deals include usage-based components.\n\nMarket size: growth is steady rather than explosive, driven by mid-market adoption.\n\nCompetitors: the top three are well funded and compete on breadth, not depth.\n\nPricing: seat-based contracts dominate, but usage-based add-ons are rising fast.\n\nOpen question: how sticky are usage-based customers after the first renewal?';
    default:
      return 'OK.';
  }
}

/** Employee questions for the framework-node pattern. */
export const WIKI_QUESTIONS: readonly string[] = [
  'Can I expense a chair for my home office, and how much?',
  'How long do I have to submit a receipt for a home office desk?',
  'When will IT replace my laptop and how do I ask for it?',
];
