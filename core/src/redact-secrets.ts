/**
 * Credential shapes removed from prompts, responses and metadata before storage.
 * Each match becomes `[REDACTED:<kind>]` so a reader still sees that a secret was there.
 */
const SECRET_PATTERNS: ReadonlyArray<readonly [kind: string, pattern: string]> = [
  ['anthropic_key', 'sk-ant-[A-Za-z0-9_-]{16,}'],
  ['openai_key', 'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}'],
  ['aws_access_key', String.raw`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`],
  ['aws_secret_key', String.raw`(?<=aws_secret_access_key["'\s:=]{1,5})[A-Za-z0-9/+=]{40}`],
  ['jwt', String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`],
  ['bearer_token', String.raw`(?<=\bBearer\s+)[A-Za-z0-9._~+/-]{16,}=*`],
  ['github_token', String.raw`\bgh[pousr]_[A-Za-z0-9]{36,}\b`],
  ['google_api_key', String.raw`\bAIza[0-9A-Za-z_-]{35}\b`],
  ['slack_token', String.raw`\bxox[abprs]-[A-Za-z0-9-]{10,}`],
];

const combined = new RegExp(SECRET_PATTERNS.map(([kind, pattern]) => `(?<${kind}>${pattern})`).join('|'), 'g');

/** Replace every credential-shaped substring of `text`. */
export function redactSecrets(text: string): string {
  return text.replace(combined, (...args) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    const kind = SECRET_PATTERNS.find(([name]) => groups[name] !== undefined)?.[0] ?? 'secret';
    return `[REDACTED:${kind}]`;
  });
}
