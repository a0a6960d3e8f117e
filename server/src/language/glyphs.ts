/**
 * Characters that look alike in print: the candidates an OCR misreading comes from (未/末, 日/曰,
 * 己/已). Computed, not listed: scripts/build-glyphs.mjs renders GB2312's hanzi in a Ming face and
 * ranks each character's neighbours by bitmap similarity; this module reads its output,
 * models/glyph-neighbours.txt, once per process on first use. Pure: no vscode/LSP imports.
 *
 * The file is `char<TAB>neighbour percent neighbour percent …` per line, best first; lines starting
 * with `#` are comments. The similarity is symmetric; a pair absent from both lines is 0.
 */
import * as fs from 'node:fs';
import { modelFile } from '../core/models';

export const GLYPH_MODEL_FILE = 'glyph-neighbours.txt';

export interface GlyphNeighbour {
  readonly ch: string;
  /** Similarity of the printed shapes, 0..1 (1 = identical bitmaps). */
  readonly sim: number;
}

const NONE: readonly GlyphNeighbour[] = Object.freeze([]);

let table: Map<string, readonly GlyphNeighbour[]> | undefined;
let reads = 0;

/** Where the model is (core/models.ts). */
export function glyphModelPath(): string {
  return modelFile(GLYPH_MODEL_FILE);
}

/** Parses the model's text into a map from a character to its ranked neighbours. */
export function parseGlyphNeighbours(text: string): Map<string, readonly GlyphNeighbour[]> {
  const map = new Map<string, readonly GlyphNeighbour[]>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const ch = line.slice(0, tab);
    const list: GlyphNeighbour[] = [];
    for (const item of line.slice(tab + 1).split(' ')) {
      const cp = item.codePointAt(0);
      if (cp === undefined) continue;
      const n = cp > 0xffff ? 2 : 1;
      const pct = Number(item.slice(n));
      if (Number.isFinite(pct)) list.push(Object.freeze({ ch: item.slice(0, n), sim: pct / 100 }));
    }
    map.set(ch, Object.freeze(list));
  }
  return map;
}

function load(): Map<string, readonly GlyphNeighbour[]> {
  if (table) return table;
  reads++;
  let text = '';
  try {
    text = fs.readFileSync(glyphModelPath(), 'utf8');
  } catch {
    // No model shipped: no glyph candidates (the hand-listed confusion sets still apply).
  }
  table = parseGlyphNeighbours(text);
  return table;
}

/** The characters whose printed shape looks like `ch`'s, most similar first; empty when none. */
export function glyphNeighbours(ch: string): readonly GlyphNeighbour[] {
  return load().get(ch) ?? NONE;
}

/** Similarity of two characters' printed shapes, 0..1; 0 when they are not neighbours. */
export function glyphSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const map = load();
  for (const n of map.get(a) ?? NONE) if (n.ch === b) return n.sim;
  for (const n of map.get(b) ?? NONE) if (n.ch === a) return n.sim;
  return 0;
}

/** How many times this process read the model file (tests: it is read once). */
export function glyphModelReads(): number {
  return reads;
}
