/**
 * Aho-Corasick over bytes, ASCII letters folded to lower case as they are read: one pass over a
 * buffer reports every occurrence of every literal, overlapping ones included, by where it ends.
 * Transitions are those of the complete automaton (a DFA: one table read a byte), filled in as
 * the scans first need them, so building one costs little more than its trie.
 */
export class LiteralAutomaton {
  /** Byte → column of the table; bytes no literal holds share column 0. */
  private readonly columns: Uint8Array;
  private readonly width: number;
  /**
   * Next state, times `width`; negative (bitwise not) when that state ends some literal;
   * 0 where not yet worked out.
   */
  private readonly next: Int32Array;
  private readonly fail: Int32Array;
  /** Per state (not times `width`): the literals that end there, own and by suffix. */
  private readonly endings: (readonly number[] | undefined)[];

  /** `literals` in bytes; their ASCII letters must be lower case. */
  constructor(literals: readonly Uint8Array[]) {
    const columns = new Uint8Array(256);
    let width = 1;
    for (const literal of literals) {
      for (const byte of literal) {
        if (columns[byte] === 0) columns[byte] = width++;
      }
    }
    for (let byte = 0x41; byte <= 0x5a; byte++) columns[byte] = columns[byte + 0x20] as number;

    // The trie first, as linked lists per state (its children; the literals ending there): the
    // table is sized once the states are counted. State 0 is unused, so 0 in the table says unknown.
    let childFirst = new Int32Array(64);
    let sibling = new Int32Array(64);
    let columnIn = new Int32Array(64);
    let ownFirst = new Int32Array(64).fill(-1);
    const ownNext = new Int32Array(literals.length).fill(-1);
    let states = 2;
    for (let index = 0; index < literals.length; index++) {
      const literal = literals[index] as Uint8Array;
      let state = ROOT;
      for (let i = 0; i < literal.length; i++) {
        const column = columns[literal[i] as number] as number;
        let child = childFirst[state] as number;
        while (child !== 0 && columnIn[child] !== column) child = sibling[child] as number;
        if (child === 0) {
          child = states++;
          if (states > childFirst.length) {
            const size = childFirst.length * 2;
            [childFirst, sibling, columnIn] = [grown(childFirst, size, 0), grown(sibling, size, 0), grown(columnIn, size, 0)];
            ownFirst = grown(ownFirst, size, -1);
          }
          sibling[child] = childFirst[state] as number;
          childFirst[state] = child;
          columnIn[child] = column;
        }
        state = child;
      }
      ownNext[index] = ownFirst[state] as number;
      ownFirst[state] = index;
    }
    this.columns = columns;
    this.width = width;
    // Zeroed memory is cheap to get: rows no scan reaches are never touched.
    this.next = new Int32Array(states * width);
    this.fail = new Int32Array(states);
    this.endings = new Array<readonly number[] | undefined>(states).fill(undefined);
    for (let state = ROOT; state < states; state++) {
      for (let child = childFirst[state] as number; child !== 0; child = sibling[child] as number) {
        this.next[state * width + (columnIn[child] as number)] = child * width;
      }
    }

    // Breadth first: a state's failure and endings are worked out as it is queued, when those of
    // every shallower state are known; so is the mark on the edge into it.
    const queue = new Int32Array(states);
    let tail = 0;
    const enqueue = (parent: number, column: number, child: number, fail: number): void => {
      this.fail[child] = fail;
      const inherited = this.endings[fail];
      let ends: number[] | undefined;
      for (let literal = ownFirst[child] as number; literal >= 0; literal = ownNext[literal] as number) (ends ??= []).push(literal);
      this.endings[child] = ends ? (inherited ? [...ends, ...inherited] : ends) : inherited;
      if (this.endings[child]) this.next[parent * width + column] = ~(child * width);
      queue[tail++] = child;
    };
    // The root has every transition: to a child, or back to itself.
    for (let column = 0; column < width; column++) {
      const at = ROOT * width + column;
      const child = this.next[at] as number;
      if (child === UNKNOWN) this.next[at] = ROOT * width;
      else enqueue(ROOT, column, child / width, ROOT);
    }
    for (let head = 0; head < tail; head++) {
      const state = queue[head] as number;
      for (let child = childFirst[state] as number; child !== 0; child = sibling[child] as number) {
        const column = columnIn[child] as number;
        enqueue(state, column, child, plain(this.step(this.fail[state] as number, column)) / width);
      }
    }
  }

  /** The transition from `state` (not times `width`) on `column`, working it out if need be. */
  private step(state: number, column: number): number {
    const at = state * this.width + column;
    let target = this.next[at] as number;
    if (target !== UNKNOWN) return target;
    // Only the root has every transition; the recursion ends there.
    target = this.step(this.fail[state] as number, column);
    this.next[at] = target;
    return target;
  }

  /**
   * Every occurrence of every literal in `buf`, as pairs (literal, end) in order of `end`
   * (exclusive), appended to `out`.
   */
  scan(buf: Uint8Array, out: LiteralHits): void {
    const { columns, next, width, endings } = this;
    let state = ROOT * width;
    for (let i = 0; i < buf.length; i++) {
      const column = columns[buf[i] as number] as number;
      let target = next[state + column] as number;
      if (target > 0) {
        state = target;
        continue;
      }
      if (target === UNKNOWN) {
        target = this.step(state / width, column);
        if (target > 0) {
          state = target;
          continue;
        }
      }
      state = ~target;
      for (const literal of endings[state / width] as readonly number[]) out.push(literal, i + 1);
    }
  }
}

// State 0 is never used: 0 in the table is a transition not yet worked out.
const UNKNOWN = 0;
const ROOT = 1;

function grown(array: Int32Array, length: number, fill: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length).fill(fill);
  bigger.set(array);
  return bigger;
}

function plain(target: number): number {
  return target < 0 ? ~target : target;
}

/** A growable list of (literal, end) pairs. */
export class LiteralHits {
  literal = new Int32Array(64);
  end = new Int32Array(64);
  length = 0;

  push(literal: number, end: number): void {
    if (this.length === this.literal.length) {
      const literals = new Int32Array(this.length * 2);
      literals.set(this.literal);
      this.literal = literals;
      const ends = new Int32Array(this.length * 2);
      ends.set(this.end);
      this.end = ends;
    }
    this.literal[this.length] = literal;
    this.end[this.length] = end;
    this.length++;
  }
}
