// A page too long to re-analyse whole on every keystroke, cut into pieces at paragraph breaks
// chosen by content, and the arithmetic that moves a piece's results (ranges, blocks, articles)
// back to the page's lines. Pure: the language server (analysis/pieced.ts) and the command line
// (cli/stream.ts) both cut pages and shift results with it.
import { isJsSpace } from './charclass';
import { FNV_SEED, fnvStep } from './hash';
import { endsSentence } from './lines';
import type { Article, Block, Break, Line, Page, TextRun } from './model';
import { makeRun } from './page';
import type { Entity, Finding, Position, Range } from './types';

/**
 * Piece sizes in UTF-16 units. A keystroke re-analyses the piece it falls in, so the size bounds
 * its cost (≈ 1 ms per 1k characters re-analysed with the previous tags, on 2 cores); each cut
 * may split an article, so pieces should not be small. 10k is half a seed page (the five seeds
 * are 24k together), 40k is where a keystroke's re-analysis would pass 40 ms. A text of at most
 * PIECE_MAX is one piece: an ordinary page is analysed whole, exactly as before.
 */
export const PIECE_MIN = 10_000;
export const PIECE_MAX = 40_000;

/**
 * One cut in this many paragraph starts past PIECE_MIN (chosen by a hash of the line, see
 * `cutPage`). Seed pages start a paragraph every ~150 characters, so a piece runs on ~5k past
 * PIECE_MIN: ~15k on average, and reaches PIECE_MAX about once in 500 pieces.
 */
const CUT_ONE_IN = 32;

/** Where a piece starts in its page: the line (and UTF-16 offset) of its first character. */
export interface Piece {
  text: string;
  line: number;
  /** Column on `line`: non-zero only where a cut had to fall inside a line (cli/stream.ts). */
  character: number;
  offset: number;
}

/** How good a line start is as a cut: a paragraph after a finished sentence, after a blank line, after a sentence, anywhere. */
const enum Cut { None = 0, Line = 1, Sentence = 2, Blank = 3, Paragraph = 4 }

/**
 * Cuts `text` into pieces of whole lines, PIECE_MIN to PIECE_MAX long (the last may be shorter),
 * at cut points chosen by content: a piece ends before the first paragraph start past PIECE_MIN
 * — a non-blank line after a blank line after a line that ends a sentence, which is where
 * split-paragraph and interleaved-block never look across — whose text hashes to 0 modulo
 * CUT_ONE_IN. Where there is none before PIECE_MAX, the piece ends at the latest best line start
 * (paragraph, blank, sentence end, any line) that keeps it within PIECE_MAX.
 *
 * Since a cut depends only on the text just before and at it and on the previous cut, an edit
 * moves cut points only near the edit: the cut after it is found again at the same paragraph,
 * and every piece from there on is the same text as before, so its analysis can be reused.
 * Lines are split as splitLines splits them (`\r\n`, `\n`, lone `\r`).
 */
export function cutPage(text: string): Piece[] {
  if (text.length <= PIECE_MAX) return [{ text, line: 0, character: 0, offset: 0 }];
  const { starts, kinds } = lineStarts(text);
  const pieces: Piece[] = [];
  let from = 0;
  const cut = (to: number) => {
    pieces.push({ text: text.slice(starts[from], starts[to]), line: from, character: 0, offset: starts[from] });
    from = to;
  };
  for (let i = 1; i < starts.length; i++) {
    const size = starts[i] - starts[from];
    if (size > PIECE_MAX) {
      // With no line start in between, one line is longer than a piece (long lines get the
      // degraded analysis, see degraded.ts): the piece takes the whole line.
      const best = i - 1 > from ? fallback(starts, kinds, from, i) : i;
      cut(best);
      i = best;
      continue;
    }
    if (kinds[i] === Cut.Paragraph && size >= PIECE_MIN && hashHits(text, starts[i])) cut(i);
  }
  if (starts[from] < text.length || !pieces.length) pieces.push({ text: text.slice(starts[from]), line: from, character: 0, offset: starts[from] });
  return pieces;
}

/** Start offset and cut quality of every line (`starts[lines]` is the text's length, a sentinel). */
function lineStarts(text: string): { starts: number[]; kinds: Cut[] } {
  const starts: number[] = [];
  const kinds: Cut[] = [];
  let prevBlank = false, prevEnds = false, lastTextEnds = false;
  // Without a `\r` in the text, line ends are found by indexOf: native, and on a keystroke this
  // scan of the whole page is most of the cutting's cost.
  const lf = text.indexOf('\r') < 0;
  for (let start = 0; ;) {
    let end = lf ? text.indexOf('\n', start) : start;
    if (end < 0) end = text.length;
    else if (!lf) {
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (c === 10 || c === 13) break;
        end++;
      }
    }
    const blank = isBlank(text, start, end);
    starts.push(start);
    kinds.push(start === 0 || blank ? Cut.None : prevBlank ? (lastTextEnds ? Cut.Paragraph : Cut.Blank) : prevEnds ? Cut.Sentence : Cut.Line);
    const ends = !blank && endsSentence(text.slice(start, end));
    prevBlank = blank;
    prevEnds = ends;
    if (!blank) lastTextEnds = ends;
    if (end >= text.length) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  starts.push(text.length);
  kinds.push(Cut.None);
  return { starts, kinds };
}

/**
 * The line to cut before when no cut point came in time (`over` is the first line start past
 * PIECE_MAX): the best kind of line start, the latest of that kind, at least PIECE_MIN in if any is.
 */
function fallback(starts: readonly number[], kinds: readonly Cut[], from: number, over: number): number {
  let best = over - 1, bestKind = kinds[over - 1];
  for (let j = over - 2; j > from && bestKind !== Cut.Paragraph; j--) {
    if (starts[j] - starts[from] < PIECE_MIN) break;
    if (kinds[j] > bestKind) { best = j; bestKind = kinds[j]; }
  }
  return best;
}

/** Blank as String.prototype.trim sees it: nothing but white space (the `\s` of a RegExp). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isJsSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Whether the line starting at `at` is a cut point: FNV-1a of its first 32 units, 0 modulo CUT_ONE_IN. */
function hashHits(text: string, at: number): boolean {
  let h = FNV_SEED;
  for (let i = at, end = Math.min(text.length, at + 32); i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    h = fnvStep(h, c);
  }
  return ((h >>> 0) % CUT_ONE_IN) === 0;
}

// ---- moving a piece's results to the page's lines ----------------------------------------------

type Origin = Pick<Piece, 'line' | 'character'>;

export function shiftPosition(p: Position, piece: Origin): Position {
  return { line: p.line + piece.line, character: p.line === 0 ? p.character + piece.character : p.character };
}

export function shiftRange(r: Range, piece: Origin): Range {
  return { start: shiftPosition(r.start, piece), end: shiftPosition(r.end, piece) };
}

export function shiftFinding(f: Finding, piece: Origin): Finding {
  return {
    ...f,
    range: shiftRange(f.range, piece),
    fixes: f.fixes.map(x => ({ ...x, edits: x.edits.map(e => ({ ...e, range: shiftRange(e.range, piece) })) })),
  };
}

export function shiftEntity(e: Entity, piece: Origin): Entity {
  return { ...e, range: shiftRange(e.range, piece) };
}

/** A piece's share of the page model: its lines, blocks, breaks, runs and articles on the page's lines. */
export interface PagePart {
  lines: Line[];
  blocks: Block[];
  breaks: Break[];
  articles: Article[];
  /** Runs are made only if something asks for them (rules read the pieces' own pages). */
  runs(): TextRun[];
}

/**
 * A piece's page model moved to the page: lines down by the piece's `line` and `offset`, block
 * ids from `firstId` on. A piece ends with its last line's terminator, so its model ends with an
 * empty line that is the next piece's first: only the page's `last` piece keeps it.
 */
export function shiftPage(page: Page, piece: Pick<Piece, 'line' | 'offset'>, firstId: number, last: boolean): PagePart {
  const { line, offset } = piece;
  const own = last ? page.lines : page.lines.slice(0, -1);
  const lines = own.map(l => ({ index: l.index + line, text: l.text, offset: l.offset + offset }));
  // Blank lines are in no block, so a block's lines are all among `own`.
  const lineOf = (l: Line) => lines[l.index];
  // Block ids are indices into their page's blocks (page.ts): a block maps to its copy by id.
  const blocks = page.blocks.map(b => ({ ...b, id: firstId + b.id, lines: b.lines.map(lineOf), startLine: b.startLine + line, endLine: b.endLine + line }));
  const moved = (b: Block) => blocks[b.id];
  let runs: TextRun[] | undefined;
  return {
    lines,
    blocks,
    breaks: page.breaks.map(br => ({ ...br, fromLine: br.fromLine + line, toLine: br.toLine + line, between: br.between.map(moved) })),
    articles: page.articles.map(a => ({
      ...a,
      headlines: a.headlines.map(moved), body: a.body.map(moved), bylines: a.bylines.map(moved), sections: a.sections.map(moved), captions: a.captions.map(moved),
      startLine: a.startLine + line, endLine: a.endLine + line,
    })),
    runs: () => (runs ??= page.runs.map(r => makeRun(r.kind, r.blocks.map(moved), r.lines.map(lineOf)))),
  };
}

/** Line breaks in `text` (`\r\n`, `\n` or a lone `\r`, as splitLines counts them) and the length of its last line. */
export function countBreaks(text: string): { breaks: number; lastLineLength: number } {
  let breaks = 0, lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      breaks++;
      lineStart = i + 1;
    }
  }
  return { breaks, lastLineLength: text.length - lineStart };
}
