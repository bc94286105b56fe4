/**
 * Aho-Corasick over bytes, ASCII letters folded to lower case as they are read: one pass over a
 * buffer reports every occurrence of every literal, overlapping ones included, by where it ends.
 *
 * The scan reads one table entry a byte: the next state for (state, byte class), a row a state,
 * as in a DFA. Bytes that behave alike share a class (a letter and its upper case; every byte no
 * literal holds), so a row is 64 entries where the literals use fewer than 64 bytes: four times
 * fewer cache lines than rows of 256, which is what the scan's speed depends on. Rows are filled in as scans first need them (from the trie and its failure links),
 * so building costs no more than the trie, and memory only what scans visit.
 */
/**
 * An automaton as plain data, states numbered as the class has them: its arrays as base64 of their
 * little-endian bytes, which a cache reads back and a worker receives far faster than long lists
 * of numbers.
 */
export interface AutomatonData {
  readonly literals: number;
  readonly root: number;
  readonly firstPlain: number;
  /** Int32 per state. */
  readonly childFirst: string;
  readonly sibling: string;
  readonly fail: string;
  /** Uint8 per state. */
  readonly byteIn: string;
  /** Int32 per state below firstPlain, and one more: where each state's literals start in `endings`. */
  readonly endingsAt: string;
  /** Int32: the literals ending at each state, state after state. */
  readonly endings: string;
}

/**
 * The same parts as typed arrays: what the binary cache stores, read back as views of the file's
 * bytes with no decoding (`fromData` takes either form and checks both alike).
 */
export interface AutomatonArrays {
  readonly literals: number;
  readonly root: number;
  readonly firstPlain: number;
  readonly childFirst: Int32Array;
  readonly sibling: Int32Array;
  readonly fail: Int32Array;
  readonly byteIn: Uint8Array;
  readonly endingsAt: Int32Array;
  readonly endings: Int32Array;
}

const int32s = (array: Int32Array): string => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
function fromInt32s(text: unknown): Int32Array | undefined {
  if (text instanceof Int32Array) return text;
  if (typeof text !== 'string') return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) return undefined;
  // A copy: the decoded bytes may not sit at an offset an Int32Array can start at.
  return new Int32Array(new Uint8Array(bytes).buffer);
}

export class LiteralAutomaton {
  /** Next state, by (state << shift) | class of the byte (a shift, which V8 compiles tighter); 0 where not yet worked out. */
  private readonly table: Uint16Array | Uint32Array;
  /** Each byte's class: 0 for bytes no literal holds, an ASCII letter's the same as its lower case's. */
  private readonly classOf: Uint8Array;
  /** log2 of a row's length: 6 where the classes fit in 64, else 8 (a class per byte). */
  private readonly shift: number;
  /** States below this end some literal (state 0 is none: it marks "not worked out"). */
  private readonly firstPlain: number;
  private readonly root: number;
  /** The trie: per state, its children as a linked list, and the byte (in lower case) leading to each. */
  private readonly childFirst: Int32Array;
  private readonly sibling: Int32Array;
  private readonly byteIn: Uint8Array;
  private readonly fail: Int32Array;
  /** The literals that end at each state below firstPlain, own and by suffix: `endings` from `endingsAt[state]` to `endingsAt[state + 1]`. */
  private readonly endingsAt: Int32Array;
  private readonly endings: Int32Array;
  /** Per state: whether its row of the table is filled. */
  private readonly filled: Uint8Array;
  /** How many literals it finds. */
  private readonly literals: number;
  /** The longest literal's length in bytes: how far back the second half of a split scan starts. */
  private readonly longest: number;
  /** Hits of the second half of a split scan, appended after the first half's. */
  private readonly secondHalf = new LiteralHits();

  /** `longest`: the depth of the deepest state (the longest literal), which its maker has already worked out. */
  private constructor(parts: AutomatonArrays, longest: number) {
    const states = parts.childFirst.length;
    this.childFirst = parts.childFirst;
    this.sibling = parts.sibling;
    this.byteIn = parts.byteIn;
    this.fail = parts.fail;
    // Kept as the arrays they came in: a list per state would be 10,000 small arrays made on every
    // start-up, and as many for the garbage collector to copy.
    this.endingsAt = parts.endingsAt;
    this.endings = parts.endings;
    this.root = parts.root;
    this.firstPlain = parts.firstPlain;
    // Zeroed memory is cheap to get: rows no scan reaches are never touched.
    [this.classOf, this.shift] = byteClasses(parts.byteIn, parts.root);
    const entries = states << this.shift;
    this.table = states < 0x10000 ? new Uint16Array(entries) : new Uint32Array(entries);
    this.filled = new Uint8Array(states);
    this.literals = parts.literals;
    this.longest = longest;
  }

  /** `literals` in bytes; their ASCII letters must be lower case. */
  static build(literals: readonly Uint8Array[]): LiteralAutomaton {
    // Every leaf of the trie ends a literal: the deepest state is the longest literal.
    let longest = 0;
    for (const literal of literals) longest = Math.max(longest, literal.length);
    return new LiteralAutomaton(buildParts(literals), longest);
  }

  /**
   * An automaton from `toData()`'s or `toArrays()`'s output, as read back from a cache: undefined
   * unless it is a well-formed one (a trie whose failure links lead towards the root), so no entry
   * can make a scan loop or read out of bounds.
   */
  static fromData(data: unknown): LiteralAutomaton | undefined {
    const checked = automatonParts(data);
    return checked && new LiteralAutomaton(checked.parts, checked.deepest);
  }

  get literalCount(): number {
    return this.literals;
  }

  /** Plain data: what a worker thread receives, instead of building again. */
  toData(): AutomatonData {
    const arrays = this.toArrays();
    return {
      literals: arrays.literals,
      root: arrays.root,
      firstPlain: arrays.firstPlain,
      childFirst: int32s(arrays.childFirst),
      sibling: int32s(arrays.sibling),
      fail: int32s(arrays.fail),
      byteIn: Buffer.from(arrays.byteIn).toString('base64'),
      endingsAt: int32s(arrays.endingsAt),
      endings: int32s(arrays.endings),
    };
  }

  /** Its parts as typed arrays: what the binary cache stores. */
  toArrays(): AutomatonArrays {
    return { literals: this.literals, root: this.root, firstPlain: this.firstPlain, childFirst: this.childFirst, sibling: this.sibling, fail: this.fail, byteIn: this.byteIn, endingsAt: this.endingsAt, endings: this.endings };
  }

  /**
   * Fills the row of `state`: its failure's row (filled first), with its own children over it. A
   * whole row at once costs less than the entries one by one, and most rows visited are few.
   */
  private fill(state: number): void {
    if (this.filled[state]) return;
    const { table, shift, classOf } = this;
    const row = state << shift;
    if (state === this.root) table.fill(state, row, row + (1 << shift));
    else {
      const fail = this.fail[state] as number;
      this.fill(fail);
      table.copyWithin(row, fail << shift, (fail << shift) + (1 << shift));
    }
    for (let child = this.childFirst[state] as number; child !== 0; child = this.sibling[child] as number) {
      table[row | (classOf[this.byteIn[child] as number] as number)] = child;
    }
    this.filled[state] = 1;
  }

  /**
   * Every occurrence of every literal in `buf`, as pairs (literal, end) in order of `end`
   * (exclusive), appended to `out`.
   *
   * A buffer of some size is read as two halves at once, each half's next state depending only
   * on its own: the CPU then waits for two table reads at a time instead of one, which is what a
   * byte costs. The second half starts `longest - 1` bytes early, from the root, so it finds
   * every literal ending in it; it keeps only those, the first half having found the others.
   */
  scan(buf: Uint8Array, out: LiteralHits): void {
    const length = buf.length;
    if (length < SPLIT_FROM) {
      this.follow({ at: 0, state: this.root, end: length }, buf, out, 0);
      return;
    }
    const mid = length >>> 1;
    const first: Cursor = { at: 0, state: this.root, end: mid };
    const second: Cursor = { at: Math.max(0, mid - this.longest + 1), state: this.root, end: length };
    const tail = this.secondHalf;
    tail.length = 0;
    const { table, classOf, shift, firstPlain } = this;
    for (let stopped = runTwo(table, classOf, shift, firstPlain, buf, first, second); stopped !== 0; stopped = runTwo(table, classOf, shift, firstPlain, buf, first, second)) {
      if (stopped === 1) this.step(first, buf, out, 0);
      else this.step(second, buf, tail, mid);
    }
    this.follow(first, buf, out, 0);
    this.follow(second, buf, tail, mid);
    for (let i = 0; i < tail.length; i++) out.push(tail.literal[i] as number, tail.end[i] as number);
  }

  /** Runs `cursor` to its end, recording literals that end after `after`. */
  private follow(cursor: Cursor, buf: Uint8Array, out: LiteralHits, after: number): void {
    while (run(this.table, this.classOf, this.shift, this.firstPlain, buf, cursor)) this.step(cursor, buf, out, after);
  }

  /** Reads the byte the hot loop stopped at: fills its row if not yet done, records the literals its new state ends. */
  private step(cursor: Cursor, buf: Uint8Array, out: LiteralHits, after: number): void {
    const { table, classOf, shift, firstPlain, endingsAt, endings } = this;
    const entry = (cursor.state << shift) | (classOf[buf[cursor.at] as number] as number);
    if (table[entry] === 0) this.fill(cursor.state);
    const state = table[entry] as number;
    cursor.state = state;
    cursor.at++;
    if (state < firstPlain && cursor.at > after) {
      const last = endingsAt[state + 1] as number;
      for (let i = endingsAt[state] as number; i < last; i++) out.push(endings[i] as number, cursor.at);
    }
  }
}

// Below this, one pass: splitting a short buffer saves less than it costs.
const SPLIT_FROM = 4096;

/** The automaton's parts, numbered so that states ending a literal come first. */
function buildParts(literals: readonly Uint8Array[]): AutomatonArrays {
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
  const childFirst = new Int32Array(states);
  const sibling = new Int32Array(states);
  const byteIn = new Uint8Array(states);
  const failOf = new Int32Array(states);
  const endingLists: number[][] = Array.from({ length: firstPlain }, (): number[] => []);
  // renumber[0] stays 0: "none" maps to itself.
  for (let state = 1; state < states; state++) {
    const to = renumber[state] as number;
    childFirst[to] = renumber[trie.childFirst[state] as number] as number;
    sibling[to] = renumber[trie.sibling[state] as number] as number;
    byteIn[to] = byteOf[state] as number;
    failOf[to] = renumber[fail[state] as number] as number;
    if (to < firstPlain) endingLists[to] = endings[state] as number[];
  }
  const endingsAt = new Int32Array(firstPlain + 1);
  for (let state = 1; state < firstPlain; state++) endingsAt[state + 1] = (endingsAt[state] as number) + (endingLists[state] as number[]).length;
  return { literals: literals.length, root: renumber[TRIE_ROOT] as number, firstPlain, childFirst, sibling, fail: failOf, byteIn, endingsAt, endings: Int32Array.from(endingLists.flat()) };
  }

interface Cursor {
  at: number;
  state: number;
  /** Where it stops reading (exclusive). */
  readonly end: number;
}

/**
 * The hot loop, alone in its function so that V8 compiles it tight: follows the table from the
 * cursor until a literal ends or the table has no entry yet (true), or the cursor's end (false).
 */
function run(table: Uint16Array | Uint32Array, classOf: Uint8Array, shift: number, firstPlain: number, buf: Uint8Array, cursor: Cursor): boolean {
  const end = cursor.end;
  let state = cursor.state;
  for (let i = cursor.at; i < end; i++) {
    const next = table[(state << shift) | (classOf[buf[i] as number] as number)] as number;
    if (next < firstPlain) {
      cursor.at = i;
      cursor.state = state;
      return true;
    }
    state = next;
  }
  cursor.at = end;
  cursor.state = state;
  return false;
}

/**
 * run() for two cursors in step: 1 or 2 when that one stops where run() would, 0 when one of
 * them reached its end (run() finishes each).
 */
function runTwo(table: Uint16Array | Uint32Array, classOf: Uint8Array, shift: number, firstPlain: number, buf: Uint8Array, a: Cursor, b: Cursor): 0 | 1 | 2 {
  let i = a.at;
  let j = b.at;
  let stateA = a.state;
  let stateB = b.state;
  const steps = Math.min(a.end - i, b.end - j);
  for (let k = 0; k < steps; k++) {
    const nextA = table[(stateA << shift) | (classOf[buf[i] as number] as number)] as number;
    const nextB = table[(stateB << shift) | (classOf[buf[j] as number] as number)] as number;
    if (nextA < firstPlain || nextB < firstPlain) {
      a.at = i;
      a.state = stateA;
      b.at = j;
      b.state = stateB;
      return nextA < firstPlain ? 1 : 2;
    }
    stateA = nextA;
    stateB = nextB;
    i++;
    j++;
  }
  a.at = i;
  a.state = stateA;
  b.at = j;
  b.state = stateB;
  return 0;
}

/**
 * The byte classes of an automaton whose trie edges read `byteIn` (lower case): a class for each
 * byte an edge reads, shared by an ASCII letter's upper case, and class 0 for every other byte.
 * Rows of 64 entries where that many classes suffice, else one class per byte.
 */
function byteClasses(byteIn: Uint8Array, root: number): [Uint8Array, number] {
  const classOf = new Uint8Array(256);
  let classes = 1;
  for (let state = 1; state < byteIn.length; state++) {
    if (state === root) continue;
    const byte = byteIn[state] as number;
    if (classOf[byte] !== 0) continue;
    classOf[byte] = classes;
    if (byte >= 0x61 && byte <= 0x7a) classOf[byte - 0x20] = classes;
    classes++;
  }
  if (classes <= 64) return [classOf, 6];
  const perByte = new Uint8Array(256);
  for (let byte = 0; byte < 256; byte++) perByte[byte] = byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
  return [perByte, 8];
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

function inRange(array: Int32Array | Uint8Array, below: number): boolean {
  for (let i = 0; i < array.length; i++) {
    const n = array[i] as number;
    if (n < 0 || n >= below) return false;
  }
  return true;
}

/**
 * The parts of `toData()`'s output, or undefined unless they are a well-formed automaton: arrays of
 * one length with every entry a scan reads in range (state 0, "none", and the root's failure link
 * are never read), child lists that form one tree under the root reaching every state, each
 * failure link pointing to a shallower state (so filling a row ends), and each state below
 * firstPlain ending at least one literal. With them, the depth of the deepest state, which the
 * walk that checks the tree finds on its way.
 */
function automatonParts(data: unknown): { parts: AutomatonArrays; deepest: number } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  const { literals, root, firstPlain } = d;
  if (!Number.isInteger(literals) || !Number.isInteger(root) || !Number.isInteger(firstPlain)) return undefined;
  if (typeof d.byteIn !== 'string' && !(d.byteIn instanceof Uint8Array)) return undefined;
  const [childFirst, sibling, fail, endingsAt, endings] = [d.childFirst, d.sibling, d.fail, d.endingsAt, d.endings].map(fromInt32s);
  const byteIn = typeof d.byteIn === 'string' ? new Uint8Array(Buffer.from(d.byteIn, 'base64')) : d.byteIn;
  if (!childFirst || !sibling || !fail || !endingsAt || !endings) return undefined;
  const states = childFirst.length;
  const [rootState, plain, literalCount] = [root as number, firstPlain as number, literals as number];
  if (states < 2 || states > MAX_STATES || rootState < 1 || rootState >= states || plain < 1 || plain > states) return undefined;
  if (sibling.length !== states || fail.length !== states || byteIn.length !== states || endingsAt.length !== plain + 1) return undefined;
  // Children, siblings and failure links are checked where the walk below reads them: a pass of
  // their own over each array costs a pre-commit scan milliseconds, as this code runs cold.
  if (!inRange(endings, literalCount)) return undefined;
  if (endingsAt[0] !== 0 || endingsAt[1] !== 0 || endingsAt[plain] !== endings.length) return undefined;
  for (let state = 1; state < plain; state++) if ((endingsAt[state + 1] as number) <= (endingsAt[state] as number)) return undefined;
  const depth = new Int32Array(states).fill(-1);
  depth[rootState] = 0;
  const order = new Int32Array(states);
  let tail = 0;
  order[tail++] = rootState;
  for (let head = 0; head < tail; head++) {
    const state = order[head] as number;
    for (let child = childFirst[state] as number; child !== 0; child = sibling[child] as number) {
      // Out of range (depth undefined), the root, or seen before: not one tree.
      if (depth[child] !== -1) return undefined;
      depth[child] = (depth[state] as number) + 1;
      order[tail++] = child;
    }
  }
  if (tail !== states - 1) return undefined;
  for (let i = 1; i < tail; i++) {
    const state = order[i] as number;
    const failDepth = depth[fail[state] as number];
    // Undefined for a link out of range, -1 for "none".
    if (failDepth === undefined || failDepth < 0 || failDepth >= (depth[state] as number)) return undefined;
  }
  // Breadth first: the last state reached is as deep as any.
  const deepest = depth[order[tail - 1] as number] as number;
  return { parts: { literals: literalCount, root: rootState, firstPlain: plain, childFirst, sibling, fail, byteIn, endingsAt, endings }, deepest };
}
