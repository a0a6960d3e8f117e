/**
 * Characters that look alike in print: the candidates an OCR misreading comes from (未/末, 日/曰,
 * 己/已). Computed, not listed: scripts/build-glyphs.mjs renders GB2312's hanzi in a Ming and a Hei
 * face and ranks each character's neighbours by bitmap similarity; this module reads its output,
 * models/glyph-neighbours.txt, once per process on first use (a line is parsed when its character
 * is first asked for). Pure: no vscode/LSP imports.
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

/** Each character's line as read (its neighbours after the tab), parsed on first use. */
let lines: Map<string, string> | undefined;
const parsed = new Map<string, readonly GlyphNeighbour[]>();
let reads = 0;

/** Where the model is (core/models.ts). */
export function glyphModelPath(): string {
  return modelFile(GLYPH_MODEL_FILE);
}

function splitLines(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab > 0) map.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return map;
}

/** `末96 朱87 …` into ranked neighbours. */
function parseList(list: string): readonly GlyphNeighbour[] {
  const out: GlyphNeighbour[] = [];
  for (const item of list.split(' ')) {
    const cp = item.codePointAt(0);
    if (cp === undefined) continue;
    const n = cp > 0xffff ? 2 : 1;
    const pct = Number(item.slice(n));
    if (item.length > n && Number.isFinite(pct)) out.push(Object.freeze({ ch: item.slice(0, n), sim: pct / 100 }));
  }
  return Object.freeze(out);
}

/** Parses the model's text into a map from a character to its ranked neighbours. */
export function parseGlyphNeighbours(text: string): Map<string, readonly GlyphNeighbour[]> {
  const map = new Map<string, readonly GlyphNeighbour[]>();
  for (const [ch, list] of splitLines(text)) map.set(ch, parseList(list));
  return map;
}

function load(): Map<string, string> {
  if (lines) return lines;
  reads++;
  let text = '';
  try {
    text = fs.readFileSync(glyphModelPath(), 'utf8');
  } catch {
    // No model shipped: no glyph candidates (the hand-listed confusion sets still apply).
  }
  lines = splitLines(text);
  return lines;
}

/** The characters whose printed shape looks like `ch`'s, most similar first; empty when none. */
export function glyphNeighbours(ch: string): readonly GlyphNeighbour[] {
  let list = parsed.get(ch);
  if (list) return list;
  const raw = load().get(ch);
  if (raw === undefined) return NONE;
  list = parseList(raw);
  parsed.set(ch, list);
  return list;
}

/** Similarity of two characters' printed shapes, 0..1; 0 when they are not neighbours. */
export function glyphSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  for (const n of glyphNeighbours(a)) if (n.ch === b) return n.sim;
  for (const n of glyphNeighbours(b)) if (n.ch === a) return n.sim;
  return 0;
}

/** How many times this process read the model file (tests: it is read once). */
export function glyphModelReads(): number {
  return reads;
}
