// Plain data shared by the analysis, the rules and every front end (CLI, language server).
// No `vscode` or LSP import may appear below lsp/ and cli/: ranges follow the LSP
// convention (0-based line, UTF-16 character) but are declared here as plain interfaces.

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

/** One physical line of the page, without its line terminator. */
export interface Line {
  index: number;
  text: string;
  /** UTF-16 offset of the line's first character in the whole page. */
  offset: number;
}
export interface TextEdit { range: Range; newText: string }

/** One way to repair a finding. `safe` fixes may be applied unattended (fix-all, `jiaodui fix`). */
export interface Fix {
  title: string;
  safe: boolean;
  edits: TextEdit[];
  /** The fix a quick-fix menu should offer first. */
  preferred?: boolean;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Locale = 'zh' | 'en';

export type RuleId =
  | 'line-wrap'
  | 'split-paragraph'
  | 'interleaved-block'
  | 'cjk-space'
  | 'halfwidth-punct'
  | 'lookalike-char'
  | 'traditional-char'
  | 'duplicate-char'
  | 'garbled-text'
  | 'noise-line'
  | 'unbalanced-quote'
  | 'missing-byline'
  | 'displaced-headline';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  range: Range;
  message: string;
  fixes: Fix[];
}

/** A message in both locales; the front end picks one. */
export interface Text { zh: string; en: string }

export interface RuleMeta {
  id: RuleId;
  severity: Severity;
  description: Text;
}

export type EntityType = 'person' | 'place' | 'org';

/** A person, place or organisation named on the page. */
export interface Entity {
  text: string;
  type: EntityType;
  range: Range;
  /** Role the text states (`巩义市委书记`, `本报记者`), when it states one. */
  role?: string;
  /** For places: the administrative chain, outermost first (`['河南省','郑州市','巩义市']`). */
  hierarchy?: string[];
}
