import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const seed = path.resolve(__dirname, '../../../seeds/000_386ae1f4641b9e07.txt');

describe('the extension in a real VS Code', () => {
  it('activates and reports diagnostics with rule ids for a seed page', async () => {
    const doc = await vscode.workspace.openTextDocument(seed);
    await vscode.window.showTextDocument(doc);
    const deadline = Date.now() + 30_000;
    let diagnostics = vscode.languages.getDiagnostics(doc.uri);
    while (!diagnostics.length && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 200));
      diagnostics = vscode.languages.getDiagnostics(doc.uri);
    }
    assert.ok(diagnostics.length > 0, 'no diagnostics within 30 s');
    assert.ok(diagnostics.every(d => d.source === 'jiaodui' && typeof (typeof d.code === 'object' ? d.code.value : d.code) === 'string'));
  });
});
