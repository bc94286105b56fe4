import { describe, expect, it } from 'vitest';
import { encodedKeywordFragments } from '../../src/detect/decode/keyword-fragments.js';
import { segmentsAround } from '../../src/detect/decode/segments.js';
import { hugeRun } from '../helpers/huge-run.js';

describe('stress: decoding', () => {
  it('walks and decodes a huge run once, however often fragments occur in it', () => {
    // 8 MB of base64 with a fragment every 32 KB: each used to cost a walk and a decode of the whole
    // run (many seconds); once is well under a second on a quiet machine.
    const blob = hugeRun(6 * 1024 * 1024);
    const started = performance.now();
    expect(segmentsAround(blob, encodedKeywordFragments(['dmo_']))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
