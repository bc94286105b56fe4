import { cacheDir } from '../cache-dir.js';
import { cached, CacheKey } from '../cache-file.js';
import { compileRules, gateData, type CompiledRules, type GateData } from './compile.js';
import { isAutomatonData } from './literal-automaton.js';
import type { RuleSpec } from './rule.js';

// The modules whose code decides what the gate holds.
const GATE_MODULES = ['./compile.js', './prefilter.js', './literal-automaton.js', './decode/keyword-fragments.js'];
// One entry per distinct rule set in use (a config's packs, a --rules); old ones go.
const KEPT_ENTRIES = 8;

function isGateData(value: unknown): value is GateData {
  if (typeof value !== 'object' || value === null) return false;
  const { fragments, automaton } = value as Record<string, unknown>;
  // A malformed automaton fails here, so the entry is rebuilt and written again.
  return (
    isAutomatonData(automaton) &&
    Array.isArray(fragments) &&
    fragments.every((f: unknown) => typeof f === 'object' && f !== null && typeof (f as { text?: unknown }).text === 'string' && ['base64', 'hex'].includes((f as { encoding?: unknown }).encoding as string))
  );
}

/** compileRules(), with the keyword gate read from the user's cache when these rules' keywords built it before. */
export function compileRulesCached(specs: readonly RuleSpec[]): CompiledRules {
  let fresh: CompiledRules | undefined;
  const gate = cached(cacheDir(), {
    kind: 'gate',
    key: () =>
      new CacheKey()
        .add('keywords', JSON.stringify(specs.map((spec) => spec.keywords)))
        .addModules(import.meta.url, GATE_MODULES)
        .digest(),
    isValid: isGateData,
    load: () => gateData((fresh = compileRules(specs))),
    keep: KEPT_ENTRIES,
  });
  return fresh ?? compileRules(specs, gate);
}
