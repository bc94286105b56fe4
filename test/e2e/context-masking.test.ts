import { describe, expect, it } from 'vitest';
import { Rng } from '../../scripts/rng.mjs';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { leakedPieces } from '../helpers/secret-corpus.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeAwsAccessKeyId, fakeDemoToken } from '../helpers/tokens.js';

// Keys judged by how random they look come from a fixed seed: no run can fail by chance.
const rng = new Rng(20261205);
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DJANGO = 'abcdefghijklmnopqrstuvwxyz0123456789';

interface Planted {
  dir: string;
  /** Secrets no rule reports, beside ones that are found: none may show. */
  hidden: string[];
  /** Secrets rules report. */
  found: string[];
  /** An ordinary line of code that must come out as it went in, but for its secret. */
  codeLine: string;
  codeToken: string;
}

/** A committed repository whose secrets sit beside text no rule reports but that must not show either. */
function plant(): Planted {
  const dir = tempDir();
  initRepo(dir);
  const keyId = fakeAwsAccessKeyId();
  const secretKey = rng.str(40, B64) as string;
  // A generated Django key: the generic rule stops at ")", which its value pattern does not allow.
  const djangoRandom = rng.str(24, DJANGO) as string;
  // The prefix is Django's own, public (a rule's description names it): only the random part is secret.
  const djangoKey = `django-insecure-${djangoRandom}`;
  const djangoRest = `)${rng.str(18, `${DJANGO}!@#$%^&*-_=+`) as string}`;
  // A token 512 bytes before a found secret, where the context line is clipped.
  const clipped = rng.str(40, B64) as string;
  const codeToken = fakeDemoToken();
  const codeLine = `    const settings = await client.getUserAccountSettings(request.user.id, { token: "${codeToken}" });`;
  const messageToken = rng.str(40, B64) as string;
  const authorToken = fakeDemoToken();
  writeTree(dir, {
    'deploy/creds.go': `creds := credentials.NewStaticCredentials("${keyId}", "${secretKey}", "")\n`,
    'web/settings.py': `SECRET_KEY = '${djangoKey}${djangoRest}'\n`,
    'minified.js': `var a=1; ${clipped}${' '.repeat(490)}key_id = "${fakeAwsAccessKeyId()}";\n`,
    'src/app.ts': `${codeLine}\n`,
  });
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', `Add service config ${messageToken}`, `--author=Deploy Bot <${authorToken}@example.test>`]);
  return { dir, hidden: [secretKey, djangoRest, clipped, messageToken], found: [keyId, djangoRandom, codeToken, authorToken], codeLine, codeToken };
}

describe('context lines show nothing that could be a secret', () => {
  it('in every format of scan, with suppressed findings and debug output too', async () => {
    const planted = plant();
    for (const format of ['text', 'json', 'sarif', 'junit', 'github']) {
      const run = await runCli(['scan', '.', '--rules', DEMO_PACK, '-f', format, '--show-suppressed', '--debug'], { cwd: planted.dir });
      expect(run.code, format).toBe(1);
      expect(leakedPieces(run.stdout + run.stderr, [...planted.hidden, ...planted.found]), format).toEqual([]);
    }
  });

  it('in history, where commit messages and author emails are printed too', async () => {
    const planted = plant();
    const run = await runCli(['history', '--rules', DEMO_PACK, '-f', 'json'], { cwd: planted.dir });
    expect(run.code).toBe(1);
    expect(leakedPieces(run.stdout + run.stderr, [...planted.hidden, ...planted.found])).toEqual([]);
    const report = JSON.parse(run.stdout) as { findings: { path: string; line: string; commit?: { message: string; email: string } }[] };
    const app = report.findings.find((finding) => finding.path === 'src/app.ts');
    expect(app?.commit?.message).toBe('Add service config ****(40)');
    expect(app?.commit?.email).toMatch(/^dmo_\*\*\*\*\(28\)@example\.test$/);
  });

  it('in staged changes', async () => {
    const planted = plant();
    const keyId = fakeAwsAccessKeyId();
    const secretKey = rng.str(40, B64) as string;
    writeTree(planted.dir, { 'deploy/more.go': `c := credentials.NewStaticCredentials("${keyId}", "${secretKey}", "")\n` });
    git(planted.dir, ['add', 'deploy/more.go']);
    const run = await runCli(['staged', '-f', 'json'], { cwd: planted.dir });
    expect(run.code).toBe(1);
    expect(leakedPieces(run.stdout + run.stderr, [keyId, secretKey])).toEqual([]);
    // Both are found now (the secret key by the rule for a key after its key id): redacted as findings.
    expect(run.stdout).toContain(`NewStaticCredentials(\\"AKIA****(20)\\", \\"${secretKey.slice(0, 4)}****(40)\\", \\"\\")`);
  });

  it('leaves an ordinary line of code readable', async () => {
    const planted = plant();
    const run = await runCli(['scan', 'src', '--rules', DEMO_PACK, '-f', 'json'], { cwd: planted.dir });
    const report = JSON.parse(run.stdout) as { findings: { line: string }[] };
    expect(report.findings.map((finding) => finding.line)).toEqual([planted.codeLine.replace(planted.codeToken, 'dmo_****(28)')]);
  });

  it('shows everything with --show-secrets, as asked', async () => {
    const planted = plant();
    const run = await runCli(['scan', 'deploy', '--show-secrets', '-f', 'json'], { cwd: planted.dir });
    expect(run.stdout).toContain(planted.hidden[0]);
  });
});
