import { describe, expect, it } from 'vitest';
import { HistorySource } from '../../src/pipeline/history-source.js';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import type { ScanProgress } from '../../src/pipeline/progress.js';
import { openRepo, selectHistory } from '../../src/sources/git-history.js';
import { git, initRepo } from '../helpers/git.js';
import { testRule } from '../helpers/rules.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

describe('history progress', () => {
  it('counts blobs out of those listed so far, with the commit count beside, up to every blob', async () => {
    const dir = tempDir();
    initRepo(dir);
    for (let commit = 0; commit < 3; commit++) {
      writeTree(dir, Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${commit}/f${i}.txt`, `line ${commit} ${i}\n`])));
      git(dir, ['add', '-A']);
      git(dir, ['commit', '-q', '-m', `commit ${commit}`]);
    }
    writeTree(dir, { 'leak.env': `T=${fakeDemoToken()}\n` });
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'leak']);
    const repo = openRepo(dir);
    const updates: ScanProgress[] = [];
    const rule = testRule({ id: 'demo-token', pattern: '\\b(dmo_[A-Za-z0-9]{24,})\\b', keywords: ['dmo_'] });
    const result = await runPipeline(new HistorySource(repo, selectHistory(repo, {}), () => false), { specs: [rule], settings: { maxFileSize: 1 << 20, inlineAllow: true }, threads: 0, onProgress: (p) => updates.push(p) }, []);
    expect(result.stats.files).toBe(31);
    expect(updates.map((u) => u.done)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(updates.every((u) => u.total >= u.done && u.total <= 31)).toBe(true);
    expect(updates.at(-1)).toMatchObject({ done: 31, total: 31 });
    expect(updates.at(-1)?.bytes).toBe(result.stats.bytes);
    for (const { detail } of updates) if (detail !== undefined) expect(detail).toBe('4 commits');
  });
});
