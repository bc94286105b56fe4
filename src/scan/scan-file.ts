import type { CompiledRules } from '../detect/compile.js';
import { detect } from '../detect/engine.js';
import type { Finding } from '../detect/finding.js';
import type { FileRef, SkipReason } from '../sources/content.js';
import { readForScan } from '../sources/read-file.js';
import { applyInlineAllows } from '../suppress/inline-allow.js';

export interface ScanSettings {
  maxFileSize: number;
  inlineAllow: boolean;
}

/** What happened to one file. Plain data: it crosses back from worker threads. */
export type FileOutcome =
  | { kind: 'scanned'; path: string; bytes: number; findings: Finding[]; inlineAllowed: Finding[] }
  | { kind: 'skipped'; path: string; reason: SkipReason }
  | { kind: 'error'; path: string; message: string };

export function scanBuffer(compiled: CompiledRules, data: Buffer, path: string, settings: ScanSettings): FileOutcome {
  const findings = detect(compiled, data, path);
  if (!settings.inlineAllow) return { kind: 'scanned', path, bytes: data.length, findings, inlineAllowed: [] };
  const { kept, allowed } = applyInlineAllows(findings, data);
  return { kind: 'scanned', path, bytes: data.length, findings: kept, inlineAllowed: allowed };
}

export function scanFile(compiled: CompiledRules, file: FileRef, settings: ScanSettings): FileOutcome {
  const read = readForScan(file.absPath, settings.maxFileSize, file.explicit);
  switch (read.kind) {
    case 'skipped':
      return { kind: 'skipped', path: file.path, reason: read.reason };
    case 'error':
      return { kind: 'error', path: file.path, message: read.message };
    case 'content':
      return scanBuffer(compiled, read.data, file.path, settings);
  }
}
