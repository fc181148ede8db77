// Imports a package's ESM entry points from one given install of it. The Observatory child
// takes `@langchain/core` from where `@observatory/langchain` resolves it (the workspace),
// the other children from bench/peers/node_modules: each process then loads one copy of
// LangChain, the one its integration uses, as an app with deduplicated packages would.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The real folder of `name` as Node would find it from the folder `from` (the node_modules
 * lookup; not through `exports`, which need not list package.json).
 */
export function packageRoot(name, from) {
  const candidates = createRequire(join(from, 'noop.js')).resolve.paths(name) ?? [];
  const found = candidates.map((dir) => join(dir, name)).find((dir) => existsSync(join(dir, 'package.json')));
  if (!found) throw new Error(`${name} is not installed where ${from} would find it`);
  return realpathSync(found);
}

/** `version` from the package.json of the install at `root`. */
export function packageVersion(root) {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

function importTarget(entry) {
  if (typeof entry === 'string') return entry;
  const chosen = entry?.import ?? entry?.default;
  return typeof chosen === 'string' ? chosen : chosen?.default;
}

/** `import(name + subpath)` as Node would resolve it from a file inside the install at `root`. */
export function importFrom(root, subpath) {
  const { exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const target = importTarget(exports?.[subpath]);
  if (!target) throw new Error(`${root} exports no ESM entry for ${subpath}`);
  return import(pathToFileURL(join(root, target)).href);
}
