// "导出文章 / Export articles": asks the server for the page's articles as Markdown (reading
// order, OCR breaks joined, interleaved blocks moved out) and opens them in an untitled document
// beside the page. The server does the work (server/src/lsp/features/articles.ts).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXPORT_ARTICLES_REQUEST, type ExportArticlesParams, type ExportArticlesResult } from '../../shared/protocol';

export function registerExportArticles(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(vscode.commands.registerCommand('jiaodui.exportArticles', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const params: ExportArticlesParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) } };
    const result = await client.sendRequest<ExportArticlesResult>(EXPORT_ARTICLES_REQUEST, params);
    if (!result) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Jiaodui: this file is not analysed as a newspaper page'));
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }));
}
