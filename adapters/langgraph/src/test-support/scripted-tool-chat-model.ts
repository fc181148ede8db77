import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { FakeUsageChatModel, type FakeUsageChatModelInput } from '@observatory/langchain/test';

/** One answer of a `ScriptedToolChatModel`: text, and the tools it asks to call. */
export interface ScriptedTurn {
  text?: string;
  toolCalls?: { name: string; args: Record<string, unknown> }[];
}

/**
 * `FakeUsageChatModel` answering from a script of turns that may call tools, as a
 * `createReactAgent` worker needs. `bindTools` keeps this model: the script decides what it
 * answers, whatever tools it is given. Tool calls are made when invoked; when streamed
 * (`streamMode: 'messages'`), turns answer with their text only.
 */
export class ScriptedToolChatModel extends FakeUsageChatModel {
  private readonly turns: ScriptedTurn[];
  private turn = 0;

  constructor(turns: ScriptedTurn[], fake: Omit<FakeUsageChatModelInput, 'responses'>) {
    super({ ...fake, responses: turns.map((turn) => turn.text ?? '') });
    this.turns = turns;
  }

  override bindTools(): this {
    return this;
  }

  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const result = await super._generate(messages, options, runManager);
    const turn = this.turns[this.turn++ % this.turns.length];
    const answer = result.generations[0].message as AIMessage;
    result.generations[0].message = new AIMessage({
      content: answer.content,
      usage_metadata: answer.usage_metadata,
      response_metadata: answer.response_metadata,
      tool_calls: (turn.toolCalls ?? []).map((call, index) => ({
        id: `call_${this.turn}_${index}`,
        name: call.name,
        args: call.args,
        type: 'tool_call' as const,
      })),
    });
    return result;
  }
}
