// A page too long to re-analyse whole on every keystroke, cut into pieces at paragraph breaks
// chosen by content, and the arithmetic that moves a piece's results (ranges, blocks, articles)
// back to the page's lines. Pure: the language server (engine/pieced.ts) and the command line
// (cli/stream.ts) both cut pages and shift results with it.
import { isJsSpace } from '../core/charclass';
import { FNV_SEED, fnvStep } from '../core/hash';
import { endsSentence } from '../page/lines';
import type { Article, Block, Break, Line, Page, TextRun } from '../page/model';
import { makeRun } from '../page/page';
import type { Entity, Finding, Position, Range } from '../core/types';

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
 * Longest line a piece ends inside of. Only a text with no line break for this long (a file that
 * is one enormous line) is cut inside a line, at a column: that bounds the memory of the command
 * line's stream. The editor never sees such a cut: it gives a text with a line longer than
 * MAX_FULL_LINE the degraded analysis whole (degraded.ts), uncut.
 */
export const LINE_CUT_MAX = 499_999;

/**
 * Cuts a text, whole or arriving in chunks, into pieces of whole lines, PIECE_MIN to PIECE_MAX
 * long (the last may be shorter), at cut points chosen by content: a piece ends before the first
 * paragraph start past PIECE_MIN — a non-blank line after a blank line after a line that ends a
 * sentence, which is where split-paragraph and interleaved-block never look across — whose text
 * hashes to 0 modulo CUT_ONE_IN. Where there is none before PIECE_MAX, the piece ends at the
 * latest best line start (paragraph, blank, sentence end, any line) that keeps it within
 * PIECE_MAX; a line longer than a piece is a piece of its own. A text of at most PIECE_MAX is one
 * piece. The cuts depend only on the text, never on how it was chunked — except in a line longer
 * than LINE_CUT_MAX, which only a stream cuts inside.
 *
 * Since a cut depends only on the text just before and at it and on the previous cut, an edit
 * moves cut points only near the edit: the cut after it is found again at the same paragraph,
 * and every piece from there on is the same text as before, so its analysis can be reused.
 * Lines are split as splitLines splits them (`\r\n`, `\n`, lone `\r`). The language server
 * (pieced.ts) and the command line (cli/stream.ts, and whole files through pieced.ts) both cut
 * with it, so they analyse a long page the same way.
 */
export class PieceCutter {
  /** The text from the current piece's start on. */
  private buf = '';
  /** Line starts in `buf` (starts[0] = 0, the piece's start) and their cut quality. */
  private starts: number[] = [0];
  private kinds: Cut[] = [Cut.None];
  /** Line starts before this index have been judged as cut points. */
  private judged = 1;
  /** Where in `buf` the next line to scan begins. */
  private scan = 0;
  private prevBlank = false;
  private prevEnds = false;
  private lastTextEnds = false;
  /** Page position of `buf`'s start. */
  private line = 0;
  private character = 0;
  private offset = 0;
  /** Whether the text has passed PIECE_MAX: only then is it cut at all. */
  private long = false;

  push(text: string): Piece[] {
    this.buf += text;
    return this.advance(false);
  }

  /** The rest of the text, as the last piece(s). An empty text is one empty piece. */
  end(): Piece[] {
    const out = this.advance(true);
    if (this.buf.length || (!out.length && !this.offset)) out.push(this.piece(this.buf));
    this.buf = '';
    return out;
  }

  private advance(atEnd: boolean): Piece[] {
    const out: Piece[] = [];
    this.scanLines(atEnd);
    if (!this.long && this.buf.length > PIECE_MAX) this.long = true;
    if (!this.long) return out;
    for (;;) {
      const cut = this.nextCut(atEnd);
      if (cut === undefined) break;
      out.push(this.cutAt(cut));
    }
    // A line still going past LINE_CUT_MAX (only a stream sees one unfinished): the lines before
    // it are a piece, and it is cut inside, so that memory stays bounded.
    for (;;) {
      const last = this.starts.length - 1;
      if (atEnd || this.buf.length - this.starts[last] <= LINE_CUT_MAX) break;
      if (last > 0) { out.push(this.cutAt(last)); continue; }
      const c = this.buf.charCodeAt(LINE_CUT_MAX - 1);
      out.push(this.cutInside(c >= 0xd800 && c <= 0xdbff ? LINE_CUT_MAX - 1 : LINE_CUT_MAX));
    }
    return out;
  }

  /** Records the start and kind of every line start whose previous line is complete. */
  private scanLines(atEnd: boolean): void {
    const s = this.buf;
    // The next `\r` is looked for once and again only after the scan passes it: asked at every
    // line, a page without one would be read to its end once per line.
    let cr = s.indexOf('\r', this.scan);
    for (;;) {
      let end = s.indexOf('\n', this.scan);
      if (cr >= 0 && cr < this.scan) cr = s.indexOf('\r', this.scan);
      if (cr >= 0 && (end < 0 || cr < end)) end = cr;
      if (end < 0) break;
      // A `\r` last in the buffer may be the first half of `\r\n`.
      if (s.charCodeAt(end) === 13 && end === s.length - 1 && !atEnd) break;
      const next = end + (s.charCodeAt(end) === 13 && s.charCodeAt(end + 1) === 10 ? 2 : 1);
      this.noteLine(this.scan, end);
      this.starts.push(next);
      this.kinds.push(this.prevBlank ? (this.lastTextEnds ? Cut.Paragraph : Cut.Blank) : this.prevEnds ? Cut.Sentence : Cut.Line);
      this.scan = next;
    }
    if (atEnd) {
      // The last line, and the text's end as a sentinel line start that is never a good cut.
      this.noteLine(this.scan, s.length);
      this.starts.push(s.length);
      this.kinds.push(Cut.None);
      this.scan = s.length;
    }
  }

  private noteLine(start: number, end: number): void {
    const blank = isBlank(this.buf, start, end);
    // The line of a start is what its kind is judged on; a blank line's start is never a cut.
    if (blank) this.kinds[this.starts.length - 1] = Cut.None;
    const ends = !blank && endsSentence(this.buf.slice(start, end));
    this.prevBlank = blank;
    this.prevEnds = ends;
    if (!blank) this.lastTextEnds = ends;
  }

  /** Index into `starts` of the next cut, or undefined when more text must come first. */
  private nextCut(atEnd: boolean): number | undefined {
    const { starts, kinds } = this;
    // A start is judged once its line is complete (the hash reads the line) — at the end, all are.
    const judgeable = atEnd ? starts.length : starts.length - 1;
    for (let i = this.judged; i < judgeable; i++) {
      const size = starts[i];
      if (size > PIECE_MAX) return i - 1 > 0 ? fallback(starts, kinds, 0, i) : i;
      this.judged = i + 1;
      if (kinds[i] === Cut.Paragraph && size >= PIECE_MIN && hashHits(this.buf, starts[i])) return i;
    }
    return undefined;
  }

  private piece(text: string): Piece {
    return { text, line: this.line, character: this.character, offset: this.offset };
  }

  private cutAt(index: number): Piece {
    const at = this.starts[index];
    const piece = this.piece(this.buf.slice(0, at));
    this.line += index;
    this.character = 0;
    this.offset += at;
    this.buf = this.buf.slice(at);
    this.starts = this.starts.slice(index).map(s => s - at);
    this.kinds = this.kinds.slice(index);
    this.scan -= at;
    this.judged = 1;
    return piece;
  }

  private cutInside(at: number): Piece {
    const piece = this.piece(this.buf.slice(0, at));
    this.character += at;
    this.offset += at;
    this.buf = this.buf.slice(at);
    this.scan = Math.max(0, this.scan - at);
    this.starts = [0];
    this.kinds = [Cut.None];
    this.judged = 1;
    return piece;
  }
}

/** The pieces of a whole text (PieceCutter). */
export function cutPage(text: string): Piece[] {
  const cutter = new PieceCutter();
  return [...cutter.push(text), ...cutter.end()];
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
