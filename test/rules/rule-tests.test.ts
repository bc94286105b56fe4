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
    expect(testRules([rule], scanWith(defaultScanSettings())).failures).toEqual([
      expect.objectContaining({ kind: 'example', reason: "not reported: it passes the rule's checks, but was suppressed after detection (an inline allow marker?)" }),
    ]);
  });

  it('says which check dropped an example, and which rule took a span the example lost', () => {
    const token = fakeDemoToken();
    const strict = testRule({ id: 'strict', pattern: '\\b(dmo_[A-Za-z0-9]{24})\\b', keywords: ['dmo_'], entropy: 7, examples: [{ text: `t=${token}` }] });
    const [failure] = testRules([strict], scanWith(defaultScanSettings())).failures;
    expect(failure?.reason).toMatch(/^not reported: entropy \d\.\d\d below the rule's 7$/);
    // Two rules over the same span: one finding per span, and the first rule keeps it.
    const first = testRule({ id: 'first', pattern: '\\b(dmo_[A-Za-z0-9]{24})\\b', keywords: ['dmo_'], examples: [{ text: `t=${token}` }] });
    const second = testRule({ id: 'second', pattern: '\\b(dmo_[A-Za-z0-9]{24})\\b', keywords: ['dmo_'], examples: [{ text: `t=${token}` }] });
    expect(testRules([first, second], scanWith(defaultScanSettings())).failures).toEqual([
      expect.objectContaining({ ruleId: 'second', reason: "not reported: it passes the rule's checks, but first reported the text instead (one finding per span)" }),
    ]);
  });
});
