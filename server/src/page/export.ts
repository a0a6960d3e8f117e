// A page's articles as a reader would publish them: each in reading order — headline (kicker and
// subtitle marked), bylines, body paragraphs with the OCR's line breaks joined and the blocks
// printed inside a sentence moved out, section heads in place, captions apart. Structure only:
// no character is changed, added or dropped (every character of the page ends up in exactly one
// article, caption or the page's leftovers), so the export can be checked against the page.
import type { ArticleKind, Block, Page, TextRun } from './model';
import { cjkCount, parseByline } from './lines';
import type { Locale } from '../core/types';

export interface ExportedHeadline {
  /** 引题, printed above the main title. */
  kicker?: string;
  title: string;
  /** 副题, printed under the main title. */
  subtitle?: string;
}

/** One piece of an article's text, in reading order. */
export type ExportedPart =
  | { kind: 'paragraph'; text: string; startLine: number }
  | { kind: 'section'; text: string; startLine: number };

export interface ExportedArticle {
  kind: ArticleKind;
  headline: ExportedHeadline | null;
  /** True when the headline was printed away from the body (matched by content). */
  headlineDisplaced: boolean;
  bylines: string[];
  parts: ExportedPart[];
  captions: string[];
  /** 0-based lines the article spans on the page (its body, bylines, captions; a displaced headline aside). */
  startLine: number;
  endLine: number;
}

export interface PageExport {
  articles: ExportedArticle[];
  /** Text that belongs to no article: page headers, noise, titles matched to nothing. */
  leftovers: { text: string; line: number }[];
}

/** Joins a run's lines: OCR's line ends go, a space stays between two Latin words. */
function joinLines(run: TextRun): string {
  let out = '';
  for (const line of run.lines) {
    const t = line.text.trim();
    if (out && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(t)) out += ' ';
    out += t;
  }
  return out;
}

/** A block's text with its line breaks as spaces (titles and bylines keep their inner spacing). */
function blockText(b: Block): string {
  return b.lines.map(l => l.text.trim()).filter(Boolean).join(' ');
}

/**
 * Kicker, main title and subtitle from an article's headline blocks: the block with the most
 * characters is the title (its lines together: two parallel halves are one title), the blocks
 * above it the kicker, those under it — and any line opening with a dash, `——记…` — the subtitle.
 */
function headlineOf(blocks: Block[]): ExportedHeadline | null {
  if (!blocks.length) return null;
  const sorted = [...blocks].sort((a, b) => a.startLine - b.startLine);
  let main = 0;
  for (let k = 1; k < sorted.length; k++) if (cjkCount(sorted[k].text) > cjkCount(sorted[main].text)) main = k;
  const titleLines = sorted[main].lines.map(l => l.text.trim()).filter(Boolean);
  const dash = titleLines.findIndex((l, k) => k > 0 && /^[—-]{1,2}/.test(l));
  const title = (dash > 0 ? titleLines.slice(0, dash) : titleLines).join(' ');
  const before = sorted.slice(0, main).map(blockText).join(' ');
  const after = [...(dash > 0 ? titleLines.slice(dash) : []), ...sorted.slice(main + 1).map(blockText)].join(' ');
  return { ...(before ? { kicker: before } : {}), title, ...(after ? { subtitle: after } : {}) };
}

/** The page's articles in reading order, with every line of the page accounted for once. */
export function exportArticles(page: Page): PageExport {
  // Which article each block belongs to, and as what: the first claim wins.
  const owner = new Map<Block, number>();
  const claim = (b: Block, k: number) => { if (!owner.has(b)) owner.set(b, k); };
  page.articles.forEach((a, k) => {
    for (const list of [a.headlines, a.bylines, a.sections, a.captions, a.body]) for (const b of list) claim(b, k);
  });
  const blockAtLine = new Map<number, Block>();
  for (const b of page.blocks) for (const l of b.lines) blockAtLine.set(l.index, b);

  const out: ExportedArticle[] = page.articles.map(a => ({
    kind: a.kind, headline: null, headlineDisplaced: a.headlineDisplaced, bylines: [], parts: [], captions: [],
    startLine: a.startLine, endLine: a.endLine,
  }));
  const headlineBlocks: Block[][] = page.articles.map(() => []);
  const leftovers: PageExport['leftovers'] = [];
  /** Per article, the last line of the caption last exported: a credit on the next line (or the one after a blank) joins it. */
  const lastCaptionEnd: number[] = page.articles.map(() => -2);

  // Runs partition the page's text lines: a body run is a logical paragraph (breaks joined,
  // interleaved blocks left out of it), every other block is a run of its own.
  for (const run of page.runs) {
    const first = blockAtLine.get(run.lines[0].index);
    const k = first ? owner.get(first) : undefined;
    const text = run.kind === 'body' ? joinLines(run) : blockText(run.blocks[0]);
    if (!text) continue;
    if (k === undefined || !first) { leftovers.push({ text, line: run.lines[0].index }); continue; }
    const a = page.articles[k], e = out[k];
    if (run.kind === 'body' && a.body.includes(first)) e.parts.push({ kind: 'paragraph', text, startLine: run.lines[0].index });
    else if (a.headlines.includes(first)) headlineBlocks[k].push(first);
    else if (a.bylines.includes(first)) {
      // A photo credit (`本报记者 X 摄`) goes with the caption printed right above it, apart from
      // the writers' bylines.
      const credit = parseByline(first.text)?.photo && !/文\s*[/／]\s*图|图\s*[/／]\s*文/.test(first.text);
      if (!credit) e.bylines.push(text);
      else if (e.captions.length && first.startLine - lastCaptionEnd[k] <= 2) e.captions[e.captions.length - 1] += ' ' + text;
      else e.captions.push(text);
    }
    else if (a.sections.includes(first)) e.parts.push({ kind: 'section', text, startLine: run.lines[0].index });
    else if (a.captions.includes(first)) { e.captions.push(text); lastCaptionEnd[k] = run.lines[run.lines.length - 1].index; }
    else e.parts.push({ kind: 'paragraph', text, startLine: run.lines[0].index });
  }
  out.forEach((e, k) => { e.headline = headlineOf(headlineBlocks[k]); });
  // Page headers (`编辑:…`) are articles of their own in the page model, without blocks: their
  // text came through the runs above as leftovers, page furniture.
  const articles = out.filter((_, k) => page.articles[k].kind !== 'header');
  return { articles, leftovers };
}

const LABELS = {
  zh: { colon: '：', kicker: '引题', subtitle: '副题', byline: '署名', caption: '图片说明', untitled: '（无标题）', leftovers: '版面其余文字', displaced: '标题原印在别处' },
  en: { colon: ': ', kicker: 'Kicker', subtitle: 'Subtitle', byline: 'Byline', caption: 'Caption', untitled: '(untitled)', leftovers: 'Rest of the page', displaced: 'headline was printed elsewhere' },
} as const;

/** A paragraph that Markdown would read as a heading, quote, list item or HTML keeps its text. */
function literal(text: string): string {
  return /^(?:[#>*+\-<|`]|\d+[.)]\s)/.test(text) ? '\\' + text : text;
}

/** The export as Markdown: one `#` section per article, a rule between articles. */
export function articlesMarkdown(exp: PageExport, locale: Locale = 'zh'): string {
  const L = LABELS[locale];
  const chunks: string[] = [];
  for (const a of exp.articles) {
    const lines: string[] = [];
    const h = a.headline;
    if (h?.kicker) lines.push(`*${L.kicker}${L.colon}${h.kicker}*`, '');
    lines.push(`# ${h ? h.title : L.untitled}`, '');
    if (h?.subtitle) lines.push(`*${L.subtitle}${L.colon}${h.subtitle}*`, '');
    if (a.headlineDisplaced) lines.push(`<!-- ${L.displaced} -->`, '');
    for (const b of a.bylines) lines.push(`**${L.byline}${L.colon.trim()}** ${b}`, '');
    for (const p of a.parts) lines.push(p.kind === 'section' ? `## ${p.text}` : literal(p.text), '');
    for (const c of a.captions) lines.push(`> ${L.caption}${L.colon}${c}`, '');
    chunks.push(lines.join('\n').trimEnd());
  }
  if (exp.leftovers.length) chunks.push([`## ${L.leftovers}`, '', ...exp.leftovers.flatMap(l => [literal(l.text), ''])].join('\n').trimEnd());
  return chunks.join('\n\n---\n\n') + '\n';
}
