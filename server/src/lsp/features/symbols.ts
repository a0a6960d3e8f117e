// The page's outline, for an editor to navigate: one symbol per article, named by its headline
// (also when OCR printed it away from the body; kicker and subtitle beside it, in the detail), and
// under it the article's sections — chapters, with the sub-heads that follow a chapter nested
// under it — and nothing else by default: bylines go into the article's detail, photo captions
// into one `图片说明 (n)` node per article (or are hidden, or listed: `jiaodui.outline.captions`).
// The page header is its own symbol. Folding ranges per article; workspace symbols by headline.
//
// Only presentation is decided here: which blocks are headlines, sections, bylines or captions
// is the page model's (page/page.ts, articles.ts). This file reads `Article` as it is.
import { DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolInformation, SymbolKind } from 'vscode-languageserver-types';
import type { Article, Block, Page } from '../../page/model';
import type { Locale, Range } from '../../core/types';
import type { OutlineOptions } from './config';

const labels = {
  header: { zh: '版面信息', en: 'Page header' },
  untitled: { zh: '(无标题)', en: '(untitled)' },
  photo: { zh: '图片新闻', en: 'photo' },
  brief: { zh: '简讯', en: 'brief' },
  displaced: { zh: (line: number) => `标题错位：原在第 ${line} 行`, en: (line: number) => `headline printed at line ${line}` },
  section: { zh: '栏目', en: 'section' },
  chapter: { zh: '章节', en: 'chapter' },
  subhead: { zh: '小标题', en: 'sub-head' },
  byline: { zh: '署名', en: 'byline' },
  caption: { zh: '图片说明', en: 'caption' },
  captions: { zh: (n: number) => `图片说明 (${n})`, en: (n: number) => `Captions (${n})` },
};

const DEFAULT_OPTIONS: OutlineOptions = { captions: 'group', bylines: false };

/** Longest symbol name; OCR headlines glued to a paragraph would otherwise flood the outline. */
const MAX_NAME = 40;

function short(text: string, max = MAX_NAME): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
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

function blockText(b: Block): string {
  return b.lines.map(l => l.text.trim()).join(' ');
}

/** An article's name: its main headline (restored when OCR printed it away from the body). */
export function articleName(a: Article, locale: Locale): string {
  if (a.kind === 'header') return labels.header[locale];
  const name = a.headline.trim() || a.headlines.map(h => h.text).join(' ').trim();
  if (name) return short(name);
  const first = a.body[0] ?? a.captions[0];
  return first ? short(first.text) : labels.untitled[locale];
}

/**
 * The rest of the headline, shown beside the name: the kicker (a tag above the headline, also
 * one OCR left as a brief of its own) and the other headline blocks (kicker, subtitle) in page order.
 */
function headlineRest(a: Article, kicker?: Article): string[] {
  const main = a.headline.trim();
  const rest = kicker ? [kickerText(kicker)] : [];
  for (const h of a.headlines) {
    const t = blockText(h);
    if (t && t !== main && !main.includes(t)) rest.push(short(t, 24));
  }
  return rest;
}

function kickerText(k: Article): string {
  return k.headline.trim() || k.headlines.map(blockText).join(' ').trim();
}

/** Longest kicker (a place or series tag above a headline: `孟州`, `聚焦两会`), in characters. */
const MAX_KICKER = 6;

/**
 * Whether `a`, shown on its own as a brief, is the kicker (and lead) of the article right after
 * it: a brief with a tag-sized headline, no byline, section or caption of its own, and nothing
 * but blank lines between it and an article whose headline is printed in place. The outline
 * then shows the tag as part of that headline, not as an article.
 */
function isKickerOf(a: Article, next: Article | undefined, page: Page): boolean {
  if (!next || a.kind !== 'brief' || next.kind !== 'article') return false;
  if (a.bylines.length || a.sections.length || a.captions.length || a.headlineDisplaced) return false;
  const tag = kickerText(a).replace(/\s+/g, '');
  if (!tag || tag.length > MAX_KICKER || a.headlines.length !== 1) return false;
  if (!next.headlines.length || next.headlineDisplaced || !next.headline.trim()) return false;
  for (let l = a.endLine + 1; l < next.startLine; l++) if (page.lines[l]?.text.trim()) return false;
  return true;
}

/** Articles as the outline shows them: each with the kicker brief folded into it, if any. */
function presented(page: Page): { article: Article; kicker?: Article }[] {
  const out: { article: Article; kicker?: Article }[] = [];
  const arts = page.articles;
  for (let i = 0; i < arts.length; i++) {
    if (isKickerOf(arts[i], arts[i + 1], page)) {
      out.push({ article: arts[i + 1], kicker: arts[i] });
      i++;
    } else out.push({ article: arts[i] });
  }
  return out;
}

export function documentSymbols(page: Page, locale: Locale, options: OutlineOptions = DEFAULT_OPTIONS): DocumentSymbol[] {
  return presented(page).map(({ article, kicker }) => articleSymbol(page, article, locale, options, kicker));
}

/**
 * Sections that form a series — chapters such as `支部过硬篇` … `平安法治篇`: two or more short
 * sections ending in the same character, sections numbered `一、` `（二）` `第三…` `4.`, or three
 * or more parallel labels (same length, same first character). The
 * other sections are sub-heads, nested under the chapter before them. No series, no nesting.
 */
export function chapterIndices(sections: readonly Block[]): Set<number> {
  const texts = sections.map(s => blockText(s).replace(/\s+/g, ''));
  const numbered = /^(?:[（(]?[一二三四五六七八九十百]+[）)、.．]|第[一二三四五六七八九十百\d]+|[（(]?\d{1,2}[）)、.．](?!\d))/;
  const byNumber = texts.map((t, i) => (numbered.test(t) ? i : -1)).filter(i => i >= 0);
  if (byNumber.length >= 2) return new Set(byNumber);
  const MAX_CHAPTER = 8;
  const ends = new Map<string, number[]>();
  texts.forEach((t, i) => {
    if (t.length < 2 || t.length > MAX_CHAPTER) return;
    const last = t[t.length - 1];
    // A closing mark is no series marker (`“小鞋垫”…` and `“心愿树”…` end alike by chance).
    if (!/[\u3400-\u9fff]/.test(last)) return;
    ends.set(last, [...(ends.get(last) ?? []), i]);
  });
  let best: number[] = [];
  for (const idx of ends.values()) if (idx.length >= 2 && idx.length > best.length) best = idx;
  if (best.length) return new Set(best);
  // Parallel labels with a common verb, `抓头雁树典型` `抓组织强产业` `抓支部聚人心`: three or more
  // of one length opening with the same character.
  const starts = new Map<string, number[]>();
  texts.forEach((t, i) => {
    if (t.length < 3 || t.length > MAX_CHAPTER || !/[\u3400-\u9fff]/.test(t[0])) return;
    const key = `${t[0]}${t.length}`;
    starts.set(key, [...(starts.get(key) ?? []), i]);
  });
  for (const idx of starts.values()) if (idx.length >= 3 && idx.length > best.length) best = idx;
  return new Set(best);
}

function articleSymbol(page: Page, a: Article, locale: Locale, options: OutlineOptions, kicker?: Article): DocumentSymbol {
  const range = lineSpan(page, kicker ? kicker.startLine : a.startLine, a.endLine);
  const headline = a.headlines[0];
  const headlineRange = headline && blockRange(page, headline);
  // LSP requires selectionRange ⊆ range: a headline printed outside its article's lines is named
  // in `detail` and the selection falls back to the article's first line.
  const selectionRange = headlineRange && within(headlineRange, range) ? headlineRange : lineSpan(page, range.start.line, range.start.line);
  const details: string[] = headlineRest(a, kicker);
  if (a.kind === 'photo' || a.kind === 'brief') details.push(labels[a.kind][locale]);
  if (a.headlineDisplaced && headline) details.push(labels.displaced[locale](headline.startLine + 1));
  const bylines = a.bylines.filter(b => within(blockRange(page, b), range));
  if (bylines.length) details.push(short(blockText(bylines[0]), 24));

  const children: DocumentSymbol[] = [];
  const leaf = (b: Block, kind: SymbolKind, detail: string, r = blockRange(page, b)): DocumentSymbol => (
    { name: short(b.text) || labels.untitled[locale], detail, kind, range: r, selectionRange: blockRange(page, b) });

  // Sections, each reaching to the next section (or the article's end), so that the breadcrumbs
  // and "follow cursor" name the chapter and sub-head the cursor is in.
  const sections = a.sections.filter(s => within(blockRange(page, s), range)).sort((x, y) => x.startLine - y.startLine);
  const chapters = chapterIndices(sections);
  const spanTo = (i: number, stop: (j: number) => boolean) => {
    let j = i + 1;
    while (j < sections.length && !stop(j)) j++;
    const end = j < sections.length ? sections[j].startLine - 1 : range.end.line;
    return lineSpan(page, sections[i].startLine, Math.max(end, sections[i].endLine));
  };
  let chapter: DocumentSymbol | undefined;
  sections.forEach((s, i) => {
    if (chapters.has(i)) {
      chapter = leaf(s, SymbolKind.Namespace, labels.chapter[locale], spanTo(i, j => chapters.has(j)));
      chapter.children = [];
      children.push(chapter);
    } else if (chapter) {
      chapter.children!.push(leaf(s, SymbolKind.Class, labels.subhead[locale], spanTo(i, () => true)));
    } else {
      children.push(leaf(s, SymbolKind.Namespace, labels.section[locale], spanTo(i, () => true)));
    }
  });
  if (options.bylines) for (const b of bylines) children.push(leaf(b, SymbolKind.Field, labels.byline[locale]));
  children.sort((x, y) => x.range.start.line - y.range.start.line);

  const captions = a.captions.filter(c => within(blockRange(page, c), range));
  if (captions.length && options.captions !== 'hide') {
    // One node after the sections; `list` nests each caption under it.
    const first = blockRange(page, captions[0]), last = blockRange(page, captions[captions.length - 1]);
    const group: DocumentSymbol = {
      name: labels.captions[locale](captions.length),
      detail: short(blockText(captions[0]), 20),
      kind: SymbolKind.Event,
      range: { start: first.start, end: last.end },
      selectionRange: first,
    };
    if (options.captions === 'list') group.children = captions.map(c => leaf(c, SymbolKind.Event, labels.caption[locale]));
    children.push(group);
  }
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
