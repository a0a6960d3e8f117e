// What the command line reports of each file, as types: the results of analysing a file whole
// (task.ts) or streamed (stream.ts), and what a formatter (format.ts) and the worker pool
// (pool.ts) pass around. Types and the JSON contract's plain shapes only, so that the modules
// that produce results and the one that prints them depend on this file, not on each other.
import type { RuleSetting } from '../engine/analyze';
import type { Entity, EntityType, Finding, Locale, Range, RuleId } from '../core/types';
import type { Command } from './args';
import type { OutlineArticle } from './outline';

export interface Job {
  path: string;
  command: Command;
  locale: Locale;
  rules: Partial<Record<RuleId, RuleSetting>>;
  write: boolean;
}

export interface EntityOut { text: string; type: EntityType; role: string | null; range: Range }

/**
 * `notice`: set when the file was too large for a full analysis (engine/degraded.ts), saying
 * what was left out — printed as a note for the file, so its few findings are not read as "clean".
 */
export type FileResult =
  | { path: string; kind: 'error'; message: string }
  | { path: string; kind: 'lint'; chars: number; diagnostics: Finding[]; notice?: string }
  | { path: string; kind: 'outline'; chars: number; articles: OutlineArticle[]; notice?: string }
  | { path: string; kind: 'entities'; chars: number; entities: EntityOut[]; notice?: string }
  | { path: string; kind: 'fix'; chars: number; applied: number; passes: number; written: boolean; output?: string };

/**
 * A file as the report prints it: its chunk of stdout as UTF-8, rendered in the thread that
 * analysed it, and what the main thread needs besides (the progress bar's characters, the tally
 * for the summary and the exit code).
 */
export interface ReportedFile { path: string; kind: 'report'; chars: number; bytes: Uint8Array; tally: Tally }

export type FileReport = ReportedFile | Extract<FileResult, { kind: 'error' }>;

/** What the exit code and stylish's summary line need of a file: its findings, counted. */
export interface Tally { problems: number; errors: number; warnings: number; infos: number; fixable: number }

/** One piece's results, ranges in the file's lines. */
export type StreamPart =
  | { kind: 'lint'; diagnostics: Finding[] }
  | { kind: 'outline'; articles: OutlineArticle[] }
  | { kind: 'entities'; entities: EntityOut[] }
  | { kind: 'fix'; output: string };

/** What is known once the whole file is done. */
export interface StreamEnd {
  path: string;
  kind: Command;
  chars: number;
  /** Diagnostics, articles or entities reported over all pieces. */
  items: number;
  /** fix: fixes applied over all pieces, the most rounds any piece took, whether the file was rewritten. */
  applied: number;
  passes: number;
  written: boolean;
}

/** Exactly the JSON contract's fields (no `preferred`, no extras a consumer might come to rely on). */
export function plainFinding(f: Finding): Finding {
  return {
    rule: f.rule,
    severity: f.severity,
    range: f.range,
    message: f.message,
    fixes: f.fixes.map(x => ({ title: x.title, safe: x.safe, edits: x.edits.map(e => ({ range: e.range, newText: e.newText })) })),
  };
}

export function plainEntity(e: Entity): EntityOut {
  return { text: e.text, type: e.type, role: e.role ?? null, range: e.range };
}
