// The page model: text → lines → blocks → (logical) paragraphs → articles.
// Built once per analysis by page.ts; every rule reads it, none rebuilds it.
import type { Line, Position } from '../core/types';

/** The page's physical lines are core/types.ts's `Line`: the page model starts from them. */
export type { Line };


/**
 * What a run of lines is on a newspaper page.
 * - body: running text of an article;
 * - headline: a title (main, kicker or subtitle) standing apart from the body;
 * - section: a short label inside or above articles (`支部过硬篇`, `视觉新闻`);
 * - byline: `本报记者 X`, `通讯员 X`, `X 摄`, `文/图`;
 * - caption: a photo caption (often followed by a `X 摄` byline, or `(本栏图片除署名外…)`);
 * - header: page furniture such as `编辑:金桂香 | 校对:…`;
 * - noise: not text at all (a lone `0`, QR-code footers).
 */
export type BlockKind = 'body' | 'headline' | 'section' | 'byline' | 'caption' | 'header' | 'noise';

/** A run of consecutive non-blank lines of one kind. */
export interface Block {
  id: number;
  kind: BlockKind;
  lines: Line[];
  startLine: number;
  endLine: number;
  /** The lines' texts joined without separator. */
  text: string;
  /** For body blocks: the dateline at its start (`本报讯`, `本报讯 (记者 X)`), as a character span of the first line. */
  dateline?: { start: number; end: number };
}

/**
 * A stretch of text the way a reader reads it: a logical paragraph whose lines OCR may have
 * wrapped, split by blank lines or separated by an interleaved headline or caption. Rules that
 * look at characters scan `text` (so `药` / `村` across a line break is one word) and map
 * indices back with `positionAt`.
 */
export interface TextRun {
  kind: BlockKind;
  blocks: Block[];
  lines: Line[];
  /** Line texts joined without separator. */
  text: string;
  /** `starts[k]` is the index in `text` where `lines[k]` begins. */
  starts: number[];
  positionAt(index: number): Position;
}

export type BreakKind = 'wrap' | 'blank' | 'interleaved';

/** A place where OCR ended a line although the sentence goes on. */
export interface Break {
  kind: BreakKind;
  /** Line that ends too early. */
  fromLine: number;
  /** Line where the text resumes. */
  toLine: number;
  /** Blocks printed between the two halves (interleaved only). */
  between: Block[];
}

export type ArticleKind = 'article' | 'photo' | 'brief' | 'header';

export interface Article {
  kind: ArticleKind;
  /** Headline blocks (main title, kicker, subtitle), possibly printed away from the body. */
  headlines: Block[];
  headline: string;
  /** True when the headline was matched by content, not found at the article's start. */
  headlineDisplaced: boolean;
  body: Block[];
  bylines: Block[];
  sections: Block[];
  captions: Block[];
  startLine: number;
  endLine: number;
}

export interface Page {
  text: string;
  eol: '\n' | '\r\n';
  lines: Line[];
  blocks: Block[];
  breaks: Break[];
  /** Logical paragraphs of body text (breaks joined), plus one run per other text block. */
  runs: TextRun[];
  articles: Article[];
}
