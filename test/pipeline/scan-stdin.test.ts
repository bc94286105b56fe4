import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/detect/compile.js';
import { scanBuffer, type ScanSettings } from '../../src/pipeline/scan-file.js';
import type { FileOutcome } from '../../src/model/outcome.js';
import { scanStream } from '../../src/pipeline/scan-stdin.js';
import { piece, plant, TOKEN_RULE_PATTERN } from '../helpers/planted.js';
import { testRule } from '../helpers/rules.js';
import { randomString } from '../helpers/tokens.js';

const compiled = compileRules([testRule({ id: 'planted', description: 'planted token', pattern: TOKEN_RULE_PATTERN, keywords: ['tok_'] })]);

/** A stream handing over its bytes in pieces of the given sizes, as a pipe would. */
function streamOf(data: Buffer, pieceBytes: number): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0; at < data.length; at += pieceBytes) pieces.push(data.subarray(at, at + pieceBytes));
  return Readable.from(pieces);
}

function findings(outcomes: readonly FileOutcome[]): [number, number, string][] {
  return outcomes.flatMap((outcome) => (outcome.kind === 'scanned' ? outcome.findings : [])).map((f) => [f.startLine, f.startColumn, f.secret]);
}

describe('scanning a stream in chunks', () => {
  it('finds every token once, in place, as scanning it whole does, wherever chunks and pieces fall (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 300 }),
        fc.integer({ min: 300, max: 2000 }),
        fc.integer({ min: 1, max: 700 }),
        async (pieces, chunkBytes, pieceBytes) => {
          const { text, expected } = plant(pieces.map((p) => ({ ...p, text: p.text.replace(/\0/g, '') })));
          const data = Buffer.from(text, 'utf8');
          const settings: ScanSettings = { maxFileSize: 1 << 30, inlineAllow: false, maxDecodeDepth: 0, chunking: { wholeUpTo: 0, chunkBytes, overlap: 120 } };
          const outcomes = await scanStream(compiled, streamOf(data, pieceBytes), '<stdin>', settings);
          expect(findings(outcomes)).toEqual(expected);
          expect(findings(outcomes)).toEqual(findings([scanBuffer(compiled, data, '<stdin>', settings)]));
          expect(outcomes).toEqual([expect.objectContaining({ kind: 'scanned', bytes: data.length })]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads no more than --max-file-size: what lies beyond is neither read nor scanned, and a warning says so', async () => {
    const early = `tok_${randomString(24)}`;
    const late = `tok_${randomString(24)}`;
    const data = Buffer.from(`a ${early}\n${'x'.repeat(5000)}\nb ${late}\n`);
    const stream = streamOf(data, 64);
    const settings: ScanSettings = { maxFileSize: 1000, inlineAllow: false, chunking: { wholeUpTo: 0, chunkBytes: 400, overlap: 100 } };
    const outcomes = await scanStream(compiled, stream, '<stdin>', settings);
    expect(findings(outcomes)).toEqual([[1, 3, early]]);
    expect(outcomes[0]).toMatchObject({ kind: 'scanned', bytes: 1000 });
    expect(outcomes[1]).toEqual({ kind: 'skipped', path: '<stdin>', reason: 'too-large', message: 'larger than --max-file-size (1000 bytes): only its first 1000 bytes were scanned' });
    // Reading stopped a piece past the limit: most of the stream was never pulled.
    expect(stream.destroyed).toBe(true);
  });

  it('a stream of exactly --max-file-size bytes is whole; binary input is skipped as before', async () => {
    const token = `tok_${randomString(24)}`;
    const exact = Buffer.from(`${token}\n`.padStart(1000, ' '));
    const settings: ScanSettings = { maxFileSize: 1000, inlineAllow: false, chunking: { wholeUpTo: 0, chunkBytes: 400, overlap: 100 } };
    const outcomes = await scanStream(compiled, streamOf(exact, 100), '<stdin>', settings);
    expect(outcomes).toHaveLength(1);
    expect(findings(outcomes).map(([, , secret]) => secret)).toEqual([token]);
    expect(await scanStream(compiled, streamOf(Buffer.from([0, 1, 2, 0xff, 0, 9]), 2), '<stdin>', settings)).toEqual([{ kind: 'skipped', path: '<stdin>', reason: 'binary' }]);
  });
});
