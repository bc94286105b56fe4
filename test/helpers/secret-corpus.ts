import { generateKeyPairSync } from 'node:crypto';
import { fakeAwsAccessKeyId, fakeDemoToken, fakeGithubToken, randomString } from './tokens.js';

const DIGITS = '0123456789';

export interface SecretCorpus {
  /** Files to write (path → content), each holding planted secrets. */
  files: Record<string, string>;
  /** Every planted secret: no output may hold any 8 characters of one. */
  secrets: string[];
}

/** A real (throwaway, 1024-bit) RSA key: the rule checks that the body is DER. */
function privateKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'pkcs1', format: 'pem' } }).privateKey;
}

/**
 * Fake secrets of several shapes (demo-pack and built-in rules), placed where redaction is
 * hardest: two on one line, one beside another an inline marker suppresses, a multi-line key,
 * one only visible once decoded.
 */
export function secretCorpus(): SecretCorpus {
  const github = fakeGithubToken();
  const githubBeside = fakeGithubToken();
  const githubNextToAllowed = fakeGithubToken('gho');
  const aws = fakeAwsAccessKeyId();
  const awsSecret = randomString(40);
  const slack = `xoxb-${randomString(11, DIGITS)}-${randomString(12, DIGITS)}-${randomString(24)}`;
  // Generic password rules want a digit in the value (words rarely have one): make sure there is one.
  const password = `Pw${randomString(17)}7`;
  const dbPassword = `${randomString(19)}3`;
  const key = privateKeyPem();
  const keyBody = key.split('\n').filter((line) => line && !line.startsWith('-----'));
  const [demo, demoBeside, demoAllowed, demoEncoded] = [fakeDemoToken(), fakeDemoToken(), fakeDemoToken(), fakeDemoToken()];
  const files = {
    'config/app.env': `GITHUB_TOKEN=${github}\nAWS_ACCESS_KEY_ID=${aws}\naws_secret_access_key = "${awsSecret}"\n`,
    'src/settings.py': `slack = "${slack}"\npassword = "${password}"\nDB = "postgres://admin:${dbPassword}@db.internal:5432/app"\n`,
    'keys/id_rsa': key,
    'two-on-a-line.txt': `pair ${demo} and ${demoBeside} and ${githubBeside}\n`,
    'allowed-beside.txt': `allowed=${demoAllowed} other=${githubNextToAllowed} # secretsift:allow demo-token\n`,
    'encoded.txt': `blob: ${Buffer.from(`token=${demoEncoded}`).toString('base64')}\n`,
  };
  const secrets = [github, githubBeside, githubNextToAllowed, aws, awsSecret, slack, password, dbPassword, ...keyBody, demo, demoBeside, demoAllowed, demoEncoded];
  return { files, secrets };
}

/** For each secret with any 8 characters in `output`, the first such piece and the text around it. */
export function leakedPieces(output: string, secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const secret of secrets) {
    for (let i = 0; i + 8 <= secret.length; i++) {
      const at = output.indexOf(secret.slice(i, i + 8));
      if (at === -1) continue;
      leaks.push(`${secret.slice(i, i + 8)} in …${output.slice(Math.max(0, at - 60), at + 60)}…`);
      break;
    }
  }
  return leaks;
}
