import { readFileSync } from 'node:fs';
import type { LLMCall, Observatory } from '@observatory/core';

/** Everything the observatory stored for its project, oldest first, after writing what is pending. */
export async function storedCalls(obs: Observatory): Promise<LLMCall[]> {
  await obs.flush();
  return obs.storage.getLlmCalls({ projectName: obs.projectName, order: 'asc' });
}

/** A trimmed real provider response from `src/__fixtures__`. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8')) as T;
}
