// "导出文章 / Export articles": the page's articles as Markdown, for the client to open beside
// the page (client/src/exportArticles.ts). The same export as `jiaodui articles`: the page with
// its character-keeping safe fixes applied (engine/export.ts). Pure: no LSP library here; the
// wiring (server.ts) answers the `jiaodui/exportArticles` request with it.
import type { Locale } from '../../core/types';
import { exportPage } from '../../engine/export';
import { articlesMarkdown } from '../../page/export';
import type { Settings } from './config';

/** The answer to `jiaodui/exportArticles`: the export as Markdown, in the user's language, with their rule settings. */
export function exportArticlesMarkdown(text: string, settings: Pick<Settings, 'locale' | 'rules'>): string {
  const locale: Locale = settings.locale;
  return articlesMarkdown(exportPage(text, { locale, rules: settings.rules }), locale);
}
