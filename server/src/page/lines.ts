// What a single line looks like on a newspaper page, before context is considered:
// byline, page header, photo credit, noise, or plain text. Pure string tests, no dictionary.
import { isHan } from '../core/charclass';

/** Sentence-final marks: a line ending in one of these ends its paragraph. */
const TERMINAL = new Set(['。', '！', '？', '!', '?', '…']);
/** Closing marks that may follow a terminal mark (`……”`, `。）`). */
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '"', '\'', '》', '】']);

export function endsSentence(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u3000')) i--;
  while (i >= 0 && CLOSERS.has(text[i])) i--;
  return i >= 0 && TERMINAL.has(text[i]);
}

/** Han characters in `text` (charclass.ts's `isHan`, per UTF-16 unit), counted up to `limit` at most. */
export function cjkCount(text: string, limit = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length && n < limit; i++) if (isHan(text.charCodeAt(i))) n++;
  return n;
}

/** Mid-sentence punctuation: a line that contains these reads as prose, not as a title. */
export function hasClausePunct(text: string): boolean {
  return /[，,；;、]/.test(text);
}

/** Any sentence punctuation at all (titles use at most quotes, a colon, a dash and spaces). */
export function hasProsePunct(text: string): boolean {
  return /[，,；;、。！？!?]/.test(text);
}

// --- bylines -------------------------------------------------------------------------------
// A byline is made of tokens: roles (`本报记者`, `通讯员`), a medium (`巩义时报`), names
// (2–4 Han characters, or single characters an OCR space split: `董 蕾`) and credits (`摄`, `文/图`).
const ROLE = '(?:本报|本刊|本台|本网|新华社|中新社)?(?:特约|见习|首席|驻\\S{1,4})?(?:记者|通讯员|实习生|摄影记者|评论员|摄影)';
const ROLE_RE = new RegExp(`^${ROLE}$`);
const ROLE_NAME_RE = new RegExp(`^${ROLE}([\\u4e00-\\u9fff·]{2,4})$`);
const MEDIUM_RE = /^[\u4e00-\u9fff]{2,8}(?:日报|晚报|时报|报社|电视台|新闻网|融媒体中心|报)$/;
const NAME_RE = /^[\u4e00-\u9fff·]{1,4}$/;
const CREDIT_RE = /^(?:摄|摄影|文\/图|图\/文|文|图|报道|整理|供图|制图|通讯员)$/;
const NAME_CREDIT_RE = /^([\u4e00-\u9fff·]{2,4})(?:摄|供图)$/;

export interface BylineParse {
  /** Names found, in order. */
  names: string[];
  /** Whether a role word (记者, 通讯员…) was present. */
  hasRole: boolean;
  /** Whether it credits a photo (`摄`, `文/图`). */
  photo: boolean;
}

/** Parses `text` as a byline; undefined when the line is anything else. */
export function parseByline(text: string): BylineParse | undefined {
  const trimmed = text.trim();
  // Called for every line of a page: a line still over 40 characters once a bracket is off each
  // end (and no space inside them to trim) is no byline.
  if (trimmed.length > 42 && !/\s/.test(trimmed[1]) && !/\s/.test(trimmed[trimmed.length - 2])) return undefined;
  const t = trimmed.replace(/^[（(【]|[)）】]$/g, '').trim();
  if (!t || t.length > 40 || /[，。,；;！？!?：:“”"]/.test(t)) return undefined;
  const tokens = t.split(/[\s\u3000]+/);
  const names: string[] = [];
  let hasRole = false, photo = false, pendingSingle = '';
  const flushSingle = () => { if (pendingSingle) { names.push(pendingSingle); pendingSingle = ''; } };
  for (const raw of tokens) {
    const tok = raw.replace(/[()（）]/g, '');
    if (!tok) continue;
    let m: RegExpMatchArray | null;
    if (ROLE_RE.test(tok)) { flushSingle(); hasRole = true; if (/摄影/.test(tok)) photo = true; continue; }
    if ((m = tok.match(ROLE_NAME_RE))) { flushSingle(); hasRole = true; names.push(m[1]); continue; }
    if (CREDIT_RE.test(tok)) { flushSingle(); if (/摄|图/.test(tok)) photo = true; continue; }
    if ((m = tok.match(NAME_CREDIT_RE)) && names.length === 0 && !pendingSingle) { names.push(m[1]); photo = true; continue; }
    if (MEDIUM_RE.test(tok) && (hasRole || tokens.length > 2)) { flushSingle(); continue; }
    if (NAME_RE.test(tok)) {
      // `董 蕾`: OCR split a two-character name in two single characters.
      if (tok.length === 1) { if (pendingSingle.length === 1) { names.push(pendingSingle + tok); pendingSingle = ''; } else { flushSingle(); pendingSingle = tok; } continue; }
      flushSingle();
      names.push(tok);
      continue;
    }
    return undefined;
  }
  flushSingle();
  if (!names.length || names.length > 8) return undefined;
  // A line of bare names is not a byline: it needs a role or a photo credit.
  if (!hasRole && !photo) return undefined;
  // `X 摄` alone is a credit only when X looks like a name (2–4 characters).
  return { names, hasRole, photo };
}

/** `走访企业。本报记者 吉亚南 摄`: a caption followed by its photo credit on the same line. */
export function splitCaptionCredit(text: string): { caption: string; credit: string } | undefined {
  // The pattern backtracks over the whole line: test its fixed ending first (`trimEnd` drops what `\s*$` matches).
  const end = text.trimEnd();
  if (!end.endsWith('摄') && !end.endsWith('供图') && !end.endsWith('本报资料图片)') && !end.endsWith('本报资料图片）')) return undefined;
  const m = text.match(/^(.*[。！？)）])\s*((?:[^。！？]*?)(?:摄|供图|\(本报资料图片\)|（本报资料图片）))\s*$/);
  if (!m) return undefined;
  const credit = m[2].trim();
  if (/^[（(]本报资料图片[)）]$/.test(credit) || parseByline(credit)) return { caption: m[1], credit };
  // `北京市开展送温暖活动 新华社记者 刘卫兵 摄`: a caption without a final stop, a space, then the credit.
  const s = text.match(/^(\S.{3,}?)\s+((?:\S*(?:记者|通讯员|摄影)\s*)?[\u4e00-\u9fff·]{2,4}\s*(?:摄|供图))\s*$/);
  if (s && cjkCount(s[1]) >= 4 && !parseByline(s[1]) && parseByline(s[2])?.photo) return { caption: s[1], credit: s[2].trim() };
  return undefined;
}

// --- page furniture -------------------------------------------------------------------------
/** `编辑:金桂香 | 校对:谢欣汝 | 组版:许建林` */
export function isPageHeader(text: string): boolean {
  return text.length <= 60 && /(?:责任)?(?:编辑|校对|组版|责编|美编|版式|审读|审校|签发|视觉)\s*[:：]/.test(text);
}

/** Lines that are not text: a lone page number, QR-code footers, rules of symbols. */
export function noiseKind(text: string): 'digit' | 'footer' | 'symbols' | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (/^[0-9０-９]{1,3}$/.test(t) || /^[a-zA-Z]$/.test(t)) return 'digit';
  if (t.length <= 40 && /扫一扫|扫码关注|关注我们|微信公众号|二维码|客户端下载/.test(t) && !/[。，,]/.test(t)) return 'footer';
  if (/^[\s\-—_=*·•.。、,，~～|｜#※■□◆◇●○▲△]+$/.test(t)) return 'symbols';
  return undefined;
}

/** `(本栏图片除署名外均由周庄镇提供)`, `（本报资料图片）`: credits for a page's photos. */
export function isPhotoNote(text: string): boolean {
  return /^[（(].{0,40}(?:图片|照片|资料图|供图).{0,20}[)）]$/.test(text.trim());
}

/** Lexical marks of a photo caption: `图①`, `图为`, `(左)`. */
export function looksLikeCaption(text: string): boolean {
  const t = text.trim();
  return /^图\s*[①-⑩0-9一二三四五六七八九十]|^图为|^上图|^下图|^左图|^右图/.test(t)
    || /[（(](?:左|右|中|前|后|左一|右一|左二|右二|中间|左起|右起)[)）]/.test(t)
    || isPhotoNote(t) || /[（(]本报资料图片[)）]$/.test(t);
}

/** A date as datelines print it: `1月3日`, `12月31日`, `一月六日`. */
const DATE = '(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日';
/**
 * `本报成都1月3日电`, `据新华社北京1月5日电`, `本报北京一月六日讯`, `综合本报和新华社电`: a source (this
 * paper or a news agency), an optional place (at most eight characters) and date, and `电` or `讯`.
 */
const SOURCE_DATELINE = new RegExp(`^\\s*据?(?:综合)?(?:本报|本刊|本台|新华社|中新社)(?:和新华社|和中新社)?[\\u4e00-\\u9fff·]{0,8}?(?:${DATE})?(?:电|讯)`);
/** The reporters a dateline names after it: `（记者周锡生）`, ` 记者温宪报道：`, `新华社记者王黎、本报记者李舫报道：`. */
const DATELINE_REPORTERS = /^(?:\s*[（(][^)）]{1,40}[)）]|\s*(?:(?:本报|新华社)?(?:特派|驻\S{1,6})?记者[^：:，。；]{1,40}?报道[：:]))/;

/** `本报讯`, `本报讯 (记者段美如 通讯员段玉明)`, `新华社北京5月16日电`: the dateline at a body's start. */
export function datelineEnd(text: string): number | undefined {
  const src = text.match(SOURCE_DATELINE);
  // `本报记者日前电话采访…` is a sentence about a reporter, not a place before `电`.
  if (src && !src[0].includes('记者')) {
    const rest = text.slice(src[0].length).match(DATELINE_REPORTERS);
    return src[0].length + (rest ? rest[0].length : 0);
  }
  const m = text.match(/^\s*(?:本报讯|本刊讯|本台讯|[\u4e00-\u9fff]{2,6}讯|新华社[\u4e00-\u9fff]{0,6}(?:\d{1,2}月\d{1,2}日)?电)(?:\s*[（(][^)）]{1,40}[)）])?/);
  if (!m) return undefined;
  // `X讯` must be a news-agency style dateline, not a word ending in 讯 (通讯, 资讯).
  if (!/本报讯|本刊讯|本台讯|新华社|电$|[（(]/.test(m[0]) && !/^\s*[\u4e00-\u9fff]{2,4}讯\s/.test(text)) return undefined;
  if (/通讯|资讯|快讯|简讯|喜讯|视讯/.test(m[0].slice(0, 4)) && !/[（(]/.test(m[0])) return undefined;
  return m[0].length;
}

/** Whether the dateline `text.slice(0, end)` names who wrote the item (`（记者X）`, `记者X报道：`). */
export function datelineSigned(text: string, end: number): boolean {
  const d = text.slice(0, end);
  return /记者|通讯员|[（(][\u4e00-\u9fff·、\s]{2,30}[)）]/.test(d);
}

/** Whether a dateline names a news agency as the item's source (`新华社…电`, `据新华社…电`). */
export function datelineFromAgency(text: string, end: number): boolean {
  return /新华社|中新社/.test(text.slice(0, end)) && !/^\s*本报/.test(text);
}
