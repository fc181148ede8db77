import { ObservatoryValidationError } from '@observatory/core';
import { type ChannelConfig, channelConfigSchema } from './notification.js';

/**
 * Validate a channel as the API receives it. Throws an ObservatoryValidationError naming
 * each bad field and the value it had, which `create-app.ts` answers with a 400.
 *
 * @example
 * parseChannelConfig({ id: 'c1', name: 'Ops', type: 'webhook', url: 'ftp://x', secret: 'short' });
 * // throws: channel: url = "ftp://x": must be an http:// or https:// URL; secret = "short": must be at least 16 characters
 */
export function parseChannelConfig(input: unknown): ChannelConfig {
  const result = channelConfigSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ObservatoryValidationError(
    'channel',
    result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.'),
      // Read the value from the input: zod only reports it with `reportInput`, and then for
      // an unknown `type` it reports the whole object rather than the field.
      value: valueAt(input, issue.path),
      message: issue.message,
    })),
  );
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
