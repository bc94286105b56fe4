import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { piece, plant, TOKEN_RULE_PATTERN } from '../helpers/planted.js';
import { tempDir, writeTree } from '../helpers/temp.js';

interface JsonReport {
  findings: { path: string; startLine: number; startColumn: number; secret: string }[];
}

const PACK = `rules:
  - id: planted
    description: planted token
    pattern: '${TOKEN_RULE_PATTERN}'
    keywords: [tok_]
    examples: ['tok_ABCDEFGHIJKLMNOPQRSTUVWX']
    negatives: []
`;

// A NUL would make a file binary, and so not scanned: this property is about text.
const textPiece = piece.map((p) => ({ ...p, text: p.text.replace(/\0/g, '') }));
const tree = fc.array(fc.array(textPiece, { maxLength: 30 }), { minLength: 1, maxLength: 80 });

async function findings(dir: string, pack: string, threads: string): Promise<[string, number, number, string][]> {
  const result = await runCli(['scan', dir, '--no-config', '--rules', pack, '--show-secrets', '-f', 'json', '--threads', threads], { cwd: dir });
  expect(result.code, result.stderr).not.toBe(2);
  return (JSON.parse(result.stdout) as JsonReport).findings.map((f) => [f.path, f.startLine, f.startColumn, f.secret]);
}

describe('planted tokens through the CLI (property)', () => {
  it('worker threads find what the main thread finds: every planted token, once, in place', async () => {
    const packDir = tempDir();
    const pack = path.join(packDir, 'planted.yaml');
    writeFileSync(pack, PACK);
    await fc.assert(
      fc.asyncProperty(tree, async (files) => {
        const dir = tempDir();
        const expected: [string, number, number, string][] = [];
        const contents: Record<string, string> = {};
        files.forEach((pieces, i) => {
          const name = `f${String(i).padStart(3, '0')}.txt`;
          const { text, expected: planted } = plant(pieces);
          contents[name] = text;
          for (const [line, column, secret] of planted) expected.push([name, line, column, secret]);
        });
        writeTree(dir, contents);
        const [main, workers] = await Promise.all([findings(dir, pack, '0'), findings(dir, pack, '2')]);
        expect(main).toEqual(expected);
        expect(workers).toEqual(expected);
      }),
      { numRuns: 4 },
    );
  });
});
