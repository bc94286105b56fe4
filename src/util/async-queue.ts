/**
 * A queue one side pushes into and the other reads with `for await`. A producer that cannot wait
 * (a stream's callbacks) is told when the queue passes `high` items and when it drains to `low`,
 * so it can pause and resume what feeds it: memory stays bounded however fast it produces.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private head = 0;
  private ended = false;
  private failure: unknown;
  private waiting: (() => void) | undefined;
  private full = false;

  constructor(
    private readonly high = Number.POSITIVE_INFINITY,
    private readonly low = 0,
    private readonly onFull: () => void = () => undefined,
    private readonly onDrained: () => void = () => undefined,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
    if (!this.full && this.size > this.high) {
      this.full = true;
      this.onFull();
    }
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  fail(error: unknown): void {
    this.failure ??= error;
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      if (this.size > 0) {
        const item = this.items[this.head] as T;
        this.items[this.head++] = undefined as T;
        if (this.head > 1024 && this.head * 2 > this.items.length) {
          this.items.splice(0, this.head);
          this.head = 0;
        }
        if (this.full && this.size <= this.low) {
          this.full = false;
          this.onDrained();
        }
        yield item;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}
