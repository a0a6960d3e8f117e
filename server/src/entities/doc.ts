// What the rule-based recognisers (places.ts, organisations.ts, persons.ts) share: a run with its
// jieba tokens laid out on its text (Doc), the spans they find, and the character classes and
// word lists they read.
import type { Token } from '../language/lexicon';
import type { TextRun } from '../page/model';
import type { EntityType } from '../core/types';
import { isJsSpace } from '../core/charclass';
import { type Division, type GazetteerName } from './gazetteer';
import { COMPOUND_SURNAMES, SPEECH_VERBS, SURNAMES, TITLES } from '../language/names';


export interface Span {
  start: number;
  end: number;
  type: EntityType;
  role?: string;
  /** Places: the divisions this name may be; the page context picks one at the end. */
  divisions?: readonly Division[];
  /** Villages: the divisions the town printed right before them may be (`柏山镇水运村`). */
  parent?: readonly Division[];
  /** Found by the statistical labeller (entities/recognizer.ts) rather than by a rule. */
  learned?: boolean;
}

/** A run with its jieba tokens laid out on the run's text. */
export interface Doc {
  run: TextRun;
  text: string;
  tokens: Token[];
  tokStart: number[];
  /**
   * Index of the token covering each character of `text`, at `tokOf[tokBase + i]`: one array
   * for the whole page (an array per run cost more to allocate than the scans that read it).
   */
  tokOf: Int32Array;
  tokBase: number;
  spans: Span[];
  /** Character ranges of byline lines: persons there come from the byline reader only. */
  bylines: { start: number; end: number }[];
  /**
   * Gazetteer names as the full-name scan found them (for the short-name scan): `nameLists[k]`
   * start at `namePositions[k]`, in increasing order.
   */
  namePositions: number[];
  nameLists: (readonly GazetteerName[])[];
}

/** Punctuation and spaces: a boundary for names, places and organisations. */
export const BOUNDARY_MARKS = '，。、；：？！“”‘’（）()《》〈〉【】「」『』,.;:?!"\'…—-|｜/·';
/** Per UTF-16 code: 1 for whitespace (`\s`) and BOUNDARY_MARKS (names are tested at most characters). */
export const BOUNDARY_CODES = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) if (isJsSpace(c)) BOUNDARY_CODES[c] = 1;
for (let i = 0; i < BOUNDARY_MARKS.length; i++) BOUNDARY_CODES[BOUNDARY_MARKS.charCodeAt(i)] = 1;
/** Whether the one-character string `c` is a boundary; undefined (outside the text) is one too. */
export const isBoundary = (c: string | undefined) => c === undefined || BOUNDARY_CODES[c.charCodeAt(0)] === 1;

/** Characters that, following a surname-initial word, show it is a place (`王庄村`, `张弓铺村`). */
export const PLACE_FOLLOWERS = new Set([...'村庄镇乡屯寨营堡沟湾店集铺坡岭']);
/** Characters that end a village name read backwards from `村`: measure words, `如` (`如南朱营村`). */
/** Characters that, right before `村`, make a generic word (`驻村`, `强村`, `全村`, `邻村`). */
export const VILLAGE_GENERIC_LAST = new Set([...'驻全各该本每邻整强富美穷弱入进出返回留到离建分子一两']);
export const VILLAGE_STOPS = new Set([...'个名座些位户如像比例即镇乡县市区省']);
/** Last characters of unknown tokens that are landmarks rather than names (`南大渠`, `李家河`). */
export const LANDMARK_FINALS = new Set([...'渠河湖塘库池井泉溪洲岛桥路街门渡口坝闸线']);
/** Titles that are collective nouns: a name after them needs the stricter checks. */
export const WEAK_TITLES = new Set(['群众', '党员', '村民', '居民', '农民', '代表', '领导', '同志', '工人', '职工', '学生', '专家', '志愿者', '能手']);
/** POS tags of tokens that may make up the name part of an organisation or a stated role. */
export const NAME_PART_TAGS = /^(?:n|nr|ns|nt|nz|ng|nrt|nrfg|j|b|vn|s|x|l|an)$/;
/** Short forms at least this frequent in jieba's dictionary are ordinary words unless tagged `ns`. */
export const LOW_FREQ_SHORT_FORM = 200;

// Organisation suffixes, longest first. `distinctive` ones name an organisation by themselves
// (`新时代集团`, `清华大学`); the others need a place or an own-administration `市`/`县` before
// them, since `中心`, `局`, `党支部` alone are common nouns (`中心工作`, `村党支部`).
export const ORG_SUFFIXES: { suffix: string; distinctive: boolean }[] = [
  ...['股份有限公司', '有限责任公司', '有限公司', '公司', '集团', '大学', '学院', '合作社', '联合社', '银行', '分行', '支行',
    '日报', '晚报', '时报', '商报', '报社', '电视台', '研究院', '研究所', '医院', '卫生院', '专科学校', '中学', '小学', '幼儿园',
    '基金会', '事务所', '协会', '商会', '学会']
    .map(suffix => ({ suffix, distinctive: true })),
  ...['委员会', '人民政府', '政府', '党工委', '党委', '党总支', '党支部', '总支部', '指挥部', '办公室', '管理局', '局', '厅',
    '中心', '学校', '法院', '检察院', '派出所', '组织部', '宣传部', '统战部', '纪委', '监委', '团委', '妇联', '工会',
    '市委', '县委', '区委', '省委', '州委']
    .map(suffix => ({ suffix, distinctive: false })),
].sort((a, b) => b.suffix.length - a.suffix.length);
/** Last characters of the suffixes, by UTF-16 code: the organisation scan visits every character. */
export const ORG_LAST_CHARS = new Uint8Array(65536);
/** The suffixes by the code of their last character, longest first like ORG_SUFFIXES. */
export const ORG_SUFFIXES_BY_LAST = new Map<number, typeof ORG_SUFFIXES>();
for (const o of ORG_SUFFIXES) {
  const c = o.suffix.charCodeAt(o.suffix.length - 1);
  ORG_LAST_CHARS[c] = 1;
  const list = ORG_SUFFIXES_BY_LAST.get(c);
  if (list) list.push(o); else ORG_SUFFIXES_BY_LAST.set(c, [o]);
}

/** Strings by their first or last character, in the list's order (for `startsWith`/`endsWith` scans). */
export function byChar(list: readonly string[], last: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const w of list) {
    const c = last ? w[w.length - 1] : w[0];
    const l = out.get(c);
    if (l) l.push(w); else out.set(c, [w]);
  }
  return out;
}
export const TITLES_BY_FIRST = byChar(TITLES, false);
export const TITLES_BY_LAST = byChar(TITLES, true);
export const SPEECH_VERBS_BY_FIRST = byChar(SPEECH_VERBS, false);
/** Whether some title ends at `text[end]` (exclusive). */
/** Per UTF-16 code: 1 when some title ends with that character. */
export const TITLE_LAST_CODES = new Uint8Array(65536);
for (const t of TITLES) TITLE_LAST_CODES[t.charCodeAt(t.length - 1)] = 1;
export const titleEndsAt = (text: string, end: number) => end > 0 && !!TITLES_BY_LAST.get(text[end - 1])?.some(t => text.endsWith(t, end));

/** Per UTF-16 code: 1 a single-character surname, 2 the first character of a compound one. */
export const SURNAME_CODES = new Uint8Array(65536);
for (const c of SURNAMES) SURNAME_CODES[c.charCodeAt(0)] |= 1;
for (const c of COMPOUND_SURNAMES) SURNAME_CODES[c.charCodeAt(0)] |= 2;
/** Own-administration words that anchor an organisation (`市高速公路建设指挥部`, `市委组织部`). */
export const ADMIN_ANCHORS = new Set(['市', '县', '省', '区', '市委', '县委', '省委', '区委']);

export const NO_NAMES: readonly GazetteerName[] = [];

/** The page's village names by first character, longest first; `firsts` marks those characters (a typed-array read per position instead of a Map lookup). */
export interface VillageIndex { byFirst: Map<number, string[]>; firsts: Uint8Array }

export function makeDoc(run: TextRun, tokens: Token[], tokOf: Int32Array, tokBase: number): Doc {
  const text = run.text;
  const tokStart = new Array<number>(tokens.length);
  let at = 0;
  for (let k = 0; k < tokens.length; k++) {
    const w = tokens[k].word;
    // jieba returns the text cut into consecutive pieces; search forward defensively all the same.
    const i = text.startsWith(w, at) ? at : text.indexOf(w, at);
    if (i < 0) { tokStart[k] = at; continue; }
    tokStart[k] = i;
    for (let j = i; j < i + w.length; j++) tokOf[tokBase + j] = k;
    at = i + w.length;
  }
  return { run, text, tokens, tokStart, tokOf, tokBase, spans: [], bylines: [], namePositions: [], nameLists: [] };
}

export const tokenAt = (doc: Doc, i: number): number => (i >= 0 && i < doc.text.length ? doc.tokOf[doc.tokBase + i] : -1);
export const tokEnd = (doc: Doc, k: number) => doc.tokStart[k] + doc.tokens[k].word.length;
export const startsToken = (doc: Doc, i: number) => { const k = tokenAt(doc, i); return k < 0 || doc.tokStart[k] === i; };
export const endsToken = (doc: Doc, i: number) => { const k = tokenAt(doc, i - 1); return k < 0 || tokEnd(doc, k) === i; };
// The span tests below are loops rather than `some`/`find` with a callback: the scans call them
// at most characters of a page.
export function covered(doc: Doc, start: number, end: number, type?: EntityType): boolean {
  for (const s of doc.spans) if ((!type || s.type === type) && s.start < end && start < s.end) return true;
  return false;
}
export function spanAt(doc: Doc, i: number, type: EntityType): Span | undefined {
  for (const s of doc.spans) if (s.type === type && s.start <= i && i < s.end) return s;
  return undefined;
}
