import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * How a rule and secret are named outside memory (in a baseline, in a report) without the secret.
 * A plain hash of a weak password can be checked offline against a list of guesses; a hash keyed
 * with a salt cannot be checked without the salt, and two salts make two unrelated fingerprints
 * of one secret, so no table computed once serves every baseline.
 */
export type Fingerprinter = (ruleId: string, secret: string) => string;

/** 32 random bytes, hex: the salt of a new baseline, or the key of a report no baseline keys. */
export function newSalt(): string {
  return randomBytes(32).toString('hex');
}

/** HMAC-SHA256 of rule id and secret, keyed with a salt (hex): one salt, one fingerprint per rule and secret. */
export function saltedFingerprints(salt: string): Fingerprinter {
  const key = Buffer.from(salt, 'hex');
  return (ruleId, secret) => createHmac('sha256', key).update(ruleId).update('\0').update(secret).digest('hex');
}

/** Unsalted SHA-256 of rule id and secret, as version 1 baselines hold: computed only to read and migrate those. */
export function unsaltedFingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(ruleId).update('\0').update(secret).digest('hex');
}
