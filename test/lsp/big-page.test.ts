// A page far longer than a newspaper page (the seed pages one after another, ~250k characters)
// through the built server: it gets the full analysis piece by piece (engine/pieced.ts), and
// every editor feature works on it as on a seed page — diagnostics down to its last lines, quick
// fixes and fix-all, outline, folding and workspace symbols, entity hover and highlights.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, DocumentHighlight, DocumentSymbol, FoldingRange, Hover, SymbolInformation, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { PIECE_MAX } from '../../server/src/engine/pieces';
import { root, seedsDir, TestClient } from './harness';

const seeds = fs.readdirSync(seedsDir).filter(f => f.endsWith('.txt')).sort().map(f => fs.readFileSync(path.join(seedsDir, f), 'utf8'));

/** The seed pages one after another, in a different order each round, until `chars` characters. */
function bigPage(chars: number): string {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < chars; i++) {
    const page = seeds[(i * 3 + Math.floor(i / seeds.length)) % seeds.length].replace(/\s+$/, '\n\n');
    parts.push(page);
    size += page.length;
  }
  return parts.join('');
}

/** Lines of `text` that include `needle` (and `also`). */
function linesWith(text: string, needle: string, also = ''): number[] {
  return text.split('\n').flatMap((l, i) => (l.includes(needle) && l.includes(also) ? [i] : []));
}

describe('language server on a page of 250k characters', function () {
  this.timeout(120_000);
  const uri = 'file:///tmp/jiaodui-test/big.txt';
  const text = bigPage(250_000);
  const lineCount = text.split('\n').length;
  let client: TestClient;
  let diagnostics: Diagnostic[];

  before(async () => {
    assert.ok(text.length > 6 * PIECE_MAX);
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
    client = new TestClient();
    await client.initialize();
    await client.open(uri, text);
    diagnostics = await client.diagnostics(uri, 1, 60_000);
  });

  after(async () => {
    await client?.shutdown();
  });

  it('counts its names and places after the first status, piece by piece, without holding up the diagnostics', async () => {
    type Status = { uri?: string; version?: number; counts?: { entities?: number; findings: number } | null };
    const statuses = () => (client.statuses as Status[]).filter(s => s.uri === uri && s.version === 1 && s.counts);
    await client.until(() => statuses().some(s => s.counts!.entities !== undefined), 60_000, 'entity count');
    const [first] = statuses();
    assert.equal(first.counts!.entities, undefined, 'the first status comes before the count');
    assert.equal(first.counts!.findings, diagnostics.length);
    assert.ok(statuses().at(-1)!.counts!.entities! > 100, `entities: ${statuses().at(-1)!.counts!.entities}`);
  });

  it('publishes the full analysis down to the last lines, with no degraded notice', () => {
    assert.ok(!diagnostics.some(d => d.code === 'degraded'), 'degraded');
    // Seed 000 opens with a line OCR broke after 张建波: every copy of it, to the last, is reported.
    const lines = broken(text);
    assert.ok(lines.length >= 5);
    for (const line of lines) {
      assert.ok(diagnostics.some(d => d.code === 'line-wrap' && d.range.start.line === line), `no line-wrap on line ${line + 1}`);
    }
    // Rules that need the page model and the language model, not only the cheap ones.
    for (const rule of ['split-paragraph', 'missing-byline', 'lookalike-char']) {
      assert.ok(diagnostics.some(d => d.code === rule && d.range.start.line > lineCount * 0.8), `no ${rule} in the last fifth`);
    }
  });

  it('re-publishes after a character is typed in the middle, with the finding on the edited line moved along', async () => {
    const line = broken(text).at(Math.floor(broken(text).length / 2))!;
    const lines = text.split('\n');
    lines[line] = `的${lines[line]}`;
    const version = await client.change(uri, lines.join('\n'));
    const after = await client.diagnostics(uri, version, 30_000);
    const wrap = after.find(d => d.code === 'line-wrap' && d.range.start.line === line);
    const before = diagnostics.find(d => d.code === 'line-wrap' && d.range.start.line === line)!;
    assert.ok(wrap, 'line-wrap on the edited line');
    assert.equal(wrap.range.start.character, before.range.start.character + 1);
    assert.equal(after.length, diagnostics.length);
    // Back to the page the other tests expect.
    await client.diagnostics(uri, await client.change(uri, text), 30_000);
  });

  it('offers the quick fix that joins a broken line on the last copy of a page, and applies it', async () => {
    const line = broken(text).at(-1)!;
    const version = client.docs.get(uri)!.version;
    const wrap = client.published.get(uri)!.find(p => p.version === version)!.diagnostics.find(d => d.code === 'line-wrap' && d.range.start.line === line)!;
    const actions = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: wrap.range, context: { diagnostics: [wrap], only: ['quickfix'] },
    }) as CodeAction[];
    const fix = actions.find(a => a.isPreferred) ?? actions[0];
    assert.ok(fix?.edit?.documentChanges, 'no quick fix');
    await client.applyTextDocumentEdit(fix.edit.documentChanges[0] as TextDocumentEdit);
    assert.match(client.docs.get(uri)!.getText().split('\n')[line], /张建波告诉记者/);
    await client.diagnostics(uri, await client.change(uri, text), 30_000);
  });

  it('outlines, folds and lists the articles of the whole page', async () => {
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as DocumentSymbol[];
    const headline = linesWith(text, '博爱县:学习“千万工程”经验');
    // One article per copy of seed 003, named by its headline (its range may take in the titles
    // the page before it ends with: the seeds were not made to be read one after another).
    const named = symbols.filter(s => s.name.startsWith('博爱县:学习“千万工程”经验'));
    assert.equal(named.length, headline.length);
    named.forEach((s, i) => assert.ok(s.range.start.line <= headline[i] && headline[i] <= s.range.end.line, `article ${s.range.start.line + 1}–${s.range.end.line + 1}`));
    for (let i = 1; i < symbols.length; i++) assert.ok(symbols[i].range.start.line >= symbols[i - 1].range.start.line, 'articles in page order');
    assert.ok(symbols.at(-1)!.range.end.line > lineCount * 0.95, 'the outline reaches the end of the page');

    const folds = await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } }) as FoldingRange[];
    assert.deepEqual(named.map(s => folds.find(f => f.startLine === s.range.start.line)?.endLine), named.map(s => s.range.end.line), 'a fold per article');

    const found = await client.connection.sendRequest('workspace/symbol', { query: '千万工程' }) as SymbolInformation[];
    assert.equal(found.filter(s => s.location.uri === uri && s.name.startsWith('博爱县')).length, headline.length);
  });

  it('hovers and highlights a county named on the last copy of a page', async () => {
    const lines = text.split('\n');
    const line = linesWith(text, '博爱县', '千万工程').at(-1)!;
    const position = { line, character: lines[line].indexOf('博爱县') + 1 };
    let hover: Hover | null = null;
    // Entities are computed after the diagnostics: ask until they are in.
    for (let k = 0; k < 60 && !hover; k++) {
      hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }) as Hover | null;
      if (!hover) await new Promise(r => setTimeout(r, 250));
    }
    const value = (hover!.contents as { value: string }).value;
    assert.ok(value.includes('河南省 › 焦作市 › 博爱县'), value);
    const highlights = await client.connection.sendRequest('textDocument/documentHighlight', { textDocument: { uri }, position }) as DocumentHighlight[];
    const every = linesWith(text, '博爱县');
    assert.deepEqual([...new Set(highlights.map(h => h.range.start.line))], every);
  });

  it('fixes the whole page at once with fix-all, leaving nothing fix-all would fix', async () => {
    const actions = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.jiaodui'] },
    }) as CodeAction[];
    assert.equal(actions.length, 1);
    const count = (ds: Diagnostic[], rule: string) => ds.filter(d => d.code === rule).length;
    await client.applyTextDocumentEdit(actions[0].edit!.documentChanges![0] as TextDocumentEdit);
    const fixed = await client.diagnostics(uri, client.docs.get(uri)!.version, 60_000);
    assert.ok(count(diagnostics, 'halfwidth-punct') > 1000);
    assert.ok(count(fixed, 'halfwidth-punct') < count(diagnostics, 'halfwidth-punct') / 10, `${count(fixed, 'halfwidth-punct')} half-width marks left`);
    assert.ok(!client.docs.get(uri)!.getText().split('\n').some(l => /张建波$/.test(l)), 'a broken line left');
  });
});

/** Lines of the page ending in 张建波: seed 000's first line, broken by OCR mid-sentence. */
function broken(text: string): number[] {
  return linesWith(text, '张建波').filter(i => text.split('\n')[i].endsWith('张建波'));
}
