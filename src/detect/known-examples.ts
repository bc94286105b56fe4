/**
 * Credentials published as examples in standards and vendor documentation: copied into tests, docs
 * and tutorials by thousands of repositories, never anyone's real secret. The list is short on
 * purpose, and each entry names where it is published. It is code, not a YAML file under rules/:
 * every rule's placeholder filter consults it on every candidate, in every worker, and a scan must
 * not read or parse a file for it (nor may a file under rules/ be taken for a rule pack).
 */

/** Whole values, as a rule captures them. */
const KNOWN_VALUES: ReadonlySet<string> = new Set([
  // jwt.io's default HS256 token (https://jwt.io).
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  // Stripe API reference, test-mode secret and publishable keys (https://docs.stripe.com/api/authentication).
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'pk_test_TYooMQauvdEDq54NiTphI7jx',
  // Slack API docs, bot token (https://api.slack.com/authentication/token-types).
  'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
  // Azure Storage emulator and Azurite: the fixed key of account devstoreaccount1
  // (https://learn.microsoft.com/azure/storage/common/storage-use-azurite#well-known-storage-account-and-key).
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  // Supabase CLI local development: the service_role key every `supabase start` prints, signed with
  // the CLI's fixed JWT secret (https://supabase.com/docs/guides/local-development/cli/getting-started).
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU',
  // RFC 6749 (OAuth 2.0) sections 4.1 and 5.1: authorization code, access token, refresh token,
  // client secret (https://www.rfc-editor.org/rfc/rfc6749).
  'SplxlOBeZQQYbYS6WxSbIA',
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  '7Fjfp0ZBr1KtDRbnfVdmIw',
  // RFC 6750 (OAuth 2.0 bearer tokens) section 2.1 (https://www.rfc-editor.org/rfc/rfc6750).
  'mF_9.B5f-4.1JqM',
  // RFC 5849 (OAuth 1.0) section 1.2: client, temporary and token credentials, verifier
  // (https://www.rfc-editor.org/rfc/rfc5849#section-1.2).
  'dpf43f3p2l4k3l03',
  'kd94hf93k423kf44',
  'hh5s93j4hdidpola',
  'hdhd0244k9j7ao03',
  'nnch734d00sl2jdk',
  'pfkkdhi9sl3r4s00',
  'hfdp7dh39dks9884',
  // RFC 5849 section 3.1: client and token identifiers and shared secrets.
  '9djdj82h48djs9d2',
  'j49sk3j29djd',
  'kkk9d7dh3k39sjv7',
  'dh893hdasih9',
]);

/**
 * user:password pairs of textbooks and specifications, found as `user:password@` in URLs (or
 * Oracle's `user/password@`), as a Basic credential (base64 of the pair), or as the pair itself.
 */
const KNOWN_PAIRS: readonly (readonly [string, string])[] = [
  // Oracle's demo schema, and every SQLAlchemy engine URL example
  // (https://docs.sqlalchemy.org/en/20/core/engines.html#database-urls).
  ['scott', 'tiger'],
  // SQLAlchemy's example of escaping special characters in a URL password (same page).
  ['dbuser', 'kx%40jj5%2Fg'],
  // Generic stand-ins in URL and HTTP Basic examples of docs and tests everywhere.
  ['user', 'pass'],
  ['user', 'password'],
  ['username', 'password'],
  ['test', 'test'],
  ['admin', 'admin'],
  // RFC 6749 section 2.3.1: the client's Basic credential (https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1).
  ['s6BhdRkqt3', 'gX1fBat3bV'],
  // RFC 7617 section 2 (HTTP Basic) (https://www.rfc-editor.org/rfc/rfc7617#section-2).
  ['Aladdin', 'open sesame'],
];

const PAIRS: ReadonlySet<string> = new Set(KNOWN_PAIRS.map(([user, password]) => `${user}:${password}`));
const PASSWORDS: ReadonlyMap<string, readonly string[]> = (() => {
  const byPassword = new Map<string, string[]>();
  for (const [user, password] of KNOWN_PAIRS) byPassword.set(password, [...(byPassword.get(password) ?? []), user]);
  return byPassword;
})();
const BASE64 = /^[A-Za-z0-9+/]{8,64}={0,2}$/;

/**
 * Whether `secret` is a published example. `match` gives the rule's whole match, which a URL rule
 * needs: it captures only the password, and "tiger" is an example only as scott's.
 */
export function isKnownExample(secret: string, match: () => string): boolean {
  if (KNOWN_VALUES.has(secret) || PAIRS.has(secret)) return true;
  if (BASE64.test(secret) && PAIRS.has(Buffer.from(secret, 'base64').toString('latin1'))) return true;
  const users = PASSWORDS.get(secret);
  if (!users) return false;
  const text = match();
  return users.some((user) => new RegExp(`(?:^|[^A-Za-z0-9._%+-])${user}[:/]${escaped(secret)}@`).test(text));
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
