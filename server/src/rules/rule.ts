// What a rule is: metadata plus one pure function from the analysed page to reports.
// The engine (engine/analyze.ts) stamps rule id and severity and picks the message locale.
import type { PageContext } from '../page/context';
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

/** What a rule reads: the analysed page (page/context.ts). */
export type RuleContext = PageContext;

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Report[];
}
