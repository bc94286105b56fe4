import type { ReadResult } from '../model/content.js';

/**
 * Standard input (or any stream) read once, front to back, as slices for the chunked scanner. Only
 * the bytes from the last slice's start on are kept, so memory stays at a chunk's worth however
 * long the stream is. At most `limit` bytes are read (--max-file-size); `truncated` then says
 * whether more followed, and the rest is not read at all.
 */
export class StreamSlices {
  private readonly pieces: AsyncIterator<Buffer | string>;
  /** Bytes from `held` on. */
  private buffer = Buffer.alloc(0);
  private held = 0;
  private ended = false;
  private sawMore = false;

  constructor(
    stream: NodeJS.ReadableStream,
    private readonly limit: number,
  ) {
    this.pieces = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  }

  /** Whether the stream held more than `limit` bytes. */
  get truncated(): boolean {
    return this.sawMore;
  }

  async read(offset: number, length: number): Promise<ReadResult> {
    if (offset < this.held || offset > this.held + this.buffer.length) throw new Error(`a stream is read in order (asked from ${offset}, holding ${this.held} to ${this.held + this.buffer.length})`);
    const end = Math.min(offset + length, this.limit);
    const kept = this.buffer.subarray(Math.min(offset - this.held, this.buffer.length));
    const parts: Buffer[] = [kept];
    let have = this.held + this.buffer.length;
    // One byte past the limit tells a stream of exactly `limit` bytes from a longer one.
    const wanted = end === this.limit ? end + 1 : end;
    while (have < wanted && !this.ended) {
      const next = await this.pieces.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      const piece = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      parts.push(piece);
      have += piece.length;
    }
    if (have > this.limit) {
      this.sawMore = true;
      await this.close();
    }
    this.buffer = Buffer.concat(parts);
    this.held = offset;
    return { kind: 'content', data: this.buffer.subarray(0, Math.max(0, end - offset)) };
  }

  /** Stops reading: what the stream still holds is never read. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.pieces.return?.();
  }
}
