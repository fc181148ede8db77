import type { LLMCall, Session } from './models.js';
import { redactSecrets } from './redact-secrets.js';

export interface StoragePolicy {
  /** false: store no prompt or response text at all. */
  capturePrompts: boolean;
  /** Applied to every stored text (prompt, response, error, metadata strings). */
  redact: ((text: string) => string) | null;
  /** Longer texts are cut to this many characters, with a marker saying how much was cut. */
  maxTextChars: number;
}

/** Observatory's defaults: prompts kept, secrets redacted, texts cut at 200,000 characters. */
export const DEFAULT_STORAGE_POLICY: StoragePolicy = {
  capturePrompts: true,
  redact: redactSecrets,
  maxTextChars: 200_000,
};

/**
 * The row actually stored for a call: texts redacted, cut to size and made well-formed
 * UTF-16 (lone surrogates and U+0000 become U+FFFD), metadata made JSON-safe (cycles and BigInts
 * become strings). Runs in the writer, off the caller's path. Returns a copy.
 */
export function prepareForStorage(call: LLMCall, policy: StoragePolicy): LLMCall {
  const text = (value: string | null) => (value == null ? null : cleanText(value, policy));
  return {
    ...call,
    prompt: policy.capturePrompts ? text(call.prompt) : null,
    responseText: policy.capturePrompts ? text(call.responseText) : null,
    error: text(call.error),
    metadata: call.metadata == null ? null : (toJsonSafe(call.metadata, policy) as Record<string, unknown>),
    routingDecision: call.routingDecision && (toJsonSafe(call.routingDecision, policy) as LLMCall['routingDecision']),
    qualityEvaluation:
      call.qualityEvaluation && (toJsonSafe(call.qualityEvaluation, policy) as LLMCall['qualityEvaluation']),
  };
}

/** A session as stored: its error text and metadata cleaned like a call's. */
export function prepareSessionForStorage(session: Session, policy: StoragePolicy): Session {
  return {
    ...session,
    error: session.error == null ? null : cleanText(session.error, policy),
    metadata: session.metadata == null ? null : (toJsonSafe(session.metadata, policy) as Record<string, unknown>),
  };
}

export function cleanText(value: string, policy: Pick<StoragePolicy, 'redact' | 'maxTextChars'>): string {
  let out = value.length > policy.maxTextChars ? value.slice(0, policy.maxTextChars) : value;
  // U+0000 too: PostgreSQL refuses it in text, which would fail the whole batch on every retry.
  out = out.toWellFormed().replaceAll('\u0000', '\uFFFD');
  if (policy.redact) out = policy.redact(out);
  if (value.length > policy.maxTextChars) out += ` …[truncated ${value.length - policy.maxTextChars} chars]`;
  return out;
}

/** A JSON-safe deep copy: cycles → "[Circular]", BigInt → string, functions and symbols dropped. */
export function toJsonSafe(value: unknown, policy: Pick<StoragePolicy, 'redact' | 'maxTextChars'>): unknown {
  const seen = new WeakSet<object>();
  const visit = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return cleanText(v, policy);
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v !== 'object') return undefined;
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
    if (seen.has(v)) return '[Circular]';
    if (depth > 32) return '[Too deep]';
    seen.add(v);
    let out: unknown;
    if (Array.isArray(v)) out = v.map((item) => visit(item, depth + 1) ?? null);
    else {
      const obj: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v)) {
        const safe = visit(item, depth + 1);
        // Keys too: PostgreSQL's jsonb refuses U+0000 anywhere, which would fail the batch.
        if (safe !== undefined) obj[key.toWellFormed().replaceAll('\u0000', '\uFFFD')] = safe;
      }
      out = obj;
    }
    seen.delete(v);
    return out;
  };
  return visit(value, 0);
}
