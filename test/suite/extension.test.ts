// The extension in a real VS Code: the workspace folder is a copy of seeds/ (JIAODUI_WORKSPACE,
// set by the launchers), so tests may edit pages; edits are reverted after each test.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const folder = process.env.JIAODUI_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.resolve(__dirname, '../../seeds');
const S000 = '000_386ae1f4641b9e07.txt', S001 = '001_95b150d32cc6734e.txt', S002 = '002_0f6dadfbd653f096.txt', S003 = '003_7fc49da2a4fe33c9.txt';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function until<T>(get: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'jiaodui');

async function openPage(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(path.join(folder, name));
  return vscode.window.showTextDocument(doc);
}

function positionOf(doc: vscode.TextDocument, needle: string, alsoOnLine = ''): vscode.Position {
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineAt(line).text;
    const at = text.indexOf(needle);
    if (at >= 0 && text.includes(alsoOnLine)) return new vscode.Position(line, at + 1);
  }
  throw new Error(`"${needle}" not found`);
}

describe('Jiaodui in VS Code', () => {
  afterEach(async () => {
    // Put every page back as it is on disk (explicit revert: focus-dependent undo is flaky headless).
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.isDirty && editor.document.uri.scheme === 'file') {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates and analyses a raw seed page opened as plain text', async () => {
    const editor = await openPage(S000);
    assert.equal(editor.document.languageId, 'plaintext');
    const diagnostics = await until(() => ours(editor.document.uri).length > 0 && ours(editor.document.uri), 'diagnostics on seed 000');
    for (const d of diagnostics) {
      assert.match(codeOf(d), /^[a-z]+(-[a-z]+)+$/);
      assert.ok(typeof d.code === 'object' && d.code.target.fsPath.endsWith(`${codeOf(d)}.md`), 'rule docs link');
    }
    assert.ok(vscode.extensions.getExtension('jiaodui.jiaodui')?.isActive);
  });

  it('maps *.news.txt files to the newspaper language', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-')), 'page.news.txt');
    fs.writeFileSync(file, fs.readFileSync(path.join(folder, S003), 'utf8'));
    const doc = await vscode.workspace.openTextDocument(file);
    assert.equal(doc.languageId, 'newspaper');
  });

  it('treats a file as a newspaper page on command', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '本报讯 5月 16日下午,巩义市召开会议。' });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('jiaodui.treatAsNewspaper');
    await until(() => vscode.window.activeTextEditor?.document.languageId === 'newspaper', 'language newspaper');
  });

  it('never analyses an English plain-text file', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Minutes , of the meeting ,  held at 5 pm.\n'.repeat(20) });
    await vscode.window.showTextDocument(doc);
    const page = await openPage(S001);
    await until(() => ours(page.document.uri).length > 0, 'diagnostics on seed 001 (the server is up)');
    assert.deepEqual(ours(doc.uri), []);
  });

  it('offers quick fixes for a diagnostic and applies the preferred one', async () => {
    const editor = await openPage(S001);
    const uri = editor.document.uri;
    const d = await until(() => ours(uri).find(x => codeOf(x) === 'halfwidth-punct'), 'a halfwidth-punct diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(a => a.isPreferred) ?? actions[0];
    assert.ok(fix?.edit, 'no quick fix with an edit');
    const before = editor.document.getText(d.range);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.notEqual(editor.document.getText(d.range), before);
  });

  it('fixes all safe findings through source.fixAll.jiaodui', async () => {
    const editor = await openPage(S001);
    const uri = editor.document.uri;
    await until(() => ours(uri).length > 0, 'diagnostics on seed 001');
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, 'source.fixAll.jiaodui');
    assert.equal(actions.length, 1);
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.doesNotMatch(editor.document.getText(), /[\u4e00-\u9fff],[\u4e00-\u9fff]/);
  });

  it('cleans the page with one command', async () => {
    const editor = await openPage(S001);
    await until(() => ours(editor.document.uri).length > 0, 'diagnostics on seed 001');
    const version = editor.document.version;
    await vscode.commands.executeCommand('jiaodui.cleanPage');
    await until(() => editor.document.version > version, 'the clean-up edit');
    assert.doesNotMatch(editor.document.getText(), /[\u4e00-\u9fff],[\u4e00-\u9fff]/);
  });

  it('ranks the mechanical findings as information and the content ones as warnings or errors', async () => {
    const editor = await openPage(S002);
    const diagnostics = await until(() => ours(editor.document.uri).length > 0 && ours(editor.document.uri), 'diagnostics on seed 002');
    for (const d of diagnostics.filter(x => ['halfwidth-punct', 'cjk-space', 'line-wrap', 'split-paragraph'].includes(codeOf(x)))) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Information, `${codeOf(d)}: ${d.message}`);
    }
    assert.ok(diagnostics.some(d => codeOf(d) === 'lookalike-char' && d.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('sums a raw page up in a CodeLens over its first line, with the clean-up and its review', async () => {
    const editor = await openPage(S002);
    await until(() => ours(editor.document.uri).length > 0, 'diagnostics on seed 002');
    let lenses: vscode.CodeLens[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
      if (lenses.some(l => l.command?.title.includes('处可自动修复'))) break;
      await sleep(300);
    }
    const titles = lenses.map(l => l.command?.title ?? '');
    assert.ok(titles.some(t => /^本版 \d+ 处可自动修复（.*标点.*） · \d+ 处需人工判断$/.test(t)), titles.join(' | '));
    assert.ok(lenses.some(l => l.command?.command === 'jiaodui.cleanPage') && lenses.some(l => l.command?.command === 'jiaodui.reviewClean'));
    assert.ok(lenses.every(l => l.range.start.line === 0));
  });

  it('reviews the clean-up in a diff editor without touching the page, then applies it', async () => {
    // A page of its own: the workbench may autosave the cleaned page before the test ends.
    const repoSeeds = path.resolve(__dirname, '../../seeds');
    fs.writeFileSync(path.join(folder, 'review-page.txt'), fs.readFileSync(path.join(repoSeeds, S001)));
    const editor = await openPage('review-page.txt');
    const uri = editor.document.uri;
    await until(() => ours(uri).length > 0, 'diagnostics on seed 001');
    const before = editor.document.getText();
    await vscode.commands.executeCommand('jiaodui.reviewClean', uri);
    const diff = await until(() => vscode.window.tabGroups.all.flatMap(g => g.tabs).find(t => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'jiaodui-clean'), 'the diff editor');
    const input = diff.input as vscode.TabInputTextDiff;
    assert.equal(input.original.toString(), uri.toString());
    const preview = await vscode.workspace.openTextDocument(input.modified);
    assert.doesNotMatch(preview.getText(), /[\u4e00-\u9fff],[\u4e00-\u9fff]/);
    assert.equal(editor.document.getText(), before, 'the review changed the page');
    await vscode.commands.executeCommand('jiaodui.applyReviewedClean', input.modified);
    await until(() => editor.document.getText() !== before, 'the clean-up applied');
    assert.equal(editor.document.getText(), preview.getText());
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.join(folder, 'review-page.txt'), { force: true });
  });

  it('offers the clean-up among the Ctrl+. actions on a finding and as a source action', async () => {
    const editor = await openPage(S001);
    const uri = editor.document.uri;
    const d = await until(() => ours(uri).find(x => codeOf(x) === 'halfwidth-punct'), 'a halfwidth-punct diagnostic');
    const quick = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(quick.some(a => a.command?.command === 'jiaodui.cleanPage'), quick.map(a => a.title).join(' | '));
    const source = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.Source.value);
    assert.ok(source.some(a => a.kind?.value === 'source.cleanPage.jiaodui' && a.command?.command === 'jiaodui.cleanPage'), source.map(a => a.title).join(' | '));
  });

  it('puts the clean-up in the title bar and context menu of pages, and wraps their lines', () => {
    const manifest = vscode.extensions.getExtension('jiaodui.jiaodui')!.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
    for (const menu of ['editor/title', 'editor/context']) {
      const item = manifest.contributes.menus[menu].find(m => m.command === 'jiaodui.cleanPage');
      assert.ok(item && /newspaper/.test(item.when ?? '') && /jiaodui\.activeIsPage/.test(item.when ?? ''), `${menu}: ${JSON.stringify(item)}`);
    }
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'newspaper' }).get('wordWrap'), 'on');
  });

  it('outlines a page by article with the displaced headline restored', async () => {
    const editor = await openPage(S000);
    await until(() => ours(editor.document.uri).length > 0, 'diagnostics on seed 000');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.equal(symbols[0].name, '深耕细作“导师帮带制” 写好乡村振兴答卷');
    assert.equal(symbols[0].range.start.line, 0);
  });

  it('hovers a reporter name with plain, untrusted markdown', async () => {
    const editor = await openPage(S003);
    await until(() => ours(editor.document.uri).length > 0, 'diagnostics on seed 003');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, '杜挺勇', '本报记者'));
    const contents = hovers.flatMap(h => h.contents).filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
    const entityHover = contents.find(c => c.value.includes('人物'));
    assert.ok(entityHover, `no entity hover: ${contents.map(c => c.value).join(' | ')}`);
    assert.ok(!entityHover.isTrusted, 'hover must not be trusted');
  });

  it('highlights every occurrence of a name under the cursor', async () => {
    const editor = await openPage(S000);
    await until(() => ours(editor.document.uri).length > 0, 'diagnostics on seed 000');
    const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', editor.document.uri, positionOf(editor.document, '袁聚平'));
    assert.ok(highlights.length >= 3, `${highlights.length} highlights`);
    for (const h of highlights) assert.equal(editor.document.getText(h.range), '袁聚平');
  });

  it('finds an article by headline across the workspace', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', '千万工程');
    assert.ok(symbols.some(s => s.location.uri.fsPath.endsWith(S003) && s.name.includes('千万工程')), symbols.map(s => s.name).join(' | '));
  });

  it('fixes the page on save with editor.codeActionsOnSave', async () => {
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' });
    await config.update('codeActionsOnSave', { 'source.fixAll.jiaodui': 'explicit' }, vscode.ConfigurationTarget.Global, true);
    try {
      const editor = await openPage(S002);
      await until(() => ours(editor.document.uri).length > 0, 'diagnostics on seed 002');
      assert.match(editor.document.getText(), /[\u4e00-\u9fff],[\u4e00-\u9fff]/);
      // A real edit makes the save explicit and the document dirty.
      await editor.edit(b => b.insert(new vscode.Position(0, 0), ''));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await until(() => !/[\u4e00-\u9fff],[\u4e00-\u9fff]/.test(editor.document.getText()), 'fix-all on save');
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
    }
  });

  it('restarts a crashed server, and diagnostics come back', async () => {
    const serverPid = async () => {
      try { return (await vscode.commands.executeCommand<{ pid: number } | undefined>('jiaodui.internal.serverInfo'))?.pid; } catch { return undefined; }
    };
    const editor = await openPage(S003);
    const uri = editor.document.uri;
    await until(() => ours(uri).length > 0, 'diagnostics before the crash');
    const before = await serverPid();
    assert.ok(before && before !== process.pid, 'the server runs in its own process');
    process.kill(before, 'SIGKILL');
    let after: number | undefined;
    const deadline = Date.now() + 30_000;
    while (!(after && after !== before) && Date.now() < deadline) { await sleep(300); after = await serverPid(); }
    assert.ok(after && after !== before, 'a new server process');
    // The new server proofreads an edit: a half-width comma typed into Chinese text is flagged.
    const at = positionOf(editor.document, '博爱县把学习运用');
    await editor.edit(b => b.insert(at, ','));
    await until(() => ours(uri).some(d => codeOf(d) === 'halfwidth-punct' && d.range.start.line === at.line && d.range.start.character === at.character), 'diagnostics from the restarted server');
  });

  it('turns a rule off from the settings', async () => {
    const editor = await openPage(S001);
    const uri = editor.document.uri;
    await until(() => ours(uri).some(d => codeOf(d) === 'halfwidth-punct'), 'halfwidth-punct diagnostics');
    const config = vscode.workspace.getConfiguration('jiaodui');
    await config.update('rules', { 'halfwidth-punct': { enabled: false } }, vscode.ConfigurationTarget.Global);
    try {
      await until(() => ours(uri).length > 0 && !ours(uri).some(d => codeOf(d) === 'halfwidth-punct'), 'halfwidth-punct gone');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('warns by name about a missing or corrupt user dictionary, and proofreads on with the others', async () => {
    // Seed 002 as in the repository (an earlier test saves the workspace's copy fixed).
    const repoSeeds = path.resolve(__dirname, '../../seeds');
    fs.writeFileSync(path.join(folder, 'dictionary-page.txt'), fs.readFileSync(path.join(repoSeeds, S002)));
    const editor = await openPage('dictionary-page.txt');
    const uri = editor.document.uri;
    const flagged = () => ours(uri).some(d => codeOf(d) === 'lookalike-char' && editor.document.lineAt(d.range.start.line).text.includes('半安'));
    await until(() => flagged(), 'seed 002 flags 半安 (for 平安)');
    fs.writeFileSync(path.join(folder, 'corrupt.dict.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    fs.writeFileSync(path.join(folder, 'good.dict.txt'), '半安\n');
    const warnings: string[] = [];
    const window = vscode.window as { showWarningMessage: (message: string, ...rest: unknown[]) => Thenable<unknown> };
    const original = window.showWarningMessage;
    window.showWarningMessage = async (message: string) => { warnings.push(message); return undefined; };
    const config = vscode.workspace.getConfiguration('jiaodui');
    try {
      await config.update('userDictionaries', ['missing.dict.txt', 'corrupt.dict.txt', 'good.dict.txt'], vscode.ConfigurationTarget.Workspace);
      // The good file's word reaches the server; the default dictionary goes on analysing the page.
      await until(() => !flagged() && ours(uri).length > 0, '半安 accepted from good.dict.txt');
      await until(() => warnings.length >= 2, 'two warnings');
      assert.equal(warnings.length, 2, warnings.join('\n'));
      assert.ok(warnings.some(w => w.includes('missing.dict.txt') && /not found|找不到/.test(w)), warnings.join('\n'));
      assert.ok(warnings.some(w => w.includes('corrupt.dict.txt') && /corrupt|损坏/.test(w)), warnings.join('\n'));
      assert.ok(!warnings.some(w => w.includes('good.dict.txt')));
    } finally {
      window.showWarningMessage = original;
      await config.update('userDictionaries', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(path.join(folder, 'corrupt.dict.txt'), { force: true });
      fs.rmSync(path.join(folder, 'good.dict.txt'), { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(path.join(folder, 'dictionary-page.txt'), { force: true });
    }
  });
});
