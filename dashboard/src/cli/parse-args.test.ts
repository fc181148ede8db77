import { describe, expect, it } from 'vitest';
import { intFlag, parseArgs, textFlag } from './parse-args.js';

describe('parseArgs', () => {
  it('reads the command, flags with separate or inline values, and switches', () => {
    expect(parseArgs(['serve', '--port', '8080', '--host=0.0.0.0', '--open'])).toEqual({
      command: 'serve',
      flags: { port: '8080', host: '0.0.0.0', open: true },
      positional: [],
    });
    expect(parseArgs(['prune', '--older-than', '90d', 'extra']).positional).toEqual(['extra']);
    expect(parseArgs(['-h']).flags.help).toBe(true);
  });

  it('checks numbers and missing values', () => {
    expect(intFlag(parseArgs(['demo', '--calls', '1_000_000']), 'calls', 1, 10_000_000)).toBe(1_000_000);
    expect(() => intFlag(parseArgs(['demo', '--calls', 'many']), 'calls', 1, 10)).toThrow(
      '--calls must be a whole number from 1 to 10, got "many"',
    );
    expect(() => textFlag(parseArgs(['serve', '--db']), 'db')).toThrow('--db needs a value');
  });
});
