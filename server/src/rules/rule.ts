// What a rule is: metadata plus one pure function from the analysed page to reports.
// The engine (analysis/analyze.ts) stamps rule id and severity and picks the message locale.
import type { Lexicon, Token } from '../language/lexicon';
import type { Page, TextRun } from '../page/model';
import type { Range, RuleMeta, Text, TextEdit } from '../core/types';

export interface Proposal {
  title: Text;
  /** Safe for fix-all: whitespace and punctuation joins yes; character replacements only on strong evidence. */
  safe: boolean;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface Report {
  range: Range;
  message: Text;
  fixes?: Proposal[];
}

export interface RuleContext {
  page: Page;
  lexicon: Lexicon;
  /** jieba POS tags of a run's text, computed once per run and shared by all rules. */
  tags(run: TextRun): Token[];
  /**
   * `compute()` for this run, or its result from the previous analysis of the document when the
   * run's text is unchanged (a keystroke changes one paragraph). Only for results that depend on
   * nothing but the run's text, its tags and the lexicon; `key` names the computation.
   */
  memo<T>(key: string, run: TextRun, compute: () => T): T;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Report[];
}
