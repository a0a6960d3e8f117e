// The articles of a page as an editor publishes them (`jiaodui articles`, "导出文章 / Export
// articles"): the page with its character-keeping safe fixes applied by the one fix loop
// (fix.ts), then the page model's export (page/export.ts).
import { exportArticles, type PageExport } from '../page/export';
import type { AnalysisOptions } from './analyze';
import { fixDocument } from './fix';
import { buildPiecedPage } from './pieced';

/**
 * The page with the safe fixes applied that replace a character by another or drop whitespace —
 * spaces, punctuation, look-alike and traditional forms, joined breaks — but not those that delete
 * one (a doubled character, unreadable bytes): an export drops no character of the page.
 */
export function safelyFixed(text: string, options: Pick<AnalysisOptions, 'locale' | 'rules'>): string {
  const off = { enabled: false } as const;
  return fixDocument(text, { locale: options.locale, rules: { ...options.rules, 'garbled-text': off, 'duplicate-char': off } }).text;
}

/** The articles of `text`, cleaned as `safelyFixed` says. */
export function exportPage(text: string, options: Pick<AnalysisOptions, 'locale' | 'rules'>): PageExport {
  return exportArticles(buildPiecedPage(safelyFixed(text, options)));
}

