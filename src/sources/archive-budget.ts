/** How far a scan may look into one archive on disk, nested archives included. */
export interface ArchiveLimits {
  /** Archive layers opened: 1 looks into an archive but not into archives inside it. */
  readonly maxDepth: number;
  /** Bytes decompressed out of one archive on disk, all nested layers together. */
  readonly maxBytes: number;
  /** Entries (files and folders) read out of one archive on disk, all nested layers together. */
  readonly maxEntries: number;
  /** One inner file, held in memory whole for detection: the scan's per-file size limit. */
  readonly maxEntryBytes: number;
}


/** A limit that stops the whole archive: going on could only exhaust memory or time. */
export class ArchiveLimitError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveLimitError';
  }
}

/**
 * What is left to spend on one archive on disk. Shared by every nested layer, so a bomb made of
 * many small bombs runs out as surely as one big one.
 */
export class ArchiveBudget {
  private bytesLeft: number;
  private entriesLeft: number;

  constructor(readonly limits: ArchiveLimits) {
    this.bytesLeft = limits.maxBytes;
    this.entriesLeft = limits.maxEntries;
  }

  get bytesRemaining(): number {
    return this.bytesLeft;
  }

  /** Spends decompressed bytes; throws once the archive has produced more than allowed. */
  spendBytes(count: number, path: string): void {
    this.bytesLeft -= count;
    if (this.bytesLeft < 0) throw this.bytesExceeded(path);
  }

  bytesExceeded(path: string): ArchiveLimitError {
    return new ArchiveLimitError(path, `inflates past --max-archive-bytes (${this.limits.maxBytes} bytes), like a zip bomb: the rest of the archive is not scanned`);
  }

  spendEntry(path: string): void {
    this.entriesLeft--;
    if (this.entriesLeft < 0) throw new ArchiveLimitError(path, `holds more than ${this.limits.maxEntries} entries: the rest of the archive is not scanned`);
  }
}
