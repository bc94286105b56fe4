import type { Verification } from '../model/finding.js';

/** What --verify learnt, as people read it: LIVE, revoked, or unverified. */
export const VERIFICATION_WORDS: Record<Verification['status'], string> = { valid: 'LIVE', invalid: 'revoked', unknown: 'unverified' };

/** "LIVE", "revoked", "unverified (timed out)": a reason is a fixed phrase, never a value. */
export function verificationText(verification: Verification): string {
  const word = VERIFICATION_WORDS[verification.status];
  return verification.status === 'unknown' && verification.reason ? `${word} (${verification.reason})` : word;
}
