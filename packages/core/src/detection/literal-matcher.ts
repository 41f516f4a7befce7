/**
 * @module detection/literal-matcher
 * Many literals, one pass: an Aho-Corasick automaton over UTF-16 code units, compiled to a dense DFA
 * over the literals' own alphabet (every other code unit is one class that leads back to the root),
 * case-insensitive for ASCII letters as `field|i:` is. The
 * rule index scans an event's field once with it for all rules' `contains` literals — the SigmaHQ set
 * has ~1,000 case-insensitive wildcards on `process.command_line` alone, and one scan replaces them.
 */

/** Finds which of a fixed set of literals occur in a text. Build once; `scan` allocates nothing. */
export class LiteralMatcher {
  /** Code unit -> class (0 = a unit no literal contains). */
  private readonly classOf: Uint16Array;
  private readonly width: number;
  /** DFA: next state of `state * width + class`. */
  private readonly delta: Int32Array;
  /** Literal ids ending at a state, itself and via its suffix links (null when none). */
  private readonly outputs: (number[] | null)[];

  /**
   * Compiles the automaton for ASCII-folded literals (no `A`-`Z`; they would never be found); literal `i`
   * is reported as `i`, empty literals never.
   */
  constructor(literals: readonly string[]) {
    const classOf = new Uint16Array(65536);
    let width = 1;
    for (const lit of literals) {
      for (let i = 0; i < lit.length; i++) {
        const c = lit.charCodeAt(i);
        if (classOf[c] === 0) classOf[c] = width++;
      }
    }
    // The literals are folded: an upper-case ASCII letter of the text takes its lower-case class, so the
    // text is matched as if folded without building the folded string.
    for (let c = 65; c <= 90; c++) classOf[c] = classOf[c + 32]!;
    // Trie first (transitions -1 = absent), then the failure function turns it into a DFA breadth-first.
    const trans: number[] = new Array<number>(width).fill(-1);
    const own: (number[] | null)[] = [null];
    literals.forEach((lit, id) => {
      if (lit === '') return;
      let s = 0;
      for (let i = 0; i < lit.length; i++) {
        const k = s * width + classOf[lit.charCodeAt(i)]!;
        let t = trans[k]!;
        if (t < 0) {
          t = own.length;
          own.push(null);
          for (let j = 0; j < width; j++) trans.push(-1);
          trans[k] = t;
        }
        s = t;
      }
      (own[s] ??= []).push(id);
    });
    const states = own.length;
    const delta = Int32Array.from(trans);
    const fail = new Int32Array(states);
    const outputs: (number[] | null)[] = own.slice();
    const queue: number[] = [];
    for (let c = 0; c < width; c++) {
      const t = delta[c]!;
      if (t < 0) delta[c] = 0;
      else {
        fail[t] = 0;
        queue.push(t);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      const f = fail[s]!;
      const fo = outputs[f];
      if (fo) outputs[s] = outputs[s] ? [...outputs[s]!, ...fo] : fo;
      for (let c = 0; c < width; c++) {
        const k = s * width + c;
        const t = delta[k]!;
        if (t < 0) delta[k] = delta[f * width + c]!;
        else {
          fail[t] = delta[f * width + c]!;
          queue.push(t);
        }
      }
    }
    this.classOf = classOf;
    this.width = width;
    this.delta = delta;
    this.outputs = outputs;
  }

  /** Calls `found(id)` for every occurrence of every literal in `text`, ASCII-folded (an id may repeat). */
  scan(text: string, found: (id: number) => void): void {
    const { classOf, width, delta, outputs } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      s = delta[s * width + classOf[text.charCodeAt(i)]!]!;
      const out = outputs[s];
      if (out !== null) for (let j = 0; j < out.length; j++) found(out[j]!);
    }
  }
}
