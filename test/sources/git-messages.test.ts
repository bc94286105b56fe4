import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openRepo, selectHistory } from '../../src/sources/git-history.js';
import { listCommitTexts, RecordParser, type CommitText } from '../../src/sources/git-messages.js';
import { GIT_ENV, initRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';

/** `count` commits on main in one fast-import run, commit i with message `message(i)`, by author i. */
function repoWithMessages(count: number, message: (i: number) => string): string {
  const dir = tempDir();
  initRepo(dir);
  let stream = '';
  for (let i = 0; i < count; i++) {
    const text = Buffer.from(message(i));
    stream += `commit refs/heads/main\nauthor Author ${i} <a${i}@example.test> ${1_700_000_000 + i} +0000\ncommitter C <c@example.test> ${1_700_000_000 + i} +0000\ndata ${text.length}\n${message(i)}\n`;
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream, env: { ...process.env, ...GIT_ENV } });
  return dir;
}

async function texts(dir: string, maxBytes = 1 << 20): Promise<CommitText[]> {
  const repo = openRepo(dir);
  const all: CommitText[] = [];
  for await (const batch of listCommitTexts(repo, selectHistory(repo, {}), maxBytes)) all.push(...batch);
  return all;
}

describe('listCommitTexts', () => {
  it('gives every selected commit its subject, whole message and author, across many chunks of git output', async () => {
    // Long messages: git's output arrives in many pipe chunks, so records straddle them.
    const message = (i: number) => `subject ${i}\n\n${`body of ${i} `.repeat(400)}\nlast line ${i}`;
    const dir = repoWithMessages(60, message);
    const all = await texts(dir);
    expect(all).toHaveLength(60);
    const byAuthor = new Map(all.map((text) => [text.commit.author, text]));
    for (let i = 0; i < 60; i++) {
      const text = byAuthor.get(`Author ${i}`);
      expect(text?.commit).toMatchObject({ email: `a${i}@example.test`, message: `subject ${i}` });
      expect(text?.commit.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(text?.body).toBe(message(i));
      expect(text?.truncated).toBe(false);
    }
  });

  it('cuts a message at the size limit, and the records after it stay whole', async () => {
    const dir = repoWithMessages(3, (i) => (i === 1 ? `huge\n\n${'x'.repeat(50_000)}` : `small ${i}`));
    const all = await texts(dir, 1000);
    expect(all.map((text) => [text.commit.author, text.truncated, text.body.length <= 1000])).toEqual([
      ['Author 2', false, true],
      ['Author 1', true, true],
      ['Author 0', false, true],
    ]);
    expect(all.map((text) => text.body)).toEqual(['small 2', expect.stringMatching(/^huge\n\nx+$/), 'small 0']);
  });

  it('a message cannot end its record early: text that looks like our separator is only text', async () => {
    const dir = repoWithMessages(2, (i) => `m${i}\n\n\u0001secretsift-00112233445566778899aabb\u0001 after`);
    const all = await texts(dir);
    expect(all.map((text) => text.body)).toEqual(['m1\n\n\u0001secretsift-00112233445566778899aabb\u0001 after', 'm0\n\n\u0001secretsift-00112233445566778899aabb\u0001 after']);
  });

  it('finds a delimiter wherever chunks cut it, and caps each record on its own', () => {
    const delimiter = Buffer.from('\0<end>\0');
    const output = Buffer.from('first\0<end>\0second record\0<end>\0\0<end\0third\0<end>\0');
    for (let cut = 1; cut < output.length; cut++) {
      for (const maxBytes of [1000, 6]) {
        const parser = new RecordParser(delimiter, maxBytes);
        const records = [...parser.push(output.subarray(0, cut)), ...parser.push(output.subarray(cut)), ...parser.end()];
        const expected = ['first', 'second record', '\0<end\0third'].map((text) => ({ text: text.slice(0, maxBytes), truncated: text.length > maxBytes }));
        expect(records.map(({ data, truncated }) => ({ text: data.toString(), truncated }))).toEqual(expected);
      }
    }
  });
});
