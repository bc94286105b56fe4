import { describe, expect, it } from 'vitest';
import { shannonEntropy } from '../../src/detect/entropy.js';

describe('shannonEntropy', () => {
  it('is 0 for empty and single-symbol strings', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaaaaa')).toBe(0);
  });

  it('is log2 of the alphabet size for uniform strings', () => {
    expect(shannonEntropy('ab')).toBeCloseTo(1);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4);
  });

  it('ranks random tokens above words', () => {
    expect(shannonEntropy('Zq8vN3xK1pLm7RtY2wBc')).toBeGreaterThan(shannonEntropy('passwordpassword'));
  });
});
