// The outline of a page as the JSON contract states it: one entry per article, built from the
// page model's articles (headline blocks, bylines, sections), ranges as LSP ranges.
import type { Block, Page } from '../page/model';
import type { ArticleKind } from '../page/model';
import type { Range } from '../core/types';

export interface OutlineArticle {
  headline: string;
  /** Span of the headline blocks (which may be printed away from the body); null when none. */
  headlineRange: Range | null;
  /** Whole lines startLine..endLine. */
  range: Range;
  kind: ArticleKind;
  bylines: { text: string; range: Range }[];
  sections: { title: string; range: Range }[];
}

export function outlineOf(page: Page): OutlineArticle[] {
  const lineEnd = (line: number) => page.lines[line]?.text.length ?? 0;
  const blockRange = (b: Block): Range => ({ start: { line: b.startLine, character: 0 }, end: { line: b.endLine, character: lineEnd(b.endLine) } });
  const blockText = (b: Block) => b.lines.map(l => l.text.trim()).join(' ').trim();
  return page.articles.map(a => {
    let headlineRange: Range | null = null;
    if (a.headlines.length) {
      const first = Math.min(...a.headlines.map(b => b.startLine));
      const last = Math.max(...a.headlines.map(b => b.endLine));
      headlineRange = { start: { line: first, character: 0 }, end: { line: last, character: lineEnd(last) } };
    }
    return {
      headline: a.headline,
      headlineRange,
      range: { start: { line: a.startLine, character: 0 }, end: { line: a.endLine, character: lineEnd(a.endLine) } },
      kind: a.kind,
      bylines: a.bylines.map(b => ({ text: blockText(b), range: blockRange(b) })),
      sections: a.sections.map(b => ({ title: blockText(b), range: blockRange(b) })),
    };
  });
}
