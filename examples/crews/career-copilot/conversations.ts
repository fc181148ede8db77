import type { CopilotAgent } from './career-prompts.js';

/** One thing a user asks the copilot, and which agent handles it. */
export interface CopilotRequest {
  agent: CopilotAgent;
  text: string;
}

/** A session with the copilot: what is asked, in order. Who asks is drawn per session (see `Customer`). */
export interface Conversation {
  id: string;
  requests: CopilotRequest[];
}

/**
 * The question nearly everyone opens with, typed differently each time: after
 * normalisation they are one prompt, so the copilot's own cache answers the repeats.
 */
const OPENER: readonly string[] = [
  'How do I make my CV stand out for senior roles?',
  'how do i make my cv stand out for senior roles',
  'How do I make my CV  stand out for Senior roles??',
  'How do I make my CV stand out for senior roles',
];

export const CONVERSATIONS: readonly Conversation[] = [
  {
    id: 'maya-senior-data',
    requests: [
      { agent: 'ResumeReviewer', text: OPENER[0] },
      {
        agent: 'ResumeReviewer',
        text: 'Review this line from my CV: "Responsible for data pipelines at a retail company." Target role: Senior Data Engineer.',
      },
      { agent: 'SalaryAdvisor', text: 'What salary should I ask for as a senior data engineer in Berlin?' },
    ],
  },
  {
    id: 'omar-backend-to-pm',
    requests: [
      { agent: 'ResumeReviewer', text: OPENER[1] },
      {
        agent: 'CoverLetterWriter',
        text: 'Write a cover letter for a Product Manager role at Miro. I have 6 years as a backend developer, led the migration of our billing system and ran 40 user interviews for our public API. This is a career change for me.',
      },
      {
        agent: 'JobMatcher',
        text: 'How well do I match this posting? "Associate PM, developer tools: SQL, talking to customers, writing specs." I am a backend developer who writes our API docs.',
      },
    ],
  },
  {
    id: 'lena-frontend-lisbon',
    requests: [
      { agent: 'ResumeReviewer', text: OPENER[2] },
      { agent: 'SalaryAdvisor', text: 'What salary should I ask for as a frontend developer in Lisbon?' },
      {
        agent: 'ResumeReviewer',
        text: 'Review this line from my CV: "Worked on the design system." Target role: Senior Frontend Engineer.',
      },
    ],
  },
  {
    id: 'raj-sre-interview',
    requests: [
      {
        agent: 'InterviewCoach',
        text: 'I have an SRE interview at a payments company next week. I ran on-call for a Kubernetes platform with 300 services.',
      },
      {
        agent: 'CoverLetterWriter',
        text: 'Write a cover letter for a Staff Site Reliability Engineer role at a payments company. I cut our p99 alert noise by 70% and led 12 incident reviews.',
      },
      { agent: 'SalaryAdvisor', text: 'what salary should I ask for as a Senior Data Engineer in Berlin' },
    ],
  },
  {
    id: 'sofia-new-grad-ml',
    requests: [
      { agent: 'ResumeReviewer', text: OPENER[3] },
      {
        agent: 'JobMatcher',
        text: 'Do I fit this job? "ML Engineer I: Python, PyTorch, shipping models to production." I have a master\'s thesis on graph networks and one internship.',
      },
      {
        agent: 'ResumeReviewer',
        text: 'Review this line from my CV: "Did a project on recommendation systems." Target role: ML Engineer.',
      },
    ],
  },
  {
    id: 'tom-eng-manager',
    requests: [
      { agent: 'ResumeReviewer', text: OPENER[0] },
      {
        agent: 'CoverLetterWriter',
        text: 'Write a cover letter for an Engineering Manager role at a climate startup. I manage 8 engineers and cut our release cycle from monthly to weekly.',
      },
      {
        agent: 'InterviewCoach',
        text: 'Prepare me for an engineering manager interview: they will ask about performance management and hiring.',
      },
    ],
  },
  {
    id: 'ines-two-offers',
    requests: [
      {
        agent: 'SalaryAdvisor',
        text: 'Compare my two offers for a senior backend role. A: €92,000 base and 0.1% equity in a company valued at €400M, vesting over 4 years. B: €105,000 base with a 10% annual bonus. Which is worth more over 4 years?',
      },
      {
        agent: 'CoverLetterWriter',
        text: 'Write a cover letter for a Staff Backend Engineer role at a logistics scale-up. I moved 14 services to Kubernetes and cut our cloud bill by 22% in one year.',
      },
      {
        agent: 'InterviewCoach',
        text: 'Prepare me for the final round of a Staff Backend Engineer role: a system design interview and a conversation with the CTO about technical strategy.',
      },
    ],
  },
  {
    id: 'kenji-data-to-ml',
    requests: [
      {
        agent: 'JobMatcher',
        text: 'Score my fit. The posting asks for 5+ years of Python, 3+ years of ML in production and 2 shipped recommendation systems. I have 7 years of Python, 2 years of ML in production and 1 shipped ranking model.',
      },
      { agent: 'ResumeReviewer', text: OPENER[2] },
      {
        agent: 'InterviewCoach',
        text: 'Prepare me for an ML engineer interview at a marketplace: they will ask about ranking models, offline metrics and A/B tests.',
      },
    ],
  },
];

/** Requests the simulated strong model is overloaded on (Anthropic 529), forcing the router's fallback. */
export const OVERLOADED_REQUESTS: ReadonlySet<string> = new Set([CONVERSATIONS[1].requests[1].text]);
