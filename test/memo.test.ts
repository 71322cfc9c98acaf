import { describe, expect, it } from 'vitest';
import { memoize } from '../src/memo.js';

describe('memoize', () => {
  it('remembers undefined and null results as it does others, and forgets all when full', () => {
    const calls: string[] = [];
    const f = memoize(3, (k: string) => {
      calls.push(k);
      return k === 'u' ? undefined : k === 'n' ? null : k.length;
    });
    expect([f('u'), f('n'), f('ab'), f('u'), f('n'), f('ab')]).toEqual([undefined, null, 2, undefined, null, 2]);
    expect(calls).toEqual(['u', 'n', 'ab']);
    // A fourth key clears the three remembered ones.
    f('abc');
    f('u');
    expect(calls).toEqual(['u', 'n', 'ab', 'abc', 'u']);
  });
});
