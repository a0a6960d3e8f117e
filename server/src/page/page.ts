// Builds the page model: lines → blocks (classified) → breaks → logical paragraphs → articles.
import type { Lexicon } from '../language/lexicon';
import type { Block, BlockKind, Break, Line, Page, TextRun } from './model';
import { segmentArticles } from './articles';
import {
  cjkCount, datelineEnd, endsSentence, hasClausePunct, hasProsePunct, isPageHeader, isPhotoNote,
  looksLikeCaption, noiseKind, parseByline, splitCaptionCredit,
} from './lines';
import { splitLines } from '../core/text';
import { refineRoles } from './roles';
import { announces, columnWidth, endsWithNote, fillsColumn, startsItem } from './columns';

/** Longest line (in characters) a title is printed on; body columns run longer or carry punctuation. */
const MAX_HEADLINE = 36;
/** Longest line a photo caption is printed on when only its isolation marks it as one. */
const MAX_CAPTION = 64;

interface Group { lines: Line[]; blankBefore: number; blankAfter: number }

function groups(lines: Line[]): Group[] {
  const out: Group[] = [];
  let cur: Line[] = [];
  let blanks = 0;
  for (const line of lines) {
    if (!line.text.trim()) {
      if (cur.length) { out.push({ lines: cur, blankBefore: blanks, blankAfter: 0 }); cur = []; blanks = 0; }
      blanks++;
      continue;
    }
    if (!cur.length && out.length) out[out.length - 1].blankAfter = blanks;
    cur.push(line);
  }
  if (cur.length) out.push({ lines: cur, blankBefore: blanks, blankAfter: 0 });
  else if (out.length) out[out.length - 1].blankAfter = blanks;
  return out;
}

/** Kind of a line judged alone, or undefined when only its neighbours can tell. */
function lineKind(text: string): BlockKind | undefined {
  // Trimmed once for the tests that trim first anyway (the header and credit tests read the line as is).
  const t = text.trim();
  if (noiseKind(t)) return 'noise';
  if (isPageHeader(text)) return 'header';
  if (parseByline(t)) return 'byline';
  if (isPhotoNote(t) || splitCaptionCredit(text)) return 'caption';
  return undefined;
}

function isTitleLike(text: string): boolean {
  const t = text.trim();
  // Length first: most lines are body lines, longer than any title, and counting is the dearer test.
  if (t.length > MAX_HEADLINE || cjkCount(t, 1) === 0 || endsSentence(t) || /[。！？!?]/.test(t)) return false;
  // Titles carry no clause punctuation, except a comma between two short halves ending in a
  // quoted phrase or a number formula (`1+1>2，绘就产业发展“新画卷”`): those end in a closing mark.
  if (hasClausePunct(t)) return /[”’」》]$/.test(t) && t.length <= 24 && !/[、；;]/.test(t);
  return true;
}

function classifyGroup(g: Group): { kind: BlockKind; lines: Line[] }[] {
  // Split the group where single lines are recognisably something else (a byline under a body).
  const parts: { kind: BlockKind; lines: Line[] }[] = [];
  let pending: Line[] = [];
  const flush = () => {
    if (pending.length) parts.push({ kind: textKind(pending, g), lines: pending });
    pending = [];
  };
  for (const line of g.lines) {
    const k = lineKind(line.text);
    if (k) { flush(); const last = parts[parts.length - 1]; if (last && last.kind === k && k !== 'caption') last.lines.push(line); else parts.push({ kind: k, lines: [line] }); }
    else pending.push(line);
  }
  flush();
  // A short line right above a photo credit is that photo's caption.
  for (let i = 0; i + 1 < parts.length; i++) {
    const p = parts[i], next = parts[i + 1];
    if (p.kind === 'body' && p.lines.length === 1 && next.kind === 'byline' && parseByline(next.lines[0].text)?.photo
      && p.lines[0].text.trim().length <= MAX_CAPTION) p.kind = 'caption';
  }
  return parts;
}

/** Kind of lines that are not recognisable alone: body, headline, or caption, by shape and isolation. */
function textKind(lines: Line[], g: Group): BlockKind {
  const texts = lines.map(l => l.text.trim());
  if (lines.length <= 3 && texts.every(isTitleLike) && (lines.length === 1 || texts.every(t => !hasProsePunct(t)))) return 'headline';
  if (lines.length === 1) {
    const t = texts[0];
    if (looksLikeCaption(t) && t.length <= 2 * MAX_CAPTION) return 'caption';
    // Photo space leaves several blank lines around a caption; body paragraphs are separated by one.
    if (g.lines.length === 1 && (g.blankBefore >= 2 || g.blankAfter >= 2) && t.length <= MAX_CAPTION && !/[，,；;]/.test(t.slice(0, -1)) && endsSentence(t)) return 'caption';
  }
  return 'body';
}

/** Kinds that only the neighbouring blocks reveal. */
function refineKinds(blocks: Block[]): void {
  const near = (i: number, step: number): Block | undefined => {
    for (let j = i + step; j >= 0 && j < blocks.length; j += step) if (blocks[j].kind !== 'noise') return blocks[j];
    return undefined;
  };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i], prev = near(i, -1), next = near(i, 1);
    // A one-line sentence right above a photo credit (`X 摄`) is that photo's caption.
    if (b.kind === 'body' && b.lines.length === 1 && b.text.trim().length <= MAX_CAPTION && endsSentence(b.text)
      && next?.kind === 'byline' && parseByline(next.text)?.photo) b.kind = 'caption';
    // A title-like line in a row of captions is one more caption (a photo gallery), not a title.
    if (b.kind === 'headline' && prev?.kind === 'caption' && next?.kind === 'caption') b.kind = 'caption';
  }
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i], next = near(i, 1);
    // Column labels (`视觉新闻`, `支部过硬篇`, `党员先锋故事`): very short titles standing over
    // another title, a photo or a credit, or named as a part (`…篇`).
    if (b.kind === 'headline' && b.lines.length === 1 && cjkCount(b.text) <= 6
      && (/篇$/.test(b.text.trim()) || (next && next.kind !== 'body'))) b.kind = 'section';
  }
}

export function makeRun(kind: BlockKind, blocks: Block[], lines: Line[] = blocks.flatMap(b => b.lines)): TextRun {
  const starts: number[] = [];
  let text = '';
  for (const l of lines) { starts.push(text.length); text += l.text; }
  return {
    kind, blocks, lines, text, starts,
    positionAt(i: number) {
      let lo = 0, hi = starts.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= i) lo = mid; else hi = mid - 1; }
      const line = lines[lo];
      return { line: line.index, character: Math.min(i - starts[lo], line.text.length) };
    },
  };
}

// --- breaks ---------------------------------------------------------------------------------
/** Characters that cannot begin a sentence: text resuming with one continues the previous line. */
const NON_INITIAL = new Set([...'了的地得着过们和与及或并而且则就都也还又再才所之其于以为把被让向对从在到给跟比将', '，', '。', '、', '；', '：', '”', '’', '）', '》', '！', '？']);
/** Words that leave a clause open when they end a line. */
const OPEN_ENDINGS = /(?:[的地得和与及或并而且把被让向对从在到给跟将为以之其于、，；：“‘（《—])$/;

function hasJoinEvidence(tail: string, head: string, lexicon?: Lexicon): boolean {
  const h = head.trimStart(), t = tail.trimEnd();
  if (!h || !t) return false;
  if (NON_INITIAL.has(h[0])) return true;
  if (OPEN_ENDINGS.test(t)) return true;
  // Unbalanced quote in the first half: the sentence is still inside a quotation.
  const opens = (t.match(/[“"]/g) ?? []).length, closes = (t.match(/[”]/g) ?? []).length;
  if (t.includes('“') && opens > closes) return true;
  if (!lexicon) return false;
  // A dictionary word straddling the break (`是为` + `了` → `为了`, `跟踪服` + `务` → `服务`).
  const a = t.slice(-3), b = h.slice(0, 3);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const w = a.slice(a.length - i) + b.slice(0, j);
      if (w.length >= 2 && /^[\u4e00-\u9fff]+$/.test(w) && lexicon.freq(w) >= 50) {
        // The straddling word must beat the segmentation that keeps the break as a word boundary.
        const left = a.slice(a.length - i), right = b.slice(0, j);
        if (lexicon.freq(w) > Math.min(lexicon.freq(left) || 1, lexicon.freq(right) || 1) / 4) return true;
      }
    }
  }
  return false;
}

/** True when no title, byline or dateline precedes body block `bi`: a fragment whose own headline must come later. */
function unheaded(blocks: Block[], bi: number): boolean {
  for (let j = bi; j >= 0; j--) {
    const k = blocks[j].kind;
    if (k === 'headline' || k === 'section' || k === 'byline' || blocks[j].dateline) return false;
  }
  return true;
}

function findBreaks(blocks: Block[], lexicon?: Lexicon): Break[] {
  const breaks: Break[] = [];
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi];
    if (b.kind !== 'body') continue;
    // A line goes on in the next when its sentence is open, or when it fills the column of a
    // hard-wrapped block (page/columns.ts); never into the next item of a list.
    const width = columnWidth(b.lines);
    for (let k = 0; k + 1 < b.lines.length; k++) {
      const t = b.lines[k].text;
      const next = b.lines[k + 1].text;
      // A quotation opening the next line after a full stop is as often a new paragraph as not: left alone.
      if ((!endsSentence(t) || (fillsColumn(t, width) && !/^\s*[“"「『]/.test(next))) && !startsItem(next) && !announces(t, next)) breaks.push({ kind: 'wrap', fromLine: b.lines[k].index, toLine: b.lines[k + 1].index, between: [] });
    }
    const last = b.lines[b.lines.length - 1];
    if (endsSentence(last.text) || endsWithNote(b.lines)) continue;
    // Look past blank lines and floating blocks for the body text where this sentence resumes.
    const between: Block[] = [];
    let titles = 0, bylines = 0;
    let j = bi + 1;
    for (; j < blocks.length; j++) {
      const k = blocks[j].kind;
      if (k === 'body') break;
      between.push(blocks[j]);
      if (k === 'headline' || k === 'section') titles++;
      if (k === 'byline') bylines++;
      if (k === 'header') titles += 2;
    }
    const next = blocks[j];
    if (!next || next.dateline || startsItem(next.lines[0].text) || announces(last.text, next.lines[0].text)) continue;
    const head = next.lines[0].text;
    if (!between.length) {
      breaks.push({ kind: 'blank', fromLine: last.index, toLine: next.startLine, between });
      continue;
    }
    // Captions and photo credits float anywhere in a column; a title between the halves is an
    // article's own headline printed mid-column only when the words show the sentence goes on,
    // and two titles in a row (section label + headline) open a new article.
    const evidence = hasJoinEvidence(last.text, head, lexicon) || (titles === 1 && unheaded(blocks, bi));
    if (titles === 0 || (titles === 1 && evidence) || (titles <= 2 && bylines > 0 && evidence && NON_INITIAL.has(head.trimStart()[0]))) {
      breaks.push({ kind: 'interleaved', fromLine: last.index, toLine: next.startLine, between });
    }
  }
  return breaks;
}

/** Logical paragraphs: body blocks chained by breaks; every other block is a run of its own. */
function buildRuns(blocks: Block[], breaks: Break[]): TextRun[] {
  const nextOf = new Map<number, number>();
  for (const br of breaks) if (br.kind !== 'wrap') nextOf.set(br.fromLine, br.toLine);
  const blockAtStart = new Map(blocks.map(b => [b.startLine, b]));
  const wrapped = new Set(breaks.filter(b => b.kind === 'wrap').map(b => b.fromLine));
  const runs: TextRun[] = [];
  const claimed = new Set<Block>();
  for (const b of blocks) {
    if (claimed.has(b)) continue;
    if (b.kind !== 'body') { runs.push(makeRun(b.kind, [b])); continue; }
    // A body block may hold several paragraphs (a sentence end followed by a new line): split
    // it where no wrap joins two lines, then chain across blank/interleaved breaks.
    let chain: Line[] = [];
    let chainBlocks: Block[] = [];
    let cur: Block | undefined = b;
    while (cur) {
      claimed.add(cur);
      chainBlocks.push(cur);
      let continued: Block | undefined;
      for (let k = 0; k < cur.lines.length; k++) {
        const line = cur.lines[k];
        chain.push(line);
        const isLast = k === cur.lines.length - 1;
        if (!isLast && !wrapped.has(line.index)) {
          runs.push(makeRun('body', [...chainBlocks], [...chain]));
          chain = []; chainBlocks = [cur];
        }
        if (isLast) {
          const to = nextOf.get(line.index);
          continued = to !== undefined ? blockAtStart.get(to) : undefined;
        }
      }
      cur = continued && !claimed.has(continued) ? continued : undefined;
    }
    if (chain.length) runs.push(makeRun('body', [...chainBlocks], [...chain]));
  }
  return runs.sort((a, b) => a.lines[0].index - b.lines[0].index);
}

export function buildPage(text: string, lexicon?: Lexicon): Page {
  const { lines, eol } = splitLines(text);
  const blocks: Block[] = [];
  for (const g of groups(lines)) {
    for (const part of classifyGroup(g)) {
      const end = part.kind === 'body' ? datelineEnd(part.lines[0].text) : undefined;
      // Every block gets the `dateline` field, set or not: blocks of one shape keep the code
      // that reads them optimised (a field added to some made segmentArticles deoptimise and
      // recompile three times over a CLI run).
      blocks.push({
        id: blocks.length, kind: part.kind, lines: part.lines,
        startLine: part.lines[0].index, endLine: part.lines[part.lines.length - 1].index,
        text: part.lines.map(l => l.text).join(''),
        dateline: end === undefined ? undefined : { start: 0, end },
      });
    }
  }
  refineKinds(blocks);
  refineRoles(blocks, lexicon);
  const breaks = findBreaks(blocks, lexicon);
  const runs = buildRuns(blocks, breaks);
  const articles = segmentArticles(blocks, breaks, runs);
  return { text, eol, lines, blocks, breaks, runs, articles };
}
