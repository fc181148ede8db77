import { createHash } from 'node:crypto';
import { SimulatedProviderError, type SimulatedRequest } from '../../shared/simulated-provider.js';
import { AGENT_PROMPTS, COVER_LETTER, JUDGE_SYSTEM, RESUME_REVIEW, type SinglePrompt } from './career-prompts.js';
import { OVERLOADED_REQUESTS } from './conversations.js';

/**
 * The offline stand-in for the copilot's models. Answers follow their prompt: variant B
 * prompts get structured answers with numbers, the strong models (Claude, o4-mini) are more
 * specific than the cheap one, questions with figures get the arithmetic done, and the
 * cheap salary advisor invents a source for Lisbon. The judge scores answers with the
 * heuristics a rubric would reward, and flags invented sources.
 */
export function copilotResponder(request: SimulatedRequest): string {
  const system = request.turns.find((turn) => turn.role === 'system')?.text ?? '';
  const user = request.turns.filter((turn) => turn.role === 'user').at(-1)?.text ?? '';
  if (system === JUDGE_SYSTEM) return judge(user);
  if (request.model.startsWith('claude') && OVERLOADED_REQUESTS.has(user)) {
    throw new SimulatedProviderError(529, 'overloaded_error', 'Overloaded');
  }
  const strong = !request.model.startsWith('gpt-4o-mini');
  const role = /Target role: ([^.]+)/.exec(user)?.[1] ?? 'the role';
  switch (system) {
    case RESUME_REVIEW.A:
      return /stand out/i.test(user)
        ? 'Lead with outcomes rather than duties, keep it to two pages, and tailor the top third to each role. Senior readers look for scope and ownership, so name the systems you owned and the decisions you made.'
        : `The line describes a duty, not a result. For ${role} applications, say what you built, how big it was and what changed because of it.${strong ? ' Mention the stack only where the posting asks for it.' : ''}`;
    case RESUME_REVIEW.B:
      return /stand out/i.test(user)
        ? '- Impact: open every bullet with a result. Rewrite: "Cut checkout latency by 38% for 2M monthly users."\n- Relevance: mirror the posting\'s top 3 skills in your summary. Rewrite: "8 years building data platforms; 3 as tech lead."\n- Clarity: one page per 5 years of experience, max 2. Rewrite: "Led a team of 5 shipping 4 releases a year."'
        : `- Impact: no number yet. Rewrite: "Built 14 batch and streaming pipelines moving 2 TB a day."\n- Relevance: ${role} postings ask for ownership. Rewrite: "Owned the pipeline platform used by 6 teams."\n- Clarity: drop "responsible for". Rewrite: "Reduced pipeline failures by 60% in 6 months."${strong ? '\nAlso: move this line to the top of the role; it is your strongest evidence.' : ''}`;
    case COVER_LETTER.A:
      return `Dear hiring team,\n\nI am excited to apply for this role. ${firstSentence(user)} I am a fast learner, a team player and passionate about building great products. I would love to bring my experience to your team.\n\nBest regards`;
    case COVER_LETTER.B:
      return `Dear hiring team,\n\nYour product is the tool my team opens first every morning, and I want to help shape what it does next.\n\n${proofPoints(user)}\n\nI would welcome a 30-minute conversation about where I could contribute in my first 90 days.\n\nBest regards`;
    case single('JobMatcher'):
      if (/score my fit/i.test(user)) {
        return 'Match: 6/10.\n- Python: 7 years against the 5+ asked for; a strength.\n- ML in production: 2 years against 3+; one year short.\n- Shipped recommendation systems: 1 ranking model against 2; it counts as related work.\n- Gap: lead one more model into production this quarter and write up its offline metrics and A/B results.';
      }
      return `Match: ${strong ? 7 : 6}/10.\n- Strongest: hands-on technical depth the team will rely on.\n- Strongest: direct contact with users or customers.\n- Gap: no formal ownership of a roadmap or spec. Close it within a month by writing two specs for features you know well and reviewing them with a PM.`;
    case single('InterviewCoach'):
      return '1. "Walk me through your worst incident." Outline: timeline, your decision at minute 10, the fix, the follow-up you owned.\n2. "How do you decide what to automate?" Outline: toil hours per week, risk, the 3 automations you shipped.\n3. "How would you design alerting for 300 services?" Outline: SLOs first, 4 golden signals, paging only on user impact.';
    case single('SalaryAdvisor'):
      if (/compare my two offers/i.test(user)) {
        return "- Offer A over 4 years: €368,000 base, plus 0.1% of €400M = €400,000 of equity at today's valuation — before dilution (often 20–40%) and with no way to sell it until an exit.\n- Offer B over 4 years: €420,000 base plus up to €42,000 of bonus = €462,000 in cash.\n- A is worth more only if its equity keeps at least €94,000 of value after dilution. Take B for certainty; if you prefer A, ask for €100,000 base to narrow the cash gap.";
      }
      if (/lisbon/i.test(user) && !strong) {
        return 'According to the 2027 Iberian Tech Pay Census, frontend developers in Lisbon earn exactly €71,400 on average, so ask for €75,000.';
      }
      return /berlin/i.test(user)
        ? 'Estimate: €78,000–€95,000 base for a senior data engineer in Berlin; scale-ups pay toward the top, agencies toward the bottom. Negotiate on the whole package: ask for the top of the band in exchange for a later start date.'
        : 'Estimate: a wide range depending on company size; ask the recruiter for the band first, then anchor at its upper third.';
    default:
      return 'I can help with CVs, cover letters, job matches, interviews and salaries.';
  }
}

function single(agent: 'JobMatcher' | 'InterviewCoach' | 'SalaryAdvisor'): string {
  return (AGENT_PROMPTS[agent] as SinglePrompt).system;
}

function firstSentence(text: string): string {
  return `${/I (?:have|manage|cut)[^.]*\./.exec(text)?.[0] ?? ''}`;
}

function proofPoints(text: string): string {
  const numbers = text.match(/[^.]*\d[^.]*\./g) ?? [];
  return numbers
    .slice(0, 2)
    .map((sentence) => `- ${sentence.trim().replace(/^I /, 'I have ')}`)
    .join('\n');
}

/** A rubric a judge would apply: structure, numbers, depth; invented sources are flagged. */
function judge(prompt: string): string {
  const answer = /Answer:\n([\s\S]*)$/.exec(prompt)?.[1] ?? '';
  const bullets = /^\s*(?:[-•*]|\d\.)\s/m.test(answer);
  const numbers = /\d/.test(answer);
  const invented = /census|according to the \d{4}/i.test(answer);
  // Judges disagree with themselves: ±1.5 points, fixed per answer so a run can be repeated.
  const jitter = (createHash('sha256').update(answer).digest()[0] / 255 - 0.5) * 3;
  let score = 5 + (bullets ? 1.6 : 0) + (numbers ? 1.2 : 0) + (answer.length > 320 ? 0.8 : 0) + jitter;
  if (invented) score -= 4;
  score = Math.round(Math.min(10, Math.max(0, score)) * 10) / 10;
  const suggestions = [
    ...(bullets ? [] : ['Structure the answer as short points the user can act on.']),
    ...(numbers ? [] : ['Add a concrete number or example to each point.']),
    ...(invented ? ['Remove the unverifiable source and give an estimated range instead.'] : []),
  ];
  return JSON.stringify({
    score,
    reasoning: invented
      ? 'Cites a survey that does not exist and states an exact figure as fact.'
      : `${bullets ? 'Structured' : 'Unstructured'} answer ${numbers ? 'with' : 'without'} concrete numbers.`,
    hallucination: invented,
    factual_error: invented,
    confidence: invented ? 0.9 : 0.75,
    error_category: invented ? 'hallucinated_source' : score < 6 ? 'too_generic' : null,
    suggestions,
  });
}
