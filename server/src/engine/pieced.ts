// The analysis of a document being edited. A page longer than one piece (pieces.ts) is cut into
// pieces, each piece analysed by `analyze` on its own, and their results moved to the page's
// lines and put together. After an edit only the pieces whose text changed are analysed again —
// usually the one the edit falls in — and the others are taken from the previous analysis as
// they are, so a keystroke on a 1 MB page costs about what it costs on one piece. The price: an
// article or a sentence straddling a cut is seen as two (cuts fall on paragraph breaks after a
// finished sentence, where that matters least). Pure, like every layer below the front ends.
import { analyze, type Analysis, type AnalysisOptions } from './analyze';
import { flatPage, needsDegrading } from './degraded';
import { lexicon, type Token } from '../language/lexicon';
import type { Page, TextRun } from '../page/model';
import { buildPage } from '../page/page';
import { cutPage, shiftEntity, shiftFinding, shiftPage, type PagePart, type Piece } from './pieces';
import type { Entity, Finding } from '../core/types';

/** What `analyze` reads of its `previous`: tags and memoised rule results, by run text. */
type Previous = Pick<Analysis, 'tags' | 'memo'>;

/** A piece's findings and entities on the page's lines: the same wherever the piece starts on a given line. */
interface Shifted { findings?: Finding[]; entities?: Entity[] }

/** A piece of the page and its analysis; the analysis's results are moved to the page's lines when first read. */
export class AnalysedPiece implements Piece {
  readonly character = 0;
  private part?: { firstId: number; last: boolean; part: PagePart };

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

  /**
   * The piece's share of the page model (pieces.ts `shiftPage`), kept while the piece stays where
   * it is: on a keystroke only the pieces from the edit on are moved again.
   */
  pagePart(firstId: number, last: boolean): PagePart {
    if (this.part?.firstId !== firstId || this.part.last !== last) {
      this.part = { firstId, last, part: shiftPage(this.analysis.page, this, firstId, last) };
    }
    return this.part.part;
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
    if (this.pieces.length === 1) return this.pieces[0].analysis.page;
    return (this.merged ??= mergePages(this.text, this.pieces, (p, firstId, last) => p.pagePart(firstId, last)));
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
 * The page model alone, made exactly as `analyzeDocument` makes it (the flat model of a degraded
 * text, else piece by piece with the dictionary's help), without running the rules: a page's
 * outline, its export and the check of a move fix see the page its analysis sees.
 */
export function buildPiecedPage(text: string): Page {
  if (needsDegrading(text)) return flatPage(text);
  const pieces = cutPage(text);
  if (pieces.length === 1) return buildPage(text, lexicon);
  return mergePages(text, pieces, (p, firstId, last) => shiftPage(buildPage(p.text, lexicon), p, firstId, last));
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
 * The page model of the whole text from its pieces' shares (`partOf` gives a piece's, its block
 * ids from `firstId` on). Runs are what rules read, and rules read the pieces' pages: they are
 * put together only if something asks for them.
 */
function mergePages<P>(text: string, pieces: readonly P[], partOf: (piece: P, firstId: number, last: boolean) => PagePart): Page {
  let firstId = 0;
  const parts = pieces.map((p, i) => {
    const part = partOf(p, firstId, i === pieces.length - 1);
    firstId += part.blocks.length;
    return part;
  });
  const lines = concat(parts.map(p => p.lines));
  let crlf = 0;
  for (const l of lines) {
    const end = l.offset + l.text.length;
    if (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10) crlf++;
  }
  let runs: TextRun[] | undefined;
  return {
    text,
    // As splitLines decides it: the line ending most lines end with.
    eol: crlf * 2 > lines.length - 1 ? '\r\n' : '\n',
    lines,
    blocks: concat(parts.map(p => p.blocks)),
    breaks: concat(parts.map(p => p.breaks)),
    articles: concat(parts.map(p => p.articles)),
    get runs(): TextRun[] { return (runs ??= concat(parts.map(p => p.runs()))); },
  };
}
