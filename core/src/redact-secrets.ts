/**
 * Credential shapes removed from prompts, responses and metadata before storage.
 * Each match becomes `[REDACTED:<kind>]` so a reader still sees that a secret was there.
 */
const SECRET_PATTERNS: ReadonlyArray<readonly [kind: string, pattern: string, marker: string]> = [
  ['anthropic_key', 'sk-ant-[A-Za-z0-9_-]{16,}', 'sk-ant-'],
  ['openai_key', 'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}', 'sk-'],
  ['aws_access_key', String.raw`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`, 'AKIA|ASIA'],
  ['aws_secret_key', String.raw`(?<=aws_secret_access_key["'\s:=]{1,5})[A-Za-z0-9/+=]{40}`, 'aws_secret_access_key'],
  ['jwt', String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`, 'eyJ'],
  ['bearer_token', String.raw`(?<=\bBearer\s+)[A-Za-z0-9._~+/-]{16,}=*`, 'Bearer'],
  ['github_token', String.raw`\bgh[pousr]_[A-Za-z0-9]{36,}\b`, 'gh[pousr]_'],
  ['google_api_key', String.raw`\bAIza[0-9A-Za-z_-]{35}\b`, 'AIza'],
  ['slack_token', String.raw`\bxox[abprs]-[A-Za-z0-9-]{10,}`, 'xox[abprs]-'],
];

const combined = new RegExp(SECRET_PATTERNS.map(([kind, pattern]) => `(?<${kind}>${pattern})`).join('|'), 'g');

/**
 * A text none of whose patterns can match: each pattern's fixed part (`marker`), which a
 * plain scan finds far faster than the combined pattern, whose look-behinds are tried at
 * every position of every prompt and response (~5 µs a call).
 */
const anyMarker = new RegExp(SECRET_PATTERNS.map(([, , marker]) => marker).join('|'));

/** Replace every credential-shaped substring of `text`. */
export function redactSecrets(text: string): string {
  if (!anyMarker.test(text)) return text;
  return text.replace(combined, (...args) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    const kind = SECRET_PATTERNS.find(([name]) => groups[name] !== undefined)?.[0] ?? 'secret';
    return `[REDACTED:${kind}]`;
  });
}
