// Entity recognition: the persons, places and organisations a page names, with the role the
// text states for a person (`巩义市委书记袁聚平` → 袁聚平, role 巩义市委书记) and the
// administrative chain of a place (`巩义市` → 河南省›郑州市›巩义市).
//
// jieba's POS tags alone miss most names in local news (`袁聚平` is `x`, `景秀香` comes out as
// 景/秀/香), so each kind of entity is found from the evidence the text itself gives:
// - places: the administrative divisions down to town level (gazetteer.ts), their short forms
//   when unambiguous (`郑州`, or `巩义` on a page that also writes `巩义市`), and villages by
//   their `村`/`社区` suffix;
// - organisations: an institutional suffix (`…有限公司`, `…指挥部`, `…党支部`) preceded by a
//   place (`武陟县交通运输行业党委`), an own-administration `市`/`县`/`省` (`市高速公路建设指挥部`)
//   or a name jieba knows as one (`郑州大学`);
// - persons: a surname plus one or two given-name characters, accepted only in a context that
//   makes it a name: a title right before it (`书记袁聚平`, `记者段美如`), a list continuing such
//   a name (`王超、景秀香、李猛`), a byline line (`本报记者 李英俊 史文生 董 蕾`), a speech verb
//   after it (`据吴志伟介绍`), an unknown three-character token jieba split off as a unit; then
//   every other occurrence of a name found so on the page (`王新峰说`).
//
// Conventions (the evaluation matches start line/column and text):
// - `text` is exactly the characters the range covers, with OCR line breaks left out: a name
//   wrapped across a line (`郑` / `州市委`) has a range over two lines and text `郑州市委`; a name
//   with an OCR space (`董 蕾`) keeps the space, so text and range always agree.
// - The longest sensible span wins; an entity never lies inside another of the same type, but
//   types nest (place `西头村` inside organisation `西头村党支部`).
import type { PageContext as RuleContext } from '../page/context';
import type { Token } from '../language/lexicon';
import type { TextRun } from '../page/model';
import type { Entity, EntityType } from '../core/types';
import { isJsSpace } from '../core/charclass';
import { chainOf, gazetteer, resolve, shortForm, type Division, type GazetteerName } from './gazetteer';
import {
  BYLINE_ROLES, BYLINE_TAILS, COMPOUND_SURNAMES, GENERIC_VILLAGE_WORDS, NOT_IN_GIVEN_NAME, PLACE_OR_ORG_FINALS,
  SPEECH_VERBS, SURNAMES, TITLES,
} from './names';
import { mergeNames } from '../entities/merge';
import { recognizeNames, type NameSpan } from '../entities/recognizer';

interface Span {
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
interface Doc {
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

/** Whether the one-character string `c` is a CJK ideograph (U+3400–9FFF, U+F900–FAFF). */
const isCjk = (c: string | undefined) => {
  // A code comparison, not a regular expression: called for most characters of a page.
  const u = c === undefined ? NaN : c.charCodeAt(0);
  return (u >= 0x3400 && u <= 0x9fff) || (u >= 0xf900 && u <= 0xfaff);
};
/** Punctuation and spaces: a boundary for names, places and organisations. */
const BOUNDARY_MARKS = '，。、；：？！“”‘’（）()《》〈〉【】「」『』,.;:?!"\'…—-|｜/·';
/** Per UTF-16 code: 1 for whitespace (`\s`) and BOUNDARY_MARKS (names are tested at most characters). */
const BOUNDARY_CODES = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) if (isJsSpace(c)) BOUNDARY_CODES[c] = 1;
for (let i = 0; i < BOUNDARY_MARKS.length; i++) BOUNDARY_CODES[BOUNDARY_MARKS.charCodeAt(i)] = 1;
/** Whether the one-character string `c` is a boundary; undefined (outside the text) is one too. */
const isBoundary = (c: string | undefined) => c === undefined || BOUNDARY_CODES[c.charCodeAt(0)] === 1;

/** Characters that, following a surname-initial word, show it is a place (`王庄村`, `张弓铺村`). */
const PLACE_FOLLOWERS = new Set([...'村庄镇乡屯寨营堡沟湾店集铺坡岭']);
/** Characters that end a village name read backwards from `村`: measure words, `如` (`如南朱营村`). */
/** Characters that, right before `村`, make a generic word (`驻村`, `强村`, `全村`, `邻村`). */
const VILLAGE_GENERIC_LAST = new Set([...'驻全各该本每邻整强富美穷弱入进出返回留到离建分子一两']);
const VILLAGE_STOPS = new Set([...'个名座些位户如像比例即镇乡县市区省']);
/** Last characters of unknown tokens that are landmarks rather than names (`南大渠`, `李家河`). */
const LANDMARK_FINALS = new Set([...'渠河湖塘库池井泉溪洲岛桥路街门渡口坝闸线']);
/** Titles that are collective nouns: a name after them needs the stricter checks. */
const WEAK_TITLES = new Set(['群众', '党员', '村民', '居民', '农民', '代表', '领导', '同志', '工人', '职工', '学生', '专家', '志愿者', '能手']);
/** POS tags of tokens that may make up the name part of an organisation or a stated role. */
const NAME_PART_TAGS = /^(?:n|nr|ns|nt|nz|ng|nrt|nrfg|j|b|vn|s|x|l|an)$/;
/** Short forms at least this frequent in jieba's dictionary are ordinary words unless tagged `ns`. */
const LOW_FREQ_SHORT_FORM = 200;

// Organisation suffixes, longest first. `distinctive` ones name an organisation by themselves
// (`新时代集团`, `清华大学`); the others need a place or an own-administration `市`/`县` before
// them, since `中心`, `局`, `党支部` alone are common nouns (`中心工作`, `村党支部`).
const ORG_SUFFIXES: { suffix: string; distinctive: boolean }[] = [
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
const ORG_LAST_CHARS = new Uint8Array(65536);
/** The suffixes by the code of their last character, longest first like ORG_SUFFIXES. */
const ORG_SUFFIXES_BY_LAST = new Map<number, typeof ORG_SUFFIXES>();
for (const o of ORG_SUFFIXES) {
  const c = o.suffix.charCodeAt(o.suffix.length - 1);
  ORG_LAST_CHARS[c] = 1;
  const list = ORG_SUFFIXES_BY_LAST.get(c);
  if (list) list.push(o); else ORG_SUFFIXES_BY_LAST.set(c, [o]);
}

/** Strings by their first or last character, in the list's order (for `startsWith`/`endsWith` scans). */
function byChar(list: readonly string[], last: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const w of list) {
    const c = last ? w[w.length - 1] : w[0];
    const l = out.get(c);
    if (l) l.push(w); else out.set(c, [w]);
  }
  return out;
}
const TITLES_BY_FIRST = byChar(TITLES, false);
const TITLES_BY_LAST = byChar(TITLES, true);
const SPEECH_VERBS_BY_FIRST = byChar(SPEECH_VERBS, false);
/** Whether some title ends at `text[end]` (exclusive). */
/** Per UTF-16 code: 1 when some title ends with that character. */
const TITLE_LAST_CODES = new Uint8Array(65536);
for (const t of TITLES) TITLE_LAST_CODES[t.charCodeAt(t.length - 1)] = 1;
const titleEndsAt = (text: string, end: number) => end > 0 && !!TITLES_BY_LAST.get(text[end - 1])?.some(t => text.endsWith(t, end));

/** Per UTF-16 code: 1 a single-character surname, 2 the first character of a compound one. */
const SURNAME_CODES = new Uint8Array(65536);
for (const c of SURNAMES) SURNAME_CODES[c.charCodeAt(0)] |= 1;
for (const c of COMPOUND_SURNAMES) SURNAME_CODES[c.charCodeAt(0)] |= 2;
/** Own-administration words that anchor an organisation (`市高速公路建设指挥部`, `市委组织部`). */
const ADMIN_ANCHORS = new Set(['市', '县', '省', '区', '市委', '县委', '省委', '区委']);

const NO_NAMES: readonly GazetteerName[] = [];

/** The page's village names by first character, longest first; `firsts` marks those characters (a typed-array read per position instead of a Map lookup). */
interface VillageIndex { byFirst: Map<number, string[]>; firsts: Uint8Array }

/** Villages found on the page being analysed, by full name (reset for each page). */
let villages = new Map<string, Span>();

export function findEntities(ctx: RuleContext): Entity[] {
  villages = new Map();
  // `/\S/` is `trim()` being non-empty, without making the trimmed string.
  const runs = ctx.page.runs.filter(r => /\S/.test(r.text));
  const tokOf = new Int32Array(runs.reduce((n, r) => n + r.text.length, 0)).fill(-1);
  let tokBase = 0;
  const docs = runs.map(run => { const doc = makeDoc(run, ctx.tags(run), tokOf, tokBase); tokBase += run.text.length; return doc; });
  const gz = gazetteer();

  // 1. Places: full division names and villages first; they tell which short forms the page uses.
  // Names of divisions the page prints (in full, or as a short form that resolved).
  const pageNames = new Set<string>();
  const aliases = new Map<string, Span>();
  for (const doc of docs) findFullPlaces(doc, gz, pageNames, aliases, ctx);
  // Village names by first character, longest first, for the alias scan.
  const villageNames: VillageIndex = { byFirst: new Map(), firsts: new Uint8Array(65536) };
  for (const [name, span] of [...villages, ...aliases]) {
    if (span.divisions) continue;
    const list = villageNames.byFirst.get(name.charCodeAt(0)) ?? [];
    list.push(name);
    villageNames.byFirst.set(name.charCodeAt(0), list.sort((a, b) => b.length - a.length));
    villageNames.firsts[name.charCodeAt(0)] = 1;
  }
  // For choosing between namesakes, a place also vouches for the divisions that contain it
  // (`博爱县` on the page makes `磨头镇` the one in Henan, not Jiangsu's).
  const context = new Set(pageNames);
  const vouch = () => {
    for (const doc of docs) for (const s of doc.spans) {
      if (s.divisions?.length === 1) for (let x = s.divisions[0].parent; x; x = x.parent) context.add(x.name);
    }
  };
  vouch();
  for (const doc of docs) findShortPlaces(doc, pageNames, context, aliases, villageNames, ctx);
  for (const n of pageNames) context.add(n);
  vouch();
  // 2. Organisations, around the places.
  for (const doc of docs) findOrganisations(doc, ctx);
  // 3. Persons: bylines, then names in context, then the page's other mentions of those names.
  const known = new Map<string, string | undefined>();
  for (const doc of docs) findBylines(doc, known, ctx);
  for (const doc of docs) findPersonsInContext(doc, known, ctx);
  findKnownPersons(docs, known);
  // 4. The statistical labeller's names, merged with the rules' entities into a flat list.
  for (const doc of docs) doc.spans = mergeNames(prune(doc.spans), recognizeNames(doc.text), doc.bylines, n => learnedSpan(doc, n), adoptRole);

  const out: Entity[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    for (const s of doc.spans) {
      const start = doc.run.positionAt(s.start);
      const last = doc.run.positionAt(s.end - 1);
      const key = `${start.line}:${start.character}:${s.end - s.start}:${s.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const e: Entity = { text: doc.text.slice(s.start, s.end), type: s.type, range: { start, end: { line: last.line, character: last.character + 1 } } };
      if (s.role) e.role = s.role;
      // A two-character county (`兴县` in `旅游兴县`) far from every other place on the page is
      // a phrase that happens to spell one.
      if (s.type === 'place' && !s.learned && e.text.length === 2 && s.divisions?.every(d => d.level === 'area' && !hasAncestorOn(d, pageNames)) && gzFull(e.text)) continue;
      const hierarchy = hierarchyOf(s, e.text, context, pageNames);
      if (hierarchy) e.hierarchy = hierarchy;
      out.push(e);
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}

/** A labeller's name as a span; a place takes the divisions the gazetteer knows by that name. */
function learnedSpan(doc: Doc, n: NameSpan): Span {
  const span: Span = { start: n.start, end: n.end, type: n.type, learned: true };
  if (n.type === 'place') {
    const name = doc.text.slice(n.start, n.end).replace(/\s+/g, '');
    const divisions = gazetteer().full(name) ?? gazetteer().short(name);
    if (divisions?.length) span.divisions = divisions;
  }
  return span;
}

/** A labeller's person takes the role a rule read for the name it overlaps (`书记袁聚平`). */
function adoptRole(target: Span, source: Span): void {
  if (source.role && !target.role) target.role = source.role;
}

function makeDoc(run: TextRun, tokens: Token[], tokOf: Int32Array, tokBase: number): Doc {
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

const tokenAt = (doc: Doc, i: number): number => (i >= 0 && i < doc.text.length ? doc.tokOf[doc.tokBase + i] : -1);
const tokEnd = (doc: Doc, k: number) => doc.tokStart[k] + doc.tokens[k].word.length;
const startsToken = (doc: Doc, i: number) => { const k = tokenAt(doc, i); return k < 0 || doc.tokStart[k] === i; };
const endsToken = (doc: Doc, i: number) => { const k = tokenAt(doc, i - 1); return k < 0 || tokEnd(doc, k) === i; };
// The span tests below are loops rather than `some`/`find` with a callback: the scans call them
// at most characters of a page.
function covered(doc: Doc, start: number, end: number, type?: EntityType): boolean {
  for (const s of doc.spans) if ((!type || s.type === type) && s.start < end && start < s.end) return true;
  return false;
}
function spanAt(doc: Doc, i: number, type: EntityType): Span | undefined {
  for (const s of doc.spans) if (s.type === type && s.start <= i && i < s.end) return s;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Places

function findFullPlaces(doc: Doc, gz: ReturnType<typeof gazetteer>, pageNames: Set<string>, aliases: Map<string, Span>, ctx: RuleContext): void {
  const { text } = doc;
  for (let i = 0; i < text.length; i++) {
    const names = gz.entriesAt(text, i);
    if (names.length) { doc.namePositions.push(i); doc.nameLists.push(names); }
    for (const { name, full: divisions } of names) {
      if (!divisions) continue;
      // A full name may start inside a token only when jieba did not know the word there either
      // (`以鸿昌` + `街道`): a known word around it (`全市中区…`) means the match is accidental.
      const k = tokenAt(doc, i);
      if (!startsToken(doc, i) && !/^(?:x|ns|nr|nz|s|j|ng)$/.test(doc.tokens[k].tag) && !endsPlace(doc, i)) continue;
      // Two-character names (`温县`) are also phrases (`旅游兴县`): jieba must read a place there.
      if (name.length === 2 && !(startsToken(doc, i) && doc.tokens[k]?.word === name && doc.tokens[k].tag === 'ns')) continue;
      const span: Span = { start: i, end: i + name.length, type: 'place', divisions };
      doc.spans.push(span);
      for (const d of divisions) pageNames.add(d.name);
      const stem = shortForm(name, divisions[0].level);
      if (stem) aliases.set(stem, span);
      i += name.length - 1;
      break;
    }
  }
  findVillages(doc, aliases, ctx);
}

function endsPlace(doc: Doc, i: number): boolean {
  for (const s of doc.spans) if (s.type === 'place' && s.end === i) return true;
  return false;
}

/**
 * Villages and communities: a name of two to four characters before `村`/`社区`. The name
 * starts after punctuation, a function word or a place printed right before it (`柏山镇水运村`),
 * and is not a generic modifier (`行政村`, `示范村`) nor part of a word that contains `村`
 * (`乡村`, `该村`, `驻村`, `村庄`).
 */
function findVillages(doc: Doc, aliases: Map<string, Span>, ctx: RuleContext): void {
  const { text } = doc;
  for (let i = text.indexOf('村'); i >= 0; i = text.indexOf('村', i + 1)) handleVillage(doc, i, 1, aliases, ctx);
  for (let i = text.indexOf('社区'); i >= 0; i = text.indexOf('社区', i + 2)) handleVillage(doc, i, 2, aliases, ctx);
}

/**
 * Whether `text[start, end)` (before `村`) reads as a proper name. Nouns more frequent than 500
 * in jieba's counts are everyday words (`指导` as a noun, `参观`); rarer ones may be names.
 */
function looksLikeVillageName(doc: Doc, start: number, end: number, ctx: RuleContext): boolean {
  const v = tokenAt(doc, end);
  if (v >= 0 && doc.tokStart[v] === start) return true;
  for (let i = start; i < end;) {
    const k = tokenAt(doc, i);
    if (k < 0) return false;
    const tok = doc.tokens[k];
    const inside = doc.tokStart[k] >= start && tokEnd(doc, k) <= end;
    if (inside && tok.word.length === 1 && /^(?:v|p|c|d|r|u.*|m|q)$/.test(tok.tag)) return false;
    if (inside && tok.word.length > 1 && !/^(?:ns|nr|nz|s|x|ng|nrt|nrfg|j)$/.test(tok.tag) && !(tok.tag === 'n' && ctx.lexicon.freq(tok.word) < 500)) return false;
    i = tokEnd(doc, k);
  }
  return true;
}

function handleVillage(doc: Doc, at: number, suffixLen: number, aliases: Map<string, Span>, ctx: RuleContext): void {
  const { text } = doc;
  const k = tokenAt(doc, at);
  if (k >= 0) {
    const tok = doc.tokens[k];
    // A dictionary word containing `村` must end with it (`村庄`, `村民` are other words) and be
    // a name (`东风村/nr`), not `乡村`, `农村`, `该村`; unknown pieces (`村是/x`) say nothing.
    if (tok.tag !== 'x') {
      if (suffixLen === 1 && tokEnd(doc, k) !== at + 1) return;
      if (doc.tokStart[k] < at && !/^(?:nr|ns|nz|nt)$/.test(tok.tag)) return;
    }
  }
  const prevPlace = doc.spans.find(s => s.type === 'place' && s.end <= at && s.end >= at - 4 && s.divisions);
  // Right after a town (`鸿昌街道下期城村`), the village name is what lies between.
  const between = prevPlace ? text.slice(prevPlace.end, at) : '';
  if (prevPlace && /^[\u4e00-\u9fff]{1,4}$/.test(between) && ![...between].some(c => NOT_IN_GIVEN_NAME.has(c) || VILLAGE_STOPS.has(c))) {
    if (covered(doc, prevPlace.end, at + suffixLen, 'place')) return;
    const span: Span = { start: prevPlace.end, end: at + suffixLen, type: 'place' };
    span.parent = prevPlace.divisions;
    doc.spans.push(span);
    aliases.set(between, span);
    const full = text.slice(span.start, span.end);
    if (!villages.get(full)?.parent) villages.set(full, span);
    return;
  }
  let start = at;
  // Village names have one to three characters (`西头`, `南朱营`, `小王庄`).
  while (start > 0 && at - start < 3) {
    const c = text[start - 1];
    if (!isCjk(c) || NOT_IN_GIVEN_NAME.has(c) || VILLAGE_STOPS.has(c)) break;
    if (prevPlace && start === prevPlace.end) break;
    const pk = tokenAt(doc, start - 1);
    // A verb, preposition or other function word before the name ends it (`解决东风村`, `跑出强村`).
    if (pk >= 0 && tokEnd(doc, pk) <= at && /^(?:v|vd|p|c|d|r|u.*|m|t|f|ad|q)$/.test(doc.tokens[pk].tag)) break;
    start--;
  }
  const name = text.slice(start, at);
  const afterPlace = !!prevPlace && prevPlace.end === start;
  if (name.length < (afterPlace ? 1 : 2)) return;
  // `行政村`, `派驻村`, `特色精品村`: generic words, however they end.
  if (GENERIC_VILLAGE_WORDS.has(name) || VILLAGE_GENERIC_LAST.has(name[name.length - 1]) || GENERIC_VILLAGE_WORDS.has(name.slice(-2))) return;
  // Without a town before it, the name must read as a name: one token with `村` that jieba
  // knows or does not know (`东风村/nr`, `钟庄村/x`), or words that are names or rare nouns —
  // not everyday words (`发展村`, `人才指导村`, `参观李村`).
  if (!afterPlace && !looksLikeVillageName(doc, start, at, ctx)) return;
  if (covered(doc, start, at + suffixLen, 'place')) return;
  const span: Span = { start, end: at + suffixLen, type: 'place' };
  if (afterPlace) span.parent = prevPlace.divisions;
  doc.spans.push(span);
  if (name.length >= 2) aliases.set(name, span);
  const full = text.slice(start, at + suffixLen);
  if (!villages.get(full)?.parent) villages.set(full, span);
}

/**
 * Short forms: `河南`, `郑州` (province and city level) and county names (`登封`) when jieba
 * tags them as places or they are no common word; any short form (down to towns and villages:
 * `周庄`, `司庄`) when the page also prints the full name. They must be whole tokens, so that
 * `高新` inside `高新技术` or `平安` the adjective stay words.
 */
/** Scratch for findShortPlaces's running counts, reused run after run (the scan is not reentrant). */
let cumScratch = new Int32Array(1024);

function findShortPlaces(doc: Doc, pageNames: Set<string>, context: ReadonlySet<string>, aliases: Map<string, Span>, villageNames: VillageIndex, ctx: RuleContext): void {
  const { text } = doc;
  // Characters covered by the spans found so far, as running counts: spans added below all end
  // before the scan position, so `covered(doc, a, b)` for a ≥ i is `cum[b] > cum[a]`.
  if (cumScratch.length < text.length + 1) cumScratch = new Int32Array(2 * (text.length + 1));
  const cum = cumScratch.fill(0, 0, text.length + 1);
  for (const sp of doc.spans) for (let j = Math.max(0, sp.start); j < Math.min(text.length, sp.end); j++) cum[j + 1] = 1;
  for (let j = 0; j < text.length; j++) cum[j + 1] += cum[j];
  const isCovered = (a: number, b: number) => cum[Math.min(b, text.length)] > cum[a];
  const { namePositions, nameLists } = doc;
  let next = 0;
  for (let i = 0; i < text.length; i++) {
    if (isCovered(i, i + 1)) continue;
    let found: string | undefined;
    let divisions: readonly Division[] | undefined;
    // The full-name scan saw every position not inside a full name (and those are covered).
    while (next < namePositions.length && namePositions[next] < i) next++;
    const names = next < namePositions.length && namePositions[next] === i ? nameLists[next] : NO_NAMES;
    for (const { name, full, short } of names) {
      if (full || isCovered(i, i + name.length)) continue;
      if (!startsToken(doc, i) && !endsPlace(doc, i)) continue;
      const end = i + name.length;
      const alias = aliases.get(name);
      const candidates = short ?? [];
      if (alias) {
        const onPage = candidates.filter(d => pageNames.has(d.name));
        found = name;
        divisions = onPage.length ? onPage : alias.divisions;
        break;
      }
      const general = candidates.filter(d => d.level !== 'street');
      if (!general.length || !endsToken(doc, end) && !/^[市县区省]委/.test(text.slice(end, end + 2))) continue;
      // jieba's own `ns` is enough; a rare word (`登封`) must also belong to a city or province
      // the page names, so that `富民` (a county in Yunnan, and a word) stays a word.
      const k = tokenAt(doc, i);
      const nearby = general.filter(d => d.level === 'province' || d.parent && context.has(d.parent.name));
      if (doc.tokens[k]?.tag === 'ns') { found = name; divisions = general; break; }
      if (nearby.length && ctx.lexicon.freq(name) < LOW_FREQ_SHORT_FORM) { found = name; divisions = nearby; break; }
    }
    if (!found) {
      const village = villageAlias(doc, i, villageNames);
      if (!village) continue;
      doc.spans.push({ start: i, end: i + village.length, type: 'place', parent: (villages.get(village) ?? aliases.get(village))!.parent });
      i += village.length - 1;
      continue;
    }
    doc.spans.push({ start: i, end: i + found.length, type: 'place', divisions });
    if (divisions?.length === 1) pageNames.add(divisions[0].name);
    i += found.length - 1;
  }
}

/**
 * A village the page names elsewhere, again in full (`水运村` after `柏山镇水运村`) or without
 * its `村` (`司庄` after `司庄村`), as a whole word.
 */
function villageAlias(doc: Doc, i: number, villageNames: VillageIndex): string | undefined {
  const code = doc.text.charCodeAt(i);
  const stems = villageNames.firsts[code] ? villageNames.byFirst.get(code) : undefined;
  if (!stems) return undefined;
  for (const stem of stems) {
    if (!doc.text.startsWith(stem, i)) continue;
    if (!startsToken(doc, i) && isCjk(doc.text[i - 1])) continue;
    if (!endsToken(doc, i + stem.length) && isCjk(doc.text[i + stem.length])) continue;
    return stem;
  }
  return undefined;
}

const hasAncestorOn = (d: Division, pageNames: ReadonlySet<string>) => {
  for (let x = d.parent; x; x = x.parent) if (pageNames.has(x.name)) return true;
  return false;
};
const gzFull = (name: string) => !!gazetteer().full(name);

function hierarchyOf(s: Span, text: string, context: ReadonlySet<string>, pageNames: ReadonlySet<string>): string[] | undefined {
  if (s.type !== 'place') return undefined;
  if (s.divisions?.length) {
    const d = resolve(s.divisions, context);
    if (!d) return undefined;
    // A county or town far from everything else on the page is more likely a namesake (`南山`
    // on a Henan page is a hill, not Shenzhen's district): give no chain rather than a wrong one.
    if ((d.level === 'area' || d.level === 'street') && s.divisions.length === 1 && d.parent) {
      let near = false;
      for (let x: Division | undefined = d.parent; x && !near; x = x.parent) near = pageNames.has(x.name);
      if (!near && !pageNames.has(d.name)) return undefined;
    }
    return chainOf(d);
  }
  const parent = s.parent ?? villages.get(text)?.parent;
  const town = parent && resolve(parent, context);
  if (town) return [...chainOf(town), text];
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Organisations

function findOrganisations(doc: Doc, ctx: RuleContext): void {
  const { text } = doc;
  for (let i = 0; i < text.length; i++) {
    if (!ORG_LAST_CHARS[text.charCodeAt(i)]) continue;
    const end = i + 1;
    let hit: (typeof ORG_SUFFIXES)[number] | undefined;
    for (const o of ORG_SUFFIXES_BY_LAST.get(text.charCodeAt(i))!) if (text.endsWith(o.suffix, end)) { hit = o; break; }
    if (!hit) continue;
    const suffixStart = end - hit.suffix.length;
    // The suffix must not be the end of an ordinary word (`格局`, `大厅`, `布局`, `当局`).
    // (300 in jieba's counts: `工程局` has 287, `格局` 1666.) After a place it is a name (`县政府`).
    const word = text.slice(suffixStart - 1, end);
    const k = tokenAt(doc, suffixStart - 1);
    if (!spanAt(doc, suffixStart - 1, 'place')) {
      if (k >= 0 && doc.tokens[k].word.endsWith(word) && ctx.lexicon.freq(doc.tokens[k].word) >= 300 && doc.tokens[k].tag !== 'nt') continue;
      if (ctx.lexicon.freq(word) >= 300) continue;
    }
    // `巩义市委`, `河南省委`: the party committee of the place printed right before it, nothing else.
    if (/^[市县区省州]委$/.test(hit.suffix)) {
      const place = doc.spans.find(p => p.type === 'place' && p.divisions && p.end >= suffixStart && p.end <= suffixStart + 1 && p.start < suffixStart);
      if (place) doc.spans.push({ start: place.start, end, type: 'org' });
      continue;
    }
    const start = organisationStart(doc, suffixStart, hit.distinctive);
    if (start < 0) continue;
    doc.spans.push({ start, end, type: 'org' });
  }
}

/**
 * Where the organisation whose suffix starts at `suffixStart` begins, or -1 when the words
 * before the suffix name no particular organisation. Walks back over name-like tokens and
 * places (not over verbs, particles, punctuation or a person), then starts at the leftmost
 * anchor: a place, an organisation name jieba knows (`农业银行`), or the own-administration
 * `市`/`县` of the paper's city followed by at least two characters of name.
 */
function organisationStart(doc: Doc, suffixStart: number, distinctive: boolean): number {
  let cur = suffixStart;
  // Fourteen characters of name before the suffix is the longest seen in practice
  // (`武陟县大虹桥乡西阳照村经济合作社`); longer walks only collect the sentence before.
  while (cur > 0 && suffixStart - cur < 14) {
    const place = spanAt(doc, cur - 1, 'place');
    if (place) { cur = place.start; continue; }
    const k = tokenAt(doc, cur - 1);
    if (k < 0) break;
    const tok = doc.tokens[k];
    // The token may straddle the suffix (`工程局`): its part before the suffix counts as name.
    const adjective = tok.tag === 'a' && tok.word.length === 1; // `新时代集团`
    if (!NAME_PART_TAGS.test(tok.tag) && !adjective || !isCjk(tok.word[0]) || tok.word.length === 1 && NOT_IN_GIVEN_NAME.has(tok.word)) break;
    if (doc.spans.some(s => s.type === 'person' && s.end === cur)) break;
    cur = doc.tokStart[k];
  }
  if (cur >= suffixStart) return -1;
  let evidence = false;
  for (let p = cur; p < suffixStart; p++) {
    const place = doc.spans.find(s => s.type === 'place' && s.start === p);
    if (place) return p;
    const k = tokenAt(doc, p);
    if (k < 0 || doc.tokStart[k] !== p) continue;
    const tok = doc.tokens[k];
    if (tok.tag === 'nt' && tokEnd(doc, k) <= suffixStart) return p;
    // `市委组织部` is a name; `市政府`, `县委` alone are the paper's generic references.
    if (ADMIN_ANCHORS.has(tok.word) && suffixStart - (p + tok.word.length) >= (tok.word.length === 2 ? 0 : 2) && suffixStart > p + 1) return p;
    if (/^(?:nz|nr|ns|nt|x)$/.test(tok.tag)) evidence = true;
  }
  return distinctive && evidence && suffixStart - cur >= 2 ? cur : -1;
}

// ---------------------------------------------------------------------------------------------
// Persons

/** Whether the one-character string `c` may be part of a given name. */
const isGivenChar = (c: string | undefined) => isCjk(c) && !NOT_IN_GIVEN_NAME.has(c!);

/** Length of the surname at `s` (2 for `欧阳`), or 0. */
function surnameAt(text: string, s: number): number {
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
function nameEnd(doc: Doc, s: number, maxFreq: number, ctx: RuleContext, weak = false): number {
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

const tokenLength = (doc: Doc, i: number) => { const k = tokenAt(doc, i); return k < 0 ? 0 : doc.tokens[k].word.length; };
const isSpeechVerbAt = (text: string, i: number) => i < text.length && !!SPEECH_VERBS_BY_FIRST.get(text[i])?.some(v => text.startsWith(v, i));

/** A title (`书记`, `记者`…) that ends at `i`, allowing one space or colon before the name. */
function titleBefore(text: string, i: number): { title: string; start: number } | undefined {
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
function roleBefore(doc: Doc, titleStart: number, titleEnd: number): string {
  const { text } = doc;
  let cur = titleStart;
  while (cur > 0 && titleEnd - cur < 24) {
    const inSpan = doc.spans.find(s => (s.type === 'place' || s.type === 'org') && s.start < cur && cur - 1 < s.end);
    if (inSpan) { cur = inSpan.start; continue; }
    if (text[cur - 1] === '、' && titleEndsAt(text, cur - 1)) { cur--; continue; }
    const k = tokenAt(doc, cur - 1);
    if (k < 0) break;
    const tok = doc.tokens[k];
    const ok = NAME_PART_TAGS.test(tok.tag) && isCjk(tok.word[0]) || /^[该本副]/.test(tok.word);
    if (!ok || doc.spans.some(s => s.type === 'person' && s.end === cur)) break;
    cur = doc.tokStart[k];
  }
  return text.slice(cur, titleEnd).replace(/^[、\s]+/, '');
}

function addPerson(doc: Doc, known: Map<string, string | undefined>, start: number, end: number, role?: string): boolean {
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
function findBylines(doc: Doc, known: Map<string, string | undefined>, ctx: RuleContext): void {
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
const PIECE = /[^\s|｜]+/g;

/**
 * The pieces of a line from `from` on, read one at a time: most lines are prose, and their
 * first piece ends the reading.
 */
class Pieces {
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

function isBylineName(piece: string, ctx: RuleContext): boolean {
  if (!/^[\u4e00-\u9fff]{2,4}$/.test(piece)) return false;
  const sl = surnameAt(piece, 0);
  if (!sl || piece.length - sl > 2 || piece.length - sl < 1) return false;
  return !PLACE_OR_ORG_FINALS.has(piece[piece.length - 1]) && ctx.lexicon.freq(piece) < 1000;
}

function inByline(doc: Doc, i: number): boolean {
  for (const b of doc.bylines) if (b.start <= i && i < b.end) return true;
  return false;
}

/**
 * Names that the sentence marks as names: after a title, continuing a list of such names,
 * before a speech verb at a clause start, or an unknown three-character token that looks like
 * surname + given name.
 */
function findPersonsInContext(doc: Doc, known: Map<string, string | undefined>, ctx: RuleContext): void {
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
      if (tok && doc.tokStart[k] === s && (tok.tag === 'x' || tok.tag === 'nr') && tok.word.length === 3 && isCjk(tok.word[2])) {
        const e = nameEnd(doc, s, 30, ctx, true);
        if (e === s + 3 && !LANDMARK_FINALS.has(text[s + 2])) end = e;
      }
    }
    if (end < 0 || !addPerson(doc, known, s, end, role)) continue;
    // The list this name opens: `王超、景秀香、李猛、王跃举` share the role.
    let e = end;
    while (text[e] === '、' || text[e] === ' ' && isCjk(text[e + 1])) {
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
function isClauseStart(doc: Doc, s: number): boolean {
  const c = doc.text[s - 1];
  return isBoundary(c) || '据在由让请和与对向将把被是'.includes(c) && startsToken(doc, s);
}

/** Every other mention of a name found above (`袁聚平强调`, `王新峰说`), as a whole word. */
function findKnownPersons(docs: readonly Doc[], known: Map<string, string | undefined>): void {
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
      if (isCjk(text[i - 1]) && !startsToken(doc, i) && !NOT_IN_GIVEN_NAME.has(text[i - 1])) continue;
      if (PLACE_FOLLOWERS.has(text[end])) continue;
      addPerson(doc, known, i, end);
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** Drops entities inside another of the same type, and persons overlapping a place or organisation. */
function prune(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    if (out.some(o => o.type === s.type && o.start <= s.start && s.end <= o.end)) continue;
    if (s.type === 'person' && sorted.some(o => o.type !== 'person' && o.start < s.end && s.start < o.end)) continue;
    out.push(s);
  }
  return out;
}
