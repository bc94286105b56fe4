import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const demo = ['--no-config', '--rules', DEMO_PACK];
const BASELINE = '.secretsift-baseline.json';

interface JsonReport {
  findings: { ruleId: string; path: string; startLine: number; fingerprint: string }[];
  suppressed?: { reason: string; path: string; secret: string; fingerprint: string }[];
  stats: { suppressed: Record<string, number> };
}

interface Repo {
  dir: string;
  secrets: { app: string; nested: string; shared: string };
}

/** A committed repository with three known findings, one secret appearing in two files. */
function repoWithFindings(): Repo {
  const dir = tempDir();
  initRepo(dir);
  const secrets = { app: fakeDemoToken(), nested: fakeDemoToken(), shared: fakeDemoToken() };
  writeTree(dir, {
    'app.env': `# settings\nAPP=${secrets.app}\nSHARED=${secrets.shared}\n`,
    'services/api/config.py': `import os\n\nclient = Client(\n    "${secrets.nested}",\n)\n`,
    'docs/example.md': `Use \`${secrets.shared}\` for local runs.\n`,
    'README.md': '# project\n',
  });
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'initial']);
  return { dir, secrets };
}

async function createBaseline(dir: string, extra: string[] = []): Promise<string> {
  const run = await runCli(['baseline', 'create', ...demo, '-o', BASELINE, ...extra], { cwd: dir });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return readFileSync(path.join(dir, BASELINE), 'utf8');
}

async function scanJson(dir: string, extra: string[] = []): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const run = await runCli(['scan', ...demo, '--baseline', BASELINE, '-f', 'json', ...extra], { cwd: dir });
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
}

describe('secretsift baseline', () => {
  it('create records every finding; a scan with it exits 0 and counts the baselined findings', async () => {
    const { dir } = repoWithFindings();
    expect((await runCli(['scan', ...demo], { cwd: dir })).code).toBe(1);
    const run = await runCli(['baseline', 'create', ...demo, '-o', BASELINE], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`wrote 3 entries to ${BASELINE}\n`);

    const text = await runCli(['scan', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/no leaks found .* · suppressed 4 baseline/);

    const { report } = await scanJson(dir);
    expect(report.findings).toEqual([]);
    expect(report.stats.suppressed).toEqual({ inline: 0, allowlist: 0, baseline: 4 });
  });

  it('--show-suppressed lists baselined findings, redacted', async () => {
    const { dir, secrets } = repoWithFindings();
    await createBaseline(dir);
    const text = await runCli(['scan', ...demo, '--baseline', BASELINE, '--show-suppressed'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('app.env:2:5  (suppressed: baseline)');
    expect(text.stdout).not.toContain(secrets.app.slice(4, 12));
    const { report } = await scanJson(dir, ['--show-suppressed']);
    expect(report.suppressed?.map((s) => [s.reason, s.path])).toEqual([
      ['baseline', 'app.env'],
      ['baseline', 'app.env'],
      ['baseline', 'docs/example.md'],
      ['baseline', 'services/api/config.py'],
    ]);
  });

  it('a new secret fails the scan and is the only finding reported', async () => {
    const { dir, secrets } = repoWithFindings();
    await createBaseline(dir);
    const added = fakeDemoToken();
    writeTree(dir, { 'app.env': `# settings\nAPP=${secrets.app}\nSHARED=${secrets.shared}\nNEW=${added}\n` });
    const { code, report } = await scanJson(dir);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.path, f.startLine])).toEqual([['app.env', 4]]);
    expect(report.stats.suppressed.baseline).toBe(4);
  });

  it('the same secret under a new line in the same file is still baselined (identity is the secret, not the place)', async () => {
    const { dir, secrets } = repoWithFindings();
    await createBaseline(dir);
    writeTree(dir, { 'app.env': `# settings\nAPP=${secrets.app}\nSHARED=${secrets.shared}\nAGAIN=${secrets.app}\n` });
    expect((await scanJson(dir)).code).toBe(0);
  });

  it('moving a line 50 lines down, reformatting and renaming keep findings baselined', async () => {
    const { dir, secrets } = repoWithFindings();
    const created = await createBaseline(dir);
    writeTree(dir, {
      'app.env': `# settings\n${'# padding\n'.repeat(50)}APP=${secrets.app}\nSHARED=${secrets.shared}\n`,
      // Reformatted: one line, different quotes and indentation, CRLF endings.
      'services/api/config.py': `import os\r\nclient = Client('${secrets.nested}')\r\n`,
    });
    git(dir, ['mv', 'docs/example.md', 'docs/local-setup.md']);
    git(dir, ['commit', '-q', '-am', 'reshuffle']);
    const { code, report } = await scanJson(dir);
    expect(code).toBe(0);
    expect(report.stats.suppressed.baseline).toBe(4);

    // Nothing new and nothing gone: check is clean, and update leaves the bytes alone (line hints are not rewritten)...
    expect((await runCli(['baseline', 'check', ...demo, '--baseline', BASELINE], { cwd: dir })).code).toBe(0);
    const update = await runCli(['baseline', 'update', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(update.code).toBe(0);
    // ...except the renamed path, which update reports as moved.
    expect(update.stdout).toMatch(/^moved +demo-token +app\.env:3, docs\/example\.md:1 -> app\.env:3, docs\/local-setup\.md:1 +[0-9a-f]{12}$/m);
    expect(update.stdout).toMatch(/0 added, 0 removed, 1 moved, 2 unchanged\n$/);
    const updated = readFileSync(path.join(dir, BASELINE), 'utf8');
    expect(updated).toContain('"path": "docs/local-setup.md"');
    expect(updated.replace('local-setup.md', 'example.md')).toBe(created);
  });

  it('survives a squash merge of a branch that moved the secret', async () => {
    const { dir, secrets } = repoWithFindings();
    await createBaseline(dir);
    git(dir, ['add', BASELINE]);
    git(dir, ['commit', '-q', '-m', 'baseline']);
    git(dir, ['checkout', '-q', '-b', 'feature']);
    writeTree(dir, { 'app.env': `# settings\nSHARED=${secrets.shared}\n\n\nAPP=${secrets.app}\n` });
    git(dir, ['commit', '-q', '-am', 'move']);
    writeTree(dir, { 'extra.txt': 'more\n' });
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'extra']);
    git(dir, ['checkout', '-q', 'main']);
    git(dir, ['merge', '-q', '--squash', 'feature']);
    git(dir, ['commit', '-q', '-m', 'squashed']);
    expect((await scanJson(dir)).code).toBe(0);
  });

  it('check reports an entry whose secret was removed and exits 1; update removes it', async () => {
    const { dir, secrets } = repoWithFindings();
    await createBaseline(dir);
    writeTree(dir, { 'services/api/config.py': 'import os\nclient = Client(os.environ["KEY"])\n' });
    const check = await runCli(['baseline', 'check', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^stale +demo-token +services\/api\/config\.py:4 +[0-9a-f]{12}$/m);
    expect(check.stdout).toMatch(/1 stale entry of 3 in \.secretsift-baseline\.json/);
    expect(check.stdout).not.toContain(secrets.nested.slice(4, 12));
    // The scan itself is still clean: a stale entry hides nothing.
    expect((await scanJson(dir)).code).toBe(0);

    const update = await runCli(['baseline', 'update', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(/^removed +demo-token +services\/api\/config\.py:4/m);
    expect(update.stdout).toMatch(/0 added, 1 removed, 0 moved, 2 unchanged/);
    const after = await runCli(['baseline', 'check', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(after.code).toBe(0);
    expect(after.stdout).toBe('no stale entries in .secretsift-baseline.json (2 entries checked)\n');
  });

  it('update adds new findings, and a second update changes nothing', async () => {
    const { dir } = repoWithFindings();
    await createBaseline(dir);
    writeTree(dir, { 'new.txt': `x\n${fakeDemoToken()}\n` });
    const update = await runCli(['baseline', 'update', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(update.stdout).toMatch(/^added +demo-token +new\.txt:2 +[0-9a-f]{12}$/m);
    const once = readFileSync(path.join(dir, BASELINE));
    expect((await scanJson(dir)).code).toBe(0);
    const again = await runCli(['baseline', 'update', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(again.stdout).toBe('.secretsift-baseline.json: 0 added, 0 removed, 0 moved, 4 unchanged (file unchanged)\n');
    expect(readFileSync(path.join(dir, BASELINE)).equals(once)).toBe(true);
  });

  it('create twice, from another directory too, gives the same entries under a new salt', async () => {
    const { dir } = repoWithFindings();
    // Each create draws a salt; what the entries say does not depend on it, nor on where create ran.
    const withoutSalt = (text: string): unknown => {
      const document = JSON.parse(text) as { salt: string; entries: { rule: string; locations: unknown }[] };
      return { ...document, salt: undefined, entries: document.entries.map(({ rule, locations }) => ({ rule, locations })) };
    };
    const first = await createBaseline(dir);
    const second = await createBaseline(dir);
    expect(JSON.parse(second).salt).not.toBe(JSON.parse(first).salt);
    expect(withoutSalt(second)).toEqual(withoutSalt(first));
    const fromOutside = await runCli(['baseline', 'create', dir, ...demo, '-o', path.join(dir, BASELINE)], { cwd: path.dirname(dir) });
    expect(fromOutside.code).toBe(0);
    expect(withoutSalt(readFileSync(path.join(dir, BASELINE), 'utf8'))).toEqual(withoutSalt(first));
    const fromInside = await runCli(['baseline', 'create', '..', ...demo, '-o', `../${BASELINE}`, '--threads', '2'], { cwd: path.join(dir, 'services') });
    expect(fromInside.code).toBe(0);
    expect(withoutSalt(readFileSync(path.join(dir, BASELINE), 'utf8'))).toEqual(withoutSalt(first));
  });

  it('the file holds no secret, no 8-character piece of one, and no encoding of one', async () => {
    const { dir, secrets } = repoWithFindings();
    const text = await createBaseline(dir);
    for (const secret of Object.values(secrets)) {
      for (let i = 0; i + 8 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 8));
      for (const encoding of ['base64', 'base64url', 'hex'] as const) expect(text).not.toContain(Buffer.from(secret).toString(encoding).slice(0, 16));
    }
    const document = JSON.parse(text) as { version: number; entries: { rule: string; fingerprint: string; locations: { path: string; line: number }[] }[] };
    expect(document.version).toBe(2);
    expect(document.entries.map((e) => e.locations)).toEqual([
      [{ path: 'app.env', line: 2 }],
      [
        { path: 'app.env', line: 3 },
        { path: 'docs/example.md', line: 1 },
      ],
      [{ path: 'services/api/config.py', line: 4 }],
    ]);
    // The fingerprint is the one a JSON report of a scan applying the baseline prints, so a finding can be looked up in it.
    const applied = JSON.parse((await runCli(['scan', ...demo, '--baseline', BASELINE, '--show-suppressed', '-f', 'json'], { cwd: dir })).stdout) as JsonReport;
    expect(new Set(document.entries.map((e) => e.fingerprint))).toEqual(new Set(applied.suppressed?.map((f) => f.fingerprint)));
  });

  it('redaction settings do not change matching', async () => {
    const { dir } = repoWithFindings();
    await createBaseline(dir);
    expect((await scanJson(dir, ['--show-secrets'])).code).toBe(0);
  });

  it('a truncated or unknown-version baseline gives exit 2 and is never overwritten', async () => {
    const { dir } = repoWithFindings();
    const file = path.join(dir, BASELINE);
    const full = await createBaseline(dir);
    const truncated = full.slice(0, Math.floor(full.length / 2));
    writeFileSync(file, truncated);
    for (const command of [
      ['scan', ...demo, '--baseline', BASELINE],
      ['baseline', 'update', ...demo, '--baseline', BASELINE],
      ['baseline', 'check', ...demo, '--baseline', BASELINE],
      ['baseline', 'create', ...demo, '-o', BASELINE],
    ]) {
      const run = await runCli(command, { cwd: dir });
      expect(run.code, command.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^secretsift: .*\.secretsift-baseline\.json(:\d+)?: .*baseline is not valid JSON/);
      expect(run.stdout).toBe('');
      expect(readFileSync(file, 'utf8')).toBe(truncated);
    }
    writeFileSync(file, '');
    expect((await runCli(['scan', ...demo, '--baseline', BASELINE], { cwd: dir })).stderr).toMatch(/baseline is empty/);

    const future = full.replace('"version": 2', '"version": 3');
    writeFileSync(file, future);
    const run = await runCli(['baseline', 'update', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`secretsift: ${file}:2: baseline version is not supported: this secretsift reads version`);
    expect(readFileSync(file, 'utf8')).toBe(future);
  });

  it('create will not overwrite a file that is not a baseline', async () => {
    const { dir } = repoWithFindings();
    const before = readFileSync(path.join(dir, 'app.env'), 'utf8');
    const run = await runCli(['baseline', 'create', ...demo, '-o', 'app.env'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/app\.env: not overwriting it/);
    expect(readFileSync(path.join(dir, 'app.env'), 'utf8')).toBe(before);
  });

  it('a missing baseline is an error, not an empty baseline', async () => {
    const { dir } = repoWithFindings();
    for (const command of [
      ['scan', ...demo, '--baseline', 'nope.json'],
      ['baseline', 'check', ...demo, '--baseline', 'nope.json'],
      ['baseline', 'update', ...demo, '--baseline', 'nope.json'],
    ]) {
      const run = await runCli(command, { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/nope\.json: no such baseline \(make one with: secretsift baseline create/);
    }
  });

  it('the config names the default baseline, relative to the config file; --no-baseline ignores it', async () => {
    const { dir } = repoWithFindings();
    writeTree(dir, { '.secretsift.yaml': `rules: [${JSON.stringify(DEMO_PACK)}]\ndefaults:\n  baseline: security/baseline.json\n` });
    writeTree(dir, { 'security/README': 'baselines live here\n' });
    const created = await runCli(['baseline', 'create'], { cwd: path.join(dir, 'services') });
    expect(created.code).toBe(0);
    // Scanning from the services directory finds only its own finding; create from the root for all of them.
    expect(created.stdout).toBe('wrote 1 entry to ../security/baseline.json\n');
    expect((await runCli(['baseline', 'create'], { cwd: dir })).stdout).toBe('wrote 3 entries to security/baseline.json\n');
    const document = JSON.parse(readFileSync(path.join(dir, 'security/baseline.json'), 'utf8')) as { entries: { locations: { path: string }[] }[] };
    expect(document.entries[0]?.locations[0]?.path).toBe('../app.env');

    expect((await runCli(['scan'], { cwd: dir })).code).toBe(0);
    const audit = await runCli(['scan', '--no-baseline'], { cwd: dir });
    expect(audit.code).toBe(1);
    expect(audit.stdout).toMatch(/4 leaks found/);
    expect((await runCli(['baseline', 'check'], { cwd: dir })).code).toBe(0);
  });

  it('--history baselines secrets that only history holds; history and check honour it', async () => {
    const { dir, secrets } = repoWithFindings();
    // A secret committed and then deleted: the working tree no longer has it, history does.
    writeTree(dir, { 'old/leak.txt': `${fakeDemoToken()}\n` });
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'leak'], '2024-01-02T12:00:00Z');
    git(dir, ['rm', '-q', '-r', 'old']);
    git(dir, ['commit', '-q', '-m', 'remove leak'], '2024-01-03T12:00:00Z');

    const created = await runCli(['baseline', 'create', '--history', ...demo, '-o', BASELINE], { cwd: dir });
    expect(created.code).toBe(0);
    expect(created.stdout).toBe(`wrote 4 entries to ${BASELINE}\n`);
    const text = readFileSync(path.join(dir, BASELINE), 'utf8');
    expect(text).toContain('"path": "old/leak.txt"');
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret.slice(4, 12));

    expect((await runCli(['history', ...demo], { cwd: dir })).code).toBe(1);
    const history = await runCli(['history', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/suppressed 4 baseline/);
    expect((await runCli(['baseline', 'check', '--history', ...demo, '--baseline', BASELINE], { cwd: dir })).code).toBe(0);
    // The same file serves working-tree scans; checking it as a working-tree baseline is refused (see baseline-mode.test.ts).
    expect((await scanJson(dir)).code).toBe(0);
    expect((await runCli(['baseline', 'check', ...demo, '--baseline', BASELINE], { cwd: dir })).code).toBe(2);

    writeTree(dir, { 'new.env': `N=${fakeDemoToken()}\n` });
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'new'], '2024-01-04T12:00:00Z');
    const again = await runCli(['history', ...demo, '--baseline', BASELINE, '-f', 'json'], { cwd: dir });
    expect(again.code).toBe(1);
    expect((JSON.parse(again.stdout) as JsonReport).findings.map((f) => f.path)).toEqual(['new.env']);
  });

  it('a bad option is a usage error (exit 2)', async () => {
    const run = await runCli(['baseline', 'check', '--no-such-option']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--no-such-option'/);
  });
});
