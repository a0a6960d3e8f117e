// LSP wiring only: capabilities, document sync, debounce and stale-result suppression, settings,
// and the dictionary warm-up. What a diagnostic, outline or hover *is* lives in features/, which
// reaches this file through the engine bundle (engine.ts), loaded only after `initialize`.
import {
  CodeActionKind, createConnection, ErrorCodes, MessageType, ProposedFeatures, ResponseError, ShowMessageNotification,
  StreamMessageWriter, TextDocuments, TextDocumentSyncKind, type Diagnostic, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, TextEdit } from '../core/types';
import type * as Engine from './engine';
import type { Settings } from './features/config';
import type { WorkspacePages } from './features/workspace';
import { jsonEncoder, routeConsole } from './stdio';
import { CLEAN_PAGE_COMMAND, PREVIEW_CLEAN_COMMAND, type CleanPreview, EXPORT_ARTICLES_REQUEST, type ExportArticlesParams, type ExportArticlesResult, STATUS_NOTIFICATION, USER_WORDS_NOTIFICATION, type CleanPageResult, type PageCounts, type StatusParams, type UserWordsParams, SERVER_INFO_REQUEST, type ServerInfo } from '../../../shared/protocol';

/**
 * Quiet time after an edit before the page is analysed again. Typing bursts come faster than
 * 150 ms; a full page analyses in tens of milliseconds, so diagnostics still feel immediate.
 */
const DEBOUNCE_MS = 150;
/** The debounce in effect; `initializationOptions.debounceMs` overrides it (the benchmark sets 0). */
let debounceMs = DEBOUNCE_MS;
/**
 * Typing pause after which the status bar's entity count is brought up to date. Counting runs
 * entity recognition (≈ 25–30 ms on a 24k-character page), as much as the re-analysis itself:
 * done per keystroke it doubled the keystroke's cost. Half a second is a pause, not a gap
 * between two keystrokes of a typing editor.
 */
const COUNT_IDLE_MS = 500;
/** `source.fixAll` sub-kind for our safe fixes (features/codeActions.ts builds the actions). */
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.jiaodui`;
/** `source` action that runs "clean this page" (features/codeActions.ts). */
const CLEAN_PAGE_KIND = `${CodeActionKind.Source}.cleanPage.jiaodui`;

/**
 * Over stdio (how VS Code and other editors start the server: see client/src/extension.ts), the
 * connection writes with our encoder, which sends a large page's diagnostics again from their
 * cached JSON (stdio.ts); any other transport is the library's, chosen from the command line.
 * stdin goes in as a stream, as the library's own `--stdio` wiring has it: the server then exits
 * when stdin ends. At run time the library takes a stream and a writer together (it wraps each
 * argument that is a stream); its types want two of a kind, hence the cast.
 */
const overStdio = process.argv.includes('--stdio');
const connection = overStdio
  ? createConnection(ProposedFeatures.all, process.stdin, new StreamMessageWriter(process.stdout, { contentTypeEncoder: jsonEncoder }) as unknown as NodeJS.WritableStream)
  : createConnection(ProposedFeatures.all);
if (overStdio) routeConsole(connection.console);
const documents = new TextDocuments(TextDocument);

let pullConfiguration = false;
let reportProgress = false;
let watchFolders = false;
/** The background dictionary load, while it runs. */
let dictionary: Promise<void> | undefined;

// ---- the engine ----------------------------------------------------------------------------

/** What `initialize` brought, applied when the engine is loaded. */
const initial: { settings?: unknown; userWords: string[]; roots: string[] } = { userWords: [], roots: [] };
let engine: typeof Engine | undefined;
/** Set by `load()`: every reader runs after it (handlers call `load()` first). */
let settings!: Settings;
let workspace!: WorkspacePages;

/**
 * The analysis engine (dist/engine.js, a bundle of its own: see esbuild.mjs), required on first
 * use — right after `initialize` has been answered (onInitialized), or by the first request that
 * needs it, whichever comes first. `require` is synchronous, so every caller gets it loaded.
 */
function load(): typeof Engine {
  if (engine) return engine;
  const e = require('./engine.js') as typeof Engine;
  engine = e;
  settings = e.readSettings(initial.settings);
  e.addUserWords(initial.userWords);
  e.addUserWords(settings.ignoreWords);
  workspace = new e.WorkspacePages(() => documents.all());
  workspace.setRoots(initial.roots);
  return e;
}

interface Analysed { version: number; analysis: Engine.Analysis; findings: Finding[] }
const analysed = new Map<string, Analysed>();
const timers = new Map<string, NodeJS.Timeout>();
/** Pending entity counts (after a typing pause), and the last count sent per document. */
const countTimers = new Map<string, NodeJS.Timeout>();
const entityCounts = new Map<string, number>();
/** Documents whose degraded-analysis notice has been shown as a message already. */
const noticeShown = new Set<string>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  reportProgress = params.capabilities.window?.workDoneProgress === true;
  watchFolders = params.capabilities.workspace?.workspaceFolders === true;
  const options = params.initializationOptions as { settings?: unknown; userWords?: unknown; debounceMs?: unknown } | undefined;
  if (typeof options?.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
  // Kept for `load()`: reading them needs the engine, which must not delay this answer.
  initial.settings = options?.settings;
  if (Array.isArray(options?.userWords)) initial.userWords = options.userWords.filter((w): w is string => typeof w === 'string');
  initial.roots = params.workspaceFolders?.map(f => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CLEAN_PAGE_KIND] },
      executeCommandProvider: { commands: [CLEAN_PAGE_COMMAND, PREVIEW_CLEAN_COMMAND] },
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
  load();
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
  const { isLoaded, warmUp } = load();
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
  const { readSettings, addUserWords } = load();
  settings = readSettings(raw);
  addUserWords(settings.ignoreWords);
}

connection.onDidChangeConfiguration(async change => {
  if (pullConfiguration) await refreshSettings();
  else settings = load().readSettings((change.settings as { jiaodui?: unknown } | undefined)?.jiaodui);
  reanalyzeAll();
});

connection.onNotification(USER_WORDS_NOTIFICATION, ({ words }: UserWordsParams) => {
  if (!Array.isArray(words)) return;
  load().addUserWords(words.filter((w): w is string => typeof w === 'string'));
  reanalyzeAll();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  load();
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
  const { analyzeDocument, analysisOptions } = load();
  // Reusing the previous version's analysis makes a keystroke re-analyse only the piece of the
  // page it falls in, and re-segment only the edited paragraph of that piece (engine/pieced.ts).
  const analysis = analyzeDocument(doc.getText(), { ...analysisOptions(settings), previous: cached?.analysis });
  const entry = { version: doc.version, analysis, findings: findingsOf(analysis) };
  analysed.set(doc.uri, entry);
  return entry;
}

function findingsOf(analysis: Engine.Analysis): Finding[] {
  // Not even the page's lines are read when nothing is ignored: a large page's model is put
  // together from its pieces' only when something reads it (engine/pieced.ts).
  if (!settings.ignoreWords.length) return analysis.findings;
  return load().dropIgnored(analysis.findings, analysis.page.lines, settings.ignoreWords);
}

/**
 * Findings of the successive texts fix-all makes of a document, under the current settings: each
 * pass's analysis starts from the one before (the first from the document's own), so only the
 * pieces a pass changed are analysed again.
 */
function findingsOfPasses(doc: TextDocument): (text: string) => Finding[] {
  const { analyzeDocument, analysisOptions } = load();
  let previous: Engine.Analysis = current(doc).analysis;
  return text => {
    previous = analyzeDocument(text, { ...analysisOptions(settings), entities: false, previous });
    return findingsOf(previous);
  };
}

function schedule(uri: string, delay: number): void {
  clearTimeout(timers.get(uri));
  // An edit ends the typing pause the entity count waits for.
  clearTimeout(countTimers.get(uri));
  countTimers.delete(uri);
  const version = documents.get(uri)?.version;
  timers.set(uri, setTimeout(() => { timers.delete(uri); void validate(uri, version); }, delay));
}

async function validate(uri: string, version: number | undefined): Promise<void> {
  const { isLoaded, isNewspaperDocument, noticeDiagnostic, toDiagnostic } = load();
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
  const diagnostics: Diagnostic[] = result.findings.map(toDiagnostic);
  const { notice } = result.analysis;
  if (notice) diagnostics.unshift(noticeDiagnostic(notice));
  // Nothing else for this version runs before its diagnostics are written out: the editor waits
  // for them, not for the status bar.
  await connection.sendDiagnostics({ uri, version, diagnostics });
  if (notice && !noticeShown.has(uri)) {
    noticeShown.add(uri);
    // A notification, not `window.showInformationMessage` (a request): nothing to answer, and a
    // client without showMessageRequest support would reject it.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: notice });
  }
  // Entities are counted once typing pauses, a page's first count too: in a process that has
  // counted none yet, recognition runs cold (~70-130 ms on a 24k-character page, 4 ms once V8
  // has compiled it), and a keystroke typed as the page opens would wait for it. A page in pieces
  // is counted at once in the background, piece by piece. Until a count is in, the status has
  // none (the status bar says it is counting); after an edit it has the previous one.
  const first = !entityCounts.has(uri);
  const pieced = piecesOf(result).length > 1;
  sendStatus({ state: 'ready', uri, version, counts: counts(uri, result) });
  const recount = async () => {
    const before = entityCounts.get(uri);
    const n = await countEntitiesYielding(uri, result);
    if (n === undefined || documents.get(uri)?.version !== version) return;
    entityCounts.set(uri, n);
    if (n !== before) sendStatus({ state: 'ready', uri, version, counts: counts(uri, result) });
  };
  if (first && pieced) { void recount(); return; }
  if (countTimers.has(uri) || timers.has(uri)) return;
  countTimers.set(uri, setTimeout(() => {
    countTimers.delete(uri);
    if (documents.get(uri)?.version !== version || analysed.get(uri) !== result) return;
    void recount();
  }, COUNT_IDLE_MS));
}

/** Distinct entities of a page (runs entity recognition, computed lazily by the analysis). */
function countEntities(r: Analysed): number {
  return new Set(r.analysis.entities.map(e => e.text)).size;
}

/** The pieces of a page analysed in pieces (engine/pieced.ts); none for a plain analysis. */
function piecesOf(r: Analysed): ReadonlyArray<{ entities: unknown }> {
  return (r.analysis as { pieces?: ReadonlyArray<{ entities: unknown }> }).pieces ?? [];
}

/**
 * `countEntities`, but for a page in pieces one piece at a time, reading the server's messages in
 * between: entity recognition over a 1 MB page takes about a second, which a keystroke typed
 * meanwhile would otherwise wait for. Undefined when the page has been analysed anew meanwhile.
 */
async function countEntitiesYielding(uri: string, r: Analysed): Promise<number | undefined> {
  for (const piece of piecesOf(r)) {
    void piece.entities;
    await new Promise(resolve => setImmediate(resolve));
    if (analysed.get(uri) !== r) return undefined;
  }
  return countEntities(r);
}

function counts(uri: string, r: Analysed): PageCounts {
  const by = (s: Finding['severity']) => r.findings.filter(f => f.severity === s).length;
  const { fixable, byRule, manual } = load().fixableSummary(r.findings);
  return {
    findings: r.findings.length, errors: by('error'), warnings: by('warning'), infos: by('info') + by('hint'),
    articles: r.analysis.page.articles.filter(a => a.kind !== 'header').length,
    entities: entityCounts.get(uri),
    fixable, fixableByRule: byRule, manual,
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
  const { uri } = e.document;
  openedAt.delete(uri);
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  clearTimeout(countTimers.get(uri));
  countTimers.delete(uri);
  analysed.delete(uri);
  entityCounts.delete(uri);
  noticeShown.delete(uri);
  connection.sendDiagnostics({ uri, diagnostics: [] });
});

// ---- requests ----------------------------------------------------------------------------

/** The open newspaper document a request is about; malformed params get an error response. */
function pageOf(params: { textDocument?: { uri?: unknown } } | undefined): TextDocument | undefined {
  const uri = params?.textDocument?.uri;
  if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri is required');
  const doc = documents.get(uri);
  return doc && load().isNewspaperDocument(doc, settings) ? doc : undefined;
}

connection.onCodeAction(params => {
  const doc = pageOf(params);
  if (!doc) return [];
  const { buildPiecedPage, cleanPageActions, fixAllAction, keepsHeadlines, quickFixes } = load();
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some(k => kind === k || kind.startsWith(`${k}.`));
  const actions = [];
  const { findings } = current(doc);
  if (wants(CodeActionKind.QuickFix)) {
    // A moved block is checked on the page model of the text as the fix would leave it (the page
    // model alone: no rule needs to run for it).
    const { analysis } = current(doc);
    const keeps = (edits: readonly TextEdit[]) => keepsHeadlines(analysis.page, edits, buildPiecedPage);
    const fixes = quickFixes(doc.uri, doc.version, findings, params.range, params.context.diagnostics, keeps);
    actions.push(...fixes);
    // Ctrl+. on a finding also offers the whole clean-up (a command: nothing computed here).
    if (fixes.length) actions.push(...cleanPageActions(findings, settings.locale, CodeActionKind.QuickFix));
  }
  // "Source Action…": the clean-up and its review, only when asked for by kind (not on every cursor move).
  if (only && wants(CLEAN_PAGE_KIND)) actions.push(...cleanPageActions(findings, settings.locale, CLEAN_PAGE_KIND));
  // Fix-all re-analyses the page until it is stable: computed only when asked for by kind
  // (codeActionsOnSave, the Source Action menu), not for every lightbulb request on cursor moves.
  if (only && wants(FIX_ALL_KIND)) {
    const all = fixAllAction(doc.uri, doc.version, doc.getText(), findingsOfPasses(doc), settings.locale);
    if (all) actions.push(all);
  }
  return actions;
});

connection.onRequest(SERVER_INFO_REQUEST, (): ServerInfo => ({ pid: process.pid }));
connection.onRequest(EXPORT_ARTICLES_REQUEST, (p: ExportArticlesParams): ExportArticlesResult => { const doc = pageOf(p); return doc ? { markdown: load().exportArticlesMarkdown(doc.getText(), settings) } : null; });

connection.onExecuteCommand(async (params): Promise<CleanPageResult | CleanPreview | null> => {
  if (params.command === PREVIEW_CLEAN_COMMAND) return previewClean(params.arguments?.[0]);
  if (params.command !== CLEAN_PAGE_COMMAND) throw new ResponseError(ErrorCodes.InvalidRequest, `unknown command ${params.command}`);
  const arg = params.arguments?.[0] as { uri?: unknown; version?: unknown } | undefined;
  if (typeof arg?.uri !== 'string' || typeof arg.version !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, 'expected { uri, version }');
  const doc = documents.get(arg.uri);
  if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${arg.uri}`);
  // The caller saw `arg.version`; if the text has moved on, its idea of the page is out of date.
  if (doc.version !== arg.version) return { applied: false, reason: 'stale', fixes: 0 };
  const { fixPage, versionedEdit } = load();
  const result = fixPage(doc.getText(), findingsOfPasses(doc));
  if (!result.edits.length) return { applied: false, reason: 'clean', fixes: 0 };
  const label = settings.locale === 'en' ? 'Jiaodui: clean this page' : '校对：清理本版';
  const response = await connection.workspace.applyEdit({ label, edit: versionedEdit(doc.uri, arg.version, result.edits) });
  return response.applied ? { applied: true, fixes: result.applied } : { applied: false, reason: 'rejected', fixes: 0 };
});

/** The page as "clean this page" would leave it (the same fix-all), for the client's diff editor. */
function previewClean(arg: unknown): CleanPreview | null {
  const a = arg as { uri?: unknown; version?: unknown } | undefined;
  if (typeof a?.uri !== 'string' || typeof a.version !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, 'expected { uri, version }');
  const doc = documents.get(a.uri);
  if (!doc || doc.version !== a.version) return null;
  const result = load().fixPage(doc.getText(), findingsOfPasses(doc));
  return { uri: doc.uri, version: doc.version, text: result.text, fixes: result.applied };
}

connection.onDocumentSymbol(params => {
  const doc = pageOf(params);
  return doc ? load().documentSymbols(current(doc).analysis.page, settings.locale, settings.outline) : [];
});

connection.onFoldingRanges(params => {
  const doc = pageOf(params);
  return doc ? load().foldingRanges(current(doc).analysis.page) : [];
});

connection.onHover(params => {
  const doc = pageOf(params);
  if (!doc) return null;
  const { entityAt, hover, mentionsElsewhere } = load();
  const { analysis } = current(doc);
  const entity = entityAt(analysis.entities, params.position);
  if (!entity) return null;
  return hover(entity, analysis.entities, doc.getText(), mentionsElsewhere(entity, doc.uri, workspace.pages()), settings.locale, workspace.rootUris);
});

connection.onDocumentHighlight(params => {
  const doc = pageOf(params);
  if (!doc) return null;
  const { entityAt, highlights } = load();
  const { analysis } = current(doc);
  const entity = entityAt(analysis.entities, params.position);
  return entity ? highlights(entity, analysis.entities, doc.getText()) : null;
});

connection.onReferences(params => {
  const doc = pageOf(params);
  if (!doc) return null;
  const { entityAt, references } = load();
  const { analysis } = current(doc);
  const entity = entityAt(analysis.entities, params.position);
  return entity ? references(entity, doc.uri, analysis.entities, doc.getText(), workspace.pages()) : null;
});

connection.onWorkspaceSymbol((params, token) => {
  const { workspaceSymbols } = load();
  const out = [];
  for (const p of workspace.pages()) {
    if (token.isCancellationRequested) break;
    out.push(...workspaceSymbols(p.uri, workspace.page(p), params.query, settings.locale));
  }
  return out;
});

documents.listen(connection);
connection.listen();
