import type { Random } from './create-random.js';

/** A model the demo crews call, with how good and how fast it pretends to be. */
export interface DemoModel {
  provider: string;
  model: string;
  /** Mean judge score (0..10) the model earns. */
  quality: number;
  /** Latency before the first output token, ms. */
  baseLatencyMs: number;
  /** Milliseconds per output token. */
  msPerToken: number;
}

export const DEMO_MODELS: Record<string, DemoModel> = {
  'gpt-4o': { provider: 'openai', model: 'gpt-4o', quality: 8.1, baseLatencyMs: 420, msPerToken: 11 },
  'gpt-4o-mini': { provider: 'openai', model: 'gpt-4o-mini', quality: 6.9, baseLatencyMs: 280, msPerToken: 6 },
  'gpt-4.1-mini': { provider: 'openai', model: 'gpt-4.1-mini', quality: 7.3, baseLatencyMs: 300, msPerToken: 7 },
  'o4-mini': { provider: 'openai', model: 'o4-mini', quality: 8.0, baseLatencyMs: 1400, msPerToken: 9 },
  'claude-sonnet-4-5': {
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    quality: 8.6,
    baseLatencyMs: 650,
    msPerToken: 13,
  },
  'claude-haiku-4-5': {
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
    quality: 7.4,
    baseLatencyMs: 330,
    msPerToken: 6,
  },
  'gemini-2.5-flash': {
    provider: 'google',
    model: 'gemini-2.5-flash',
    quality: 7.2,
    baseLatencyMs: 380,
    msPerToken: 5,
  },
};

/** A prompt variant under A/B test, recorded as `metadata.promptId` / `metadata.promptVariant`. */
export interface DemoVariant {
  id: string;
  weight: number;
  /** The instruction line that differs between variants. */
  instruction: string;
  /** Added to the judge score. */
  qualityDelta: number;
  /** Multiplies prompt and completion tokens. */
  tokenFactor: number;
  /** The variant only runs in the last N days of history (a newer experiment). */
  recentDays?: number;
}

/** One LLM call of a workflow. */
export interface DemoStep {
  agent: string;
  operation: string;
  /** Fixed model choice by weight, when the step is not routed. */
  models?: readonly (readonly [string, number])[];
  /** The user's router picks among these by task complexity (cheapest first). */
  routed?: readonly string[];
  promptTokens: number;
  completionTokens: number;
  /** Share of calls whose quality the user's judge scored. */
  judgeRate?: number;
  /** The user's response cache sits in front of this step. */
  responseCache?: boolean;
  /** Share of the prompt read from the provider's prompt cache (Anthropic / OpenAI prompt caching). */
  providerCacheShare?: number;
  /** Share of output spent on reasoning. */
  reasoningShare?: number;
  streamed?: boolean;
  promptId?: string;
  variants?: readonly DemoVariant[];
  /** Builds the prompt text; `topic` is the workflow's subject. */
  prompt(random: Random, topic: DemoTopic, instruction: string): string;
  response(random: Random, topic: DemoTopic): string;
}

export interface DemoWorkflow {
  operationType: string;
  weight: number;
  steps: readonly DemoStep[];
}

export interface DemoProject {
  name: string;
  /** Share of all demo calls. */
  weight: number;
  workflows: readonly DemoWorkflow[];
  topics: readonly DemoTopic[];
}

/** What a workflow is about: an FAQ question, a diff, a research question. */
export interface DemoTopic {
  id: string;
  /** 0..1; complex topics are routed to stronger models. */
  complexity: number;
  /** Several phrasings of the same request, so prompts about one topic are near duplicates. */
  phrasings: readonly string[];
}

const FAQ_TOPICS: DemoTopic[] = [
  faq('password-reset', 0.15, [
    'How do I reset my password? The reset link in my email says it has expired.',
    'How can I reset my password? The reset link from the email says it expired.',
    'I need to reset my password but the reset link in my email has expired.',
  ]),
  faq('invoice-download', 0.2, [
    'Where can I download my invoices for last quarter? I need them as PDF for accounting.',
    'Where do I download my invoices for the last quarter as PDF for our accounting team?',
  ]),
  faq('plan-upgrade', 0.3, [
    'How do I upgrade from the Starter plan to the Team plan without losing my projects?',
    'Can I upgrade from the Starter plan to the Team plan and keep all my projects?',
  ]),
  faq('api-rate-limit', 0.55, [
    'We keep getting 429 errors from the API during our nightly batch job. What are the rate limits for our plan?',
    'Our nightly batch job keeps getting 429 errors from the API. What are the rate limits on our plan?',
  ]),
  faq('sso-setup', 0.7, [
    'How do I configure SAML single sign-on with Okta for our workspace? The assertion keeps failing.',
    'We are configuring SAML single sign-on with Okta for our workspace and the assertion keeps failing.',
  ]),
  faq('data-export', 0.4, [
    'How can I export all my project data to CSV before we cancel our subscription?',
    'Is there a way to export all project data to CSV before cancelling our subscription?',
  ]),
  faq('webhook-retries', 0.65, [
    'Our webhook endpoint was down for an hour. Will the missed events be retried, and for how long?',
    'Our webhook endpoint was down for about an hour. Are missed events retried and for how long?',
  ]),
  faq('delete-account', 0.25, [
    'Please delete my account and all personal data associated with it under GDPR.',
    'I want my account and all associated personal data deleted under GDPR, please.',
  ]),
  faq('billing-double-charge', 0.5, [
    'I was charged twice for the same month on my credit card. Can you refund the duplicate charge?',
    'My credit card was charged twice for the same month. Could you refund the duplicate payment?',
  ]),
  faq('2fa-lost-device', 0.45, [
    'I lost the phone with my two-factor authentication app. How do I get back into my account?',
    'I lost my phone with the two-factor authentication app and cannot get into my account.',
  ]),
];

function faq(id: string, complexity: number, phrasings: string[]): DemoTopic {
  return { id, complexity, phrasings };
}

const CUSTOMERS = [
  'Northwind',
  'Globex',
  'Initech',
  'Umbrella Labs',
  'Stark Logistics',
  'Wayne Retail',
  'Hooli',
  'Acme',
];

function ticketText(random: Random, topic: DemoTopic): string {
  return `${random.pick(topic.phrasings)} (customer: ${random.pick(CUSTOMERS)}, plan: ${random.pick(['Starter', 'Team', 'Enterprise'])})`;
}

const REPOS = ['payments-api', 'web-checkout', 'ledger-service', 'auth-gateway', 'search-indexer', 'mobile-app'];
const CODE_TOPICS: DemoTopic[] = REPOS.flatMap((repo, i) =>
  ['null-check', 'sql-injection', 'race-condition', 'n-plus-one', 'error-handling'].map((issue, j) => ({
    id: `${repo}/${issue}`,
    complexity: ((i * 5 + j) % 10) / 10,
    phrasings: [repo, issue],
  })),
);

const IDENTIFIERS = [
  'userId',
  'orderTotal',
  'retryCount',
  'sessionToken',
  'invoiceRows',
  'cursor',
  'batch',
  'ledgerEntry',
];

function diffText(random: Random, topic: DemoTopic): string {
  const [repo, issue] = topic.phrasings;
  const a = random.pick(IDENTIFIERS);
  const b = random.pick(IDENTIFIERS);
  const line = random.int(12, 480);
  return `Repository ${repo}, pull request #${random.int(1000, 9999)} (${issue.replace(/-/g, ' ')} suspected).\n@@ -${line},7 +${line},9 @@\n-  const ${a} = await load(${b});\n+  const ${a} = await load(${b}, { timeoutMs: ${random.int(1, 30) * 100} });\n+  if (!${a}) throw new NotFoundError('${a.toLowerCase()} ${random.int(1, 99999)}');\n   return ${a}.map((row) => row.${b});`;
}

const RESEARCH_TOPICS: DemoTopic[] = [
  'vector database pricing in 2026',
  'EU AI Act obligations for general-purpose models',
  'battery recycling startups in Europe',
  'open-weight LLM licences compared',
  'GPU spot price trends',
  'retrieval-augmented generation evaluation methods',
  'carbon accounting software market',
  'WebAssembly adoption on the server',
].map((title, i) => ({ id: title.replace(/\s+/g, '-'), complexity: 0.3 + (i % 5) / 7, phrasings: [title] }));

const SUPPORT_VARIANTS: DemoVariant[] = [
  {
    id: 'concise',
    weight: 4,
    instruction: 'Answer in at most three sentences.',
    qualityDelta: 0,
    tokenFactor: 0.85,
  },
  {
    id: 'empathetic',
    weight: 3,
    instruction: 'Acknowledge the customer’s frustration first, then answer step by step.',
    qualityDelta: 0.35,
    tokenFactor: 1.1,
  },
  {
    id: 'structured',
    weight: 3,
    instruction: 'Answer with a short summary, numbered steps and a link to the relevant help article.',
    qualityDelta: 0.6,
    tokenFactor: 1.25,
    recentDays: 7,
  },
];

const REVIEW_VARIANTS: DemoVariant[] = [
  { id: 'baseline', weight: 1, instruction: 'Review the diff and list problems.', qualityDelta: 0, tokenFactor: 1 },
  {
    id: 'checklist-v2',
    weight: 1,
    instruction:
      'Review the diff against this checklist: correctness, security, error handling, performance, tests. Cite line numbers.',
    qualityDelta: 0.5,
    tokenFactor: 1.3,
  },
];

const supportAnswer = (random: Random, topic: DemoTopic) =>
  `Thanks for reaching out! For ${topic.id.replace(/-/g, ' ')}: ${random.pick([
    'open Settings → Account and follow the steps there.',
    'I have escalated this to our billing team; you will hear back within 24 hours.',
    'here is a link to the guide that walks through it step by step.',
  ])}`;

/** The three demo projects: a support copilot, a code-review crew and a research assistant. */
export const DEMO_PROJECTS: DemoProject[] = [
  {
    name: 'support-copilot',
    weight: 0.45,
    topics: FAQ_TOPICS,
    workflows: [
      {
        operationType: 'support_ticket',
        weight: 1,
        steps: [
          {
            agent: 'Triage',
            operation: 'classify',
            routed: ['gpt-4o-mini', 'claude-haiku-4-5'],
            promptTokens: 450,
            completionTokens: 40,
            prompt: (random, topic) =>
              `Classify this support ticket into billing, account, technical or other, and rate its urgency.\n\nTicket: ${ticketText(random, topic)}`,
            response: (random) =>
              `{"category":"${random.pick(['billing', 'account', 'technical'])}","urgency":"${random.pick(['low', 'normal', 'high'])}"}`,
          },
          {
            agent: 'Retriever',
            operation: 'search_kb',
            models: [['gpt-4.1-mini', 1]],
            promptTokens: 900,
            completionTokens: 120,
            prompt: (random, topic) =>
              `Write three search queries for the help center that would find the answer to: ${ticketText(random, topic)}`,
            response: (_random, topic) => `1. ${topic.id}\n2. ${topic.id} troubleshooting\n3. ${topic.id} settings`,
          },
          {
            agent: 'Responder',
            operation: 'answer',
            routed: ['gpt-4o-mini', 'gpt-4o', 'claude-sonnet-4-5'],
            promptTokens: 2600,
            completionTokens: 320,
            judgeRate: 0.45,
            responseCache: true,
            providerCacheShare: 0.35,
            streamed: true,
            promptId: 'support-reply',
            variants: SUPPORT_VARIANTS,
            prompt: (random, topic, instruction) =>
              `You are a support agent for Acme Cloud. ${instruction}\n\nCustomer: ${ticketText(random, topic)}`,
            response: supportAnswer,
          },
        ],
      },
    ],
  },
  {
    name: 'code-review-crew',
    weight: 0.35,
    topics: CODE_TOPICS,
    workflows: [
      {
        operationType: 'code_review',
        weight: 1,
        steps: [
          {
            agent: 'Planner',
            operation: 'plan',
            models: [['gpt-4o-mini', 1]],
            promptTokens: 1200,
            completionTokens: 180,
            prompt: (random, topic) =>
              `Plan a review of this change. List the files and risks to check.\n\n${diffText(random, topic)}`,
            response: () => 'Plan: 1) read the changed function 2) check callers 3) check error paths 4) check tests',
          },
          {
            agent: 'Analyzer',
            operation: 'analyze',
            models: [['claude-sonnet-4-5', 1]],
            promptTokens: 6400,
            completionTokens: 650,
            providerCacheShare: 0.7,
            prompt: (random, topic) =>
              `Analyze the control flow and data flow of this change and list anything suspicious.\n\n${diffText(random, topic)}`,
            response: (random) =>
              `The new timeout changes retry behaviour; ${random.pick(['a null result now throws', 'the error is swallowed upstream', 'the loop issues one query per row'])}.`,
          },
          {
            agent: 'Reviewer',
            operation: 'review',
            routed: ['claude-haiku-4-5', 'gpt-4o', 'claude-sonnet-4-5'],
            promptTokens: 5200,
            completionTokens: 520,
            judgeRate: 0.35,
            promptId: 'review-checklist',
            variants: REVIEW_VARIANTS,
            prompt: (random, topic, instruction) => `${instruction}\n\n${diffText(random, topic)}`,
            response: (random) =>
              `Found ${random.int(0, 4)} issues: ${random.pick(['missing null check on line 14', 'SQL built by string concatenation', 'unhandled promise rejection', 'N+1 query in the loop'])}.`,
          },
          {
            agent: 'Fixer',
            operation: 'fix',
            models: [
              ['claude-sonnet-4-5', 3],
              ['gpt-4o', 1],
            ],
            promptTokens: 7800,
            completionTokens: 900,
            providerCacheShare: 0.6,
            prompt: (random, topic) => `Propose a minimal patch for the problems found.\n\n${diffText(random, topic)}`,
            response: () => '```diff\n-  return rows\n+  return rows ?? []\n```',
          },
          {
            agent: 'Summarizer',
            operation: 'summarize',
            models: [['gpt-4.1-mini', 1]],
            promptTokens: 1600,
            completionTokens: 200,
            prompt: (random, topic) =>
              `Summarize the review for the pull request description.\n\n${diffText(random, topic)}`,
            response: () => 'Summary: one bug fixed, two nits, tests added.',
          },
        ],
      },
    ],
  },
  {
    name: 'research-assistant',
    weight: 0.2,
    topics: RESEARCH_TOPICS,
    workflows: [
      {
        operationType: 'research_report',
        weight: 1,
        steps: [
          {
            agent: 'Researcher',
            operation: 'search',
            models: [['gemini-2.5-flash', 1]],
            promptTokens: 3200,
            completionTokens: 420,
            prompt: (random, topic) =>
              `Find and summarize ${random.int(3, 6)} recent sources about ${topic.phrasings[0]}. Include publication dates.`,
            response: (_random, topic) =>
              `Sources on ${topic.phrasings[0]}: [1] industry report, [2] blog post, [3] paper.`,
          },
          {
            agent: 'Analyst',
            operation: 'analyze',
            models: [['o4-mini', 1]],
            promptTokens: 4800,
            completionTokens: 1400,
            reasoningShare: 0.6,
            prompt: (random, topic) =>
              `Compare the sources about ${topic.phrasings[0]} and identify ${random.int(2, 4)} key trends with evidence.`,
            response: () => 'Trend 1: prices falling. Trend 2: consolidation. Trend 3: regulation tightening.',
          },
          {
            agent: 'Writer',
            operation: 'write',
            routed: ['gpt-4o-mini', 'claude-sonnet-4-5'],
            promptTokens: 5200,
            completionTokens: 1100,
            judgeRate: 0.6,
            streamed: true,
            prompt: (random, topic) =>
              `Write a ${random.pick(['one-page', 'two-page'])} briefing on ${topic.phrasings[0]} for a non-technical executive audience.`,
            response: (_random, topic) => `Executive briefing: ${topic.phrasings[0]}. Key points follow.`,
          },
        ],
      },
    ],
  },
];

/** Error messages as the SDKs phrase them. */
export const DEMO_ERRORS: readonly (readonly [string, number])[] = [
  ['RateLimitError: 429 Rate limit reached for requests', 5],
  ['APITimeoutError: Request timed out.', 3],
  ['BadRequestError: 400 This model’s maximum context length is 128000 tokens (context_length_exceeded)', 1],
  ['InternalServerError: 500 The server had an error while processing your request.', 1],
];

export const JUDGE_ERROR_CATEGORIES = [
  'incomplete',
  'off_topic',
  'hallucination',
  'formatting',
  'tone',
  'outdated_info',
];

export const JUDGE_SUGGESTIONS = [
  'Cite the help-center article.',
  'Ask a clarifying question before answering.',
  'Mention the plan limits explicitly.',
  'Shorten the answer.',
  'Check the code path the diff touches.',
  'Add line numbers to each finding.',
];
