// `traditional-char`: a traditional character in simplified text (`召喚` → `召唤`), typical when
// OCR was trained on both scripts.
//
// opencc-js converts each run traditional → mainland simplified with its phrase dictionaries, so
// characters that are also correct simplified in context stay as they are (著名, 乾坤, 瞭望, 慰藉);
// every character the conversion changes is reported, consecutive ones as one finding, unless
// it stands in a protected span (language/protect.ts: a name keeps its characters). A page
// written in traditional characters throughout is not "stray" characters: it is left alone.
import { countIdeographs } from '../core/charclass';
import { inRecognizedPerson, NAME, USER_WORD, protectedMask } from './protect';
import type { Report, Rule } from './rule';

/**
 * A page is taken to be written in traditional script when conversion changes more than this many
 * characters and this share of its CJK characters. Stray OCR confusions are a handful per page
 * (well under 1%); a traditional page changes hundreds, 20-30% of its characters.
 */
const TRADITIONAL_PAGE_SHARE = 0.05;
const TRADITIONAL_PAGE_MIN = 20;

type Convert = (text: string) => string;
type Dict = string | string[][];
interface OpenCC {
  Converter(options: { from: 't'; to: 'cn' }): Convert;
  Locale: { configs: Record<string, { normalizationChain?: Dict[][]; conversionChain: Dict[][]; segmentation?: Dict | Dict[] }> };
}
let convert: Convert | undefined;
/** BMP code points OpenCC may change (1 = may change), and the astral ones. */
let changingBmp: Uint8Array | undefined;
let changingAstral: Set<number> | undefined;

function load(): Convert {
  if (!convert) {
    // Loaded on first use: the dictionaries cost some 100 ms and most pages never need them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const opencc = require('opencc-js/t2cn') as OpenCC;
    convert = opencc.Converter({ from: 't', to: 'cn' });
    changingBmp = new Uint8Array(65536);
    changingAstral = new Set();
    // The converter (config `t2s`) replaces dictionary keys by their values, chain after chain.
    // A clause can only change where it contains a key whose value differs, and then it contains
    // the key's first differing character: with none of those characters, it comes out as it
    // went in. Simplified text has almost none, so almost no clause needs the conversion.
    const config = opencc.Locale.configs.t2s;
    for (const group of [...(config.normalizationChain ?? []), ...config.conversionChain]) {
      for (const dict of group) for (const [key, value] of entries(dict)) markChanging(key, value);
    }
  }
  return convert;
}

function entries(dict: Dict): [string, string][] {
  if (typeof dict !== 'string') return dict.map(([k, v]) => [k, v]);
  return dict.split('|').map(line => { const [k, v] = line.split(' '); return [k, v ?? '']; });
}

function markChanging(key: string, value: string): void {
  if (key === value) return;
  const k = [...key], v = [...value];
  const mark = (ch: string) => {
    const cp = ch.codePointAt(0)!;
    if (cp < 65536) changingBmp![cp] = 1; else changingAstral!.add(cp);
  };
  // Same length: the characters that differ; otherwise any character of the key may be the one.
  if (k.length === v.length) { for (let i = 0; i < k.length; i++) if (k[i] !== v[i]) mark(k[i]); }
  else for (const ch of k) mark(ch);
}

/** Whether OpenCC may change `text`: false guarantees `toSimplified(text) === text`. */
function mayChange(text: string): boolean {
  load();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) { if (changingAstral!.has(cp)) return true; i++; continue; }
    }
    if (changingBmp![c]) return true;
  }
  return false;
}

function toSimplified(text: string): string {
  return load()(text);
}

/** Clauses are converted one by one so that a rare length-changing phrase only skips its clause. */
const CLAUSE = /[^，。、；：？！,.;:?!“”"'‘’（）()《》\s]+/g;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

interface Conversion { index: number; clause: string; simple: string }

/** The clauses of a run that OpenCC changes (a function of the text alone, so memoised per run). */
function conversions(text: string): Conversion[] {
  const out: Conversion[] = [];
  // What no clause can change, the whole run cannot either: one scan instead of a match per clause.
  if (!CJK.test(text) || !mayChange(text)) return out;
  for (const m of text.matchAll(CLAUSE)) {
    const clause = m[0];
    if (!CJK.test(clause) || !mayChange(clause)) continue;
    const simple = toSimplified(clause);
    if (simple === clause || simple.length !== clause.length) continue;
    out.push({ index: m.index, clause, simple });
  }
  return out;
}

export const traditionalChar: Rule = {
  meta: { id: 'traditional-char', severity: 'warning', description: { zh: '简体文本中的繁体字', en: 'Traditional character in simplified text' } },
  check(ctx) {
    const reports: Report[] = [];
    let changed = 0;
    for (const run of ctx.page.runs) {
      const text = run.text;
      for (const m of ctx.memo('traditional-char', run, () => conversions(text))) {
        const { clause, simple } = m;
        for (let i = 0; i < clause.length; i++) {
          if (simple[i] === clause[i]) continue;
          const start = run.positionAt(m.index + i);
          // Consecutive changes join into one finding, but never across an OCR line break.
          let j = i + 1;
          while (j < clause.length && simple[j] !== clause[j] && run.positionAt(m.index + j).line === start.line) j++;
          const from = clause.slice(i, j), to = simple.slice(i, j);
          // Names keep their characters (萧乾, 乾 in a given name); so do user words. A quotation
          // does not: a traditional character in it is as stray as anywhere in simplified text.
          const mask = protectedMask(ctx, run);
          if (ctx.lexicon.isUserWord(from) || mask.subarray(m.index + i, m.index + j).some(x => (x & (NAME | USER_WORD)) !== 0) || inRecognizedPerson(ctx, run, m.index + i)) { i = j - 1; continue; }
          changed += j - i;
          const range = { start, end: { line: start.line, character: start.character + (j - i) } };
          reports.push({
            range,
            message: { zh: `简体文本中的繁体字：“${from}”应为“${to}”`, en: `Traditional character in simplified text: “${from}” → “${to}”` },
            fixes: [{
              title: { zh: `改为简体“${to}”`, en: `Replace with simplified “${to}”` },
              safe: true,
              preferred: true,
              edits: [{ range, newText: to }],
            }],
          });
          i = j - 1;
        }
      }
    }
    // The page's CJK characters are counted only when enough changed for the share to matter.
    if (changed > TRADITIONAL_PAGE_MIN && changed / ctx.page.runs.reduce((n, run) => n + countIdeographs(run.text), 0) > TRADITIONAL_PAGE_SHARE) return [];
    return reports;
  },
};
