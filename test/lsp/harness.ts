// A real LSP client for the integration tests: spawns the built server (dist/server.js) over
// stdio and speaks the protocol through vscode-languageserver-protocol, acting as the editor:
// it answers configuration and applyEdit requests and records what the server publishes.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ApplyWorkspaceEditParams,
  type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams, type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const root = path.resolve(__dirname, '..', '..');
export const seedsDir = path.join(root, 'seeds');

export interface Published { version?: number; diagnostics: Diagnostic[] }

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly published = new Map<string, Published[]>();
  readonly statuses: Array<Record<string, unknown>> = [];
  readonly applied: ApplyWorkspaceEditParams[] = [];
  readonly progress: Array<{ kind: string; title?: string }> = [];
  /** `window/showMessage` notifications, in order. */
  readonly messages: Array<{ type: number; message: string }> = [];
  /** Diagnostics and status notifications in the order they arrived: `diagnostics <uri> v<n>` / `status <uri> v<n>`. */
  readonly events: string[] = [];
  readonly docs = new Map<string, TextDocument>();
  settings: Record<string, unknown> = {};
  stderr = '';
  private waiters: Array<() => void> = [];

  constructor(serverPath = path.join(root, 'dist', 'server.js'), env: NodeJS.ProcessEnv = process.env) {
    this.process = spawn(process.execPath, [serverPath, '--stdio'], { cwd: path.dirname(serverPath), env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', d => { this.stderr += String(d); });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.published.get(p.uri) ?? [];
      list.push({ version: p.version, diagnostics: p.diagnostics });
      this.published.set(p.uri, list);
      this.events.push(`diagnostics ${p.uri} v${p.version}`);
      this.wake();
    });
    this.connection.onNotification('jiaodui/status', (p: Record<string, unknown>) => {
      this.statuses.push(p);
      if (p.uri) this.events.push(`status ${String(p.uri)} v${String(p.version)}`);
      this.wake();
    });
    this.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => { this.messages.push(p); this.wake(); });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', (p: { value: { kind: string; title?: string } }) => { this.progress.push(p.value); this.wake(); });
    this.connection.onNotification('window/logMessage', () => undefined);
    // The editor's side of applyEdit: refuse an edit for any version but the current one.
    this.connection.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams): { applied: boolean; failureReason?: string } => {
      this.applied.push(p);
      for (const change of p.edit.documentChanges ?? []) {
        const edit = change as TextDocumentEdit;
        const doc = this.docs.get(edit.textDocument.uri);
        if (!doc || doc.version !== edit.textDocument.version) return { applied: false, failureReason: 'version mismatch' };
      }
      for (const change of p.edit.documentChanges ?? []) this.applyTextDocumentEdit(change as TextDocumentEdit);
      return { applied: true };
    });
    this.connection.listen();
  }

  async initialize(rootUri = pathToFileURL(root).href): Promise<{ ms: number; result: unknown }> {
    const t0 = performance.now();
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'jiaodui' }],
      capabilities: {
        workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } },
      },
    });
    const ms = performance.now() - t0;
    await this.connection.sendNotification('initialized', {});
    return { ms, result };
  }

  async open(uri: string, text: string, languageId = 'plaintext'): Promise<TextDocument> {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return doc;
  }

  /** Replaces the whole text (a full-document change event) and returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const old = this.docs.get(uri)!;
    const doc = TextDocument.create(uri, old.languageId, old.version + 1, text);
    this.docs.set(uri, doc);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
    return doc.version;
  }

  /** Applies an edit locally and tells the server, as an editor does after a code action. */
  async applyTextDocumentEdit(edit: TextDocumentEdit): Promise<void> {
    const doc = this.docs.get(edit.textDocument.uri)!;
    const text = TextDocument.applyEdits(doc, edit.edits.filter((e): e is Extract<typeof e, { newText: string }> => 'newText' in e));
    await this.change(doc.uri, text);
  }

  /** Waits for diagnostics published for exactly `version` of `uri`. */
  async diagnostics(uri: string, version: number, timeoutMs = 15_000): Promise<Diagnostic[]> {
    const found = () => this.published.get(uri)?.find(p => p.version === version);
    await this.until(() => !!found(), timeoutMs, `diagnostics for ${uri} v${version}`);
    return found()!.diagnostics;
  }

  async until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>(resolve => { this.waiters.push(resolve); setTimeout(resolve, 50); });
    }
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise(r => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch { /* already gone */ }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

export function seedUri(name: string): string {
  return pathToFileURL(path.join(seedsDir, name)).href;
}
