// Block roles that only the neighbourhood reveals, judged from evidence that holds on any paper:
// a line of bare names under a title is its byline, `图片：` labels a photo, a title-shaped scrap
// whose words run on from the line before and into the line after is a piece of a hard-wrapped
// body line. Runs after the line-by-line classification (analysis/page.ts), before breaks.
import type { Block } from '../analysis/model';
import type { Lexicon } from '../analysis/lexicon';
import { cjkCount, datelineEnd, endsSentence } from '../analysis/lines';
import { COMPOUND_SURNAMES, SURNAMES } from '../analysis/names';

/**
 * `陈瑶`, `欧阳修`, `李 登`: one name, 2–4 Han characters led by a surname, and not a word the
 * dictionary knows as something else (`韩国`, `高潮` start with surnames too).
 */
function isName(token: string, lexicon?: Lexicon): boolean {
  if (!/^[\u4e00-\u9fff·]{2,4}$/.test(token)) return false;
  if (!SURNAMES.has(token[0]) && !COMPOUND_SURNAMES.has(token.slice(0, 2))) return false;
  if (!lexicon || !lexicon.has(token)) return true;
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
function continuesBothWays(prev: Block, scrap: Block, next: Block, join: JoinTest): boolean {
  const before = prev.lines[prev.lines.length - 1].text, after = next.lines[0].text;
  if (endsSentence(before) || endsSentence(scrap.text)) return false;
  return join(before, scrap.text) && join(scrap.text, after);
}

export type JoinTest = (tail: string, head: string) => boolean;

/**
 * Re-reads blocks in their neighbourhood. `join` tells whether text `head` continues `tail` mid-sentence
 * (page.ts's word evidence, with the dictionary when there is one).
 */
export function refineRoles(blocks: Block[], join: JoinTest, lexicon?: Lexicon): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'noise' || b.kind === 'header') continue;
    const prev = neighbour(blocks, i, -1), next = neighbour(blocks, i, 1);
    if (b.lines.length === 1 && (b.kind === 'headline' || b.kind === 'section') && isCaptionLabel(b.text)) { b.kind = 'caption'; continue; }
    // A signature line: under a title (or a kicker/subtitle), over the text it signs.
    if (b.lines.length === 1 && b.kind !== 'byline' && b.kind !== 'caption' && isSignature(b.text, lexicon)
      && (prev?.kind === 'headline' || prev?.kind === 'section') && next?.kind === 'body') { b.kind = 'byline'; continue; }
    // A signature under the text it closes: bracketed (`（车强）`) or with an affiliation before the name.
    if (b.lines.length === 1 && b.kind !== 'byline' && b.kind !== 'caption' && prev?.kind === 'body'
      && /^[（(]|\s/.test(b.text.trim()) && isSignature(b.text, lexicon)) { b.kind = 'byline'; continue; }
    // `据新华社汉城1月6日电（记者朱`: the start of a dispatch cut short by a hard wrap is body text.
    if ((b.kind === 'headline' || b.kind === 'section') && datelineEnd(b.text) !== undefined && next?.kind === 'body') { b.kind = 'body'; continue; }
    // A scrap of a hard-wrapped body line that the blank lines around it made look like a title.
    if ((b.kind === 'headline' || b.kind === 'section') && b.lines.length === 1 && cjkCount(b.text) <= 16
      && prev?.kind === 'body' && next?.kind === 'body' && continuesBothWays(prev, b, next, join)) b.kind = 'body';
  }
}
