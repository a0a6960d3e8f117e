// "Review the clean-up": the page as "clean this page" would leave it, in VS Code's diff editor
// beside the page as it is, so the editor sees every change before it is made, and applies them
// all with one click (the diff editor's title bar, or the notification). The cleaned text comes
// from the server (the same fix-all as the clean-up itself) and is held here, read-only, under
// the `jiaodui-clean` scheme; applying asks the server to clean the page at the version that was
// previewed, so a page edited meanwhile is refused rather than cleaned unseen.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_CLEAN_COMMAND, type CleanPreview } from '../../shared/protocol';
import { locale, texts } from './summary';

export const PREVIEW_SCHEME = 'jiaodui-clean';

interface Preview { original: vscode.Uri; version: number; text: string; fixes: number }

export class CleanReview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly previews = new Map<string, Preview>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    /** Cleans `uri` if it still is at `version` (the extension's clean-page command). */
    private readonly clean: (uri: vscode.Uri, version: number) => Promise<boolean>,
  ) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.previews.get(uri.toString())?.text ?? '';
  }

  /** The page a preview (or the page itself) stands for. */
  static original(uri: vscode.Uri): vscode.Uri {
    return uri.scheme === PREVIEW_SCHEME ? vscode.Uri.parse(uri.query) : uri;
  }

  /** Opens the diff of `document` before and after the clean-up. */
  async review(document: vscode.TextDocument): Promise<void> {
    const client = this.client();
    if (!client) return;
    const t = texts[locale()];
    const preview = await client.sendRequest<CleanPreview | null>('workspace/executeCommand', {
      command: PREVIEW_CLEAN_COMMAND,
      arguments: [{ uri: client.code2ProtocolConverter.asUri(document.uri), version: document.version }],
    });
    if (!preview) { void vscode.window.showWarningMessage(t.stale); return; }
    if (preview.fixes === 0 || preview.text === document.getText()) { void vscode.window.showInformationMessage(t.nothingToClean); return; }
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: document.uri.path, query: document.uri.toString() });
    this.previews.set(uri.toString(), { original: document.uri, version: preview.version, text: preview.text, fixes: preview.fixes });
    this.changed.fire(uri);
    const name = path.basename(document.uri.path);
    await vscode.commands.executeCommand('vscode.diff', document.uri, uri, t.reviewTitle(name, preview.fixes), { preview: false });
    // Not awaited: the command is done once the diff is open; the notification waits for the editor.
    void vscode.window.showInformationMessage(t.reviewPrompt(preview.fixes), t.apply).then(choice => {
      if (choice === t.apply) void this.apply(uri);
    });
  }

  /** Applies the previewed clean-up (from the diff editor's title bar or the notification). */
  async apply(previewUri: vscode.Uri): Promise<void> {
    const preview = this.previews.get(previewUri.toString());
    if (!preview) return;
    const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === preview.original.toString());
    if (!document || document.version !== preview.version) {
      void vscode.window.showWarningMessage(texts[locale()].stale);
      return;
    }
    if (!(await this.clean(preview.original, preview.version))) return;
    this.previews.delete(previewUri.toString());
    // The diff has served its purpose: show the cleaned page itself.
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === previewUri.toString()) await vscode.window.tabGroups.close(tab);
      }
    }
    await vscode.window.showTextDocument(document);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
