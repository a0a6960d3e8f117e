// The page's outline: one symbol per article (named by its headline, also when OCR printed the
// headline away from the body), with sections, bylines and captions as children; the page header
// as its own symbol. Folding ranges per article; workspace symbols by headline.
import { DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolInformation, SymbolKind } from 'vscode-languageserver-types';
import type { Article, Block, Page } from '../../page/model';
import type { Locale, Range } from '../../core/types';

const labels = {
  header: { zh: '版面信息', en: 'Page header' },
  untitled: { zh: '(无标题)', en: '(untitled)' },
  photo: { zh: '图片新闻', en: 'photo' },
  brief: { zh: '简讯', en: 'brief' },
  displaced: { zh: (line: number) => `标题错位：原在第 ${line} 行`, en: (line: number) => `headline printed at line ${line}` },
  section: { zh: '栏目', en: 'section' },
  byline: { zh: '署名', en: 'byline' },
  caption: { zh: '图片说明', en: 'caption' },
};

/** Longest symbol name; OCR headlines glued to a paragraph would otherwise flood the outline. */
const MAX_NAME = 40;

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > MAX_NAME ? `${t.slice(0, MAX_NAME - 1)}…` : t;
}

function blockRange(page: Page, b: Block): Range {
  return lineSpan(page, b.startLine, b.endLine);
}

function lineSpan(page: Page, from: number, to: number): Range {
  const last = page.lines[Math.min(to, page.lines.length - 1)];
  return { start: { line: from, character: 0 }, end: { line: to, character: last ? last.text.length : 0 } };
}

function within(r: Range, outer: Range): boolean {
  return r.start.line >= outer.start.line && r.end.line <= outer.end.line;
}

export function articleName(a: Article, locale: Locale): string {
  if (a.kind === 'header') return labels.header[locale];
  const name = a.headline.trim() || a.headlines.map(h => h.text).join(' ').trim();
  if (name) return short(name);
  const first = a.body[0] ?? a.captions[0];
  return first ? short(first.text) : labels.untitled[locale];
}

export function documentSymbols(page: Page, locale: Locale): DocumentSymbol[] {
  return page.articles.map(a => articleSymbol(page, a, locale));
}

function articleSymbol(page: Page, a: Article, locale: Locale): DocumentSymbol {
  const range = lineSpan(page, a.startLine, a.endLine);
  const headline = a.headlines[0];
  const headlineRange = headline && blockRange(page, headline);
  // LSP requires selectionRange ⊆ range: a headline printed outside its article's lines is named
  // in `detail` and the selection falls back to the article's first line.
  const selectionRange = headlineRange && within(headlineRange, range) ? headlineRange : lineSpan(page, a.startLine, a.startLine);
  const details: string[] = [];
  if (a.kind === 'photo' || a.kind === 'brief') details.push(labels[a.kind][locale]);
  if (a.headlineDisplaced && headline) details.push(labels.displaced[locale](headline.startLine + 1));
  const children: DocumentSymbol[] = [];
  const child = (b: Block, kind: SymbolKind, what: keyof typeof labels) => {
    const r = blockRange(page, b);
    if (!within(r, range)) return;
    children.push({ name: short(b.text) || labels.untitled[locale], detail: (labels[what] as { zh: string; en: string })[locale], kind, range: r, selectionRange: r });
  };
  for (const s of a.sections) child(s, SymbolKind.Namespace, 'section');
  for (const b of a.bylines) child(b, SymbolKind.Field, 'byline');
  for (const c of a.captions) child(c, SymbolKind.Event, 'caption');
  children.sort((x, y) => x.range.start.line - y.range.start.line);
  return {
    name: articleName(a, locale),
    detail: details.join(' · ') || undefined,
    kind: a.kind === 'header' ? SymbolKind.Package : SymbolKind.Module,
    range,
    selectionRange,
    children,
  };
}

export function foldingRanges(page: Page): FoldingRange[] {
  return page.articles
    .filter(a => a.endLine > a.startLine)
    .map(a => ({ startLine: a.startLine, endLine: a.endLine, kind: FoldingRangeKind.Region }));
}

/** Articles of one page as workspace symbols, filtered by a (case-insensitive) substring query. */
export function workspaceSymbols(uri: string, page: Page, query: string, locale: Locale): SymbolInformation[] {
  const q = query.trim().toLowerCase();
  const out: SymbolInformation[] = [];
  for (const a of page.articles) {
    if (a.kind === 'header') continue;
    const name = articleName(a, locale);
    if (q && !name.toLowerCase().includes(q)) continue;
    const at = a.headlines[0] ? blockRange(page, a.headlines[0]) : lineSpan(page, a.startLine, a.startLine);
    out.push({ name, kind: SymbolKind.Module, location: { uri, range: at } });
  }
  return out;
}
