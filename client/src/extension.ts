// The client: starts the language server, registers the commands LSP does not cover, shows the
// status bar. Everything that knows about newspaper pages lives in the server.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLEAN_PAGE_COMMAND, SERVER_INFO_REQUEST, STATUS_NOTIFICATION, USER_WORDS_NOTIFICATION, type CleanPageResult, type ServerInfo, type StatusParams } from '../../shared/protocol';
import { userWords } from './dictionaries';
import { registerExportArticles } from './exportArticles';
import { CleanReview, PREVIEW_SCHEME } from './review';
import { StatusBar } from './statusBar';
import { locale, Summary, texts } from './summary';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // The client adds these to its own environment for the server; an undefined one is left out.
  const env: Record<string, string | undefined> = {
    // The server opens no connections, and Node 20 parses this file and builds its CA store
    // before running any code: ~40 ms of cold start where it is set (nodejs/node#40524).
    NODE_EXTRA_CA_CERTS: undefined,
    // Where the server keeps the V8 code cache of its LSP wiring (server/src/lsp/main.ts).
    JIAODUI_CACHE_DIR: context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : undefined,
  };
  // stdio, not Node IPC: over stdio the server encodes its messages itself and sends a large
  // page's unchanged diagnostics from their cached JSON (server/src/lsp/stdio.ts); over IPC Node
  // stringifies every message whole (~20 ms a keystroke on a 1 MB page).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, options: { env } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const files = vscode.workspace.getConfiguration('jiaodui').get<string[]>('files') ?? [];
  // The server decides which of these are pages (language, glob, share of Chinese); the client
  // only hands it the candidates.
  const documentSelector: DocumentSelector = [
    { language: 'newspaper' },
    { scheme: 'file', language: 'plaintext' },
    { scheme: 'untitled', language: 'plaintext' },
    ...files.map(pattern => ({ scheme: 'file', pattern })),
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: {
      configurationSection: 'jiaodui',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.txt'),
    },
    initializationOptions: { userWords: await userWords() },
  };
  client = new LanguageClient('jiaodui', vscode.l10n.t('Jiaodui proofreading'), serverOptions, clientOptions);

  const status = new StatusBar();
  const summary = new Summary();
  const review = new CleanReview(() => client, cleanDocument);
  context.subscriptions.push(status, summary, review);
  client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
    status.update(p);
    if (p.uri) summary.offer(p.uri, p.counts);
  });
  registerExportArticles(context, client);

  context.subscriptions.push(
    // From the title bar or a context menu VS Code passes the page's URI; from the palette, nothing.
    vscode.commands.registerCommand('jiaodui.cleanPage', (uri?: unknown) => cleanPage(uri)),
    vscode.commands.registerCommand('jiaodui.reviewClean', async (uri?: unknown) => {
      const document = await pageDocument(uri);
      if (document) await review.review(document);
    }),
    vscode.commands.registerCommand('jiaodui.applyReviewedClean', (uri?: unknown) => {
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      return target?.scheme === PREVIEW_SCHEME ? review.apply(target) : undefined;
    }),
    vscode.workspace.onDidCloseTextDocument(doc => summary.forget(doc.uri.toString())),
    vscode.commands.registerCommand('jiaodui.treatAsNewspaper', async (uri?: vscode.Uri) => {
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (doc) await vscode.languages.setTextDocumentLanguage(doc, 'newspaper');
    }),
    // Not in the command palette: lets the extension's tests find the server process.
    vscode.commands.registerCommand('jiaodui.internal.serverInfo', () => client?.sendRequest<ServerInfo>(SERVER_INFO_REQUEST)),
    vscode.commands.registerCommand('jiaodui.showProblems', () => vscode.commands.executeCommand('workbench.actions.view.problems')),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('jiaodui.userDictionaries')) void sendUserWords();
      // The document selector is fixed when the client starts; new globs need a new client.
      if (e.affectsConfiguration('jiaodui.files')) void restart(context);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void sendUserWords()),
    vscode.workspace.onDidSaveTextDocument(doc => { if (isUserDictionary(doc.uri)) void sendUserWords(); }),
  );
  await client.start();
}

async function sendUserWords(): Promise<void> {
  await client?.sendNotification(USER_WORDS_NOTIFICATION, { words: await userWords() });
}

function isUserDictionary(uri: vscode.Uri): boolean {
  const paths = vscode.workspace.getConfiguration('jiaodui').get<string[]>('userDictionaries') ?? [];
  return paths.some(p => uri.fsPath.endsWith(p.replace(/^\.\//, '')));
}

/** The page a command is about: the URI it was given (a preview stands for its page), or the active editor's. */
async function pageDocument(uri: unknown): Promise<vscode.TextDocument | undefined> {
  const target = uri instanceof vscode.Uri ? CleanReview.original(uri) : vscode.window.activeTextEditor && CleanReview.original(vscode.window.activeTextEditor.document.uri);
  if (!target) return undefined;
  return vscode.workspace.textDocuments.find(d => d.uri.toString() === target.toString()) ?? vscode.workspace.openTextDocument(target);
}

/** "Clean this page": all safe fixes in one edit, refused by the server if the page has changed since. */
async function cleanPage(uri?: unknown): Promise<void> {
  const document = await pageDocument(uri);
  if (document) await cleanDocument(document.uri, document.version);
}

/** Cleans the page at `uri` if it is still at `version`; true when the edit was applied. */
async function cleanDocument(uri: vscode.Uri, version: number): Promise<boolean> {
  if (!client) return false;
  const result = await client.sendRequest<CleanPageResult>('workspace/executeCommand', {
    command: CLEAN_PAGE_COMMAND,
    arguments: [{ uri: client.code2ProtocolConverter.asUri(uri), version }],
  });
  if (result.applied) vscode.window.setStatusBarMessage(vscode.l10n.t('Jiaodui: applied {0} fixes', result.fixes), 4000);
  else if (result.reason === 'clean') void vscode.window.showInformationMessage(texts[locale()].nothingToClean);
  else void vscode.window.showWarningMessage(vscode.l10n.t('Jiaodui: the page changed while it was being cleaned; try again'));
  return result.applied;
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await deactivate();
  for (const d of context.subscriptions.splice(0)) d.dispose();
  await activate(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
