import type { CopilotAgent } from './career-prompts.js';

/** One thing a user asks the copilot, and which agent handles it. */
export interface CopilotRequest {
  agent: CopilotAgent;
  text: string;
}

/** A user's session with the copilot. */
export interface Conversation {
  id: string;
  user: string;
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
    user: 'maya',
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
    user: 'omar',
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
    user: 'lena',
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
    user: 'raj',
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
    user: 'sofia',
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
    user: 'tom',
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
];

/** Requests the simulated strong model is overloaded on (Anthropic 529), forcing the router's fallback. */
export const OVERLOADED_REQUESTS: ReadonlySet<string> = new Set([CONVERSATIONS[1].requests[1].text]);
