import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';

const created: string[] = [];

/** A fresh directory (in `parent`, else the system's temp dir) removed after the current test. Real path: macOS-style /tmp symlinks never confuse path checks. */
export function tempDir(prefix = 'secretsift-test-', parent = tmpdir()): string {
  const dir = realpathSync(mkdtempSync(path.join(parent, prefix)));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const createdForFile: string[] = [];

/**
 * A fresh directory kept for every test of the file, removed after them all: for what tests only
 * read (a rule pack whose path and bytes stay the same, so each CLI run after the first finds its
 * rules in the cache instead of loading the 715 built-in rules again).
 */
export function fileTempDir(prefix = 'secretsift-test-'): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  createdForFile.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of createdForFile.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes files (path → content) under `root`, creating folders. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}
