// What the language layer reads of an analysis in progress: jieba's tags of a run of text,
// computed once per run and shared by every reader, and a memo of per-run results. A run is
// known here only by its text (the page model's TextRun is one): tags and memoised results
// depend on nothing else, which is what lets a re-analysis reuse them for unchanged paragraphs.
import type { Lexicon, Token } from './lexicon';

export interface TextOfRun { readonly text: string }

export interface RunAnalysis {
  lexicon: Lexicon;
  /** jieba POS tags of a run's text, computed once per run and shared by all readers. */
  tags(run: TextOfRun): Token[];
  /**
   * `compute()` for this run, or its result from the previous analysis of the document when the
   * run's text is unchanged (a keystroke changes one paragraph). Only for results that depend on
   * nothing but the run's text, its tags and the lexicon; `key` names the computation.
   */
  memo<T>(key: string, run: TextOfRun, compute: () => T): T;
}
