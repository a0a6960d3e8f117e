// "导出文章 / Export articles": the page's articles as Markdown, for the client to open beside
// the page (client/src/exportArticles.ts). The same export as `jiaodui articles`: the page with
// its character-keeping safe fixes applied, then page/export.ts. Pure: no LSP library here; the
// wiring (server.ts) answers the `jiaodui/exportArticles` request with it.
import type { AnalysisOptions } from '../analysis/analyze';
import type { Locale } from '../analysis/types';
import type { Settings } from './config';
import { fixAll } from '../cli/fix';
import { articlesMarkdown, exportArticles, type PageExport } from '../page/export';
import { pageOf } from '../page/pageOf';

/**
 * The page with the safe fixes applied that replace a character by another or drop whitespace —
 * spaces, punctuation, look-alike and traditional forms, joined breaks — but not those that delete
 * one (a doubled character, unreadable bytes): an export drops no character of the page.
 */
export function safelyFixed(text: string, options: Pick<AnalysisOptions, 'locale' | 'rules'>): string {
  const off = { enabled: false } as const;
  return fixAll(text, { locale: options.locale, rules: { ...options.rules, 'garbled-text': off, 'duplicate-char': off } }).text;
}

/** The articles of `text`, cleaned as `safelyFixed` says. */
export function exportPage(text: string, options: Pick<AnalysisOptions, 'locale' | 'rules'>): PageExport {
  return exportArticles(pageOf(safelyFixed(text, options)));
}

/** The answer to `jiaodui/exportArticles`: the export as Markdown, in the user's language, with their rule settings. */
export function exportArticlesMarkdown(text: string, settings: Pick<Settings, 'locale' | 'rules'>): string {
  const locale: Locale = settings.locale;
  return articlesMarkdown(exportPage(text, { locale, rules: settings.rules }), locale);
}
