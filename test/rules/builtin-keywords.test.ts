import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/detect/compile.js';
import { detect } from '../../src/detect/engine.js';
import { patternShape } from '../../src/detect/pattern-shape.js';
import { defaultPackFiles } from '../../src/rules/pack-files.js';
import { loadPacks } from '../../src/rules/rule-pack.js';

/*
 * A rule runs only in files holding one of its keywords. A match holding none of them is found
 * only beside an unrelated hit of a keyword, and such a rule runs over the whole file instead of
 * at its hits: keywords that miss a form of the pattern cost recall and speed both.
 */

const rules = loadPacks(defaultPackFiles());

// Patterns whose keyword coverage the shape analysis cannot prove (sets of strings too large to
// list), each checked by hand; the keywords that would prove them are common words ("export",
// "namespaces", "src_") that would make the rule a candidate in most code.
const UNPROVEN = ['digitalocean-spaces-secret-key', 'expo-access-token', 'mailchimp-api-key', 'ringcentral-jwt-credential'];

describe('built-in rule keywords', () => {
  it('appear in every match a pattern allows, for all but the rules known unprovable', () => {
    const unproven = rules.filter((rule) => rule.keywords.length > 0 && !patternShape(rule.pattern, rule.keywords).keywordInEveryMatch).map((rule) => rule.id);
    expect(unproven.sort()).toEqual(UNPROVEN);
  });

  it('let a rule find a form of its secret whose file holds no other keyword of it', () => {
    const cases = [
      { id: 'wise-api-token', text: `transfer.wiseSecret=${randomUUID()}`, path: 'payouts.properties' },
      { id: 'metabase-api-key', text: `MB_APIKEY=mb_${randomBytes(32).toString('base64')}`, path: '.env' },
      { id: 'code-climate-reporter-id', text: `settings.test_reporterId = "${randomBytes(32).toString('hex')}"`, path: 'ci.js' },
    ];
    for (const { id, text, path } of cases) {
      const rule = rules.find((spec) => spec.id === id);
      if (!rule) throw new Error(`no rule ${id}`);
      expect(detect(compileRules([rule]), Buffer.from(text), path).map((found) => found.ruleId), id).toEqual([id]);
    }
  });
});
