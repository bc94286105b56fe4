import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testRule } from '../helpers/rules.js';
import { compileRules } from '../../src/detect/compile.js';
import { nextChunkOffset } from '../../src/pipeline/chunks.js';
import { scanBuffer, scanFile, type ScanSettings } from '../../src/pipeline/scan-file.js';
import type { FileOutcome } from '../../src/model/outcome.js';
import { piece, plant, TOKEN_RULE_PATTERN } from '../helpers/planted.js';
import { tempDir } from '../helpers/temp.js';
import { randomString } from '../helpers/tokens.js';

const TOKEN_SPEC = testRule({ id: 'planted', description: 'planted token', pattern: TOKEN_RULE_PATTERN, keywords: ['tok_'] });
const compiled = compileRules([TOKEN_SPEC]);

type Placed = [number, number, number, number, string];

function placed(outcomes: readonly FileOutcome[]): Placed[] {
  return outcomes.flatMap((outcome) => (outcome.kind === 'scanned' ? outcome.findings : [])).map((f): Placed => [f.startLine, f.startColumn, f.endLine, f.endColumn, f.secret]);
}

// Chunks far smaller than real ones, so that tokens, CRLFs and multi-byte characters fall across their edges.
const chunking = fc
  .record({ chunkBytes: fc.integer({ min: 300, max: 3000 }), overlap: fc.integer({ min: 100, max: 140 }) })
  .map(({ chunkBytes, overlap }) => ({ wholeUpTo: 0, chunkBytes, overlap }));

describe('scanning a large file in chunks', () => {
  it('finds every token once, in place, as a whole-file scan does, wherever the chunks fall (property)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'large.txt');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 400 }), chunking, fc.boolean(), async (pieces, chunks, bom) => {
        const { text, expected } = plant(pieces.map((p) => ({ ...p, text: p.text.replace(/\0/g, '') })));
        const body = Buffer.from(text, 'utf8');
        writeFileSync(file, bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
        const settings: ScanSettings = { maxFileSize: 1 << 30, inlineAllow: true, maxDecodeDepth: 0, chunking: chunks };
        const chunked = placed(await scanFile(compiled, { absPath: file, path: 'large.txt' }, settings));
        expect(chunked.map(([line, column, , , secret]) => [line, column, secret])).toEqual(expected);
        expect(chunked).toEqual(placed([scanBuffer(compiled, body, 'large.txt', settings)]));
      }),
      { numRuns: 150 },
    );
  });

  it('finds a match whose context lies across a chunk edge, wherever the edge falls', async () => {
    const withContext = compileRules([{ ...TOKEN_SPEC, id: 'context', pattern: 'secret:\\s{0,80}(tok_[A-Za-z0-9]{24})\\b', keywords: ['secret:'] }]);
    const dir = tempDir();
    const file = path.join(dir, 'large.txt');
    const token = `tok_${randomString(24)}`;
    const settings: ScanSettings = { maxFileSize: 1 << 30, inlineAllow: false, maxDecodeDepth: 0, chunking: { wholeUpTo: 0, chunkBytes: 1000, overlap: 256 } };
    for (let at = 600; at < 1100; at += 7) {
      // "secret:", 60 spaces, the token: 95 bytes that the first chunk edge (near 744) cuts somewhere.
      writeFileSync(file, `${'.'.repeat(at)}secret:${' '.repeat(60)}${token} ${'.'.repeat(900)}`);
      const found = placed(await scanFile(withContext, { absPath: file, path: 'large.txt' }, settings));
      expect(found, `context at ${at}`).toEqual([[1, at + 68, 1, at + 68 + token.length, token]]);
    }
  });

  it('never starts a chunk inside a UTF-8 character or between CR and LF', () => {
    const data = Buffer.from('ab\r\nc😀d\r\n');
    expect(nextChunkOffset(data, data.length - 3)).toBe(4);
    expect(nextChunkOffset(data, data.length - 6)).toBe(9);
  });

  it('skips a large binary file without reading it whole, and counts its bytes only when scanned', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'large.bin');
    writeFileSync(file, Buffer.concat([Buffer.alloc(100), Buffer.from(' tok_ABCDEFGHIJKLMNOPQRSTUVWX ')]));
    const outcomes = await scanFile(compiled, { absPath: file, path: 'large.bin' }, { maxFileSize: 1 << 30, inlineAllow: true, chunking: { wholeUpTo: 0, chunkBytes: 64, overlap: 16 } });
    expect(outcomes).toEqual([{ kind: 'skipped', path: 'large.bin', reason: 'binary' }]);
  });
});
