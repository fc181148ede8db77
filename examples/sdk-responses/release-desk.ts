import { SimulatedProviderError, type SimulatedRequest } from '../shared/simulated-provider.js';

/** A release the desk writes about. */
export interface Release {
  version: string;
  commits: string[];
}

export const RELEASES: readonly Release[] = [
  {
    version: 'v2.4.0',
    commits: [
      'feat(client): retry budgets per host',
      'fix(pool): leak when a socket closes during TLS handshake',
      'chore: drop Node 18',
    ],
  },
  {
    version: 'v2.5.0',
    commits: [
      'feat(cache): stale-while-revalidate',
      'feat(cli): --json output for every command',
      'fix(auth): refresh token race on parallel requests',
    ],
  },
  {
    version: 'v2.6.0',
    commits: [
      'feat: HTTP/3 (experimental, behind a flag)',
      'perf(parser): 30% faster header parsing',
      'docs: migration guide',
    ],
  },
  {
    version: 'v3.0.0',
    commits: [
      'feat!: ESM only',
      'feat!: remove the callback API',
      'feat(streams): web streams everywhere',
      'fix(types): stricter generics for middleware',
    ],
  },
];

export const CHANGELOG_SYSTEM = `You maintain CHANGELOG.md. Turn conventional commits into changelog entries grouped under
"Added", "Fixed" and "Removed", one line each, imperative mood, no commit prefixes, no issue numbers.
Breaking changes (a "!" after the type) go first, under "Breaking", with one line on how to migrate.`;

export const RELEASE_NOTES_SYSTEM = `You write the release notes shown on GitHub. Audience: developers deciding whether to upgrade today.
Open with one sentence on the theme of the release, then what changes for them, then anything they must do.
Friendly and precise, no marketing words, under 120 words, no headings.`;

export const ANNOUNCEMENT_INSTRUCTIONS = `Write one post for the project's social account announcing the release: under 260 characters, one emoji at most, end with the version.`;

export const REVIEW_SYSTEM = `You are the release manager's reviewer. Check the release notes against the changelog.
Report, in at most three lines: anything in the notes that the changelog does not support, anything
important the notes leave out, and whether the upgrade instructions are complete. Write "approved" if nothing is wrong.
Do not rewrite the notes. Do not comment on style unless it misleads the reader.`;

export const TRANSLATE_SYSTEM = `Translate the release notes into German for the project's German docs. Keep code, flags and versions as they are.`;

/**
 * The offline stand-in for the models of the release desk. Release notes for the versions
 * in `outage` fail: OpenAI answers 429, the Anthropic fallback 529.
 */
export function createReleaseResponder(outage: ReadonlySet<string>) {
  return (request: SimulatedRequest): string => {
    const system = request.turns.find((turn) => turn.role === 'system')?.text ?? '';
    const user = request.turns.filter((turn) => turn.role === 'user').at(-1)?.text ?? '';
    const version = /v\d+\.\d+\.\d+/.exec(user)?.[0] ?? 'the release';
    const commits = user.split('\n').filter((line) => /^(feat|fix|chore|perf|docs)/.test(line));
    if (system === RELEASE_NOTES_SYSTEM && outage.has(version)) {
      if (request.model.startsWith('claude')) throw new SimulatedProviderError(529, 'overloaded_error', 'Overloaded');
      throw new SimulatedProviderError(
        429,
        'rate_limit_exceeded',
        `Rate limit reached for ${request.model} on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.`,
      );
    }
    switch (system) {
      case CHANGELOG_SYSTEM:
        return commits
          .map((commit) => `- ${commit.replace(/^\w+(\([\w-]+\))?!?:\s*/, '').replace(/^./, (c) => c.toUpperCase())}`)
          .join('\n');
      case RELEASE_NOTES_SYSTEM:
        return `${version} is about reliability under load. ${commits.length} changes land in this release, led by ${commits[0]?.replace(/^\w+(\([\w-]+\))?!?:\s*/, '') ?? 'fixes'}. Most projects can upgrade without code changes; check the changelog for anything marked as breaking and run your integration tests against a staging deploy before rolling out.`;
      case ANNOUNCEMENT_INSTRUCTIONS:
        return `Fresh release: ${commits.length} improvements for reliability and speed. Upgrade notes and the full changelog are on GitHub. 🚀 ${version}`;
      case REVIEW_SYSTEM:
        return commits.some((c) => c.includes('!'))
          ? 'The notes do not mention the breaking changes; add migration steps.'
          : 'approved';
      case TRANSLATE_SYSTEM:
        return `${version} dreht sich um Zuverlässigkeit unter Last. Die meisten Projekte können ohne Codeänderungen aktualisieren; prüfen Sie das Changelog auf Breaking Changes.`;
      default:
        return 'OK.';
    }
  };
}
