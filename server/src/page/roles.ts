// Block roles that only the neighbourhood reveals, judged from evidence that holds on any paper:
// a line of bare names under a title is its byline, `图片：` labels a photo, a title-shaped scrap
// whose words run on from the line before and into the line after is a piece of a hard-wrapped
// body line. Runs after the line-by-line classification (page/page.ts), before breaks.
import type { Block } from './model';
import type { Lexicon } from '../language/lexicon';
import { cjkCount, datelineEnd, endsSentence, parseByline } from './lines';
import { COMPOUND_SURNAMES, SURNAMES } from '../language/names';

/**
 * `陈瑶`, `欧阳修`, `李 登`: one name, 2–4 Han characters led by a surname, and not a word the
 * dictionary knows as something else (`韩国`, `高潮` start with surnames too).
 */
function isName(token: string, lexicon?: Lexicon): boolean {
  if (!/^[\u4e00-\u9fff·]{2,4}$/.test(token)) return false;
  if (!SURNAMES.has(token[0]) && !COMPOUND_SURNAMES.has(token.slice(0, 2))) return false;
  if (!lexicon || rare(token, lexicon)) return true;
  const tags = lexicon.tag(token);
  return tags.length === 1 && tags[0].tag === 'nr';
}

/**
 * `陈瑶`, `张汉民 李登`, `本报评论员`: a signature without a role word. Alone a line like this is
 * ambiguous (a title may be a name), so the caller asks for a title above and body below.
 */
export function isBareSignature(text: string, lexicon?: Lexicon): boolean {
  const t = text.trim();
  if (/^(?:本报|本刊|新华社)?(?:特约)?评论员$/.test(t)) return true;
  if (t.length > 16) return false;
  // `董 蕾`: OCR may split a two-character name with a space.
  const tokens = t.split(/[\s\u3000、，,]+/).filter(Boolean);
  if (tokens.length === 2 && tokens.every(x => x.length === 1)) return isName(tokens.join(''), lexicon);
  return tokens.length >= 1 && tokens.length <= 4 && tokens.every(x => isName(x, lexicon));
}

/**
 * `（郭闯 苏忠）`, `（河南南阳市宛城区人民法院 牛国华）`, `国家计委经济研究所副所长 马晓河`, `湖南郴州市 刘洪杰`:
 * who wrote a piece, with where they work, printed at its end (or under its title). The names come
 * last, after a space or inside brackets; the line has no sentence punctuation.
 */
export function isSignature(text: string, lexicon?: Lexicon): boolean {
  const t = text.trim();
  if (t.length > 40 || /[，。；！？,;!?：:“”"《》]/.test(t)) return false;
  const inner = t.replace(/^[（(](.*)[)）]$/, '$1');
  const bracketed = inner !== t;
  const tokens = inner.split(/[\s\u3000、]+/).filter(Boolean);
  if (!tokens.length) return false;
  // The names at the end: every token after the affiliation (the first token, when there are several).
  const names = tokens.length > 1 && !isName(tokens[0], lexicon) ? tokens.slice(1) : tokens;
  if (names.length > 4 || !names.every(x => isName(x, lexicon))) return false;
  return bracketed || names.length < tokens.length || isBareSignature(t, lexicon);
}

/**
 * `第三章 政府的定价行为`, `第十四条`, `原因之二：…`, `（一）`, `二`, `1990年7月`: the numbered parts of a
 * text (a law's chapters and articles, a list's items, a chronology's dates) — heads inside an article.
 */
export function isNumberedHead(text: string): boolean {
  const t = text.trim();
  return /^第[一二三四五六七八九十百零〇0-9０-９]+[章节条款部分篇编]/.test(t)
    || /^[一二三四五六七八九十]{1,3}$/.test(t) || /^[（(][一二三四五六七八九十]{1,3}[)）]/.test(t)
    || /^[\u4e00-\u9fff]{1,4}之[一二三四五六七八九十]{1,3}[:：]/.test(t)
    || /^(?:1[89]|20)[0-9]{2}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?$/.test(t);
}

/** `（晓渡）`, `（本报华盛顿1月5日电）`, `（周文广摄）（新华社稿）`: a bracketed note closing a text (signature, source, credit). */
function isClosingNote(text: string, lexicon?: Lexicon): boolean {
  const t = text.trim();
  if (!/^[（(].*[)）]$/.test(t) || t.length > 32 || /[，。；！？,;!?]/.test(t)) return false;
  return /^[（(][\u4e00-\u9fff·]{2,4}[)）]$/.test(t) || /摄|电[)）]|稿[)）]|供图/.test(t) || isSignature(t, lexicon);
}

/** `拜年变了味，当刹！`: short, one final `！` or `？`, at most one comma, no quotation opening it. */
function isExclaimedTitle(text: string): boolean {
  const t = text.trim();
  return t.length <= 20 && /[！？]$/.test(t) && !/[。；;！？!?]/.test(t.slice(0, -1)) && (t.match(/，/g) ?? []).length <= 1 && !/^[“"「『（(]/.test(t) && cjkCount(t) >= 3;
}

/** `湖北1.5－0.6－0.4`, `大型拖拉机（万台）26.40 28.87`: a table's row, a label and more figures than words. */
function isTableRow(text: string): boolean {
  const han = cjkCount(text), digits = (text.match(/[0-9０-９]/g) ?? []).length;
  return digits >= 3 && digits >= han;
}

/**
 * `季音`, `今哲`: two or three characters that are no word of the dictionary, between a title and
 * its text — a pen name (no surname needed). Only asked with a lexicon, and only in that place.
 */
function isPenName(text: string, lexicon?: Lexicon): boolean {
  const t = text.trim();
  return !!lexicon && /^[\u4e00-\u9fff]{2,3}$/.test(t) && rare(t, lexicon) && rare(t.slice(0, 2), lexicon) && rare(t.slice(-2), lexicon);
}

/**
 * Dictionary counts under which a "word" is more likely a name: jieba's dictionary lists rare
 * two-character entries (`季音` 13, `钟行` 10) that read as pen names, while the words a short
 * title is made of (`萍乡` 53, `良种` 186, `韩国` 3375) are well above, and rare places are tagged as such.
 */
const RARE = 30;

function rare(word: string, lexicon: Lexicon): boolean {
  if (!lexicon.has(word)) return true;
  if (lexicon.freq(word) >= RARE) return false;
  // A rare place or organisation (`孟州` 29, tagged ns) is still no name.
  const tags = lexicon.tag(word);
  return !(tags.length === 1 && /^n[stz]/.test(tags[0].tag));
}

/** `图片：`, `题图`, `照片：`: a label standing for the photo the OCR could not read. */
export function isCaptionLabel(text: string): boolean {
  return /^(?:图片|照片|题图|插图|附图|图|漫画|新闻图片)\s*[:：]?$/.test(text.trim());
}

/** The previous/next block that is not noise. */
function neighbour(blocks: Block[], i: number, step: number): Block | undefined {
  for (let j = i + step; j >= 0 && j < blocks.length; j += step) if (blocks[j].kind !== 'noise') return blocks[j];
  return undefined;
}

/** Whether a short scrap between two body blocks is part of their sentence: its words run on both ways. */
function continuesBothWays(prev: Block | undefined, scrap: Block, next: Block, lexicon?: Lexicon): boolean {
  const before = prev ? prev.lines[prev.lines.length - 1].text : '', after = next.lines[0].text;
  if (endsSentence(scrap.text) || !runsOn(scrap.text, after, lexicon)) return false;
  return !before || endsSentence(before) || runsOn(before, scrap.text, lexicon);
}

/** Characters no sentence (and no title's lead) begins with: particles, suffixes, closing marks. */
const NEVER_INITIAL = /^[了的地得着过们之于其，。、；：”’）》！？…]/;

/**
 * Whether `head` goes on with the words of `tail` — stricter than the break test, because a title's
 * lead may well begin with `在`, `从`, `为`: the next line starts with a particle, or a two-character
 * word straddles the cut (`农业连` + `续丰收`) while the scrap's own last two characters are no word.
 */
function runsOn(tail: string, head: string, lexicon?: Lexicon): boolean {
  const t = tail.trimEnd(), h = head.trimStart();
  if (!t || !h) return false;
  if (NEVER_INITIAL.test(h)) return true;
  if (!lexicon || t.length < 2) return false;
  const straddle = t[t.length - 1] + h[0];
  return /^[\u4e00-\u9fff]{2}$/.test(straddle) && lexicon.freq(straddle) >= 100 && !lexicon.has(t.slice(-2));
}

/** Re-reads blocks in their neighbourhood (the dictionary, when there is one, tells names and words apart). */
export function refineRoles(blocks: Block[], lexicon?: Lexicon): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    // Most blocks are paragraphs longer than any title, signature or label: nothing to re-read.
    if (b.kind === 'noise' || b.kind === 'header' || (b.kind === 'body' && b.text.length > 40)) continue;
    const prev = neighbour(blocks, i, -1), next = neighbour(blocks, i, 1);
    if (b.lines.length === 1 && (b.kind === 'headline' || b.kind === 'section') && isCaptionLabel(b.text)) { b.kind = 'caption'; continue; }
    // `拜年变了味，当刹！`, `驾驶证岂可买卖？`: a title may end in an exclamation or question mark;
    // standing alone between a finished paragraph and a text (or its signature), it is one.
    if (b.kind === 'body' && b.lines.length === 1 && isExclaimedTitle(b.text)
      && (!prev || prev.kind !== 'body' || endsSentence(prev.lines[prev.lines.length - 1].text))
      && (next?.kind === 'body' || (next?.kind !== undefined && isSignature(next.text, lexicon)))) b.kind = 'headline';
    // A signature line: under a title (or a kicker/subtitle), over the text it signs.
    if (b.lines.length === 1 && b.kind !== 'byline' && b.kind !== 'caption' && (isSignature(b.text, lexicon) || isPenName(b.text, lexicon))
      && (prev?.kind === 'headline' || prev?.kind === 'section') && next?.kind === 'body') {
      b.kind = 'byline';
      // A short title over a signed text is that text's headline, not a column label.
      if (prev.kind === 'section') prev.kind = 'headline';
      continue;
    }
    // A signature under the text it closes: bracketed (`（车强）`), with an affiliation before the name,
    // or a bare name the dictionary does not know as a word — also over a text whose title was
    // printed elsewhere (at the top of the page, after another text).
    if (b.lines.length === 1 && b.kind !== 'byline' && b.kind !== 'caption' && (!prev || prev.kind === 'body' || prev.kind === 'caption')
      && (isClosingNote(b.text, lexicon) || (/\s/.test(b.text.trim()) && isSignature(b.text, lexicon))
        || (isBareSignature(b.text, lexicon) && next?.kind === 'body'))) { b.kind = 'byline'; continue; }
    // `新华社呼和浩` + `特1月5日电…`: a dispatch's source cut by a hard wrap before its dateline ends.
    if ((b.kind === 'headline' || b.kind === 'section') && /^\s*据?(?:新华社|中新社)/.test(b.text) && next?.kind === 'body') { b.kind = 'body'; continue; }
    if ((b.kind === 'headline' || b.kind === 'body') && b.lines.length === 1 && next?.kind === 'body' && isNumberedHead(b.text)) { b.kind = 'section'; continue; }
    // `据新华社汉城1月6日电（记者朱`: the start of a dispatch cut short by a hard wrap is body text.
    if ((b.kind === 'headline' || b.kind === 'section') && datelineEnd(b.text) !== undefined) { b.kind = 'body'; continue; }
    // `湖北1.5－0.6－0.4`: a row of a table (more figures than words) is no headline, nor prose to
    // join: a labelled line inside the text, as a section head is.
    if (b.kind === 'headline' && isTableRow(b.text)) { b.kind = 'section'; continue; }
    // `合格产品：` introduces what follows: a head inside a text, not a story's headline.
    if (b.kind === 'headline' && /[：:]$/.test(b.text.trim()) && next?.kind === 'body') { b.kind = 'section'; continue; }
    // A scrap of a hard-wrapped body line that the blank lines around it made look like a title:
    // its words run on into the next line (`近两年农业连` + `续丰收`), and from the line before when
    // that one is left open.
    if ((b.kind === 'headline' || b.kind === 'section') && b.lines.length === 1 && cjkCount(b.text) <= 16 && !isNumberedHead(b.text)
      && (!prev || prev.kind === 'body') && next?.kind === 'body' && !next.dateline && continuesBothWays(prev, b, next, lexicon)) b.kind = 'body';
  }
  // Once the signatures are known: a title over a signature.
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind !== 'body' || b.text.length > 50) continue;
    const prev = neighbour(blocks, i, -1), next = neighbour(blocks, i, 1);
    // `待到山花烂漫时——记花鸟画家、` + `美术教育家孙其峰先生` over `本报记者 X`: a short text without a
    // sentence's end, standing over a writer's signature after a finished paragraph, is a title
    // (a subtitle may hold the commas a title alone does not).
    if (b.kind === 'body' && b.lines.length <= 3 && b.text.length <= 50 && !/[。；;]/.test(b.text) && !/[！？!?]./.test(b.text.trim())
      && next?.kind === 'byline' && !parseByline(next.text)?.photo && !b.dateline
      && (!prev || prev.kind !== 'body' || /[)）]\s*$/.test(prev.text) || endsSentence(prev.lines[prev.lines.length - 1].text))) b.kind = 'headline';
  }
}
