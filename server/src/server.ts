// LSP wiring only: capabilities, document sync, debounce and stale-result suppression, settings,
// and the dictionary warm-up. What a diagnostic, outline or hover *is* lives in features/.
import {
  CodeActionKind, createConnection, ErrorCodes, ProposedFeatures, ResponseError, TextDocuments,
  TextDocumentSyncKind, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from './analysis/analyze';
import { addUserWords, isLoaded, warmUp } from './analysis/lexicon';
import type { Finding } from './analysis/types';
import { fixAllAction, FIX_ALL_KIND, quickFixes, versionedEdit } from './features/codeActions';
import { analysisOptions, defaultSettings, readSettings, type Settings } from './features/config';
import { dropIgnored, toDiagnostic } from './features/diagnostics';
import { entityAt, highlights, hover, mentionsElsewhere, references } from './features/entities';
import { fixAll } from './features/fixAll';
import { isNewspaperDocument } from './features/selection';
import { documentSymbols, foldingRanges, workspaceSymbols } from './features/symbols';
import { WorkspacePages } from './features/workspace';
import { CLEAN_PAGE_COMMAND, STATUS_NOTIFICATION, USER_WORDS_NOTIFICATION, type CleanPageResult, type PageCounts, type StatusParams, type UserWordsParams } from './protocol';

/**
 * Quiet time after an edit before the page is analysed again. Typing bursts come faster than
 * 150 ms; a full page analyses in tens of milliseconds, so diagnostics still feel immediate.
 */
const DEBOUNCE_MS = 150;
/** The debounce in effect; `initializationOptions.debounceMs` overrides it (the benchmark sets 0). */
let debounceMs = DEBOUNCE_MS;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const workspace = new WorkspacePages(() => documents.all());

let settings: Settings = defaultSettings;
let pullConfiguration = false;
let reportProgress = false;
let watchFolders = false;
/** The background dictionary load, while it runs. */
let dictionary: Promise<void> | undefined;

interface Analysed { version: number; analysis: Analysis; findings: Finding[] }
const analysed = new Map<string, Analysed>();
const timers = new Map<string, NodeJS.Timeout>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  reportProgress = params.capabilities.window?.workDoneProgress === true;
  watchFolders = params.capabilities.workspace?.workspaceFolders === true;
  const options = params.initializationOptions as { settings?: unknown; userWords?: unknown; debounceMs?: unknown } | undefined;
  if (typeof options?.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
  if (options?.settings) settings = readSettings(options.settings);
  if (Array.isArray(options?.userWords)) addUserWords(options.userWords.filter((w): w is string => typeof w === 'string'));
  addUserWords(settings.ignoreWords);
  const folders = params.workspaceFolders?.map(f => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspace.setRoots(folders);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      executeCommandProvider: { commands: [CLEAN_PAGE_COMMAND] },
      documentSymbolProvider: { label: '校对' },
      foldingRangeProvider: true,
      hoverProvider: true,
      documentHighlightProvider: true,
      referencesProvider: true,
      workspaceSymbolProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'jiaodui' },
  };
});

connection.onInitialized(async () => {
  if (watchFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then(f => workspace.setRoots(f?.map(x => x.uri) ?? []));
    });
  }
  // Started before anything else is awaited, so the first page waits for it (with progress shown)
  // instead of loading the dictionary silently inside its own analysis.
  dictionary = loadDictionary();
  if (pullConfiguration) await refreshSettings();
});

/**
 * Loads jieba and its dictionary (≈0.5–1 s) after `initialize` has been answered, so the editor
 * never waits on it; documents opened meanwhile are analysed as soon as it is in.
 */
async function loadDictionary(): Promise<void> {
  // A page opened before this ran has loaded the dictionary already (analysis loads it on use).
  if (isLoaded()) { sendStatus({ state: 'ready', loadMs: 0 }); return; }
  sendStatus({ state: 'loading' });
  const progress = reportProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin(settings.locale === 'en' ? 'Jiaodui: loading dictionary' : '校对：正在加载词典', undefined, undefined, false);
  // Let the progress and status messages leave before the synchronous load blocks the thread.
  await new Promise(resolve => setTimeout(resolve, 10));
  const started = Date.now();
  warmUp();
  progress?.done();
  sendStatus({ state: 'ready', loadMs: Date.now() - started });
}

async function refreshSettings(): Promise<void> {
  const raw = await connection.workspace.getConfiguration({ section: 'jiaodui' }).catch(() => undefined);
  settings = readSettings(raw);
  addUserWords(settings.ignoreWords);
}

connection.onDidChangeConfiguration(async change => {
  if (pullConfiguration) await refreshSettings();
  else settings = readSettings((change.settings as { jiaodui?: unknown } | undefined)?.jiaodui);
  reanalyzeAll();
});

connection.onNotification(USER_WORDS_NOTIFICATION, ({ words }: UserWordsParams) => {
  if (!Array.isArray(words)) return;
  addUserWords(words.filter((w): w is string => typeof w === 'string'));
  reanalyzeAll();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  for (const c of changes) workspace.invalidate(c.uri);
});

function reanalyzeAll(): void {
  analysed.clear();
  for (const doc of documents.all()) schedule(doc.uri, 0);
}

// ---- analysis and diagnostics ------------------------------------------------------------

/** The analysis of a document's current version, computed at most once per version. */
function current(doc: TextDocument): Analysed {
  const cached = analysed.get(doc.uri);
  if (cached && cached.version === doc.version) return cached;
  // Reusing the previous version's tags makes a keystroke re-segment only the edited paragraph.
  const analysis = analyze(doc.getText(), { ...analysisOptions(settings), previous: cached?.analysis });
  const entry = { version: doc.version, analysis, findings: findingsOf(analysis) };
  analysed.set(doc.uri, entry);
  return entry;
}

function findingsOf(analysis: Analysis): Finding[] {
  return dropIgnored(analysis.findings, analysis.page.lines, settings.ignoreWords);
}

/** Findings of an arbitrary text under the current settings (fix-all re-analyses after each pass). */
function findingsOfText(text: string): Finding[] {
  return findingsOf(analyze(text, { ...analysisOptions(settings), entities: false }));
}

function schedule(uri: string, delay: number): void {
  clearTimeout(timers.get(uri));
  const version = documents.get(uri)?.version;
  timers.set(uri, setTimeout(() => { timers.delete(uri); void validate(uri, version); }, delay));
}

async function validate(uri: string, version: number | undefined): Promise<void> {
  if (dictionary && !isLoaded()) await dictionary;
  const doc = documents.get(uri);
  // A newer version has its own timer: an analysis for an older one would only be thrown away.
  if (!doc || doc.version !== version) return;
  if (!isNewspaperDocument(doc, settings)) {
    analysed.delete(uri);
    connection.sendDiagnostics({ uri, version, diagnostics: [] });
    sendStatus({ state: isLoaded() ? 'ready' : 'loading', uri, counts: null });
    return;
  }
  const result = current(doc);
  if (documents.get(uri)?.version !== version) return;
  connection.sendDiagnostics({ uri, version, diagnostics: result.findings.map(toDiagnostic) });
  // Counting entities runs entity recognition (computed lazily); after the diagnostics are written.
  setImmediate(() => sendStatus({ state: 'ready', uri, version, counts: counts(result) }));
}

function counts(r: Analysed): PageCounts {
  const by = (s: Finding['severity']) => r.findings.filter(f => f.severity === s).length;
  return {
    findings: r.findings.length, errors: by('error'), warnings: by('warning'), infos: by('info') + by('hint'),
    articles: r.analysis.page.articles.filter(a => a.kind !== 'header').length,
    entities: new Set(r.analysis.entities.map(e => e.text)).size,
  };
}

function sendStatus(status: StatusParams): void {
  void connection.sendNotification(STATUS_NOTIFICATION, status);
}

/** Version each document was opened with: the content event that follows an open is not an edit. */
const openedAt = new Map<string, number>();
documents.onDidOpen(e => { openedAt.set(e.document.uri, e.document.version); schedule(e.document.uri, 0); });
documents.onDidChangeContent(e => { if (openedAt.get(e.document.uri) !== e.document.version) schedule(e.document.uri, debounceMs); });
documents.onDidClose(e => {
  openedAt.delete(e.document.uri);
  clearTimeout(timers.get(e.document.uri));
  timers.delete(e.document.uri);
  analysed.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

// ---- requests ----------------------------------------------------------------------------

/** The open newspaper document a request is about; malformed params get an error response. */
function pageOf(params: { textDocument?: { uri?: unknown } } | undefined): TextDocument | undefined {
  const uri = params?.textDocument?.uri;
  if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri is required');
  const doc = documents.get(uri);
  return doc && isNewspaperDocument(doc, settings) ? doc : undefined;
}

connection.onCodeAction(params => {
  const doc = pageOf(params);
  if (!doc) return [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some(k => kind === k || kind.startsWith(`${k}.`));
  const actions = [];
  if (wants(CodeActionKind.QuickFix)) actions.push(...quickFixes(doc.uri, doc.version, current(doc).findings, params.range, params.context.diagnostics));
  // Fix-all re-analyses the page until it is stable: computed only when asked for by kind
  // (codeActionsOnSave, the Source Action menu), not for every lightbulb request on cursor moves.
  if (only && wants(FIX_ALL_KIND)) {
    const all = fixAllAction(doc.uri, doc.version, doc.getText(), findingsOfText, settings.locale);
    if (all) actions.push(all);
  }
  return actions;
});

connection.onExecuteCommand(async (params): Promise<CleanPageResult> => {
  if (params.command !== CLEAN_PAGE_COMMAND) throw new ResponseError(ErrorCodes.InvalidRequest, `unknown command ${params.command}`);
  const arg = params.arguments?.[0] as { uri?: unknown; version?: unknown } | undefined;
  if (typeof arg?.uri !== 'string' || typeof arg.version !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, 'expected { uri, version }');
  const doc = documents.get(arg.uri);
  if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${arg.uri}`);
  // The caller saw `arg.version`; if the text has moved on, its idea of the page is out of date.
  if (doc.version !== arg.version) return { applied: false, reason: 'stale', fixes: 0 };
  const result = fixAll(doc.getText(), findingsOfText);
  if (!result.edits.length) return { applied: false, reason: 'clean', fixes: 0 };
  const label = settings.locale === 'en' ? 'Jiaodui: clean this page' : '校对：清理本版';
  const response = await connection.workspace.applyEdit({ label, edit: versionedEdit(doc.uri, arg.version, result.edits) });
  return response.applied ? { applied: true, fixes: result.applied } : { applied: false, reason: 'rejected', fixes: 0 };
});

connection.onDocumentSymbol(params => {
  const doc = pageOf(params);
  return doc ? documentSymbols(current(doc).analysis.page, settings.locale) : [];
});

connection.onFoldingRanges(params => {
  const doc = pageOf(params);
  return doc ? foldingRanges(current(doc).analysis.page) : [];
});

connection.onHover(params => {
  const doc = pageOf(params);
  if (!doc) return null;
  const { analysis } = current(doc);
  const entity = entityAt(analysis.entities, params.position);
  if (!entity) return null;
  return hover(entity, analysis.entities, doc.getText(), mentionsElsewhere(entity, doc.uri, workspace.pages()), settings.locale, workspace.rootUris);
});

connection.onDocumentHighlight(params => {
  const doc = pageOf(params);
  if (!doc) return null;
  const { analysis } = current(doc);
  const entity = entityAt(analysis.entities, params.position);
  return entity ? highlights(entity, analysis.entities, doc.getText()) : null;
});

connection.onReferences(params => {
  const doc = pageOf(params);
  if (!doc) return null;
  const { analysis } = current(doc);
  const entity = entityAt(analysis.entities, params.position);
  return entity ? references(entity, doc.uri, analysis.entities, doc.getText(), workspace.pages()) : null;
});

connection.onWorkspaceSymbol((params, token) => {
  const out = [];
  for (const p of workspace.pages()) {
    if (token.isCancellationRequested) break;
    out.push(...workspaceSymbols(p.uri, workspace.page(p), params.query, settings.locale));
  }
  return out;
});

documents.listen(connection);
connection.listen();
