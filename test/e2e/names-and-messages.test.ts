import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli, type CliResult } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { leakedPieces } from '../helpers/secret-corpus.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];

interface JsonFinding {
  path: string;
  foundIn: string;
  startLine: number;
  startColumn: number;
  secret: string;
  line: string;
  commit?: { sha: string; author: string; email: string; message: string };
  exposure?: { refs: string[] };
}
interface JsonReport {
  findings: JsonFinding[];
  suppressed?: (JsonFinding & { reason: string })[];
  stats: { suppressed: Record<string, number> };
}
interface SarifReport {
  runs: { results: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; properties: { foundIn: string } }[] }[];
}

function expectNoLeak(result: CliResult, secrets: readonly string[]): void {
  expect(leakedPieces(result.stdout, secrets)).toEqual([]);
  expect(leakedPieces(result.stderr, secrets)).toEqual([]);
}

/** Which kinds each secret was found in, from a report made with --show-secrets (masked, every demo token reads "dmo_****(28)"). */
function kindsBySecret(findings: readonly JsonFinding[], secrets: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, secret] of Object.entries(secrets)) out[name] = findings.filter((f) => f.secret === secret).map((f) => f.foundIn).sort();
  return out;
}

const masked = (token: string): string => `${token.slice(0, 4)}****(${token.length})`;

/**
 * One repository with a different token in each place history prints: a file name, a directory
 * name, a branch name, a commit subject, a commit body and an author's email. Content holds none,
 * except one file whose path (a directory with a token) is printed with its content finding.
 */
function hostileHistory() {
  const tokens = { file: fakeDemoToken(), dir: fakeDemoToken(), branch: fakeDemoToken(), subject: fakeDemoToken(), body: fakeDemoToken(), email: fakeDemoToken(), content: fakeDemoToken() };
  const repo = tempDir();
  initRepo(repo);
  writeTree(repo, { 'README.md': '# app\n', [`cfg-${tokens.file}.txt`]: 'mode=prod\n', [`leak-${tokens.dir}/app.env`]: `TOKEN=${tokens.content}\n` });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '--author', `Ada <ada+${tokens.email}@example.test>`, '-m', `deploy ${tokens.subject}`, '-m', `body line\ntoken ${tokens.body} here`]);
  git(repo, ['branch', `leak-${tokens.branch}`]);
  return { repo, tokens };
}

describe('secrets in names and messages', () => {
  it('history reports each with its kind, exit 1, and no format, nor --debug, prints a piece of any', async () => {
    const { repo, tokens } = hostileHistory();
    const secrets = Object.values(tokens);

    const json = await runCli(['history', repo, ...DEMO, '-f', 'json', '--debug']);
    expect(json.code).toBe(1);
    expectNoLeak(json, secrets);
    const report = JSON.parse(json.stdout) as JsonReport;
    const shown = await runCli(['history', repo, ...DEMO, '-f', 'json', '--show-secrets']);
    expect(kindsBySecret((JSON.parse(shown.stdout) as JsonReport).findings, tokens)).toEqual({
      file: ['path'],
      dir: ['path'],
      branch: ['ref-name'],
      subject: ['commit-message'],
      body: ['commit-message'],
      email: ['author'],
      content: ['content'],
    });
    const byKind = (kind: string) => report.findings.filter((f) => f.foundIn === kind);
    const sha = git(repo, ['rev-parse', 'HEAD']).trim();
    // Positions are within the name or message: the body's token is on its fourth line, after "token ".
    expect(byKind('commit-message').map((f) => [f.path, f.startLine, f.startColumn])).toEqual(
      expect.arrayContaining([
        [sha, 1, 8],
        [sha, 4, 7],
      ]),
    );
    expect(byKind('author')[0]?.commit?.email).toBe(`ada+${masked(tokens.email)}@example.test`);
    const fileFinding = report.findings.find((f) => f.foundIn === 'path' && f.path.startsWith('cfg-'));
    expect(fileFinding).toMatchObject({ path: `cfg-${masked(tokens.file)}.txt`, startLine: 1, startColumn: 5, commit: { sha } });
    // The branch is masked in the exposure refs of every finding still at its tip.
    expect(fileFinding?.exposure?.refs).toContain(`refs/heads/leak-${masked(tokens.branch)}`);
    expect(report.findings.find((f) => f.foundIn === 'content')?.path).toBe(`leak-${masked(tokens.dir)}/app.env`);

    const text = await runCli(['history', repo, ...DEMO]);
    expect(text.code).toBe(1);
    expectNoLeak(text, secrets);
    for (const said of ['(in file path)', '(in ref name)', '(in commit message)', '(in commit author)']) expect(text.stdout).toContain(said);

    const sarif = await runCli(['history', repo, ...DEMO, '-f', 'sarif']);
    expect(sarif.code).toBe(1);
    expectNoLeak(sarif, secrets);
    const results = (JSON.parse(sarif.stdout) as SarifReport).runs[0]?.results ?? [];
    expect(results.map((r) => r.properties.foundIn).sort()).toEqual(['author', 'commit-message', 'commit-message', 'content', 'path', 'path', 'ref-name']);
    expect(results.find((r) => r.properties.foundIn === 'ref-name')?.message.text).toContain('in a ref name');
  });

  it('a baseline made from such a history holds no piece of them, and suppresses them all, even shown with --show-suppressed', async () => {
    const { repo, tokens } = hostileHistory();
    const secrets = Object.values(tokens);
    const baseline = path.join(tempDir(), 'baseline.json');
    const created = await runCli(['baseline', 'create', repo, '--history', '--rules', DEMO_PACK, '--no-config', '-o', baseline]);
    expect(created.code).toBe(0);
    expectNoLeak(created, secrets);
    expect(leakedPieces(readFileSync(baseline, 'utf8'), secrets)).toEqual([]);

    const run = await runCli(['history', repo, ...DEMO, '--baseline', baseline, '--show-suppressed', '-f', 'json']);
    expect(run.code).toBe(0);
    expectNoLeak(run, secrets);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings).toEqual([]);
    expect(report.stats.suppressed.baseline).toBe(7);
    expect(new Set(report.suppressed?.map((s) => s.foundIn))).toEqual(new Set(['path', 'ref-name', 'commit-message', 'author', 'content']));
  });

  it('scan reports a token in a file or directory name once, and masks it in the paths of what lies below', async () => {
    const dir = tempDir();
    const [file, folder, content] = [fakeDemoToken(), fakeDemoToken(), fakeDemoToken()];
    writeTree(dir, { [`cfg-${file}.txt`]: 'mode=prod\n', [`leak-${folder}/a.env`]: `A=${content}\n`, [`leak-${folder}/b.txt`]: 'nothing\n' });
    const secrets = [file, folder, content];
    for (const format of ['text', 'json', 'sarif']) {
      const run = await runCli(['scan', dir, ...DEMO, '-f', format]);
      expect(run.code).toBe(1);
      expectNoLeak(run, secrets);
    }
    const shown = await runCli(['scan', dir, ...DEMO, '-f', 'json', '--show-secrets']);
    const report = JSON.parse(shown.stdout) as JsonReport;
    expect(kindsBySecret(report.findings, { file, folder, content })).toEqual({ file: ['path'], folder: ['path'], content: ['content'] });
    expect(report.findings.find((f) => f.secret === folder)?.path).toBe(path.join(dir, `leak-${folder}`));
  });

  it('the directory a user names is theirs: a token in it is not reported as a name', async () => {
    const parent = tempDir();
    const named = path.join(parent, `checkout-${fakeDemoToken()}`);
    mkdirSync(named);
    writeFileSync(path.join(named, 'a.txt'), 'nothing here\n');
    const run = await runCli(['scan', named, ...DEMO, '-f', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).findings).toEqual([]);
  });

  it('a path named only in a warning (a file below a directory turned symlink) is scanned too, and masked there', async () => {
    const repo = tempDir();
    initRepo(repo);
    const token = fakeDemoToken();
    writeTree(repo, { [`link-${token}/file.env`]: 'nothing\n' });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'one']);
    rmSync(path.join(repo, `link-${token}`), { recursive: true });
    symlinkSync(tempDir(), path.join(repo, `link-${token}`));
    const run = await runCli(['scan', '.', ...DEMO, '-f', 'json'], { cwd: repo });
    expect(run.code).toBe(1);
    expectNoLeak(run, [token]);
    const report = JSON.parse(run.stdout) as JsonReport & { warnings?: { path: string }[] };
    expect(report.findings.map((f) => [f.foundIn, f.path])).toEqual([['path', `link-${masked(token)}`]]);
    expect(report.warnings?.map((w) => w.path)).toEqual([`link-${masked(token)}/file.env`]);
  });

  it('an allowlisted path is not scanned, and a token in its name is suppressed, not lost: masked with --show-suppressed', async () => {
    const dir = tempDir();
    const token = fakeDemoToken();
    writeTree(dir, { [`fixtures/key-${token}.txt`]: 'nothing\n', 'config.yaml': 'allowlist:\n  paths: ["fixtures/**"]\n' });
    const run = await runCli(['scan', path.join(dir, 'fixtures'), '--rules', DEMO_PACK, '-c', path.join(dir, 'config.yaml'), '--show-suppressed', '-f', 'json']);
    expect(run.code).toBe(0);
    expectNoLeak(run, [token]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings).toEqual([]);
    expect(report.suppressed?.map((s) => [s.reason, s.foundIn])).toEqual([['allowlist', 'path']]);
  });

  it('staged reports a token in a staged file name, even an empty file', async () => {
    const repo = tempDir();
    initRepo(repo);
    writeTree(repo, { 'README.md': '# app\n' });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'initial']);
    const token = fakeDemoToken();
    writeTree(repo, { [`keys/${token}.pem`]: '' });
    git(repo, ['add', '-A']);
    const run = await runCli(['staged', repo, ...DEMO]);
    expect(run.code).toBe(1);
    expectNoLeak(run, [token]);
    expect(run.stdout).toContain('(in file path)');
  });

  it('a message of control bytes, invalid UTF-8 and NULs is scanned and printed masked and inert', async () => {
    const repo = tempDir();
    initRepo(repo);
    writeTree(repo, { 'a.txt': 'a\n' });
    git(repo, ['add', '-A']);
    const tree = git(repo, ['write-tree']).trim();
    const [seen, afterNul] = [fakeDemoToken(), fakeDemoToken()];
    // git commit refuses a NUL in a message; an object written by hand has one anyway.
    const body = Buffer.concat([Buffer.from(`subject\n\n\x1b[2J `), Buffer.from([0xff, 0xfe]), Buffer.from(` ${seen}\n\u0000\u0001secretsift-\u0001 ${afterNul}\n`)]);
    const header = `tree ${tree}\nauthor Ada <ada@example.test> 1700000000 +0000\ncommitter Ada <ada@example.test> 1700000000 +0000\n\n`;
    const objectFile = path.join(tempDir(), 'commit');
    writeFileSync(objectFile, Buffer.concat([Buffer.from(header), body]));
    const commit = git(repo, ['hash-object', '-t', 'commit', '-w', '--literally', objectFile]).trim();
    git(repo, ['update-ref', 'refs/heads/main', commit]);
    const run = await runCli(['history', repo, ...DEMO]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('(in commit message)');
    expect(run.stdout).not.toContain('\x1b');
    // git log stops a message at a NUL; were it ever to print more, that would be scanned and masked too.
    expectNoLeak(run, [seen, afterNul]);
  });
});
