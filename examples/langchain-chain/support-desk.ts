import type { SimulatedRequest } from '../shared/simulated-provider.js';
import { SimulatedProviderError } from '../shared/simulated-provider.js';

/** A customer ticket the support chain answers. */
export interface Ticket {
  id: string;
  plan: 'Free' | 'Pro' | 'Enterprise';
  question: string;
}

export const TICKETS: readonly Ticket[] = [
  {
    id: 'T-1042',
    plan: 'Pro',
    question: 'I was charged twice for my March invoice. Can you refund the duplicate charge?',
  },
  {
    id: 'T-1043',
    plan: 'Enterprise',
    question: 'Our production API calls return 502 errors since 09:40 UTC in eu-west-1. Is there an outage?',
  },
  { id: 'T-1044', plan: 'Free', question: 'How do I reset my password? The reset email never arrives.' },
  {
    id: 'T-1045',
    plan: 'Pro',
    question: 'Can I move my workspace from the monthly plan to yearly billing and keep my current discount?',
  },
  { id: 'T-1046', plan: 'Enterprise', question: 'SSO login with Okta fails with "invalid audience" for new users.' },
  { id: 'T-1047', plan: 'Free', question: 'Is there a limit on how many projects I can create on the free tier?' },
  {
    id: 'T-1048',
    plan: 'Pro',
    question: 'Webhook deliveries time out after 10 seconds. Can the timeout be raised for our endpoint?',
  },
  { id: 'T-1049', plan: 'Enterprise', question: 'We need a signed DPA and the list of sub-processors for our audit.' },
];

/** Shared by every triage call, so providers serve its prefix from their prompt cache. */
export const TRIAGE_SYSTEM_PROMPT = `You are the triage step of Acme Cloud's support desk.
Read one customer ticket and classify it. Answer with exactly two lines and nothing else:
category: one of billing, outage, account, product, compliance
urgency: one of low, normal, high
Rules: outages that affect production are always high. Enterprise customers are never low.
Billing disputes about money already charged are normal unless the amount is over $1,000.
Account lockouts are high for Enterprise (SSO affects many users), otherwise normal.
Questions about plans, limits and features are product questions with low urgency.
Legal, security questionnaires, DPAs and audits are compliance questions.`;

/** Shared by every answer, so providers serve its prefix from their prompt cache. */
export const SUPPORT_SYSTEM_PROMPT = `You are Acme Cloud's support assistant. Write the first reply to a customer.
Tone: friendly, direct, no filler. Use the customer's words for their problem. At most 120 words.
Policies you must follow:
- Refunds of duplicate charges are approved automatically within 30 days; say it takes 5-7 business days.
- Never promise a timeline for outage fixes; point to status.acme.cloud and say an engineer is on it.
- Password resets: check the spam folder, then allow-list no-reply@acme.cloud; links expire after 1 hour.
- Plan changes keep existing discounts when switching to yearly billing.
- SSO problems: ask for the IdP metadata URL and the exact error; escalate Enterprise tickets to tier 2.
- Compliance documents (DPA, sub-processors, SOC 2) are sent by the trust team within 2 business days.
- Free tier: 3 projects, 1 GB storage, community support only.
End with one concrete next step for the customer.`;

const CATEGORIES: Array<[RegExp, string]> = [
  [/charged|refund|invoice|billing|discount/i, 'billing'],
  [/outage|502|error|time out|down/i, 'outage'],
  [/password|login|sso|okta/i, 'account'],
  [/dpa|audit|sub-processor|soc/i, 'compliance'],
];

/** Classify a ticket as a model would: category by topic, urgency by impact and plan. */
export function classifyTicket(question: string, plan: string): { category: string; urgency: string } {
  const category = CATEGORIES.find(([pattern]) => pattern.test(question))?.[1] ?? 'product';
  const urgency =
    /production|outage|502/i.test(question) || (plan === 'Enterprise' && category === 'account')
      ? 'high'
      : plan === 'Enterprise' || category === 'billing'
        ? 'normal'
        : 'low';
  return { category, urgency };
}

const REPLIES: Record<string, string> = {
  billing:
    'Thanks for flagging this. I can see the duplicate charge on your March invoice and have approved a refund of the second payment. It will be back on your card in 5-7 business days. Next step: you will get a confirmation email with the refund reference; reply to it if anything looks off.',
  outage:
    'Thanks for the detailed report. We are seeing elevated 502 errors in eu-west-1 and an engineer is already on it. Live updates are on status.acme.cloud. Next step: subscribe to the incident there, and send me two request ids that failed so we can confirm your traffic is covered.',
  account:
    'Sorry about the trouble signing in. Please send the IdP metadata URL and the exact error text you see, plus the time of one failed attempt. I have escalated this to our tier 2 identity team. Next step: reply with those three details and we will get back to you today.',
  compliance:
    'Happy to help with your audit. Our trust team will send the signed DPA and the current list of sub-processors within 2 business days. Next step: reply with the legal entity name that should appear on the DPA.',
  product:
    'Good question. On the free tier you can create up to 3 projects with 1 GB of storage. Switching plans keeps your existing discount when you move to yearly billing. Next step: open Settings → Billing to compare plans side by side.',
};

/**
 * The offline stand-in for the models: the triage model classifies, the support model
 * replies from its policies. Answers to the tickets in `rateLimited` fail like a provider
 * at its rate limit.
 */
export function createSupportResponder(rateLimited: ReadonlySet<string>) {
  return (request: SimulatedRequest): string => {
    const system = request.turns.find((turn) => turn.role === 'system')?.text ?? '';
    const user = request.turns.filter((turn) => turn.role === 'user').at(-1)?.text ?? '';
    const plan = /\((\w+) plan\)/.exec(user)?.[1] ?? 'Free';
    const { category, urgency } = classifyTicket(user, plan);
    if (system === TRIAGE_SYSTEM_PROMPT) return `category: ${category}\nurgency: ${urgency}`;
    if ([...rateLimited].some((question) => user.includes(question))) {
      throw new SimulatedProviderError(
        429,
        'rate_limit_exceeded',
        `Rate limit reached for ${request.model} in organization org-acme on tokens per min (TPM): Limit 200000, Used 199620, Requested 1180. Please try again in 240ms.`,
      );
    }
    return REPLIES[category];
  };
}
