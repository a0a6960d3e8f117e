// Messages between the extension's client and server beyond standard LSP. The client bundles
// this file too, so both sides agree on names and shapes. Plain method names and types only: the
// client and the server libraries each bundle their own copy of the protocol classes.

/** Server command behind "clean this page" (the client's `jiaodui.cleanPage` supplies the arguments). */
export const CLEAN_PAGE_COMMAND = 'jiaodui.server.cleanPage';

export interface CleanPageArgs { uri: string; version: number }

/**
 * Server command behind "review the clean-up": the page as "clean this page" would leave it,
 * without applying anything (the client shows it in a diff editor). Undefined when the document
 * is not open or its version has moved on.
 */
export const PREVIEW_CLEAN_COMMAND = 'jiaodui.server.previewClean';
export interface CleanPreview { uri: string; version: number; text: string; fixes: number }
export type CleanPageResult =
  | { applied: true; fixes: number }
  | { applied: false; reason: 'stale' | 'clean' | 'rejected'; fixes: 0 };

export interface PageCounts {
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  articles: number;
  /** Distinct names and places; absent while a large page's are still being counted. */
  entities?: number;
  /** Findings a safe fix repairs (what "clean this page" takes care of), by rule. */
  fixable: number;
  fixableByRule: Partial<Record<string, number>>;
  /** Findings with no safe fix: the ones an editor has to judge. */
  manual: number;
}

export interface StatusParams {
  state: 'loading' | 'ready';
  /** Milliseconds the dictionary took to load (with the first `ready`). */
  loadMs?: number;
  /** Present when the status is about one document; `counts` is null when it is not a newspaper page. */
  uri?: string;
  version?: number;
  counts?: PageCounts | null;
}
export const STATUS_NOTIFICATION = 'jiaodui/status';

/** Words from user dictionary files, read by the client only in trusted workspaces. */
export interface UserWordsParams { words: string[] }
export const USER_WORDS_NOTIFICATION = 'jiaodui/userWords';

/** The server process's identity (the extension's tests kill it to check the client restarts it). */
export interface ServerInfo { pid: number }
export const SERVER_INFO_REQUEST = 'jiaodui/serverInfo';

/** "Export articles": the page's articles as Markdown (null when the document is not a newspaper page). */
export interface ExportArticlesParams { textDocument: { uri: string } }
export type ExportArticlesResult = { markdown: string } | null;
export const EXPORT_ARTICLES_REQUEST = 'jiaodui/exportArticles';
