// Segments a page's blocks into articles and gives every article its headline — also when OCR
// printed the headline away from the body (after it, between other articles, or mid-column).
// Headlines are matched to articles by what they say (shared character bigrams), not by position.
import type { Article, Block, Break, TextRun } from './model';
import { cjkCount, datelineSigned, parseByline } from './lines';
import { endsWithNote } from './columns';

/** Number of characters in U+4E00–9FFF, the Han characters bigrams are made of. */
const HAN = 0x9fff - 0x4e00 + 1;

/**
 * A set of bigrams (see `bigramList`) in an open-addressing table over an Int32Array: a page's
 * article vocabularies take tens of thousands of additions, several times cheaper here than in a
 * Set<number>. Coverage only counts members, so the table's order is of no consequence.
 */
class GramSet {
  /** Bigram + 1 per slot, 0 for empty; kept at most half full. */
  private slots: Int32Array;
  /** 32 − log2(slots.length): Fibonacci hashing takes the product's top bits. */
  private shift: number;
  size = 0;

  /** `expected`: how many members to make room for before the first resize. */
  constructor(expected = 16) {
    let bits = 5;
    while (1 << bits < 2 * expected) bits++;
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  add(g: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const key = g + 1, m = this.slots.length - 1;
    let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (let k = this.slots[s]; k !== 0; k = this.slots[s]) {
      if (k === key) return;
      s = (s + 1) & m;
    }
    this.slots[s] = key;
    this.size++;
  }

  addAll(grams: Int32Array): void {
    for (let i = 0; i < grams.length; i++) this.add(grams[i]);
  }

  has(g: number): boolean {
    const key = g + 1, m = this.slots.length - 1;
    for (let s = Math.imul(key, 0x9e3779b1) >>> this.shift; ; s = (s + 1) & m) {
      const k = this.slots[s];
      if (k === key) return true;
      if (k === 0) return false;
    }
  }

  /** How many members `other` also has. */
  countIn(other: GramSet): number {
    let n = 0;
    for (let s = 0; s < this.slots.length; s++) if (this.slots[s] !== 0 && other.has(this.slots[s] - 1)) n++;
    return n;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 4);
    this.shift -= 2;
    this.size = 0;
    for (let s = 0; s < old.length; s++) if (old[s] !== 0) this.add(old[s] - 1);
  }
}

/**
 * Character bigrams of the Han text in `s` (a title's or an article's vocabulary): pairs of
 * adjacent characters of U+4E00–9FFF, each as the number a⋅HAN + b (< 2³⁰), in text order with
 * repeats (a block's list only ever goes into a set).
 */
function bigramList(s: string): Int32Array {
  const out = new Int32Array(Math.max(0, s.length - 1));
  let n = 0, prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 0x4e00;
    if (c < 0 || c >= HAN) { prev = -1; continue; }
    if (prev >= 0) out[n++] = prev * HAN + c;
    prev = c;
  }
  return out.subarray(0, n);
}

/** The distinct bigrams of `s`. */
function bigrams(s: string): GramSet {
  const out = new GramSet(s.length);
  out.addAll(bigramList(s));
  return out;
}

/** Share of a title's bigrams that occur in a text: how well the title summarises it. */
function coverage(title: GramSet, text: GramSet): number {
  if (!title.size) return 0;
  return title.countIn(text) / title.size;
}

/**
 * A title that covers less than this share of its bigrams in an article is not about it.
 * Headlines reuse the body's key phrases (names, places, slogans): the seeds' true pairs cover
 * 0.4–1.0, unrelated pairs on the same page (same topic vocabulary) stay under 0.3.
 */
const MATCH = 0.34;
/** How much better a title must fit one article than another to be moved there. */
const MARGIN = 0.15;
/** Following body text must share this much vocabulary with an article to continue it after its byline. */
const CONTINUE = 0.22;

/** Longest first paragraph (Han characters) read as a feature's lead when a byline follows it. */
const LEAD = 200;
/** Longest label heading one dispatch of a round-up (`日本`, `菲律宾`, `东南亚`): a place name. */
const ROUNDUP_LABEL = 4;
/**
 * Share of a title's bigrams the article read so far must hold for the title to head one of its
 * sections: a section goes on with the article's subject, the next article's headline brings new words.
 */
const SECTION_FIT = 0.25;

interface Draft {
  blocks: Block[];
  headlines: Block[];
  displaced: Set<Block>;
  sections: Block[];
  bylines: Block[];
  captions: Block[];
  body: Block[];
  closed: boolean;
  /** Closed by a writer's signature (not a photo credit): a text after it, untitled, is another's. */
  signedOff: boolean;
  /** Bigrams of the body so far; see `vocabOf`. */
  vocab?: GramSet;
  /** Bigram lists of body blocks not yet added to `vocab`. */
  pending: Int32Array[];
}

function newDraft(): Draft {
  return { blocks: [], headlines: [], displaced: new Set(), sections: [], bylines: [], captions: [], body: [], closed: false, signedOff: false, pending: [] };
}

function addBody(d: Draft, b: Block, grams: Int32Array): void {
  d.body.push(b);
  d.blocks.push(b);
  d.pending.push(grams);
}

/** The article's vocabulary, built when first compared with a title: many articles never are. */
function vocabOf(d: Draft): GramSet {
  d.vocab ??= new GramSet(d.pending.reduce((n, g) => n + g.length, 0));
  for (const grams of d.pending) d.vocab.addAll(grams);
  d.pending.length = 0;
  return d.vocab;
}

export function segmentArticles(blocks: Block[], breaks: Break[], _runs: TextRun[]): Article[] {
  // Blocks printed inside a sentence (interleaved) belong to the article around them.
  const inside = new Map<Block, number>();
  for (const br of breaks) for (const b of br.between) inside.set(b, br.fromLine);
  const continuation = new Set(breaks.filter(b => b.kind !== 'wrap').map(b => b.toLine));

  const drafts: Draft[] = [];
  const headers: Block[] = [];
  const orphans: Block[] = [];
  /** Headlines printed inside another article's sentence, with that article (their fallback home). */
  const interleaved = new Map<Block, Draft>();
  let cur: Draft | undefined;
  let titles: Block[] = [];
  let openBylines: Block[] = [];
  let floating: Block[] = [];

  // Each block's bigrams once: the look-ahead from every body block re-reads the next ones.
  const gramsOf = new Map<Block, Int32Array>();
  const blockGrams = (b: Block): Int32Array => {
    let g = gramsOf.get(b);
    if (!g) gramsOf.set(b, (g = bigramList(b.text)));
    return g;
  };
  const bodyAhead = (from: number): GramSet => {
    // About 400 characters of body text: as many bigrams at most, plus the last block's overshoot.
    const v = new GramSet(512);
    let n = 0;
    for (let j = from; j < blocks.length && n < 400; j++) {
      if (blocks[j].kind !== 'body') continue;
      v.addAll(blockGrams(blocks[j]));
      n += blocks[j].text.length;
    }
    return v;
  };

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'noise') continue;
    if (b.kind === 'header') { headers.push(b); continue; }
    if (inside.has(b) && cur) {
      // A headline printed inside a sentence: this article's own when it has none and the words fit,
      // else another article's (matched by content below, or kept as a section if none fits).
      if (b.kind === 'headline' && !cur.headlines.length && coverage(bigrams(b.text), vocabOf(cur)) >= MATCH) { cur.headlines.push(b); cur.displaced.add(b); }
      else if (b.kind === 'headline') { orphans.push(b); interleaved.set(b, cur); }
      else if (b.kind === 'section') cur.sections.push(b);
      else if (b.kind === 'byline') cur.bylines.push(b);
      else if (b.kind === 'caption') cur.captions.push(b);
      continue;
    }
    if (b.kind === 'headline' || b.kind === 'section') { titles.push(b); continue; }
    if (b.kind === 'byline') {
      // Under a text that is signed already (a byline, a dateline naming its reporter), a reporter's
      // byline opens the next text rather than closing this one a second time.
      // A bare name on its own line (`官晋东`) signs the text under it, as a commentary's author
      // does; signatures closing a text come bracketed or with a role (`（王建国）`, `记者 X`).
      const bareName = !parseByline(b.text) && !/[\s（()）]/.test(b.text.trim());
      if (titles.length || !cur || !cur.body.length || bareName || (isSigned(cur) && parseByline(b.text)?.hasRole && !parseByline(b.text)?.photo)) openBylines.push(b);
      else if (cur) { cur.bylines.push(b); cur.blocks.push(b); cur.closed = true; cur.signedOff = !parseByline(b.text)?.photo; }
      continue;
    }
    if (b.kind === 'caption') {
      // A caption after an article's text, before any new title, illustrates that article.
      if (cur && !titles.length && !openBylines.length) { cur.captions.push(b); cur.blocks.push(b); } else floating.push(b);
      continue;
    }

    // body
    if (continuation.has(b.startLine) && cur && !titles.length && !openBylines.length) { addBody(cur, b, blockGrams(b)); continue; }
    // Only needed where titles are weighed against the text (computed at most once per block).
    let aheadGrams: GramSet | undefined;
    const ahead = (): GramSet => (aheadGrams ??= bodyAhead(i));
    // After a writer's signature, text that no break joins to it begins another text, whose
    // title may have been printed elsewhere (letters, commentaries signed at their end).
    let startNew = !cur || !!b.dateline || openBylines.length > 0 || (cur.signedOff && !titles.length && !continuation.has(b.startLine));
    // `日本`, `韩国` over dispatches in a round-up: labels far shorter than the article's headline
    // head its parts, even when each part has its own dateline.
    if (startNew && cur && b.dateline && !openBylines.length && titles.length && !cur.closed
      && titles.every(t => t.kind === 'section' || (isSubHead(t, cur!, 1) && cjkCount(t.text) <= ROUNDUP_LABEL))) startNew = false;
    if (cur && titles.length && !openBylines.length) {
      // Titles that fit the article just read better than what follows were printed after it —
      // also before a dateline (pages that print every headline under its article). Right after
      // an article without any headline, fitting it better than the text ahead is enough.
      const kept: Block[] = [];
      for (const t of titles) {
        const tv = bigrams(t.text);
        const back = coverage(tv, vocabOf(cur)), fwd = coverage(tv, ahead());
        // The first of two titles stacked between a headless text and the next one's body: the
        // second is the next text's own, so the first is this text's unless it fits the next better.
        const stackedFirst = titles.length > 1 && t === titles[0] && titles[1].kind === 'headline';
        const fits = back >= MATCH ? back > fwd + MARGIN : (back >= MATCH / 2 && back > fwd + MARGIN / 2) || (stackedFirst && back > 0 && back >= fwd);
        if (t.kind === 'headline' && !cur.headlines.length && !kept.length && fits) { cur.headlines.push(t); cur.displaced.add(t); }
        else kept.push(t);
      }
      if (kept.length < titles.length) startNew = true; // its headline came last: the article ended
      titles = kept;
    }
    if (cur && !startNew && titles.length) {
      {
        // After a closing byline, titles open a new article unless the text goes on with the same story.
        // Before it, a title shorter than the article's headline heads one of its sections; a title
        // of headline size opens the next article.
        // A byline under a feature's lead (a short first paragraph), followed by titles a level below
        // the headline, signs the whole feature: its sections follow.
        if (cur.closed) startNew = coverage(ahead(), vocabOf(cur)) < CONTINUE
          && !(cur.body.length === 1 && cjkCount(cur.body[0].text) < LEAD && titles.every(t => isSubHead(t, cur!, 1)));
        // A stack led by a column label (`产业兴旺篇` over its title) is a chapter of the article.
        // A section head speaks the article's language: its words occur in the text read so far.
        // An article laid out in labelled chapters (`产业兴旺篇`) keeps its chapter titles up to its end.
        else startNew = titles[0].kind !== 'section' && !cur.sections.some(t => t.kind === 'section' && /篇$/.test(t.text.trim()))
          && !titles.every(t => isSubHead(t, cur!, 1) && coverage(bigrams(t.text), vocabOf(cur!)) >= SECTION_FIT)
          // A signed feature's part: unsigned text that goes on with the same story under a title,
          // or one more part under a title cut to the pattern of the parts before.
          && !(isSigned(cur) && (coverage(ahead(), vocabOf(cur)) >= CONTINUE
            // `“向改革要警力”`: a quotation as a title inside a signed feature heads one of its parts.
            || titles.every(t => isSubHead(t, cur!, 1) && /^[“"][^“”"]+[”"]$/.test(t.text.trim()))
            || titles.every(t => isSubHead(t, cur!, 1) && cur!.sections.some(s => parallel(s.text, t.text)))));
      }
    }
    if (startNew) {
      cur = newDraft();
      drafts.push(cur);
      // Of several titles stacked before a body, those that do not fit it are orphans printed
      // away from their own article (matched below); the rest are this article's kicker/title.
      if (titles.length > 1) {
        const own: Block[] = [];
        for (const t of titles) {
          if (t.kind !== 'headline' || coverage(bigrams(t.text), ahead()) >= MATCH * 0.6 || t === titles[titles.length - 1]) own.push(t);
          else orphans.push(t);
        }
        titles = own;
      }
      cur.headlines.push(...titles.filter(t => t.kind === 'headline'));
      cur.sections.push(...titles.filter(t => t.kind === 'section'));
      cur.blocks.push(...titles);
    } else if (cur) {
      cur.sections.push(...titles);
      cur.blocks.push(...titles);
    }
    titles = [];
    if (cur) {
      cur.bylines.push(...openBylines);
      cur.blocks.push(...openBylines);
      cur.captions.push(...floating);
      cur.blocks.push(...floating);
      addBody(cur, b, blockGrams(b));
      // `…防止其愈演愈烈。（四川省某市委 张三）`: a signature run on at the end of the last paragraph
      // signs the text off: untitled text after it is another's.
      if (endsWithNote(b.lines) && !/摄/.test(b.lines[b.lines.length - 1].text)) cur.signedOff = true;
    }
    openBylines = [];
    floating = [];
  }
  // Titles and credits left after the last body: displaced headlines of earlier articles, or a
  // photo story's own caption group.
  orphans.push(...titles.filter(t => t.kind === 'headline'));
  if (cur) { const rest = titles.filter(t => t.kind !== 'headline'); cur.sections.push(...rest); cur.blocks.push(...rest); }
  if (cur) { cur.bylines.push(...openBylines); cur.captions.push(...floating); cur.blocks.push(...openBylines, ...floating); }
  else if (floating.length || openBylines.length) {
    const photo = newDraft();
    photo.captions.push(...floating); photo.bylines.push(...openBylines); photo.blocks.push(...floating, ...openBylines);
    drafts.push(photo);
  }

  // Orphan titles go to the headline-less article whose text they fit best.
  for (const t of orphans) {
    const tv = bigrams(t.text);
    let best: Draft | undefined, score = MATCH;
    for (const d of drafts) {
      const s = coverage(tv, vocabOf(d));
      if (s > score && !d.headlines.some(h => !d.displaced.has(h))) { best = d; score = s; }
    }
    if (best) { best.headlines.push(t); best.displaced.add(t); }
    else interleaved.get(t)?.sections.push(t);
  }
  // A dispatch without a title or reporter of its own, right after a titled article that no byline
  // closed, is one more part of that article (a round-up of datelined items under one headline).
  for (let k = drafts.length - 1; k > 0; k--) {
    const d = drafts[k], prev = drafts[k - 1];
    if (d.headlines.length || d.bylines.length || !d.body[0]?.dateline || !prev.headlines.length || prev.closed || isSigned(d)) continue;
    prev.blocks.push(...d.blocks); prev.body.push(...d.body); prev.sections.push(...d.sections); prev.captions.push(...d.captions);
    drafts.splice(k, 1);
  }

  // A title placed over a text it does not fit, while a text without any title fits it well, was
  // printed over the wrong text: it goes to the one it fits (a page printing each headline under
  // its dispatch, where one title came to sit over the next dispatch).
  const headless = drafts.filter(d => !d.headlines.length && d.body.length);
  for (const d of drafts) {
    if (d.headlines.length !== 1 || d.displaced.size || !headless.length) continue;
    const h = d.headlines[0], tv = bigrams(h.text);
    const own = coverage(tv, vocabOf(d));
    let best: Draft | undefined, score = Math.max(MATCH, own + MARGIN);
    for (const e of headless) {
      const s = coverage(tv, vocabOf(e));
      if (s > score && !e.headlines.length) { best = e; score = s; }
    }
    if (!best) continue;
    d.headlines = []; d.blocks = d.blocks.filter(b => b !== h);
    best.headlines.push(h); best.displaced.add(h);
  }
  // `接政策“天线”把方向`, `接村情“地线”助落实`, `接资源“外线”促发展`…: two or more unsigned texts in a
  // row under titles cut to one pattern, right after a signed article with a short lead, are that
  // feature's parts (the lead announces them; their words are their own).
  for (let k = 0; k + 2 < drafts.length; k++) {
    const p = drafts[k];
    if (!isSigned(p) || p.body.length !== 1 || cjkCount(p.body[0].text) >= LEAD || !p.headlines.length) continue;
    let end = k + 1;
    const partTitle = (d: Draft) => (d.headlines.length === 1 && !d.displaced.size && !isSigned(d) && !d.body[0]?.dateline ? d.headlines[0] : undefined);
    while (end < drafts.length && partTitle(drafts[end]) && isSubHead(partTitle(drafts[end])!, p, 1)
      && (end === k + 1 || parallel(partTitle(drafts[end - 1])!.text, partTitle(drafts[end])!.text))) end++;
    if (end - k - 1 < 2 || !parallel(partTitle(drafts[k + 1])!.text, partTitle(drafts[k + 2])!.text)) continue;
    for (const d of drafts.splice(k + 1, end - k - 1)) {
      p.sections.push(...d.headlines, ...d.sections); p.blocks.push(...d.blocks); p.body.push(...d.body); p.captions.push(...d.captions);
    }
  }

  const articles: Article[] = [];
  for (const h of headers) {
    articles.push({ kind: 'header', headlines: [], headline: h.text.trim(), headlineDisplaced: false, body: [], bylines: [], sections: [], captions: [], startLine: h.startLine, endLine: h.endLine });
  }
  for (const d of drafts) {
    const placed = d.blocks.filter(b => !d.displaced.has(b));
    if (!placed.length) continue;
    // Loops, not Math.min(...spread): spreading arrays of changing element kinds made this
    // function deoptimise and recompile over a CLI run.
    let startLine = Infinity, endLine = -Infinity;
    for (const b of placed) { startLine = Math.min(startLine, b.startLine); endLine = Math.max(endLine, b.endLine); }
    for (const b of d.body) endLine = Math.max(endLine, b.endLine);
    d.headlines.sort((a, b) => a.startLine - b.startLine);
    // Only compared with 200 and 120 below: counting stops there.
    let bodyChars = 0;
    for (const b of d.body) if ((bodyChars += cjkCount(b.text, 200 - bodyChars)) >= 200) break;
    // A short text standing with photos is a photo story; a short text alone is a brief. Neither needs a byline of its own.
    const kind = d.body.length === 0 || (bodyChars < 200 && d.captions.length > 0) ? 'photo' : bodyChars < 120 ? 'brief' : 'article';
    articles.push({
      kind,
      headlines: d.headlines,
      headline: mainHeadline(d.headlines),
      headlineDisplaced: d.displaced.size > 0,
      body: d.body,
      bylines: d.bylines,
      sections: d.sections,
      captions: d.captions,
      startLine,
      endLine,
    });
  }
  return articles.sort((a, b) => a.startLine - b.startLine);
}

/** Whether the draft names who wrote it: a byline, or reporters in its dateline. */
function isSigned(d: Draft): boolean {
  if (d.bylines.length) return true;
  const first = d.body[0];
  return !!first?.dateline && datelineSigned(first.lines[0].text, first.dateline.end);
}

/** Two titles cut to one pattern: as long, to a character, and opening or closing alike. */
function parallel(a: string, b: string): boolean {
  const x = a.replace(/\s+/g, ''), y = b.replace(/\s+/g, '');
  return Math.abs(cjkCount(x) - cjkCount(y)) <= 1 && (x[0] === y[0] || x[x.length - 1] === y[y.length - 1] || x.slice(-2) === y.slice(-2));
}

/**
 * Whether title `t` reads as a section head of draft `d`: the article has a headline and `t` is
 * shorter than `ratio` times it (sections sit a level below the headline, in smaller type and words).
 */
function isSubHead(t: Block, d: Draft, ratio: number): boolean {
  if (!d.headlines.length) return false;
  if (t.kind === 'section') return true;
  // `王娜娜：让初心在基层岗位上闪光`, `贵阳：筹集慰问金千万元`: who or where, a colon, what — the
  // form of a story's headline, not of a part's.
  if (/^[^：:\s]{2,10}[：:]\S/.test(t.text.trim()) && !/之[一二三四五六七八九十]+[：:]/.test(t.text)) return false;
  // The headline's level is its whole group: kicker, title and subtitle.
  let level = 0;
  for (const h of d.headlines) level += cjkCount(h.text);
  return cjkCount(t.text) < ratio * level;
}

/** The main title among kicker, title and subtitle: the longest, joined across its own lines. */
function mainHeadline(hs: Block[]): string {
  if (!hs.length) return '';
  const texts = hs.map(h => h.lines.map(l => l.text.trim()).join(' '));
  return texts.reduce((a, b) => (cjkCount(b) > cjkCount(a) ? b : a));
}
