// Candidate generation for look-alike characters: which characters a scanner may have printed
// in place of the one it shows, ranked by how alike the shapes are (`sim`, 0-1). This is the one
// place the rules ask; the language model, not this list, decides which candidate fits the text.
//
// Sources: the hand-checked confusion groups of analysis/confusion.ts (one stroke or dot apart,
// radical swaps that keep the outline). Glyph-similarity neighbours computed from the shapes
// (language/glyphs.ts, when present) plug in here.
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
    cache.set(code, c);
  }
  return c;
}

/** Whether any candidate exists for `code` (cheap: the scan asks for every character). */
export function hasCandidates(code: number): boolean {
  return confusionCandidates(code).length > 0;
}
