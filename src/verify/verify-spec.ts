// The type lives in model/ (a RuleSpec carries it to every layer, detection included); this is
// where the verify stage and its callers name it.
export type { VerifyBodyMatcher, VerifyMatcher, VerifyMethod, VerifyRequestSpec, VerifySpec } from '../model/verify-spec.js';
