// Persons: a surname and given name in a context that makes it a name (a title, a list, a byline,
// a speech verb), then every other occurrence of a name found so on the page.
import { isIdeographChar } from '../core/charclass';
import type { PageContext as RuleContext } from '../page/context';
import { isJsSpace } from '../core/charclass';
import { BYLINE_ROLES, BYLINE_TAILS, COMPOUND_SURNAMES, NOT_IN_GIVEN_NAME, PLACE_OR_ORG_FINALS } from '../language/names';
import { Doc, LANDMARK_FINALS, NAME_PART_TAGS, PLACE_FOLLOWERS, SPEECH_VERBS_BY_FIRST, SURNAME_CODES, Span, TITLES_BY_FIRST, TITLES_BY_LAST, TITLE_LAST_CODES, WEAK_TITLES, covered, isBoundary, startsToken, titleEndsAt, tokenAt } from './doc';


// ---------------------------------------------------------------------------------------------
// Persons

/** Whether the one-character string `c` may be part of a given name. */
export const isGivenChar = (c: string | undefined) => isIdeographChar(c) && !NOT_IN_GIVEN_NAME.has(c!);

/** Length of the surname at `s` (2 for `欧阳`), or 0. */
export function surnameAt(text: string, s: number): number {
  const f = s >= 0 && s < text.length ? SURNAME_CODES[text.charCodeAt(s)] : 0;
  if (f & 2 && COMPOUND_SURNAMES.has(text.slice(s, s + 2))) return 2;
  return f & 1;
}

/**
 * End of a name starting at `s` (surname + one or two given-name characters), or -1. The
 * second given character is taken unless it begins a word of its own (`王超指出`: 指 starts
 * 指出) or is a function character (`李猛及各镇`). `maxFreq` rejects ordinary words that happen
 * to begin with a surname (`高度`, `任务`, `成为`): the stronger the context, the higher it is.
 */
export function nameEnd(doc: Doc, s: number, maxFreq: number, ctx: RuleContext, weak = false): number {
  const { text } = doc;
  const sl = surnameAt(text, s);
  if (!sl) return -1;
  const g1 = s + sl;
  if (!isGivenChar(text[g1])) return -1;
  // `吴书记`, `王主任`: a surname with a title is a way to address someone, not a name.
  if (TITLES_BY_FIRST.get(text[g1])?.some(t => text.startsWith(t, g1))) return -1;
  let end = g1 + 1;
  const g2 = g1 + 1;
  let spaced = false;
  if (isGivenChar(text[g2])) {
    const k = tokenAt(doc, g2);
    const beginsWord = k >= 0 && doc.tokStart[k] === g2 && doc.tokens[k].word.length >= 2;
    if (!beginsWord && !isSpeechVerbAt(text, g2)) end = g2 + 1;
  } else if (text[g2] === ' ' && isGivenChar(text[g2 + 1]) && sl === 1) {
    // An OCR space inside a name after a title (`村民米亚 楠感慨不已`): the lone character
    // before a word of its own belongs to the name.
    const k = tokenAt(doc, g2 + 1);
    const after = text[g2 + 2];
    if (k >= 0 && doc.tokens[k].word.length === 1 && (isBoundary(after) || !startsToken(doc, g2 + 2) || tokenLength(doc, g2 + 2) >= 2)) { end = g2 + 2; spaced = true; }
  }
  const name = text.slice(s, end).replace(' ', '');
  for (const c of name.slice(sl)) if (PLACE_OR_ORG_FINALS.has(c)) return -1;
  if (PLACE_FOLLOWERS.has(text[end])) return -1;
  if (ctx.lexicon.freq(name) >= maxFreq) return -1;
  // Without a title, a given name that is itself a common word (`齐上阵`, `金点子`, `强降雨`)
  // means the surname is just the first character of a phrase.
  if (weak && !spaced && name.length - sl >= 2 && ctx.lexicon.freq(name.slice(sl)) >= 100) return -1;
  // Nor a surname that starts a common word with its first given character (`党员安全监督岗`);
  // jieba counts real names like `李强` in the low hundreds at most.
  if (weak && !spaced && name.length - sl >= 2 && ctx.lexicon.freq(name.slice(0, sl + 1)) >= 500) return -1;
  return end;
}

export const tokenLength = (doc: Doc, i: number) => { const k = tokenAt(doc, i); return k < 0 ? 0 : doc.tokens[k].word.length; };
export const isSpeechVerbAt = (text: string, i: number) => i < text.length && !!SPEECH_VERBS_BY_FIRST.get(text[i])?.some(v => text.startsWith(v, i));

/** A title (`书记`, `记者`…) that ends at `i`, allowing one space or colon before the name. */
export function titleBefore(text: string, i: number): { title: string; start: number } | undefined {
  let j = i;
  // Called at every surname: character codes rather than one-character strings.
  if (j > 0) { const c = text.charCodeAt(j - 1); if (c === 0x3a || c === 0xff1a || isJsSpace(c)) j--; }
  if (j > 0 && TITLE_LAST_CODES[text.charCodeAt(j - 1)]) for (const t of TITLES_BY_LAST.get(text[j - 1])!) if (text.endsWith(t, j)) return { title: t, start: j - t.length };
  return undefined;
}

/**
 * The role the text states before a title: the title plus the place, organisation and noun
 * words right before it, across `、` between two titles (`北山口镇党委副书记、宣传委员`).
 */
export function roleBefore(doc: Doc, titleStart: number, titleEnd: number): string {
  const { text } = doc;
  let cur = titleStart;
  while (cur > 0 && titleEnd - cur < 24) {
    const inSpan = doc.spans.find(s => (s.type === 'place' || s.type === 'org') && s.start < cur && cur - 1 < s.end);
    if (inSpan) { cur = inSpan.start; continue; }
    if (text[cur - 1] === '、' && titleEndsAt(text, cur - 1)) { cur--; continue; }
    const k = tokenAt(doc, cur - 1);
    if (k < 0) break;
    const tok = doc.tokens[k];
    const ok = NAME_PART_TAGS.test(tok.tag) && isIdeographChar(tok.word[0]) || /^[该本副]/.test(tok.word);
    if (!ok || doc.spans.some(s => s.type === 'person' && s.end === cur)) break;
    cur = doc.tokStart[k];
  }
  return text.slice(cur, titleEnd).replace(/^[、\s]+/, '');
}

export function addPerson(doc: Doc, known: Map<string, string | undefined>, start: number, end: number, role?: string): boolean {
  if (covered(doc, start, end)) return false;
  const span: Span = { start, end, type: 'person' };
  if (role) span.role = role;
  doc.spans.push(span);
  const key = doc.text.slice(start, end).replace(/\s+/g, '');
  if (!known.has(key)) known.set(key, role);
  return true;
}

/**
 * Byline lines: role words and names separated by spaces (`本报记者 李英俊 史文生 董 蕾`,
 * `通讯员 韩晓红 王柳`, `编辑:金桂香 | 校对:谢欣汝`, `段玉明 摄`, `巩义时报 吴瑞霞 文/图`),
 * possibly after a caption on the same line (`走访企业。本报记者 吉亚南 摄`). A one-character
 * piece that is a surname followed by a one- or two-character piece is one name with an OCR
 * space (`董 蕾`).
 */
export function findBylines(doc: Doc, known: Map<string, string | undefined>, ctx: RuleContext): void {
  const { run } = doc;
  for (let li = 0; li < run.lines.length; li++) {
    const line = run.lines[li].text;
    if (line.length > 60) continue;
    const base = run.starts[li];
    const tail = Math.max(line.lastIndexOf('。'), line.lastIndexOf('！'), line.lastIndexOf('？')) + 1;
    const pieces = new Pieces(line, tail);
    const found: { start: number; end: number; role?: string }[] = [];
    let role: string | undefined;
    let signed = false;
    let piece = pieces.take();
    let ok = piece !== undefined;
    for (; piece && ok; piece = pieces.take()) {
      let { text, at } = piece;
      const lead = /^[（(]/.exec(text);
      if (lead) { text = text.slice(1); at += 1; }
      text = text.replace(/[）)]$/, '');
      const r = BYLINE_ROLES.exec(text);
      if (r) {
        role = r[0].replace(/[:：]$/, '');
        signed = true;
        text = text.slice(r[0].length);
        at += r[0].length;
        if (!text) continue;
      }
      if (BYLINE_TAILS.has(text)) { signed = true; continue; }
      if (isBylineName(text, ctx)) { found.push({ start: base + at, end: base + at + text.length, role }); continue; }
      const next = text.length === 1 ? pieces.peek() : undefined;
      if (text.length === 1 && surnameAt(text, 0) && next && /^[\u4e00-\u9fff]{1,2}$/.test(next.text) && !BYLINE_TAILS.has(next.text)) {
        found.push({ start: base + at, end: base + next.at + next.text.length, role });
        pieces.take();
        continue;
      }
      // A newspaper or agency signing for its reporter (`巩义时报 吴瑞霞`).
      if (text.length <= 10 && /(?:报|报社|电视台|新闻网|融媒体中心|通讯社)$/.test(text)) { role = text; signed = true; continue; }
      ok = false;
    }
    if (!ok || !signed || !found.length) continue;
    doc.bylines.push({ start: base, end: base + line.length });
    for (const f of found) addPerson(doc, known, f.start, f.end, f.role);
  }
}

/** A piece of a byline line: the text between spaces and `|` separators. */
export const PIECE = /[^\s|｜]+/g;

/**
 * The pieces of a line from `from` on, read one at a time: most lines are prose, and their
 * first piece ends the reading.
 */
export class Pieces {
  /** The piece read ahead by `peek`; null when none was. */
  private ahead: { text: string; at: number } | undefined | null = null;

  constructor(private readonly line: string, private at: number) {}

  peek(): { text: string; at: number } | undefined {
    if (this.ahead === null) {
      PIECE.lastIndex = this.at;
      const m = PIECE.exec(this.line);
      this.ahead = m ? { text: m[0], at: m.index } : undefined;
      this.at = m ? PIECE.lastIndex : this.line.length;
    }
    return this.ahead;
  }

  take(): { text: string; at: number } | undefined {
    const p = this.peek();
    this.ahead = null;
    return p;
  }
}

export function isBylineName(piece: string, ctx: RuleContext): boolean {
  if (!/^[\u4e00-\u9fff]{2,4}$/.test(piece)) return false;
  const sl = surnameAt(piece, 0);
  if (!sl || piece.length - sl > 2 || piece.length - sl < 1) return false;
  return !PLACE_OR_ORG_FINALS.has(piece[piece.length - 1]) && ctx.lexicon.freq(piece) < 1000;
}

export function inByline(doc: Doc, i: number): boolean {
  for (const b of doc.bylines) if (b.start <= i && i < b.end) return true;
  return false;
}

/**
 * Names that the sentence marks as names: after a title, continuing a list of such names,
 * before a speech verb at a clause start, or an unknown three-character token that looks like
 * surname + given name.
 */
export function findPersonsInContext(doc: Doc, known: Map<string, string | undefined>, ctx: RuleContext): void {
  const { text } = doc;
  for (let s = 0; s < text.length; s++) {
    if (!surnameAt(text, s) || inByline(doc, s) || covered(doc, s, s + 1)) continue;
    let end = -1;
    let role: string | undefined;
    const title = titleBefore(text, s);
    if (title) {
      // A title right before it is strong evidence: only frequent words are refused (`书记高度重视`).
      // Collective nouns (`群众`, `党员`) are weaker: `党员干部群众齐上阵`.
      end = nameEnd(doc, s, 1000, ctx, WEAK_TITLES.has(title.title));
      if (end > 0) role = roleBefore(doc, title.start, title.start + title.title.length);
    }
    if (end < 0 && isClauseStart(doc, s)) {
      const e = nameEnd(doc, s, 30, ctx, true);
      if (e > 0 && isSpeechVerbAt(text, e)) end = e;
    }
    if (end < 0) {
      const k = tokenAt(doc, s);
      const tok = doc.tokens[k];
      if (tok && doc.tokStart[k] === s && (tok.tag === 'x' || tok.tag === 'nr') && tok.word.length === 3 && isIdeographChar(tok.word[2])) {
        const e = nameEnd(doc, s, 30, ctx, true);
        if (e === s + 3 && !LANDMARK_FINALS.has(text[s + 2])) end = e;
      }
    }
    if (end < 0 || !addPerson(doc, known, s, end, role)) continue;
    // The list this name opens: `王超、景秀香、李猛、王跃举` share the role.
    let e = end;
    while (text[e] === '、' || text[e] === ' ' && isIdeographChar(text[e + 1])) {
      const next = e + 1;
      const ne = nameEnd(doc, next, 1000, ctx, true);
      if (ne < 0 || !/[、，,。；等及和 ）)]|^$/.test(text[ne] ?? '')) break;
      if (!addPerson(doc, known, next, ne, role)) break;
      e = ne;
    }
    s = e - 1;
  }
}

/** After punctuation, a run start, or a preposition that introduces an actor (`据`, `在`, `由`). */
export function isClauseStart(doc: Doc, s: number): boolean {
  const c = doc.text[s - 1];
  return isBoundary(c) || '据在由让请和与对向将把被是'.includes(c) && startsToken(doc, s);
}

/** Every other mention of a name found above (`袁聚平强调`, `王新峰说`), as a whole word. */
export function findKnownPersons(docs: readonly Doc[], known: Map<string, string | undefined>): void {
  // One pass over each run looking for any name's first character, instead of one search per run
  // and name; mentions are then taken in the order the searches took them (name by name, left to
  // right), since each one taken covers text for the next.
  const names = [...known.keys()].filter(name => name.length >= 2);
  if (!names.length) return;
  const firsts = new Uint8Array(65536);
  const byFirst = new Map<number, number[]>();
  names.forEach((name, n) => {
    const c = name.charCodeAt(0);
    firsts[c] = 1;
    const list = byFirst.get(c);
    if (list) list.push(n); else byFirst.set(c, [n]);
  });
  for (const doc of docs) {
    const { text } = doc;
    /** Mentions as name index × text length + position: sorting them restores the search order. */
    let mentions: number[] | undefined;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!firsts[c]) continue;
      for (const n of byFirst.get(c)!) if (text.startsWith(names[n], i)) (mentions ??= []).push(n * text.length + i);
    }
    if (!mentions) continue;
    mentions.sort((a, b) => a - b);
    for (const m of mentions) {
      const name = names[Math.floor(m / text.length)];
      const i = m % text.length;
      const end = i + name.length;
      if (covered(doc, i, end)) continue;
      if (isIdeographChar(text[i - 1]) && !startsToken(doc, i) && !NOT_IN_GIVEN_NAME.has(text[i - 1])) continue;
      if (PLACE_FOLLOWERS.has(text[end])) continue;
      addPerson(doc, known, i, end);
    }
  }
}
