import { compileRules } from '../../src/detect/compile.js';
import { detect } from '../../src/detect/engine.js';
import type { Finding } from '../../src/model/finding.js';
import { loadPacks } from '../../src/rules/rule-pack.js';
import { DEMO_PACK } from '../helpers/cli.js';

const compiled = compileRules(loadPacks([DEMO_PACK]));

/** Real findings from the real engine with the test-only demo rule. */
export function detectDemo(text: string, path = 'app.env'): Finding[] {
  return detect(compiled, Buffer.from(text), path);
}
