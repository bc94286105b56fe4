import type { CompiledRules } from '../detect/compile.js';
import { StreamSlices } from '../sources/stdin.js';
import { scanInChunks } from './chunked-scan.js';
import { DEFAULT_CHUNKING } from '../model/defaults.js';
import { scanBuffer, scanContent, type ScanSettings } from './scan-file.js';
import type { FileOutcome } from '../model/outcome.js';

/**
 * Scans a stream (standard input) through the chunked scanner large files use, so memory stays at
 * a chunk's worth however much arrives. --max-file-size applies: a stream longer than it has its
 * first max-file-size bytes scanned, and a warning says the rest was not (it is not read at all).
 * As before, binary input is skipped, not opened as an archive.
 */
export async function scanStream(compiled: CompiledRules, stream: NodeJS.ReadableStream, path: string, settings: ScanSettings): Promise<FileOutcome[]> {
  const limit = settings.maxFileSize;
  const source = new StreamSlices(stream, limit);
  const streamSettings: ScanSettings = { ...settings, archives: undefined };
  const scanChunk = (data: Buffer, chunkPath: string, chunkSettings: ScanSettings) => scanBuffer(compiled, data, chunkPath, chunkSettings);
  try {
    let outcomes: FileOutcome[];
    const chunked = await scanInChunks(scanChunk, source, path, streamSettings, settings.chunking ?? DEFAULT_CHUNKING);
    if (chunked.kind === 'whole') {
      // UTF-16 cannot be cut into chunks: held whole, as a file would be, so only up to the limit.
      const whole = await source.read(0, limit);
      if (whole.kind !== 'content' || source.truncated) return [{ kind: 'skipped', path, reason: 'too-large', message: `UTF-16 input larger than --max-file-size (${limit} bytes) is not scanned` }];
      outcomes = await scanContent(compiled, whole.data, path, streamSettings);
    } else outcomes = [chunked];
    if (source.truncated && outcomes.some((outcome) => outcome.kind === 'scanned')) {
      outcomes.push({ kind: 'skipped', path, reason: 'too-large', message: `larger than --max-file-size (${limit} bytes): only its first ${limit} bytes were scanned` });
    }
    return outcomes;
  } finally {
    await source.close();
  }
}
