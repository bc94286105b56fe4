import { describe, expect, it } from 'vitest';
import { testRule } from '../helpers/rules.js';
import { fakeDemoToken } from '../helpers/tokens.js';
import { defaultScanSettings } from '../../src/commands/scan-options.js';
import { scanBuffer, type ScanSettings } from '../../src/pipeline/scan-file.js';
import { testRules, type ScanText } from '../../src/rules/rule-tests.js';

const scanWith = (settings: ScanSettings): ScanText => (compiled, data, file) => {
  const outcome = scanBuffer(compiled, data, file, settings);
  return outcome.kind === 'scanned' ? outcome.findings : [];
};

/** A rule whose negative is the base64 of its own example: a scan decodes it and reports the token. */
function encodedNegative() {
  const example = `DEMO_TOKEN=${fakeDemoToken()}`;
  return testRule({
    id: 'demo',
    pattern: '\\b(dmo_[A-Za-z0-9]{24})\\b',
    keywords: ['dmo_'],
    examples: [{ text: example }],
    negatives: [{ text: `blob: ${Buffer.from(example).toString('base64')}` }],
  });
}

describe('testRules', () => {
  it("runs examples and negatives with the scan it is given: a default scan's decoding reports an encoded negative", () => {
    const rule = encodedNegative();
    const { failures, cases } = testRules([rule], scanWith(defaultScanSettings()));
    expect(cases).toBe(2);
    expect(failures).toEqual([expect.objectContaining({ ruleId: 'demo', kind: 'negative', reason: 'reported' })]);
  });

  it('passes the same rule under a scan that does not decode', () => {
    const { failures } = testRules([encodedNegative()], scanWith({ ...defaultScanSettings(), maxDecodeDepth: 0 }));
    expect(failures).toEqual([]);
  });

  it('does not count an example that an inline allow marker hides from a scan', () => {
    const rule = testRule({ id: 'demo', pattern: '\\b(dmo_[A-Za-z0-9]{24})\\b', keywords: ['dmo_'], examples: [{ text: `t = "${fakeDemoToken()}" # secretsift:allow` }] });
    expect(testRules([rule], scanWith(defaultScanSettings())).failures).toEqual([expect.objectContaining({ kind: 'example', reason: 'not reported' })]);
  });
});
