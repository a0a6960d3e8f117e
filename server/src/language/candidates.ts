// Candidate generation for look-alike characters: which characters a scanner may have printed
// in place of the one it shows, ranked by how alike the shapes are (`sim`, 0-1). This is the one
// place the rules ask; the language model, not this list, decides which candidate fits the text.
//
// Sources: the hand-checked confusion groups of analysis/confusion.ts (one stroke or dot apart,
// radical swaps that keep the outline), sim 1. Glyph-similarity neighbours computed from the
// shapes (language/glyphs.ts, branch `glyph`) plug in below, after the hand-checked ones, with
// their similarity: lookalike-char asks more evidence of a candidate whose sim is below 1.
import { lookalikesOfCode } from '../analysis/confusion';

export interface Candidate {
  ch: string;
  /** Shape similarity, 0-1 (1 for the hand-checked groups). */
  sim: number;
}

const cache = new Map<number, readonly Candidate[]>();

/** Characters that may have been misread as the one with UTF-16 code `code`, most alike first. */
export function confusionCandidates(code: number): readonly Candidate[] {
  let c = cache.get(code);
  if (!c) {
    c = lookalikesOfCode(code).map(ch => ({ ch, sim: 1 }));
    // With language/glyphs.ts merged:
    //   const hand = c;
    //   c = [...hand, ...glyphNeighbours(String.fromCharCode(code)).filter(g => g.sim >= MIN_GLYPH_SIM && !hand.some(h => h.ch === g.ch))];
    // (MIN_GLYPH_SIM = 0.6, the similarity scripts/calibrate-lookalike.ts was run with.)
    cache.set(code, c);
  }
  return c;
}

/** Whether any candidate exists for `code` (cheap: the scan asks for every character). */
export function hasCandidates(code: number): boolean {
  return confusionCandidates(code).length > 0;
}
