// Companions are found where the content is, during detection (detect/verify-values.ts); this is
// where the verify stage and its callers name the lookup.
export { findCompanions, NEAR_CHARS } from '../detect/verify-values.js';
