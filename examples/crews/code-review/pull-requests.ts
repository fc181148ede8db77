import { SimulatedProviderError, type SimulatedRequest } from '../../shared/simulated-provider.js';

/** A pull request the crew reviews. */
export interface PullRequest {
  number: number;
  title: string;
  diff: string;
  /** What a careful reviewer finds (none: the PR is approved). */
  issues: string[];
  /** The patch a fixer would propose for the issues. */
  patch?: string;
  /** A generated diff far over the context window: the analyzer's call fails. */
  oversized?: boolean;
}

export const PULL_REQUESTS: readonly PullRequest[] = [
  {
    number: 1412,
    title: 'Cache user permissions per request',
    diff: `--- a/src/auth/permissions.ts
+++ b/src/auth/permissions.ts
@@ -12,8 +12,14 @@ export async function canEdit(user: User, doc: Doc) {
-  const roles = await db.roles.forUser(user.id);
+  const roles = cache.get(user.id) ?? (await db.roles.forUser(user.id));
+  cache.set(user.id, roles);
   return roles.some((role) => role.docIds.includes(doc.id));
 }
+
+const cache = new Map<string, Role[]>();`,
    issues: [
      'The module-level Map is never cleared, so revoked roles stay cached until the process restarts.',
      'The cache is shared between requests, which the title says it must not be.',
    ],
    patch: `-const cache = new Map<string, Role[]>();
+export function createPermissionCache(): Map<string, Role[]> {
+  return new Map();
+}`,
  },
  {
    number: 1415,
    title: 'Add retry with backoff to webhook delivery',
    diff: `--- a/src/webhooks/deliver.ts
+++ b/src/webhooks/deliver.ts
@@ -30,6 +30,15 @@ export async function deliver(hook: Hook, event: Event) {
-  await fetch(hook.url, { method: 'POST', body: JSON.stringify(event) });
+  for (let attempt = 0; attempt < 5; attempt++) {
+    const res = await fetch(hook.url, { method: 'POST', body: JSON.stringify(event) });
+    if (res.ok) return;
+    await sleep(2 ** attempt * 1000);
+  }
+  throw new DeliveryError(hook.id, event.id);`,
    issues: ['A 4xx answer (except 429) will never succeed; retrying it wastes 31 seconds per event.'],
    patch: `+    if (res.status >= 400 && res.status < 500 && res.status !== 429) break;`,
  },
  {
    number: 1418,
    title: 'Fix typo in onboarding email',
    diff: `--- a/templates/onboarding.mjml
+++ b/templates/onboarding.mjml
@@ -4,1 +4,1 @@
-<mj-text>Welcome aboard! Your workspace is ready to to use.</mj-text>
+<mj-text>Welcome aboard! Your workspace is ready to use.</mj-text>`,
    issues: [],
  },
  {
    number: 1421,
    title: 'Paginate the audit log export',
    diff: `--- a/src/audit/export.ts
+++ b/src/audit/export.ts
@@ -8,7 +8,16 @@ export async function exportAuditLog(orgId: string, out: Writable) {
-  const rows = await db.audit.findMany({ where: { orgId } });
-  for (const row of rows) out.write(toCsv(row));
+  let cursor: string | undefined;
+  do {
+    const page = await db.audit.findMany({ where: { orgId }, take: 1000, cursor, orderBy: { id: 'asc' } });
+    for (const row of page) out.write(toCsv(row));
+    cursor = page.at(-1)?.id;
+  } while (cursor);`,
    issues: ['With a cursor, findMany includes the cursor row itself: every page after the first repeats one row.'],
    patch: `+    const page = await db.audit.findMany({ where: { orgId }, take: 1000, skip: cursor ? 1 : 0, cursor: cursor ? { id: cursor } : undefined, orderBy: { id: 'asc' } });`,
  },
  {
    number: 1423,
    title: 'Bump dependencies and regenerate lockfile',
    diff: `--- a/pnpm-lock.yaml
+++ b/pnpm-lock.yaml
@@ -1,48213 +1,49877 @@
 lockfileVersion: '9.0'
 (48,213 lines changed)`,
    issues: [],
    oversized: true,
  },
  {
    number: 1426,
    title: 'Use constant-time comparison for API keys',
    diff: `--- a/src/auth/api-key.ts
+++ b/src/auth/api-key.ts
@@ -3,5 +3,7 @@ import { timingSafeEqual } from 'node:crypto';
 export function verifyKey(given: string, stored: string): boolean {
-  return given === stored;
+  const a = Buffer.from(given);
+  const b = Buffer.from(stored);
+  return a.length === b.length && timingSafeEqual(a, b);
 }`,
    issues: [],
  },
  {
    number: 1430,
    title: 'Parse dates in the CSV importer',
    diff: `--- a/src/import/csv.ts
+++ b/src/import/csv.ts
@@ -21,4 +21,6 @@ function toRecord(cells: string[]): ImportRecord {
   return {
     name: cells[0],
-    createdAt: cells[1],
+    createdAt: new Date(cells[1]),
+    amount: parseFloat(cells[2]),
   };`,
    issues: [
      'new Date("03/04/2025") is read as March 4 in US locale files and April 3 in EU ones; the importer needs an explicit format.',
      'parseFloat("1.234,56") returns 1.234 for EU-formatted amounts; invalid values become NaN silently.',
    ],
    patch: `+    createdAt: parseDate(cells[1], options.dateFormat),
+    amount: parseAmount(cells[2], options.locale),`,
  },
];

const TEAM_GUIDELINES = `You are part of the code review crew of a B2B SaaS team (TypeScript, Node 20, PostgreSQL).
Team rules, in order of importance:
1. Correctness and security before style. Flag data loss, auth bypass, injection, race conditions and leaks first.
2. Every finding names the file and line, says what goes wrong for a user, and how likely it is.
3. Performance findings need a number: rows, requests per second, milliseconds, bytes.
4. Do not ask for tests that already exist, and do not restate the diff back to the author.
5. Style and naming are out of scope unless they hide a bug.
6. Be direct and kind; the author is a colleague.`;

export const ANALYZER_SYSTEM = `${TEAM_GUIDELINES}

Your role: Analyzer. Summarise what the diff changes in two sentences, then list the risk areas a reviewer
must check (at most three, one line each, prefixed "risk:"). Do not judge yet.`;

export const REVIEWER_SYSTEM = `${TEAM_GUIDELINES}

Your role: Reviewer. Using the analysis and the diff, list each real problem as "issue: <finding>".
End with exactly one line: "VERDICT: approve" when there is no issue, else "VERDICT: request_changes".`;

export const FIXER_SYSTEM = `${TEAM_GUIDELINES}

Your role: Fixer. For the reviewer's issues, propose the smallest patch that fixes them, as one \`\`\`diff block,
followed by one sentence per issue saying how the patch addresses it.`;

/**
 * The offline stand-in for the crew's models: the analyzer summarises the pull request,
 * the reviewer reports its known issues, the fixer proposes its patch. An oversized diff
 * fails as OpenAI does when a prompt is over the context window.
 */
export function codeReviewResponder(request: SimulatedRequest): string {
  const system = request.turns.find((turn) => turn.role === 'system')?.text ?? '';
  const user = request.turns.filter((turn) => turn.role === 'user').at(-1)?.text ?? '';
  const number = Number(/#(\d+)/.exec(user)?.[1]);
  const pr = PULL_REQUESTS.find((candidate) => candidate.number === number);
  if (!pr) return 'I could not find a pull request in the message.';
  if (system === ANALYZER_SYSTEM) {
    if (pr.oversized) {
      throw new SimulatedProviderError(
        400,
        'context_length_exceeded',
        `This model's maximum context length is 128000 tokens. However, your messages resulted in 412877 tokens. Please reduce the length of the messages.`,
      );
    }
    const files = [...pr.diff.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((match) => match[1]);
    return `"${pr.title}" changes ${files.join(', ')}. The change is ${pr.diff.split('\n').length} lines and touches ${pr.issues.length > 0 ? 'behaviour other code depends on' : 'a self-contained spot'}.\nrisk: behaviour change for existing callers\nrisk: ${pr.issues.length > 0 ? 'state kept across calls or inputs' : 'none beyond the diff itself'}`;
  }
  if (system === REVIEWER_SYSTEM) {
    const issues = pr.issues.map((issue) => `issue: ${issue}`);
    return [...issues, pr.issues.length > 0 ? 'VERDICT: request_changes' : 'VERDICT: approve'].join('\n');
  }
  return `\`\`\`diff\n${pr.patch ?? ''}\n\`\`\`\n${pr.issues.map((_, i) => `Issue ${i + 1}: handled by the patch above.`).join('\n')}`;
}
