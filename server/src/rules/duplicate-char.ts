// `duplicate-char`: a character OCR (or a typesetter) printed twice (`党旗旗下` → `党旗下`,
// `修武武中心` → `修武中心`).
//
// Chinese doubles characters on purpose all the time, so most pairs are left alone before any
// scoring: reduplicated words the dictionary knows (常常, 人人, 星星, 天天, 看看), AABB forms
// (干干净净), runs of three (齐村村村民 = 齐村村 + 村民), `一XX` (一个个, 一次次), and a pair inside one
// token of jieba's (a name such as 王丽丽). The rest is scored by the language model: the text with
// one copy removed must be clearly more probable than the text as printed. How much more depends
// on how the two copies sit in the best segmentation of the printed text:
//   - the second copy stands alone after a word ending in the same character (修武/武/中心,
//     我们/们): the classic doubling, reported on a moderate gain;
//   - both copies stand alone (是/是, 的/的): reported on the same gain;
//   - each copy belongs to its own word (党旗/旗下 but also 人民/民主, 公司/司机): usually correct
//     text, reported only when removing a copy gains a lot more;
//   - the first copy stands alone before a word (该村/村民, 全市/市民, 本县/县委): the normal way to
//     write "the village's villagers", never reported.
// Morphology that doubles on purpose is never questioned: a pair inside a name, number, date,
// idiom or quotation (language/protect.ts: 王馨馨, 去年年初, 1992年年产量); reduplicated measure
// words, counted units and adjectives (jieba's tag of the character: 条条, 年年, 红红); any `AA的`,
// `AA地`; and an organisation before the title of its head (`X部部长`, `X署署长`: the second copy
// begins a title). The character trigram model (language/ngram.ts) must agree with the word
// model: removing the copy must make the text more probable to both.
import { isIdeographChar } from '../core/charclass';
import { cleanRun, languageModel, SCORING_PENALTY, SCORING_WINDOW, runTokens, segmentAt, type RunTokens } from '../language/langmodel';
import type { TextRun } from '../page/model';
import { TITLES } from '../language/names';
import { charModel, symbolsOf, type CharNgramModel } from '../language/ngram';
import { inRecognizedPerson, protectedMask } from './protect';
import type { Report, Rule, RuleContext } from './rule';

/**
 * Gain (nats) when a copy stands alone. Removing any lone character gains its own cost (5-12
 * nats for common characters), so this must exceed what a correct but frequent single character
 * buys: measured 7.3-13.9 on real doublings (这是是, 他们们, 修武武中心, 组织织).
 */
const MIN_GAIN_LONE = 7;
/**
 * Gain when each copy belongs to its own word: correct pairs measured 0.3-2.5 (人民民主,
 * 公司司机, 大家家里, 当地地方), the doubling 党旗旗下 6.8.
 */
const MIN_GAIN_TWO_WORDS = 6;
/** Gain above which removing the copy is safe for fix-all (with the character model's as well). */
const SAFE_GAIN = 10;
/**
 * Character-model gain needed (nats, the pair and the few characters after it). From
 * scripts/calibrate-duplicate.ts on held-out corpus days: 4 keeps 98% of doublings put in and lets
 * through a third of the correct pairs (the word model and the morphology above stop the rest);
 * 8, for fix-all, keeps 63% of doublings and 2% of correct pairs.
 */
const MIN_CHAR_GAIN = 4;
const SAFE_CHAR_GAIN = 8;
/** jieba tags of single characters that reduplicate by morphology: measure words, units, adjectives. */
const REDUPLICATING_TAGS = /^(?:q|m|a|ag|ad|an)$/;
/** Characters after which a reduplicated form is an adjective or adverb (`红红的`, `慢慢地`). */
const AFTER_REDUPLICATION = new Set(['的', '地']);

const CHECKED = new Set(['body', 'headline', 'section', 'caption']);

export interface DoubledChar {
  /** Index in the run's text of the copy to remove (the second one). */
  index: number;
  gain: number;
  /** Gain of the character trigram model. */
  charGain: number;
  /** The words around the pair, as printed and with one copy removed. */
  printed: string;
  corrected: string;
}

/** Whether the pair at k, k+1 of `s` is a form Chinese morphology doubles on purpose. */
function reduplicatedOnPurpose(s: string, k: number, lex: Pick<RuleContext, 'lexicon'>['lexicon']): boolean {
  const ch = s[k];
  if (AFTER_REDUPLICATION.has(s[k + 2])) return true;
  // An organisation's head: `…部` + `部长`, `…署` + `署长`.
  for (const title of TITLES) if (title[0] === ch && s.startsWith(title, k + 1)) return true;
  if (s[k + 2] === '长' && lex.has(ch + '长')) return true;
  const tag = lex.tag(ch)[0]?.tag ?? '';
  return REDUPLICATING_TAGS.test(tag);
}

/** Whether a dictionary word of two to four characters begins at index i of `s`. */
function beginsWord(s: string, i: number, lex: Pick<RuleContext, 'lexicon'>['lexicon']): boolean {
  for (let end = i + 2; end <= Math.min(s.length, i + 4); end++) if (lex.freqAt(s, i, end) > 0) return true;
  return false;
}

/** How much more probable the character model finds `s` without index k+1 (over the next few characters). */
export function charGainOfRemoval(s: string, k: number, model: CharNgramModel | null = charModel()): number {
  if (!model) return 0;
  const a = Math.max(0, k - 2), b = Math.min(s.length, k + 5);
  const printed = symbolsOf(s.slice(a, b)), removed = symbolsOf(s.slice(a, k + 1) + s.slice(k + 2, b));
  const at = k - a;
  // Both from the first copy on; at the run's start the missing context reads as BOS in both.
  return model.score(removed, at + 1, removed.length) - model.score(printed, at + 1, printed.length);
}

export function doubledChars(run: TextRun, ctx: Pick<RuleContext, 'lexicon' | 'tags' | 'memo'>): DoubledChar[] {
  const lex = ctx.lexicon;
  const lm = languageModel();
  const clean = cleanRun(ctx, run);
  const s = clean.text;
  let tokens: RunTokens | undefined;
  const out: DoubledChar[] = [];
  for (let k = 0; k + 1 < s.length; k++) {
    if (s.charCodeAt(k) !== s.charCodeAt(k + 1)) continue; // no pair: the common case, without a string per character
    const ch = s[k];
    if (s[k + 1] !== ch || !isIdeographChar(ch)) continue;
    if (s[k - 1] === ch || s[k + 2] === ch) continue; // three or more in a row
    if ((k + 3 < s.length && s[k + 2] === s[k + 3] && s[k + 2] !== ch) || (k >= 2 && s[k - 2] === s[k - 1] && s[k - 1] !== ch)) continue; // AABB
    if (s[k - 1] === '一') continue; // 一个个, 一步步
    if (lex.has(ch + ch)) continue;
    tokens ??= runTokens(ctx, run);
    const first = clean.origin[k], second = clean.origin[k + 1];
    const t = tokens.indexAt(first);
    if (t >= 0 && second < tokens.starts[t + 1]) continue; // one token holds both: a name or a reduplicated form
    if (t >= 0 && lex.isUserWord(tokens.tokens[t].word)) continue;
    const mask = protectedMask(ctx, run);
    // A name's last character may begin the next word (`张明/明天`), but `修武/武中心` is a doubling.
    if (mask[second] || (mask[first] && beginsWord(s, k + 1, lex))) continue;
    if (reduplicatedOnPurpose(s, k, lex)) continue;

    const a = Math.max(0, k - SCORING_WINDOW), b = Math.min(s.length, k + SCORING_WINDOW + 2);
    const win = s.slice(a, b), at = k - a;
    const printed = lm.segment(win, SCORING_PENALTY);
    const left = segmentAt(printed, at)!, right = segmentAt(printed, at + 1)!;
    const leftAlone = left.word.length === 1, rightAlone = right.word.length === 1;
    if (leftAlone && !rightAlone) continue; // 该村/村民
    const removed = lm.segment(win.slice(0, at) + win.slice(at + 1), SCORING_PENALTY);
    const gain = removed.logp - printed.logp;
    if (gain < (rightAlone ? MIN_GAIN_LONE : MIN_GAIN_TWO_WORDS)) continue;
    const charGain = charGainOfRemoval(s, k);
    if (charGain < MIN_CHAR_GAIN) continue;
    const from = Math.min(left.start, right.start), to = Math.max(left.start + left.word.length, right.start + right.word.length);
    if (inRecognizedPerson(ctx, run, second)) continue;
    out.push({ index: second, gain, charGain, printed: win.slice(from, to), corrected: win.slice(from, at) + win.slice(at + 1, to) });
  }
  return out;
}

export const duplicateChar: Rule = {
  meta: { id: 'duplicate-char', severity: 'warning', description: { zh: '误重复的字', en: 'Accidentally doubled character' } },
  check(ctx) {
    const reports: Report[] = [];
    for (const run of ctx.page.runs) {
      if (!CHECKED.has(run.kind)) continue;
      // A function of the run's text alone: reused across keystrokes in other paragraphs.
      for (const d of ctx.memo('duplicate-char', run, () => doubledChars(run, ctx))) {
        const start = run.positionAt(d.index);
        const range = { start, end: { line: start.line, character: start.character + 1 } };
        reports.push({
          range,
          message: { zh: `疑似重复字：“${d.printed}”应为“${d.corrected}”？`, en: `Possibly doubled character: “${d.printed}” should probably be “${d.corrected}”.` },
          fixes: [{
            title: { zh: `删除重复的“${run.text[d.index]}”`, en: `Remove the repeated “${run.text[d.index]}”` },
            safe: d.gain >= SAFE_GAIN && d.charGain >= SAFE_CHAR_GAIN,
            preferred: true,
            edits: [{ range, newText: '' }],
          }],
        });
      }
    }
    return reports;
  },
};
