import type { Severity } from '../model/rule.js';
import { decodeBase64UrlJson } from './validators.js';

/**
 * Severity a value has by what it is, where that differs from its rule's: a value that is public by
 * design (shipped to browsers, meant to be read) is reported at `info`, which does not fail a run
 * under the default `--fail-on low`. A rule names one with `classify:`, as it names a validator with
 * `validate:`; the decoding lives here because data cannot express it. Returns undefined to keep
 * the rule's severity.
 */
export type Classifier = (secret: string) => Severity | undefined;

// JWT `role` claims that grant only what an anonymous visitor may do. Supabase's anon key is
// shipped to every browser and guarded by row-level security
// (https://supabase.com/docs/guides/api/api-keys); its service_role key is not, and stays severe.
const PUBLIC_JWT_ROLES: ReadonlySet<unknown> = new Set(['anon']);

export function jwtPublicRole(secret: string): Severity | undefined {
  const payload = decodeBase64UrlJson(secret.split('.')[1] ?? '');
  if (typeof payload !== 'object' || payload === null) return undefined;
  return PUBLIC_JWT_ROLES.has((payload as { role?: unknown }).role) ? 'info' : undefined;
}

export const CLASSIFIERS: Readonly<Record<string, Classifier>> = {
  'jwt-public-role': jwtPublicRole,
};
