// Candidate generation for look-alike characters: which characters a scanner may have printed
// in place of the one it shows, ranked by how alike the shapes are (`sim`, 0-1). This is the one
// place the rules ask; the language model, not this list, decides which candidate fits the text.
//
// Sources: the hand-checked confusion groups of language/confusion.ts (one stroke or dot apart,
// radical swaps that keep the outline), sim 1; then the glyph-similarity neighbours computed from
// rendered shapes (language/glyphs.ts), with their similarity: lookalike-char asks more evidence
// of a computed candidate than of a hand-checked one.
import { lookalikesOfCode } from './confusion';
import { glyphNeighbours } from './glyphs';

/**
 * Glyph neighbours less alike than this are not tried: each candidate is one more chance for the
 * model to like a wrong replacement, and OCR rarely confuses shapes this far apart.
 */
const MIN_GLYPH_SIM = 0.6;

export interface Candidate {
  ch: string;
  /** Shape similarity, 0-1 (1 for the hand-checked groups). */
  sim: number;
  /** From the hand-checked groups (few per character) rather than computed neighbours (~20). */
  checked: boolean;
}

const cache = new Map<number, readonly Candidate[]>();

/** Characters that may have been misread as the one with UTF-16 code `code`, most alike first. */
export function confusionCandidates(code: number): readonly Candidate[] {
  let c = cache.get(code);
  if (!c) {
    const hand: Candidate[] = lookalikesOfCode(code).map(ch => ({ ch, sim: 1, checked: true }));
    const glyphs = glyphNeighbours(String.fromCharCode(code))
      .filter(g => g.sim >= MIN_GLYPH_SIM && !hand.some(h => h.ch === g.ch))
      .map(g => ({ ch: g.ch, sim: g.sim, checked: false }));
    c = [...hand, ...glyphs];
    cache.set(code, c);
  }
  return c;
}

/** Whether any candidate exists for `code` (cheap: the scan asks for every character). */
export function hasCandidates(code: number): boolean {
  return confusionCandidates(code).length > 0;
}
