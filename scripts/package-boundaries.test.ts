import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The layers, lowest first: a package may import only packages of a lower layer. */
const LAYERS: Record<string, number> = {
  core: 0,
  'adapters/langchain': 1,
  'adapters/langgraph': 2,
  'adapters/ai-sdk': 1,
  'adapters/openai': 1,
  'adapters/anthropic': 1,
  examples: 3,
  dashboard: 4,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function packageOf(name: string): string | undefined {
  const match = /^@observatory\/(.+?)(\/.*)?$/.exec(name);
  if (!match) return undefined;
  const short = match[1];
  return short in LAYERS ? short : `adapters/${short}` in LAYERS ? `adapters/${short}` : short;
}

describe('package boundaries', () => {
  it('no package imports one of its own layer or above (nothing imports the dashboard)', () => {
    const upward: string[] = [];
    for (const [dir, layer] of Object.entries(LAYERS)) {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
      for (const dependency of declared) {
        const target = packageOf(dependency);
        if (target && target in LAYERS && LAYERS[target] >= layer && target !== dir) {
          upward.push(`${dir}/package.json → ${dependency}`);
        }
      }
      // The examples keep their sources at the package root.
      for (const file of sourceFiles(join(root, dir, dir === 'examples' ? '' : 'src'))) {
        for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(@observatory\/[^']+)'/g)) {
          const target = packageOf(specifier);
          if (target && target in LAYERS && target !== dir && LAYERS[target] >= layer) {
            upward.push(`${relative(root, file)} → ${specifier}`);
          }
        }
      }
    }
    expect(upward).toEqual([]);
  });
});
