import type { AiSdkModelInfo } from '../types.js';
import type { AiSdkVersion, MockModelOptions } from './ai-sdk-versions.js';
import { generateResult, type ProviderTurn, streamParts } from './provider-results.js';

/** Delays of a mock stream, in milliseconds: before the first part, and between parts. */
export interface StreamDelays {
  initialDelayInMs?: number;
  chunkDelayInMs?: number;
}

/** A mock model of the version answering `generateText` with the turns, one per step. */
export function generatingModel(
  version: AiSdkVersion,
  provider: string,
  modelId: string,
  turns: ProviderTurn[],
): AiSdkModelInfo {
  return new version.MockModel({
    provider,
    modelId,
    doGenerate: turns.map((turn) => generateResult(version.spec, turn)),
  });
}

/**
 * A mock model of the version streaming the turns, one per step. The first part comes
 * after `initialDelayInMs` (default 30), so a time to first token can be checked.
 */
export function streamingModel(
  version: AiSdkVersion,
  provider: string,
  modelId: string,
  turns: ProviderTurn[],
  { initialDelayInMs = 30, chunkDelayInMs = 2 }: StreamDelays = {},
): AiSdkModelInfo {
  return new version.MockModel({
    provider,
    modelId,
    doStream: turns.map((turn) => ({
      stream: version.ai.simulateReadableStream({
        chunks: streamParts(version.spec, turn),
        initialDelayInMs,
        chunkDelayInMs,
      }),
    })),
  });
}

/** A mock model of the version whose every call throws `Error(message)`, as a provider error does. */
export function failingModel(version: AiSdkVersion, provider: string, modelId: string, message: string) {
  const fail = async () => {
    throw new Error(message);
  };
  return new version.MockModel({ provider, modelId, doGenerate: fail, doStream: fail });
}

/** A mock model of the version answering after `delayMs` (generate), or streaming its first part then. */
export function slowModel(
  version: AiSdkVersion,
  provider: string,
  modelId: string,
  turn: ProviderTurn,
  delayMs: number,
): AiSdkModelInfo {
  const options: MockModelOptions = {
    provider,
    modelId,
    doGenerate: async () => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return generateResult(version.spec, turn);
    },
    doStream: async () => ({
      stream: version.ai.simulateReadableStream({
        chunks: streamParts(version.spec, turn),
        initialDelayInMs: delayMs,
        chunkDelayInMs: 2,
      }),
    }),
  };
  return new version.MockModel(options);
}
