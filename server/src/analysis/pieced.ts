// The analysis of a document being edited. A page longer than one piece (pieces.ts) is cut into
// pieces, each piece analysed by `analyze` on its own, and their results moved to the page's
// lines and put together. After an edit only the pieces whose text changed are analysed again —
// usually the one the edit falls in — and the others are taken from the previous analysis as
// they are, so a keystroke on a 1 MB page costs about what it costs on one piece. The price: an
// article or a sentence straddling a cut is seen as two (cuts fall on paragraph breaks after a
// finished sentence, where that matters least). Pure, like the rest of analysis/.
import { analyze, type Analysis, type AnalysisOptions } from './analyze';
import { needsDegrading } from './degraded';
import type { Token } from './lexicon';
import type { Article, Block, Break, Line, Page, TextRun } from './model';
import { buildPage, makeRun } from './page';
import { cutPage, shiftArticle, shiftBlock, shiftBreak, shiftEntity, shiftFinding, type Piece } from './pieces';
import type { Entity, Finding } from './types';

/** What `analyze` reads of its `previous`: tags and memoised rule results, by run text. */
type Previous = Pick<Analysis, 'tags' | 'memo'>;

/** A piece's findings and entities on the page's lines: the same wherever the piece starts on a given line. */
interface Shifted { findings?: Finding[]; entities?: Entity[] }

/** A piece of the page and its analysis; the analysis's results are moved to the page's lines when first read. */
export class AnalysedPiece implements Piece {
  readonly character = 0;

  constructor(
    readonly text: string,
    readonly line: number,
    readonly offset: number,
    readonly analysis: Analysis,
    /** Whether entities were asked for: the analysis of a piece made without them has none. */
    readonly withEntities: boolean,
    private readonly shifted: Shifted = {},
  ) {}

  /**
   * The same piece elsewhere on the page. On the same line (text was typed on an earlier line)
   * its findings keep their objects, and so their diagnostics (features/diagnostics.ts).
   */
  at(line: number, offset: number): AnalysedPiece {
    if (line === this.line && offset === this.offset) return this;
    return new AnalysedPiece(this.text, line, offset, this.analysis, this.withEntities, line === this.line ? this.shifted : {});
  }

  get findings(): Finding[] {
    return (this.shifted.findings ??= this.line ? this.analysis.findings.map(f => shiftFinding(f, this)) : this.analysis.findings);
  }

  get entities(): Entity[] {
    return (this.shifted.entities ??= this.line ? this.analysis.entities.map(e => shiftEntity(e, this)) : this.analysis.entities);
  }
}

/**
 * An analysis put together from its pieces', read by the language server's features like any
 * other `Analysis`. Findings are gathered at once; the page model, entities and the tags for a
 * later `previous` only when first read.
 */
export class PiecedAnalysis implements Analysis {
  readonly findings: Finding[];
  private merged?: Page;
  private allEntities?: Entity[];
  private union?: Previous;

  constructor(
    readonly text: string,
    readonly pieces: readonly AnalysedPiece[],
    /** Indices of the pieces this analysis analysed; the others came from the previous analysis. */
    readonly analysed: readonly number[],
  ) {
    this.findings = pieces.length === 1 ? pieces[0].findings : concat(pieces.map(p => p.findings));
  }

  /** A text too large or with too long lines is one piece, analysed degraded (degraded.ts). */
  get notice(): string | undefined {
    return this.pieces.length === 1 ? this.pieces[0].analysis.notice : undefined;
  }

  get page(): Page {
    return (this.merged ??= this.pieces.length === 1 ? this.pieces[0].analysis.page
      : mergePages(this.text, this.pieces.map(p => ({ page: p.analysis.page, line: p.line, offset: p.offset }))));
  }

  get entities(): Entity[] {
    return (this.allEntities ??= this.pieces.length === 1 ? this.pieces[0].entities : concat(this.pieces.map(p => p.entities)));
  }

  // Read when this analysis is the `previous` of a plain `analyze` of the whole text.
  get tags(): ReadonlyMap<string, Token[]> { return this.asPrevious().tags; }
  get memo(): ReadonlyMap<string, ReadonlyMap<string, unknown>> { return this.asPrevious().memo; }

  private asPrevious(): Previous {
    return this.pieces.length === 1 ? this.pieces[0].analysis : (this.union ??= unionOf(this.pieces.map(p => p.analysis)));
  }
}

/**
 * Analyses a document's text, piece by piece (pieces.ts). With `options.previous` (the analysis
 * of the document's previous version, made with the same options and user words) every piece
 * whose text it has analysed already is taken from it; pieces analysed anew get the tags and
 * rule results of the previous pieces they replace, so only the edited paragraph is segmented
 * again. A text that needs the degraded analysis (degraded.ts) is one piece, analysed degraded.
 */
export function analyzeDocument(text: string, options: AnalysisOptions = {}): PiecedAnalysis {
  const { previous } = options;
  const withEntities = options.entities !== false;
  const cut = needsDegrading(text) ? [{ text, line: 0, character: 0, offset: 0 }] : cutPage(text);
  const before = previous instanceof PiecedAnalysis ? previous.pieces.filter(p => p.withEntities || !withEntities) : [];
  const pieces: AnalysedPiece[] = new Array(cut.length);
  // The pieces before and after the edit are the previous ones in the same order; the cuts in
  // between (usually one) replace the previous pieces in between.
  const n = cut.length, m = before.length;
  let head = 0, tail = 0;
  while (head < n && head < m && cut[head].text === before[head].text) {
    pieces[head] = before[head].at(cut[head].line, cut[head].offset);
    head++;
  }
  while (tail < n - head && tail < m - head && cut[n - 1 - tail].text === before[m - 1 - tail].text) {
    pieces[n - 1 - tail] = before[m - 1 - tail].at(cut[n - 1 - tail].line, cut[n - 1 - tail].offset);
    tail++;
  }
  const analysed: number[] = [];
  if (head + tail < n) {
    const replaced = before.slice(head, m - tail);
    // A text analysed before elsewhere on the page (a page pasted twice, a paragraph moved back) keeps its analysis.
    const known = new Map<string, Analysis>();
    for (const p of before) known.set(p.text, p.analysis);
    // What the new pieces were cut from; a previous analysis of the whole text serves as it is.
    const reuse: Previous | undefined = previous && !(previous instanceof PiecedAnalysis) ? previous
      : replaced.length === 1 ? replaced[0].analysis : replaced.length ? unionOf(replaced.map(p => p.analysis)) : undefined;
    for (let i = head; i < n - tail; i++) {
      const c = cut[i];
      let analysis = known.get(c.text);
      if (!analysis) {
        // `analyze` reads nothing of `previous` but its tags and memo (createContext).
        analysis = analyze(c.text, { ...options, previous: reuse as Analysis | undefined });
        known.set(c.text, analysis);
        analysed.push(i);
      }
      pieces[i] = new AnalysedPiece(c.text, c.line, c.offset, analysis, withEntities);
    }
  }
  return new PiecedAnalysis(text, pieces, analysed);
}

/**
 * The page model alone, made the same way: piece by piece, so that a large page's outline is the
 * one its analysis has (features/workspace.ts, for pages not open in the editor).
 */
export function buildPiecedPage(text: string): Page {
  const pieces = cutPage(text);
  return pieces.length === 1 ? buildPage(text) : mergePages(text, pieces.map(p => ({ page: buildPage(p.text), line: p.line, offset: p.offset })));
}

/** Arrays end to end: Array.prototype.concat is native (flatMap takes 1.5 ms for a 1 MB page's 15k findings, concat 0.01). */
function concat<T>(arrays: readonly (readonly T[])[]): T[] {
  return ([] as T[]).concat(...arrays);
}

/** The tags and memoised rule results of several analyses, as one `previous`. */
function unionOf(analyses: readonly Previous[]): Previous {
  const tags = new Map<string, Token[]>();
  const memo = new Map<string, Map<string, unknown>>();
  for (const a of analyses) {
    for (const [k, v] of a.tags) tags.set(k, v);
    for (const [key, m] of a.memo) {
      let into = memo.get(key);
      if (!into) memo.set(key, (into = new Map()));
      for (const [k, v] of m) into.set(k, v);
    }
  }
  return { tags, memo };
}

/**
 * The page model of the whole text from its pieces' models: their lines, blocks, breaks and
 * articles moved to the page's lines. Runs are what rules read, and rules read the pieces'
 * pages: they are put together only if something asks for them.
 */
function mergePages(text: string, pieces: readonly { page: Page; line: number; offset: number }[]): Page {
  const lines: Line[] = [];
  const blocks: Block[] = [];
  const breaks: Break[] = [];
  const articles: Article[] = [];
  const moved: { page: Page; blocks: Block[]; line: number }[] = [];
  let crlf = 0;
  for (const p of pieces) {
    const { page } = p;
    // A piece ends with its last line's terminator, so its model has an empty last line: that
    // line is the next piece's first.
    const own = p === pieces[pieces.length - 1] ? page.lines : page.lines.slice(0, -1);
    for (const l of own) lines.push({ index: l.index + p.line, text: l.text, offset: l.offset + p.offset });
    if (page.eol === '\r\n') crlf += own.length;
  }
  for (const p of pieces) {
    const { page } = p;
    // Block ids are indices into their page's blocks (page.ts), so a piece's block maps by id.
    const mine = page.blocks.map(b => shiftBlock(b, p.line, blocks.length + b.id, lines));
    blocks.push(...mine);
    const byId = (b: Block) => mine[b.id];
    for (const br of page.breaks) breaks.push(shiftBreak(br, p.line, byId));
    for (const a of page.articles) articles.push(shiftArticle(a, p.line, byId));
    moved.push({ page, blocks: mine, line: p.line });
  }
  let runs: TextRun[] | undefined;
  return {
    text, lines, blocks, breaks, articles,
    eol: crlf * 2 > lines.length ? '\r\n' : '\n',
    get runs(): TextRun[] {
      return (runs ??= moved.flatMap(({ page, blocks, line }) =>
        page.runs.map(r => makeRun(r.kind, r.blocks.map(b => blocks[b.id]), r.lines.map(l => lines[l.index + line])))));
    },
  };
}
