import type { CompiledRules } from '../detect/compile.js';
import { detect } from '../detect/engine.js';
import type { Finding } from '../detect/finding.js';
import { archiveKind, expandArchive, type ArchiveLimits } from '../sources/archive.js';
import type { FileRef, SkipReason } from '../sources/content.js';
import { readFileBytes } from '../sources/read-file.js';
import { textBytes } from '../sources/text-decoding.js';
import { applyInlineAllows } from '../suppress/inline-allow.js';

export const DEFAULT_DECODE_DEPTH = 2;

export interface ScanSettings {
  maxFileSize: number;
  inlineAllow: boolean;
  /** Layers of base64/hex/percent encoding decoded and scanned again; 0 turns decoding off. */
  maxDecodeDepth?: number;
  /** Look inside archives within these limits; absent, an archive is skipped as binary. */
  archives?: ArchiveLimits;
  /** Compute GitHub's line hashes (only SARIF shows them; they cost a pass over the content). */
  lineHashes?: boolean;
}

/** What happened to one file. Plain data: it crosses back from worker threads. */
export type FileOutcome =
  | { kind: 'scanned'; path: string; bytes: number; findings: Finding[]; inlineAllowed: Finding[] }
  /** `message` says why when the user should hear of it, as for a refused archive. */
  | { kind: 'skipped'; path: string; reason: SkipReason; message?: string }
  | { kind: 'error'; path: string; message: string };

export function scanBuffer(compiled: CompiledRules, data: Buffer, path: string, settings: ScanSettings): FileOutcome {
  const findings = detect(compiled, data, path, { decodeDepth: settings.maxDecodeDepth ?? DEFAULT_DECODE_DEPTH, lineHashes: settings.lineHashes });
  if (!settings.inlineAllow) return { kind: 'scanned', path, bytes: data.length, findings, inlineAllowed: [] };
  const { kept, allowed } = applyInlineAllows(findings, data);
  return { kind: 'scanned', path, bytes: data.length, findings: kept, inlineAllowed: allowed };
}

/** Scans a file on disk: one outcome, or for an archive one per file inside it. */
export async function scanFile(compiled: CompiledRules, file: FileRef, settings: ScanSettings): Promise<FileOutcome[]> {
  const read = readFileBytes(file.absPath, settings.maxFileSize, file.explicit);
  switch (read.kind) {
    case 'skipped':
      return [{ kind: 'skipped', path: file.path, reason: read.reason }];
    case 'error':
      return [{ kind: 'error', path: file.path, message: read.message }];
    case 'content': {
      const text = textBytes(read.data);
      if (text) return [scanBuffer(compiled, text, file.path, settings)];
      // Only bytes already sniffed as binary are checked for archive magic: text files pay nothing.
      if (settings.archives && archiveKind(read.data)) return scanArchive(compiled, read.data, file.path, settings, settings.archives);
      return [{ kind: 'skipped', path: file.path, reason: 'binary' }];
    }
  }
}

/** Inner files go through the same decoding and detection as files on disk, under `archive!inner` paths. */
export async function scanArchive(compiled: CompiledRules, data: Buffer, path: string, settings: ScanSettings, limits: ArchiveLimits): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for await (const item of expandArchive(data, path, limits)) {
    if (item.kind !== 'file') {
      outcomes.push(item);
      continue;
    }
    const text = textBytes(item.data);
    outcomes.push(text ? scanBuffer(compiled, text, item.path, settings) : { kind: 'skipped', path: item.path, reason: 'binary' });
  }
  return outcomes;
}
