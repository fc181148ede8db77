/** The agents of the copilot, each with the prompt it runs. */
export type CopilotAgent = 'ResumeReviewer' | 'JobMatcher' | 'CoverLetterWriter' | 'InterviewCoach' | 'SalaryAdvisor';

/** A prompt under A/B test: two system prompts for one task. */
export interface PromptVariants {
  promptId: string;
  A: string;
  B: string;
}

const COPILOT_PREAMBLE = `You are Career Copilot, a career coach for people in tech. Be honest, specific and encouraging.
Never invent statistics, surveys or sources; when you are unsure of a number, give a range and say it is an estimate.`;

/** Under test: A asks for free-form feedback, B for a rubric with quantified rewrites. */
export const RESUME_REVIEW: PromptVariants = {
  promptId: 'resume_review',
  A: `${COPILOT_PREAMBLE}
Review the résumé excerpt and give feedback in a short paragraph: what works, what to change first.`,
  B: `${COPILOT_PREAMBLE}
Review the résumé excerpt against this rubric: impact (numbers), relevance to the target role, clarity.
Answer with three bullet points, one per rubric item, each ending with a rewritten line that adds a number.`,
};

/** Under test: A writes the letter directly, B plans it first (hook, proof, close). */
export const COVER_LETTER: PromptVariants = {
  promptId: 'cover_letter',
  A: `${COPILOT_PREAMBLE}
Write a cover letter of at most 180 words for the role described, in the candidate's voice.`,
  B: `${COPILOT_PREAMBLE}
Write a cover letter of at most 180 words. Structure: a one-line hook about the company, two proof points
with numbers from the candidate's background, a close that asks for a conversation. No clichés.`,
};

/** A prompt not under test. */
export interface SinglePrompt {
  promptId: string;
  system: string;
}

/** The prompt each agent runs: one system prompt, or two variants under test. */
export const AGENT_PROMPTS: Record<CopilotAgent, SinglePrompt | PromptVariants> = {
  ResumeReviewer: RESUME_REVIEW,
  CoverLetterWriter: COVER_LETTER,
  JobMatcher: {
    promptId: 'job_match',
    system: `${COPILOT_PREAMBLE}
Compare the candidate's background with the job posting. Give a match score out of 10, the two strongest
matches and the biggest gap, and one way to close that gap within a month.`,
  },
  InterviewCoach: {
    promptId: 'interview_prep',
    system: `${COPILOT_PREAMBLE}
Prepare the candidate for the interview described: the three questions they are most likely to get, and
for each a one-line outline of a strong answer built on their own experience.`,
  },
  SalaryAdvisor: {
    promptId: 'salary_advice',
    system: `${COPILOT_PREAMBLE}
Advise on compensation for the role and location: a realistic base salary range, what drives the range,
and one negotiation tactic. Say clearly that ranges are estimates.`,
  },
};

/** True for a prompt under A/B test. */
export function isUnderTest(prompt: SinglePrompt | PromptVariants): prompt is PromptVariants {
  return 'A' in prompt;
}

/**
 * How long Anthropic keeps a prompt cached. Prompts under A/B test change with each
 * experiment and are reused within minutes: the default 5 minutes. The other prompts stay
 * the same for months and are used all day by every user, so their cache is written with a
 * 1-hour lifetime (dearer to write, far fewer rewrites).
 */
export function cacheTtlOf(prompt: SinglePrompt | PromptVariants): '5m' | '1h' {
  return isUnderTest(prompt) ? '5m' : '1h';
}

export const JUDGE_SYSTEM = `You are a strict evaluator of career-coaching answers. Read the user's request and the answer.
Return only JSON: {"score": 0-10, "reasoning": string, "hallucination": boolean, "factual_error": boolean,
"confidence": 0-1, "error_category": string|null, "suggestions": string[]}.
Score 9-10: specific, actionable, grounded in the request. 5-6: generic but correct. Below 4: wrong or misleading.
Flag hallucination when the answer cites a survey, study or statistic that cannot be verified.`;
