// VS Code globs (files.exclude, a model's `glob` argument, rules files' applyTo/globs) matched in
// time linear in the path: each glob is compiled into one automaton in which a brace group is an
// alternation, never expanded (expansion is exponential: `**/` and sixteen `{a,b}` made 65,536
// patterns and stalled the extension host; two more threw RangeError). The automaton is run over the
// path a character at a time, keeping the set of states it can be in (no backtracking), and the
// sets met are cached as a small DFA, so an ordinary path costs a few map look-ups per character.
//
// Semantics, as VS Code's: `*` and `?` stay within one path segment, `**` as a whole segment spans
// any number of them, `[a-z]`/`[!a-z]` are classes, `{a,b}` alternatives (nested too). A glob is
// anchored at the workspace root, a trailing '/' matches folders only, and a glob that matches a
// folder matches everything in it. Case-insensitive, as the `ignore` matching it replaces.

/** Longer globs are not compiled; they are taken to match everything (fail closed, said in the reason). */
export const MAX_GLOB_LENGTH = 1000;
/** Characters of all globs of one set compiled at most; the rest, too, match everything. */
export const MAX_GLOB_SET_LENGTH = 16_000;
/** DFA states kept before the cache starts over (bounds memory, not correctness). */
const MAX_CACHED_STATES = 4096;

type CharTest =
  | { kind: 'char'; code: number }
  | { kind: 'segment' } // any character but '/'
  | { kind: 'any' }
  | { kind: 'class'; negated: boolean; ranges: number[] }; // [lo, hi, lo, hi …]

interface NfaState {
  eps: number[];
  edges: Array<{ test: CharTest; to: number }>;
  /** Index of the glob this state accepts, when it is an accepting state. */
  accept?: number;
}

interface Glob {
  text: string;
  folderOnly: boolean;
  /** Set when the glob was not compiled; it then matches everything, for this reason. */
  refused?: string;
}

interface DfaState {
  nfa: number[];
  /** The first glob (by index) accepting here, or -1. */
  accept: number;
  next: Map<number, DfaState>;
}

const SLASH = 47;

function passes(test: CharTest, code: number): boolean {
  switch (test.kind) {
    case 'char':
      return test.code === code;
    case 'segment':
      return code !== SLASH;
    case 'any':
      return true;
    case 'class': {
      if (code === SLASH) return false;
      let inside = false;
      for (let i = 0; i < test.ranges.length && !inside; i += 2)
        inside = code >= test.ranges[i]! && code <= test.ranges[i + 1]!;
      return inside !== test.negated;
    }
  }
}

export class GlobMatcher {
  private readonly states: NfaState[] = [{ eps: [], edges: [] }];
  private readonly globs: Glob[] = [];
  private cache = new Map<string, DfaState>();
  private start: DfaState | undefined;
  /** The first glob that was not compiled, in words; it makes every path match. */
  private readonly refusedText: string | undefined;

  constructor(globs: readonly string[]) {
    let budget = MAX_GLOB_SET_LENGTH;
    for (const raw of globs) {
      let text = raw.trim();
      if (text === '') continue;
      const index = this.globs.length;
      const shown = raw.trim();
      if (text.length > MAX_GLOB_LENGTH || text.length > budget) {
        const why = text.length > MAX_GLOB_LENGTH ? `over ${MAX_GLOB_LENGTH} characters` : 'too many glob characters';
        this.globs.push({ text: shown, folderOnly: false, refused: why });
        continue;
      }
      budget -= text.length;
      text = text.replace(/^\.\//, '').replace(/^\//, '').toLowerCase();
      const folderOnly = text.endsWith('/');
      if (folderOnly) text = text.slice(0, -1);
      this.globs.push({ text: shown, folderOnly });
      const entry = this.newState();
      this.states[0]!.eps.push(entry);
      const end = new GlobCompiler(text, this).compile(entry);
      this.states[end]!.accept = index;
    }
    const refused = this.globs.find((g) => g.refused);
    this.refusedText = refused && `${refused.text.slice(0, 40)}… (${refused.refused}; taken to match everything)`;
  }

  get isEmpty(): boolean {
    return this.globs.length === 0;
  }

  /**
   * The glob (as written) matching `relPath` or one of its folders, or undefined. `relPath` is
   * workspace-relative; a folder is passed with a trailing '/'.
   */
  match(relPath: string): string | undefined {
    if (this.refusedText) return this.refusedText;
    if (this.isEmpty) return undefined;
    const isFolder = relPath.endsWith('/');
    const path = (isFolder ? relPath.slice(0, -1) : relPath).toLowerCase();
    let state = this.startState();
    for (let i = 0; i < path.length; i++) {
      const code = path.charCodeAt(i);
      // Before a '/', the path so far is a folder holding the file: a glob matching it matches the file.
      if (code === SLASH && state.accept >= 0) return this.globs[state.accept]!.text;
      state = this.step(state, code);
      if (state.nfa.length === 0) return undefined;
    }
    if (state.accept < 0) return undefined;
    const glob = this.globs[state.accept]!;
    return !glob.folderOnly || isFolder ? glob.text : this.acceptingOtherThanFolderOnly(state, isFolder);
  }

  /** Used by the compiler. */
  newState(): number {
    this.states.push({ eps: [], edges: [] });
    return this.states.length - 1;
  }

  addEps(from: number, to: number): void {
    this.states[from]!.eps.push(to);
  }

  addEdge(from: number, test: CharTest, to: number): void {
    this.states[from]!.edges.push({ test, to });
  }

  private acceptingOtherThanFolderOnly(state: DfaState, isFolder: boolean): string | undefined {
    for (const s of state.nfa) {
      const index = this.states[s]!.accept;
      if (index !== undefined && (!this.globs[index]!.folderOnly || isFolder)) return this.globs[index]!.text;
    }
    return undefined;
  }

  private startState(): DfaState {
    this.start ??= this.dfaState(this.closure([0]));
    return this.start;
  }

  private step(from: DfaState, code: number): DfaState {
    const known = from.next.get(code);
    if (known) return known;
    const moved: number[] = [];
    for (const s of from.nfa) for (const e of this.states[s]!.edges) if (passes(e.test, code)) moved.push(e.to);
    const next = this.dfaState(this.closure(moved));
    from.next.set(code, next);
    return next;
  }

  private dfaState(nfa: number[]): DfaState {
    const key = nfa.join(',');
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (this.cache.size >= MAX_CACHED_STATES) {
      // Start over; states still referenced by a match in progress stay valid.
      this.cache = new Map();
      this.start = undefined;
    }
    let accept = -1;
    for (const s of nfa) {
      const index = this.states[s]!.accept;
      if (index !== undefined && (accept < 0 || index < accept)) accept = index;
    }
    const state: DfaState = { nfa, accept, next: new Map() };
    this.cache.set(key, state);
    return state;
  }

  /** Every state reachable from `from` without reading a character, sorted (the DFA key). */
  private closure(from: readonly number[]): number[] {
    const seen = new Set<number>();
    const stack = [...from];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      for (const t of this.states[s]!.eps) if (!seen.has(t)) stack.push(t);
    }
    return [...seen].sort((a, b) => a - b);
  }
}

/** Builds one glob into the matcher's automaton. Linear in the glob's length. */
class GlobCompiler {
  /** For each '{' with a matching '}': where it closes and its top-level commas. */
  private readonly groups = new Map<number, { close: number; commas: number[] }>();

  constructor(
    private readonly text: string,
    private readonly nfa: GlobMatcher,
  ) {
    const open: Array<{ at: number; commas: number[] }> = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '{') open.push({ at: i, commas: [] });
      else if (ch === ',' && open.length > 0) open[open.length - 1]!.commas.push(i);
      else if (ch === '}' && open.length > 0) {
        const group = open.pop()!;
        this.groups.set(group.at, { close: i, commas: group.commas });
      }
    }
    // An unmatched '{' is a literal; commas seen inside it were never part of a group.
  }

  compile(entry: number): number {
    return this.sequence(0, this.text.length, entry);
  }

  /** Text[from, to) as a sequence starting at state `cur`; returns the state it ends in. */
  private sequence(from: number, to: number, cur: number): number {
    const t = this.text;
    let i = from;
    while (i < to) {
      const ch = t[i]!;
      const group = ch === '{' ? this.groups.get(i) : undefined;
      if (group && group.close < to) {
        const end = this.nfa.newState();
        const cuts = [i, ...group.commas, group.close];
        for (let k = 0; k + 1 < cuts.length; k++) this.nfa.addEps(this.sequence(cuts[k]! + 1, cuts[k + 1]!, cur), end);
        cur = end;
        i = group.close + 1;
      } else if (ch === '*') {
        let stars = 1;
        while (i + stars < to && t[i + stars] === '*') stars++;
        const before = i === 0 ? '/' : t[i - 1];
        const after = i + stars >= t.length ? '' : t[i + stars];
        const wholeSegment = stars >= 2 && '/{,'.includes(before!) && (after === '' || '/},'.includes(after!));
        if (wholeSegment && after === '/') {
          // `**/`: no folders, or any folders (each ending in '/').
          const loop = this.nfa.newState();
          const done = this.nfa.newState();
          this.nfa.addEps(cur, loop);
          this.nfa.addEps(cur, done);
          this.nfa.addEdge(loop, { kind: 'any' }, loop);
          this.nfa.addEdge(loop, { kind: 'char', code: SLASH }, done);
          cur = done;
          i += stars + 1;
        } else {
          const loop = this.nfa.newState();
          this.nfa.addEps(cur, loop);
          this.nfa.addEdge(loop, { kind: wholeSegment ? 'any' : 'segment' }, loop);
          cur = loop;
          i += stars;
        }
      } else if (ch === '?') {
        cur = this.edge(cur, { kind: 'segment' });
        i++;
      } else if (ch === '[') {
        const parsed = this.charClass(i, to);
        if (parsed) {
          cur = this.edge(cur, parsed.test);
          i = parsed.next;
        } else {
          cur = this.edge(cur, { kind: 'char', code: t.charCodeAt(i) });
          i++;
        }
      } else {
        cur = this.edge(cur, { kind: 'char', code: t.charCodeAt(i) });
        i++;
      }
    }
    return cur;
  }

  private edge(from: number, test: CharTest): number {
    const to = this.nfa.newState();
    this.nfa.addEdge(from, test, to);
    return to;
  }

  /** `[…]` starting at `at`, or undefined when it does not close before `to` (then '[' is a literal). */
  private charClass(at: number, to: number): { test: CharTest; next: number } | undefined {
    const t = this.text;
    let i = at + 1;
    const negated = t[i] === '!' || t[i] === '^';
    if (negated) i++;
    const ranges: number[] = [];
    let first = true;
    while (i < to && (t[i] !== ']' || first)) {
      first = false;
      const lo = t.charCodeAt(i);
      if (t[i + 1] === '-' && i + 2 < to && t[i + 2] !== ']') {
        ranges.push(lo, t.charCodeAt(i + 2));
        i += 3;
      } else {
        ranges.push(lo, lo);
        i++;
      }
    }
    if (i >= to) return undefined;
    return { test: { kind: 'class', negated, ranges }, next: i + 1 };
  }
}
