import type { QualityEvaluation } from '@observatory/core';
import type OpenAI from 'openai';
import { JUDGE_SYSTEM } from './career-prompts.js';

/** The judge's verdict and the call that produced it (to be recorded by the caller). */
export interface Judgement {
  evaluation: QualityEvaluation;
  completion: OpenAI.ChatCompletion;
  latencyMs: number;
}

export const JUDGE_MODEL = 'gpt-4o';

/** The judge's request for one answer: a rubric, and JSON back. */
export function buildJudgeRequest(question: string, answer: string): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return {
    model: JUDGE_MODEL,
    response_format: { type: 'json_object' },
    messages: [
      { role: 'system', content: JUDGE_SYSTEM },
      { role: 'user', content: `Request:\n${question}\n\nAnswer:\n${answer}` },
    ],
  };
}

/**
 * The copilot's own LLM judge (Observatory only records its verdict): gpt-4o scores an
 * answer against a rubric and returns JSON, read into a `QualityEvaluation`.
 */
export async function judgeAnswer(
  openai: OpenAI,
  request: OpenAI.ChatCompletionCreateParamsNonStreaming,
  options: { timeoutMs: number },
): Promise<Judgement> {
  const started = performance.now();
  const completion = await openai.chat.completions.create(request, { timeout: options.timeoutMs });
  return {
    evaluation: readVerdict(completion.choices[0]?.message.content ?? ''),
    completion,
    latencyMs: performance.now() - started,
  };
}

/** Read the judge's JSON, clamping what a real model may get slightly wrong. */
export function readVerdict(text: string): QualityEvaluation {
  let raw: Record<string, unknown> = {};
  try {
    raw = JSON.parse(/\{[\s\S]*\}/.exec(text)?.[0] ?? '{}') as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const score = Number(raw.score);
  const confidence = Number(raw.confidence);
  return {
    judgeScore: Number.isFinite(score) ? Math.min(10, Math.max(0, score)) : 0,
    reasoning: typeof raw.reasoning === 'string' ? raw.reasoning : 'the judge returned no reasoning',
    hallucinationFlag: raw.hallucination === true,
    factualError: raw.factual_error === true,
    confidence: Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : undefined,
    errorCategory: typeof raw.error_category === 'string' ? raw.error_category : undefined,
    suggestions: Array.isArray(raw.suggestions) ? raw.suggestions.map(String) : [],
  };
}
