// `lookalike-char`: a character OCR read as a similar-shaped one (`人党` → `入党`, `纳人` → `纳入`,
// `药村` → `药材`, `半安` → `平安`).
//
// Candidates come from the confusion sets of analysis/confusion.ts (shapes only, no words); each
// member of a character's set is tried in its place, and the language model over jieba's
// dictionary (analysis/langmodel.ts) scores a window of ±4 characters both ways. A replacement is
// reported when
//   - the character stands alone in the best segmentation of the text as printed, and the
//     replacement joins it to its neighbours into a dictionary word (a character inside a real
//     word — 人员, 村民, 一半, 具体, 工具 — is never questioned), and
//   - the window becomes clearly more probable: a large gain on its own, or a smaller one when
//     jieba itself found no word there (it glued the characters into an unknown token such as
//     `人党`, and the replacement turns exactly that token into a dictionary word).
// Person names are the main source of false alarms (a name is a run of unknown characters that a
// substitution may turn into a word: 段玉明 → 段/王明), so unknown three-character tokens that start
// with a surname and bylines are left alone.
import { hasLookalikeCode, lookalikesOfCode } from '../language/confusion';
import { cleanRun, languageModel, runTokens, segmentAt, type RunTokens } from '../language/langmodel';
import type { Lexicon } from '../language/lexicon';
import { SURNAMES } from '../entities/names';
import type { TextRun } from '../page/model';
import type { Report, Rule, RuleContext } from './rule';

/** Characters of context on each side: enough for a four-character word either way. */
const WINDOW = 4;
/** Word-insertion penalty in nats (see LanguageModel.segment); 3 ≈ the gain that separates `入党` from `人/党`. */
const SEGMENT_PENALTY = 3;
/**
 * Gain (nats, with the segment penalty) needed when the replacement only has the window's score
 * for it. Measured on the seed pages: real errors score 8-10 (半安 → 平安, 药村 → 药材), the best
 * scoring correct characters 5-7 (names, `为王` vs `为主`); 9 keeps clean text clean.
 */
const MIN_GAIN = 9;
/**
 * Gain needed when jieba's unknown token turns into a dictionary word by the replacement. On the
 * seed pages errors with this evidence score 3.4-10 (人户 3.4, 人党 3.8, 纳人 8.0, 药村 10.0) and
 * correct text 2.2-3.4 (以大服务 2.2, 因村施策 2.7, 带人把… 3.4): a unigram model cannot tell
 * `带人` (take people) from `人户` (入户). 3.5 gives up the weakest errors to keep correct text clean.
 */
const MIN_GAIN_WITH_TOKEN = 3.5;
/** Gain above which a replacement is safe for fix-all (only with the token evidence). */
const SAFE_GAIN = 5;

/** Kinds of text where characters are checked; bylines and page furniture are mostly names. */
const CHECKED = new Set(['body', 'headline', 'section', 'caption']);


export interface LookalikeCandidate {
  /** Index in the run's text of the suspicious character. */
  index: number;
  replacement: string;
  gain: number;
  /** jieba cut an unknown token here that the replacement makes a dictionary word. */
  tokenEvidence: boolean;
  /** The word as printed and as corrected, for the message (`人党` / `入党`). */
  printed: string;
  corrected: string;
}

function looksLikeName(word: string, lex: Lexicon): boolean {
  return word.length === 3 && !lex.has(word) && SURNAMES.has(word[0]);
}

/**
 * Whether some replacement in `alts` at index `k` of `s` is part of a dictionary word of 2-4
 * characters. Every window is tried, but a window is extended only while it still begins some
 * word (`isPrefixAt`), and the characters before `k` are checked once for all replacements: most
 * windows end after one lookup, and no string is made for them.
 */
function formsWord(s: string, k: number, alts: readonly string[], lex: Lexicon): boolean {
  for (let start = Math.max(0, k - 3); start <= k; start++) {
    if (start < k && !lex.isPrefixAt(s, start, k)) continue;
    const before = s.slice(start, k), after = s.slice(k + 1, Math.min(s.length, start + 4));
    for (const alt of alts) {
      const w = before + alt + after;
      for (let end = k - start + 1; end <= w.length; end++) {
        if (!lex.isPrefixAt(w, 0, end)) break;
        // Dictionary and user words all have a positive frequency, prefixes none: `has`.
        if (end >= 2 && lex.freqAt(w, 0, end) > 0) return true;
      }
    }
  }
  return false;
}

/** All replacements the language model prefers in one run, best first per character. */
export function lookalikeCandidates(run: TextRun, ctx: Pick<RuleContext, 'lexicon' | 'tags' | 'memo'>): LookalikeCandidate[] {
  const lex = ctx.lexicon;
  const lm = languageModel();
  const clean = cleanRun(ctx, run);
  const s = clean.text;
  let tokens: RunTokens | undefined;
  /** The token at the last position checked: positions only grow, so it is found walking forward. */
  let t = 0;
  const out: LookalikeCandidate[] = [];
  for (let k = 0; k < s.length; k++) {
    const code = s.charCodeAt(k);
    if (!hasLookalikeCode(code)) continue;
    const index = clean.origin[k];
    tokens ??= runTokens(ctx, run);
    t = tokens.indexFrom(index, t);
    const word = t < 0 ? undefined : tokens.tokens[t].word;
    if (word !== undefined && (tokens.isWord(t) || lex.isUserWord(word) || looksLikeName(word, lex))) continue;
    // Cheap test before any scoring: some replacement must form a dictionary word with a neighbour.
    const alts = lookalikesOfCode(code);
    if (!formsWord(s, k, alts, lex)) continue;
    const tok = t < 0 ? undefined : tokens.span(t);
    const a = Math.max(0, k - WINDOW), b = Math.min(s.length, k + WINDOW + 1);
    const win = s.slice(a, b);
    const at = k - a;
    const orig = lm.segment(win, SEGMENT_PENALTY);
    const origSeg = segmentAt(orig, at);
    if (origSeg && origSeg.word.length > 1 && origSeg.known) continue;
    const found: LookalikeCandidate[] = [];
    for (const alt of alts) {
      const variant = win.slice(0, at) + alt + win.slice(at + 1);
      const seg = lm.segment(variant, SEGMENT_PENALTY);
      const gain = seg.logp - orig.logp;
      const word = segmentAt(seg, at);
      if (!word || word.word.length < 2 || !word.known || gain <= 0) continue;
      const tokenEvidence = !!tok && tok.word.length > 1 && !lex.has(tok.word)
        && lex.has(tok.word.slice(0, index - tok.start) + alt + tok.word.slice(index - tok.start + 1));
      if (gain < (tokenEvidence ? MIN_GAIN_WITH_TOKEN : MIN_GAIN)) continue;
      const wStart = a + word.start;
      const printed = s.slice(wStart, wStart + word.word.length);
      found.push({ index, replacement: alt, gain, tokenEvidence, printed, corrected: word.word });
    }
    found.sort((x, y) => y.gain - x.gain);
    out.push(...found);
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
            safe: i === 0 && c.tokenEvidence && c.gain >= SAFE_GAIN,
            edits: [{ range, newText: c.replacement }],
            ...(i === 0 ? { preferred: true } : {}),
          })),
        });
      }
    }
    return reports;
  },
};
