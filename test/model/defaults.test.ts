import { describe, expect, it } from 'vitest';
import { testRule } from '../helpers/rules.js';
import { fakeDemoToken } from '../helpers/tokens.js';
import { compileRules } from '../../src/detect/compile.js';
import { detect } from '../../src/detect/engine.js';
import * as defaults from '../../src/model/defaults.js';
import { DEFAULT_DECODE_DEPTH } from '../../src/pipeline/scan-file.js';
import { DEFAULT_BASELINE_FILE } from '../../src/suppress/baseline-file.js';

describe('scan defaults', () => {
  // Until these modules re-export from model/defaults.ts, their copies must not drift from it.
  it('older definitions agree with model/defaults.ts', () => {
    expect(DEFAULT_DECODE_DEPTH).toBe(defaults.DEFAULT_DECODE_DEPTH);
    expect(DEFAULT_BASELINE_FILE).toBe(defaults.DEFAULT_BASELINE_FILE);
  });

  it("the engine decodes to a scan's default depth unless told otherwise", () => {
    const compiled = compileRules([testRule({ id: 'demo', pattern: '\\b(dmo_[A-Za-z0-9]{24})\\b', keywords: ['dmo_'] })]);
    const token = fakeDemoToken();
    const encoded = Buffer.from(`blob: ${Buffer.from(`DEMO_TOKEN=${token}`).toString('base64')}`);
    expect(defaults.DEFAULT_DECODE_DEPTH).toBeGreaterThan(0);
    expect(detect(compiled, encoded, 'x.txt').map((finding) => finding.secret)).toEqual([token]);
    expect(detect(compiled, encoded, 'x.txt', { decodeDepth: 0 })).toEqual([]);
  });
});
