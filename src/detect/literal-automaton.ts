/**
 * Aho-Corasick over bytes, ASCII letters folded to lower case as they are read: one pass over a
 * buffer reports every occurrence of every literal, overlapping ones included, by where it ends.
 *
 * The scan reads one table entry a byte: the next state for (state, byte), a row of 256 a state,
 * as in a DFA. Rows are filled in as scans first need them (from the trie and its failure links),
 * so building costs no more than the trie, and memory only what scans visit.
 */
/** An automaton as plain data (arrays of numbers), states numbered as the class has them. */
export interface AutomatonData {
  readonly literals: number;
  readonly root: number;
  readonly firstPlain: number;
  readonly childFirst: readonly number[];
  readonly sibling: readonly number[];
  readonly byteIn: readonly number[];
  readonly fail: readonly number[];
  /** For each state below firstPlain (0 excepted, which ends nothing), the literals ending there. */
  readonly endings: readonly (readonly number[])[];
}

export class LiteralAutomaton {
  /** Next state, by state * 256 + byte (a shift, which V8 compiles tighter); 0 where not yet worked out. */
  private readonly table: Uint16Array | Uint32Array;
  /** States below this end some literal (state 0 is none: it marks "not worked out"). */
  private readonly firstPlain: number;
  private readonly root: number;
  /** The trie: per state, its children as a linked list, and the byte (in lower case) leading to each. */
  private readonly childFirst: Int32Array;
  private readonly sibling: Int32Array;
  private readonly byteIn: Uint8Array;
  private readonly fail: Int32Array;
  /** Per state: the literals that end there, own and by suffix. */
  private readonly endings: (readonly number[] | undefined)[];
  /** Per state: whether its row of the table is filled. */
  private readonly filled: Uint8Array;
  /** How many literals it finds. */
  private readonly literals: number;

  private constructor(parts: AutomatonData) {
    const states = parts.childFirst.length;
    this.childFirst = Int32Array.from(parts.childFirst);
    this.sibling = Int32Array.from(parts.sibling);
    this.byteIn = Uint8Array.from(parts.byteIn);
    this.fail = Int32Array.from(parts.fail);
    this.endings = new Array<readonly number[] | undefined>(states).fill(undefined);
    parts.endings.forEach((ends, state) => {
      if (state > 0) this.endings[state] = ends;
    });
    this.root = parts.root;
    this.firstPlain = parts.firstPlain;
    // Zeroed memory is cheap to get: rows no scan reaches are never touched.
    this.table = states < 0x10000 ? new Uint16Array(states * 256) : new Uint32Array(states * 256);
    this.filled = new Uint8Array(states);
    this.literals = parts.literals;
  }

  /** `literals` in bytes; their ASCII letters must be lower case. */
  static build(literals: readonly Uint8Array[]): LiteralAutomaton {
    return new LiteralAutomaton(buildParts(literals));
  }

  /**
   * An automaton from `toData()`'s output, as read back from a cache: undefined unless it is a
   * well-formed one (a trie whose failure links lead towards the root), so no entry can make a
   * scan loop or read out of bounds.
   */
  static fromData(data: unknown): LiteralAutomaton | undefined {
    return isAutomatonData(data) ? new LiteralAutomaton(data) : undefined;
  }

  get literalCount(): number {
    return this.literals;
  }

  /** Plain data: what a cache stores and a worker thread receives, instead of building again. */
  toData(): AutomatonData {
    return {
      literals: this.literals,
      root: this.root,
      firstPlain: this.firstPlain,
      childFirst: Array.from(this.childFirst),
      sibling: Array.from(this.sibling),
      byteIn: Array.from(this.byteIn),
      fail: Array.from(this.fail),
      endings: Array.from({ length: this.firstPlain }, (_, state) => (state === 0 ? [] : [...(this.endings[state] as readonly number[])])),
    };
  }

  /**
   * Fills the row of `state`: its failure's row (filled first), with its own children over it. A
   * whole row at once costs less than the entries one by one, and most rows visited are few.
   */
  private fill(state: number): void {
    if (this.filled[state]) return;
    const { table } = this;
    const row = state << 8;
    if (state === this.root) table.fill(state, row, row + 256);
    else {
      const fail = this.fail[state] as number;
      this.fill(fail);
      table.copyWithin(row, fail << 8, (fail << 8) + 256);
    }
    for (let child = this.childFirst[state] as number; child !== 0; child = this.sibling[child] as number) {
      const byte = this.byteIn[child] as number;
      table[row | byte] = child;
      if (byte >= 0x61 && byte <= 0x7a) table[row | (byte - 0x20)] = child;
    }
    this.filled[state] = 1;
  }

  /**
   * Every occurrence of every literal in `buf`, as pairs (literal, end) in order of `end`
   * (exclusive), appended to `out`.
   */
  scan(buf: Uint8Array, out: LiteralHits): void {
    const { table, firstPlain, endings } = this;
    const cursor: Cursor = { at: 0, state: this.root };
    while (run(table, firstPlain, buf, cursor)) {
      const byte = buf[cursor.at] as number;
      if (table[(cursor.state << 8) | byte] === 0) this.fill(cursor.state);
      const state = table[(cursor.state << 8) | byte] as number;
      cursor.state = state;
      cursor.at++;
      if (state < firstPlain) for (const literal of endings[state] as readonly number[]) out.push(literal, cursor.at);
    }
  }
}

/** The automaton's parts, numbered so that states ending a literal come first. */
function buildParts(literals: readonly Uint8Array[]): AutomatonData {
  const trie = buildTrie(literals);
  const { states, parent, byteOf } = trie;
  // Breadth first: a state's failure is a shallower state, known by the time it is reached.
  const order = new Int32Array(states);
  const fail = new Int32Array(states);
  const endings: (number[] | undefined)[] = new Array<number[] | undefined>(states).fill(undefined);
  let tail = 0;
  order[tail++] = TRIE_ROOT;
  for (let head = 0; head < tail; head++) {
    const state = order[head] as number;
    for (let child = trie.childFirst[state] as number; child !== 0; child = trie.sibling[child] as number) order[tail++] = child;
    if (state === TRIE_ROOT) continue;
    const up = parent[state] as number;
    const byte = byteOf[state] as number;
    // The longest proper suffix of this state's path that is also a path of the trie.
    let next = 0;
    if (up !== TRIE_ROOT) {
      let f = fail[up] as number;
      next = trieChild(trie, f, byte);
      while (next === 0 && f !== TRIE_ROOT) {
        f = fail[f] as number;
        next = trieChild(trie, f, byte);
      }
    }
    fail[state] = next === 0 ? TRIE_ROOT : next;
    const inherited = endings[fail[state] as number];
    const own = trie.own[state];
    endings[state] = own ? (inherited ? [...own, ...inherited] : own) : inherited;
  }

  // Number states so that those ending literals come first: one comparison a byte finds them,
  // together with 0, "not worked out".
  const renumber = new Int32Array(states);
  let id = 1;
  for (let state = 1; state < states; state++) if (endings[state]) renumber[state] = id++;
  const firstPlain = id;
  for (let state = 1; state < states; state++) if (!endings[state]) renumber[state] = id++;
  const parts = {
    literals: literals.length,
    root: renumber[TRIE_ROOT] as number,
    firstPlain,
    childFirst: new Array<number>(states).fill(0),
    sibling: new Array<number>(states).fill(0),
    byteIn: new Array<number>(states).fill(0),
    fail: new Array<number>(states).fill(0),
    endings: Array.from({ length: firstPlain }, (): number[] => []),
  };
  // renumber[0] stays 0: "none" maps to itself.
  for (let state = 1; state < states; state++) {
    const to = renumber[state] as number;
    parts.childFirst[to] = renumber[trie.childFirst[state] as number] as number;
    parts.sibling[to] = renumber[trie.sibling[state] as number] as number;
    parts.byteIn[to] = byteOf[state] as number;
    parts.fail[to] = renumber[fail[state] as number] as number;
    if (to < firstPlain) parts.endings[to] = endings[state] as number[];
  }
  return parts;
  }

interface Cursor {
  at: number;
  state: number;
}

/**
 * The hot loop, alone in its function so that V8 compiles it tight: follows the table from the
 * cursor until a literal ends or the table has no entry yet (true), or the buffer ends (false).
 */
function run(table: Uint16Array | Uint32Array, firstPlain: number, buf: Uint8Array, cursor: Cursor): boolean {
  const length = buf.length;
  let state = cursor.state;
  for (let i = cursor.at; i < length; i++) {
    const next = table[(state << 8) | (buf[i] as number)] as number;
    if (next < firstPlain) {
      cursor.at = i;
      cursor.state = state;
      return true;
    }
    state = next;
  }
  return false;
}

const TRIE_ROOT = 1;

interface Trie {
  readonly states: number;
  readonly childFirst: Int32Array;
  readonly sibling: Int32Array;
  readonly parent: Int32Array;
  readonly byteOf: Uint8Array;
  readonly own: (number[] | undefined)[];
  /** The root's children by byte: the root has most children and is asked most. */
  readonly rootChild: Int32Array;
}

function trieChild(trie: Trie, state: number, byte: number): number {
  if (state === TRIE_ROOT) return trie.rootChild[byte] as number;
  for (let child = trie.childFirst[state] as number; child !== 0; child = trie.sibling[child] as number) {
    if (trie.byteOf[child] === byte) return child;
  }
  return 0;
}

/** The trie of the literals, state 1 its root (0 is "none"). */
function buildTrie(literals: readonly Uint8Array[]): Trie {
  let capacity = 64;
  let childFirst = new Int32Array(capacity);
  let sibling = new Int32Array(capacity);
  let parent = new Int32Array(capacity);
  let byteOf = new Uint8Array(capacity);
  const own: (number[] | undefined)[] = [undefined, undefined];
  const rootChild = new Int32Array(256);
  let states = 2;
  for (let index = 0; index < literals.length; index++) {
    const literal = literals[index] as Uint8Array;
    let state = TRIE_ROOT;
    for (let i = 0; i < literal.length; i++) {
      const byte = literal[i] as number;
      let child = state === TRIE_ROOT ? (rootChild[byte] as number) : (childFirst[state] as number);
      if (state !== TRIE_ROOT) while (child !== 0 && byteOf[child] !== byte) child = sibling[child] as number;
      if (child === 0) {
        child = states++;
        if (states > capacity) {
          capacity *= 2;
          [childFirst, sibling, parent] = [grown(childFirst, capacity), grown(sibling, capacity), grown(parent, capacity)];
          const bytes = new Uint8Array(capacity);
          bytes.set(byteOf);
          byteOf = bytes;
        }
        sibling[child] = childFirst[state] as number;
        childFirst[state] = child;
        parent[child] = state;
        byteOf[child] = byte;
        if (state === TRIE_ROOT) rootChild[byte] = child;
        own.push(undefined);
      }
      state = child;
    }
    (own[state] ??= []).push(index);
  }
  return { states, childFirst, sibling, parent, byteOf, own, rootChild };
}

function grown(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
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

const MAX_STATES = 1 << 24;

function isIndexList(value: unknown, length: number, below: number): value is number[] {
  return Array.isArray(value) && value.length === length && value.every((n) => Number.isInteger(n) && n >= 0 && n < below);
}

/**
 * Whether `data` is an automaton's well-formed parts: arrays of one length with entries in range,
 * child lists that form one tree under the root reaching every state, each failure link pointing
 * to a shallower state (so filling a row ends), and each ending state with its literals.
 */
export function isAutomatonData(data: unknown): data is AutomatonData {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  if (!Array.isArray(d.childFirst)) return false;
  const states = d.childFirst.length;
  const { literals, root, firstPlain } = d;
  if (states < 2 || states > MAX_STATES || !Number.isInteger(literals) || !Number.isInteger(root) || !Number.isInteger(firstPlain)) return false;
  if ((root as number) < 1 || (root as number) >= states || (firstPlain as number) < 1 || (firstPlain as number) > states) return false;
  if (!isIndexList(d.childFirst, states, states) || !isIndexList(d.sibling, states, states) || !isIndexList(d.fail, states, states) || !isIndexList(d.byteIn, states, 256)) return false;
  const endings = d.endings;
  if (!Array.isArray(endings) || endings.length !== firstPlain) return false;
  for (let state = 1; state < (firstPlain as number); state++) {
    const ends = endings[state] as unknown;
    if (!Array.isArray(ends) || ends.length === 0 || !isIndexList(ends, ends.length, literals as number)) return false;
  }
  const { childFirst, sibling, fail } = d as unknown as AutomatonData;
  const depth = new Int32Array(states).fill(-1);
  depth[root as number] = 0;
  const order = [root as number];
  for (let head = 0; head < order.length; head++) {
    const state = order[head] as number;
    for (let child = childFirst[state] as number; child !== 0; child = sibling[child] as number) {
      if (depth[child] !== -1) return false;
      depth[child] = (depth[state] as number) + 1;
      order.push(child);
    }
  }
  if (order.length !== states - 1) return false;
  for (const state of order) {
    if (state === root) continue;
    const failDepth = depth[fail[state] as number] as number;
    if (failDepth < 0 || failDepth >= (depth[state] as number)) return false;
  }
  return true;
}
