import type { ChildProcess } from 'node:child_process';
import { spawnGit } from './git-process.js';

export type ObjectType = 'blob' | 'tree' | 'commit' | 'tag';

/** What reading one object gave. Content over `maxBytes` is drained from the pipe, never held. */
export type ObjectResult =
  | { readonly kind: 'content'; readonly oid: string; readonly type: ObjectType; readonly data: Buffer }
  | { readonly kind: 'too-large'; readonly oid: string; readonly type: ObjectType; readonly size: number }
  | { readonly kind: 'missing'; readonly oid: string }
  | { readonly kind: 'error'; readonly oid: string; readonly message: string };

export interface ObjectRequest {
  readonly oid: string;
  readonly maxBytes: number;
  readonly deliver: (result: ObjectResult) => void;
}

const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const LF = 0x0a;
// Requests written ahead of answers: enough to keep git busy, few enough to re-send after a crash.
const WINDOW = 256;
// A corrupt object kills cat-file; each restart skips one object, so this bounds a badly broken store.
const MAX_RESTARTS = 32;

export function isObjectId(text: string): boolean {
  return OID.test(text);
}

/**
 * Parses `git cat-file --batch` output from Buffers as they arrive: a header line, then exactly
 * `size` bytes and a LF. Bodies inside one chunk are views of it (no copy); bodies over the
 * request's limit are counted down and dropped.
 */
class BatchParser {
  private header: Buffer | undefined;
  private body: { request: ObjectRequest; type: ObjectType; size: number; data: Buffer | undefined; filled: number } | undefined;
  /** Bytes of the LF that ends a body, still to skip. */
  private trailer = 0;

  constructor(
    private readonly next: () => ObjectRequest | undefined,
    private readonly done: (request: ObjectRequest, result: ObjectResult) => void,
  ) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.trailer > 0) {
        at++;
        this.trailer--;
      } else if (this.body) {
        at = this.fillBody(chunk, at);
      } else {
        const end = chunk.indexOf(LF, at);
        if (end === -1) {
          this.header = this.header ? Buffer.concat([this.header, chunk.subarray(at)]) : Buffer.from(chunk.subarray(at));
          return;
        }
        const line = this.header ? Buffer.concat([this.header, chunk.subarray(at, end)]) : chunk.subarray(at, end);
        this.header = undefined;
        at = end + 1;
        if (this.startObject(line.toString('latin1'), chunk, at)) at = this.takeWhole(chunk, at);
      }
    }
  }

  /** Returns true when the whole body is already in `chunk`. */
  private startObject(header: string, chunk: Buffer, at: number): boolean {
    const request = this.next();
    if (!request) throw new Error('git cat-file answered a request that was never made');
    const [oid = '', type = '', sizeText = ''] = header.split(' ');
    if (type === 'missing' || type === 'ambiguous' || sizeText === '') {
      this.done(request, { kind: 'missing', oid: request.oid });
      return false;
    }
    const size = Number(sizeText);
    const objectType = type as ObjectType;
    if (oid !== request.oid) {
      // Answers come in request order; a different id means the stream is out of step.
      throw new Error(`git cat-file answered ${oid} for ${request.oid}`);
    }
    const whole = size <= request.maxBytes && chunk.length - at >= size;
    // A body that is all in this chunk is handed out as a view of it, not copied.
    const data = size > request.maxBytes || whole ? undefined : Buffer.allocUnsafe(size);
    this.body = { request, type: objectType, size, data, filled: 0 };
    return whole;
  }

  private takeWhole(chunk: Buffer, at: number): number {
    const body = this.body as NonNullable<BatchParser['body']>;
    body.data = chunk.subarray(at, at + body.size);
    body.filled = body.size;
    this.finish();
    return at + body.size;
  }

  private fillBody(chunk: Buffer, at: number): number {
    const body = this.body as NonNullable<BatchParser['body']>;
    if (body.size === 0) {
      this.finish();
      return at;
    }
    const take = Math.min(body.size - body.filled, chunk.length - at);
    if (body.data) chunk.copy(body.data, body.filled, at, at + take);
    body.filled += take;
    if (body.filled === body.size) this.finish();
    return at + take;
  }

  private finish(): void {
    const { request, type, size, data } = this.body as NonNullable<BatchParser['body']>;
    this.body = undefined;
    this.trailer = 1;
    this.done(
      request,
      size > request.maxBytes ? { kind: 'too-large', oid: request.oid, type, size } : { kind: 'content', oid: request.oid, type, data: data ?? Buffer.alloc(0) },
    );
  }

}

/**
 * One long-lived `git cat-file --batch` per repository: object ids go in on stdin, contents come
 * back on stdout, parsed as Buffers. Requests are pipelined; answers arrive in request order.
 * If git dies on a corrupt object, that object is answered with an error and a new process
 * carries on with the rest.
 */
export class GitObjectReader {
  private child: ChildProcess | undefined;
  private readonly unsent: ObjectRequest[] = [];
  private readonly inFlight: ObjectRequest[] = [];
  private inFlightHead = 0;
  private stderr = '';
  private restarts = 0;
  private closed = false;
  private paused = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly repoDir: string) {}

  /** Queues a read; `deliver` is called once, in request order. */
  request(request: ObjectRequest): void {
    if (this.closed) throw new Error('object reader is closed');
    if (!isObjectId(request.oid)) {
      request.deliver({ kind: 'error', oid: request.oid, message: 'not an object id' });
      return;
    }
    this.unsent.push(request);
    this.pump();
  }

  read(oid: string, maxBytes = Number.POSITIVE_INFINITY): Promise<ObjectResult> {
    return new Promise((resolve) => this.request({ oid, maxBytes, deliver: resolve }));
  }

  /** Requests not yet answered. */
  get pending(): number {
    return this.unsent.length + this.inFlight.length - this.inFlightHead;
  }

  /** Stop reading git's output until resume(): git blocks on a full pipe, so memory stays bounded. */
  pause(): void {
    this.paused = true;
    this.child?.stdout?.pause();
  }

  resume(): void {
    this.paused = false;
    this.child?.stdout?.resume();
  }

  /** Resolves once every queued request has been answered. */
  drained(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Ends the git process; requests still unanswered get an error. */
  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    if (!child) {
      this.failAll('object reader closed');
      return;
    }
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('close', () => resolve());
    });
    // Unanswered requests mean the run is being abandoned: do not wait for git to answer them.
    if (this.pending > 0) child.kill();
    else child.stdin?.end();
    await exited;
  }

  private start(): ChildProcess {
    const child = spawnGit(this.repoDir, ['cat-file', '--batch']);
    this.stderr = '';
    // The head request stays in flight until fully answered, so a crash mid-body loses nothing.
    const parser = new BatchParser(
      () => this.inFlight[this.inFlightHead],
      (request, result) => {
        this.inFlightHead++;
        this.answered(request, result);
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        this.failAll((error as Error).message);
        child.kill();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 4096) this.stderr += chunk.toString('utf8');
    });
    // A dead reader must not crash us with EPIPE: the exit handler deals with what was lost.
    child.stdin?.on('error', () => undefined);
    child.on('error', (error) => this.died(child, error.message));
    child.on('close', () => this.died(child, undefined));
    if (this.paused) child.stdout?.pause();
    return child;
  }

  private pump(): void {
    if (this.unsent.length === 0) return;
    if (!this.child) this.child = this.start();
    const room = WINDOW - (this.inFlight.length - this.inFlightHead);
    // Refilled once half the window is answered, in one write: a write per answer cost a pipe
    // write per blob, and the half still in flight keeps git busy meanwhile.
    if (room < WINDOW / 2) return;
    const batch = this.unsent.splice(0, room);
    this.inFlight.push(...batch);
    this.child.stdin?.write(`${batch.map((request) => request.oid).join('\n')}\n`);
  }

  private answered(request: ObjectRequest, result: ObjectResult): void {
    if (this.inFlightHead > 1024 && this.inFlightHead * 2 > this.inFlight.length) {
      this.inFlight.splice(0, this.inFlightHead);
      this.inFlightHead = 0;
    }
    request.deliver(result);
    this.pump();
    if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private died(child: ChildProcess, spawnError: string | undefined): void {
    if (child !== this.child) return;
    this.child = undefined;
    if (this.closed) {
      this.failAll('object reader closed');
      return;
    }
    const lost = this.inFlight.splice(this.inFlightHead);
    this.inFlight.length = 0;
    this.inFlightHead = 0;
    if (lost.length === 0 && this.unsent.length === 0) return;
    const message = spawnError ?? (this.stderr.trim().split('\n').pop() || 'git cat-file exited');
    if (spawnError || ++this.restarts > MAX_RESTARTS) {
      this.unsent.unshift(...lost);
      this.failAll(message);
      return;
    }
    const [broken, ...rest] = lost;
    this.unsent.unshift(...rest);
    if (broken) this.answered(broken, { kind: 'error', oid: broken.oid, message });
  }

  private failAll(message: string): void {
    const all = [...this.inFlight.splice(this.inFlightHead), ...this.unsent.splice(0)];
    this.inFlight.length = 0;
    this.inFlightHead = 0;
    for (const request of all) request.deliver({ kind: 'error', oid: request.oid, message });
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
