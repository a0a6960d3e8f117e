// `lookalike-char`: a character OCR read as a similar-shaped one (`己经` → `已经`, `纳人` → `纳入`,
// `药村` → `药材`, `半安` → `平安`).
//
// Candidates come from language/candidates.ts (characters of similar shape, ranked); each is tried
// in place of the printed character and two models judge the result:
//   - the character trigram model (language/ngram.ts) over the character and the two after it,
//     so both the left and the right context speak (`charGain`);
//   - the word model over jieba's dictionary (language/langmodel.ts) on ±4 characters: the
//     replacement must also make better words (`wordGain`), which keeps a frequent character
//     pair from winning against a real word.
// Nothing is proposed inside a protected span (language/protect.ts: names, places,
// organisations, numbers, dates, idioms, quotations, user words), nor in bylines.
//
// Thresholds come from scripts/calibrate-lookalike.ts: a model trained without the corpus's last
// three days scores those days as printed (every proposal a false alarm) and with look-alikes put
// in. Where the printed character is not part of a dictionary word, charGain ≥ 4 with wordGain ≥ 2
// raised 0.06 false alarms per 10k characters and found 85% of the look-alikes; inside a
// dictionary word (`人员` could be `入员`… but is right) the same rate needs charGain ≥ 6.
import { cleanRun, languageModel, SCORING_PENALTY, SCORING_WINDOW, runTokens, segmentAt, type RunTokens } from '../language/langmodel';
import type { TextRun } from '../page/model';
import { confusionCandidates } from '../language/candidates';
import { charModel, symbolsOf } from '../language/ngram';
import { inRecognizedPerson, protectedMask } from './protect';
import type { Report, Rule, RuleContext } from './rule';

/** Character-model gain (nats) needed where the printed character is no part of a dictionary word. */
const MIN_CHAR_GAIN = 4;
/** … and where it is part of one (a correct word is the likelier reading: more evidence needed). */
const MIN_CHAR_GAIN_IN_WORD = 6;
/**
 * The same for candidates computed from glyph similarity (language/candidates.ts, not `checked`): about
 * twenty per character instead of two or three, so the same gain is reached by chance far more
 * often (calibrate-lookalike.ts --kind glyph: 4 nats raised 9.6 false alarms per 10k characters).
 * 10 nats gave 0.39 per 10k and found 59% of the neighbours put in; inside a dictionary word 10
 * gave 0.11, and 12 leaves a margin there, where a correct word is the likelier reading.
 */
const GLYPH_MIN_CHAR_GAIN = 10;
const GLYPH_MIN_CHAR_GAIN_IN_WORD = 12;
/** Word-model gain needed in both cases. */
const MIN_WORD_GAIN = 2;
/**
 * Where jieba glued the printed character into an unknown token (`人党`, `纳人`) that the
 * replacement turns into a dictionary word, that is evidence of its own: then a character gain
 * of 2 with a word gain of 3.5 suffices (calibration: 0.06 false alarms per 10k characters, 3.6%
 * more of the look-alikes found; a gain above 0 found 0.9% more for twice the false alarms, and
 * on other text than the corpus's it let `不太` → `不大` and a classical `曰` → `日` through).
 */
const MIN_CHAR_GAIN_WITH_TOKEN = 2;
const MIN_WORD_GAIN_WITH_TOKEN = 3.5;
/**
 * A position whose printed character scores above this (log P of it and of the next character,
 * nats) in its own context is not tried: in the calibration this skip lost 1 of 1,500 findable
 * look-alikes and left 37% of the positions to score (-12 lost 12).
 */
const SKIP_LOCAL = -10;
/**
 * The same skip for the glyph neighbours, which are many and need 10 nats: -14 lost 1.5% of the
 * neighbours put in that reach 10 nats (175 of 11,469) and leaves 10% of the positions to try
 * them at (-12: 0.15% and 24%).
 */
const SKIP_LOCAL_GLYPH = -14;
/**
 * Safe for fix-all only far beyond the proposal thresholds, for a hand-checked pair, where jieba
 * itself found no word in the printed text: the calibration had no false alarm from charGain 8
 * on; these margins leave room for text unlike the corpus.
 */
const SAFE_CHAR_GAIN = 10;
const SAFE_WORD_GAIN = 5;

/**
 * Dictionary frequency below which a word the replacement forms is no evidence: 57% of jieba's
 * 349k entries sit at 2-3, fragments and rare compounds merged from other lexicons (`因材`
 * beside `因材施教`), as likely to be formed by chance as by a correction.
 */
const MIN_WORD_FREQ = 6;

/** Kinds of text where characters are checked; bylines and page furniture are mostly names. */
const CHECKED = new Set(['body', 'headline', 'section', 'caption']);

/** Digits (half- and full-width) and the Chinese numerals a number is written with. */
const isNumeral = (u: number) => (u >= 0x30 && u <= 0x39) || (u >= 0xff10 && u <= 0xff19) || '〇零一二三四五六七八九十百千万亿两'.includes(String.fromCharCode(u));

const isHan = (u: number) => (u >= 0x4e00 && u <= 0x9fff) || (u >= 0x3400 && u <= 0x4dbf);

export interface LookalikeCandidate {
  /** Index in the run's text of the suspicious character. */
  index: number;
  replacement: string;
  /** Gains in nats: character trigram model, word model. */
  gain: number;
  wordGain: number;
  /** Safe for fix-all. */
  safe: boolean;
  /** The word as printed and as corrected, for the message (`人党` / `入党`). */
  printed: string;
  corrected: string;
}

/** All replacements the models prefer in one run, best first per character. */
export function lookalikeCandidates(run: TextRun, ctx: Pick<RuleContext, 'lexicon' | 'tags' | 'memo'>): LookalikeCandidate[] {
  const model = charModel();
  if (!model) return [];
  const lex = ctx.lexicon;
  const lm = languageModel();
  const clean = cleanRun(ctx, run);
  const s = clean.text;
  let syms: Uint16Array | undefined;
  let scores: Float32Array | undefined;
  let mask: Uint8Array | undefined;
  let tokens: RunTokens | undefined;
  let t = 0;
  const out: LookalikeCandidate[] = [];
  for (let k = 0; k < s.length; k++) {
    const code = s.charCodeAt(k);
    if (!isHan(code)) continue;
    const cands = confusionCandidates(code);
    if (!cands.length) continue;
    const index = clean.origin[k];
    tokens ??= runTokens(ctx, run);
    t = tokens.indexFrom(index, t);
    const inWord = t >= 0 && tokens.isWord(t);
    const tokenWord = t >= 0 ? tokens.tokens[t].word : '';
    // A character in a dictionary word of three or more characters that jieba found is taken as
    // printed: a look-alike that leaves a longer word intact is far rarer than a correct word.
    if (inWord && tokenWord.length >= 3) continue;
    syms ??= symbolsOf(s);
    scores ??= model.positionScores(syms);
    const local = model.localScore(syms, k, scores);
    if (local > SKIP_LOCAL) continue;
    mask ??= protectedMask(ctx, run);
    if (mask[index]) continue;
    const minCharChecked = inWord ? MIN_CHAR_GAIN_IN_WORD : MIN_CHAR_GAIN;
    const minCharGlyph = inWord ? GLYPH_MIN_CHAR_GAIN_IN_WORD : GLYPH_MIN_CHAR_GAIN;
    // No replacement can gain more than what the printed symbols cost (probabilities are ≤ 1):
    // where that is below a threshold, the candidates it applies to need not be tried.
    const printed = model.printedScore(syms, k, scores);
    if (-printed < MIN_CHAR_GAIN_WITH_TOKEN) continue;
    let orig: ReturnType<typeof lm.segment> | undefined;
    const a = Math.max(0, k - SCORING_WINDOW), b = Math.min(s.length, k + SCORING_WINDOW + 1);
    const at = k - a;
    let win: string | undefined;
    const from = out.length;
    // Glyph neighbours only outside dictionary words: inside one they need 12 nats, which few
    // reach (calibration: under 2% of all the neighbours put in), and they are most of the cost.
    const glyphsToo = local <= SKIP_LOCAL_GLYPH && !inWord;
    for (const cand of cands) {
      if (!cand.checked && !glyphsToo) continue;
      const alt = cand.ch;
      // Hand-checked pairs are few per character; computed neighbours are many, and each is one
      // more chance to find a replacement the model happens to like: more evidence needed.
      const checked = cand.checked;
      const minChar = checked ? minCharChecked : minCharGlyph;
      const floor = checked ? MIN_CHAR_GAIN_WITH_TOKEN : minChar;
      if (-printed < floor) continue;
      const gain = model.substitutionGain(syms, k, alt.charCodeAt(0), floor, printed);
      if (gain < floor) continue;
      const tokenEvidence = checked && !inWord && tokenWord.length > 1 && tokenWord.length <= 4 && !lex.has(tokenWord)
        && lex.has(tokenWord.slice(0, index - tokens.starts[t]) + alt + tokenWord.slice(index - tokens.starts[t] + 1));
      if (gain < minChar && !tokenEvidence) continue;
      win ??= s.slice(a, b);
      orig ??= lm.segment(win, SCORING_PENALTY);
      const seg = lm.segment(win.slice(0, at) + alt + win.slice(at + 1), SCORING_PENALTY);
      const wordGain = seg.logp - orig.logp;
      // The replacement must make a word with its neighbours (`因材施` of `因材施教` is none in
      // `因村施策`), or a number with the numeral before it (`23曰` → `23日`, `一干` → `一千`:
      // the word model sees digits as one opaque token, so there only the character model's gain counts).
      const word = segmentAt(seg, at);
      const formsWord = !!word && word.word.length >= 2 && word.known && lex.freq(word.word) >= MIN_WORD_FREQ;
      const formsNumber = !formsWord && k > 0 && isNumeral(s.charCodeAt(k - 1)) && gain >= minChar && wordGain > 0;
      if (!formsWord && !formsNumber) continue;
      if (formsWord && wordGain < (gain >= minChar ? MIN_WORD_GAIN : MIN_WORD_GAIN_WITH_TOKEN)) continue;
      const wStart = formsWord ? a + word!.start : k - 1, wLen = formsWord ? word!.word.length : 2;
      const safe = tokenEvidence && gain >= SAFE_CHAR_GAIN && wordGain >= SAFE_WORD_GAIN;
      if (inRecognizedPerson(ctx, run, index)) break;
      out.push({ index, replacement: alt, gain, wordGain, safe, printed: s.slice(wStart, wStart + wLen), corrected: s.slice(wStart, k) + alt + s.slice(k + 1, wStart + wLen) });
    }
    // Best first among this character's replacements (rarely more than one).
    if (out.length - from > 1) out.splice(from, out.length - from, ...out.slice(from).sort((x, y) => y.gain - x.gain));
  }
  return out;
}

export const lookalikeChar: Rule = {
  meta: { id: 'lookalike-char', severity: 'warning', description: { zh: 'OCR 形近字错误', en: 'OCR look-alike character' } },
  check(ctx) {
    const reports: Report[] = [];
    for (const run of ctx.page.runs) {
      if (!CHECKED.has(run.kind)) continue;
      const byIndex = new Map<number, LookalikeCandidate[]>();
      // Candidates depend on the run's text alone: reused across keystrokes in other paragraphs.
      for (const c of ctx.memo('lookalike-char', run, () => lookalikeCandidates(run, ctx))) {
        const list = byIndex.get(c.index) ?? [];
        list.push(c);
        byIndex.set(c.index, list);
      }
      for (const [index, cands] of byIndex) {
        const range = { start: run.positionAt(index), end: run.positionAt(index) };
        range.end = { line: range.start.line, character: range.start.character + 1 };
        const best = cands[0];
        reports.push({
          range,
          message: {
            zh: `疑似形近字误识：“${best.printed}”应为“${best.corrected}”？`,
            en: `Possible OCR look-alike: “${best.printed}” should probably be “${best.corrected}”.`,
          },
          fixes: cands.map((c, i) => ({
            title: { zh: `改为“${c.replacement}”（${c.corrected}）`, en: `Replace with “${c.replacement}” (${c.corrected})` },
            safe: i === 0 && c.safe,
            edits: [{ range, newText: c.replacement }],
            ...(i === 0 ? { preferred: true } : {}),
          })),
        });
      }
    }
    return reports;
  },
};
