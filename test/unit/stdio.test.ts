// The server's stdio encoder (server/src/lsp/stdio.ts) sends a large page's diagnostics from their
// cached JSON: what it writes must be, byte for byte, what the library's encoder writes —
// `JSON.stringify` of the whole message — on a real page, while it is edited, and for text that
// JSON has to escape.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Message } from 'vscode-languageserver/node';
import { analyzeDocument, type PiecedAnalysis } from '../../server/src/engine/pieced';
import type { Finding } from '../../server/src/core/types';
import { noticeDiagnostic, toDiagnostic } from '../../server/src/lsp/features/diagnostics';
import { encodeMessage, jsonEncoder, routeConsole } from '../../server/src/lsp/stdio';

const seedsDir = path.join(__dirname, '..', '..', 'seeds');
const seeds = fs.readdirSync(seedsDir).filter(f => f.endsWith('.txt')).sort().map(f => fs.readFileSync(path.join(seedsDir, f), 'utf8'));

/** The seed pages one after another until `chars` characters: a page analysed in pieces. */
function bigPage(chars: number): string {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < chars; i++) {
    const page = seeds[i % seeds.length].replace(/\s+$/, '\n\n');
    parts.push(page);
    size += page.length;
  }
  return parts.join('');
}

/** A publishDiagnostics notification as vscode-languageserver hands it to the writer. */
function published(diagnostics: unknown[], version?: number, uri = 'file:///pages/big.news.txt'): Message {
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } } as Message;
}

/** What the library's own encoder writes. */
const library = (m: Message) => Buffer.from(JSON.stringify(m), 'utf8');

function assertSameBytes(m: Message, what: string): void {
  const ours = encodeMessage(m);
  const theirs = library(m);
  // Compared as buffers: a mismatch then says where, not just that 4 MB differ.
  if (!ours.equals(theirs)) {
    let i = 0;
    while (i < ours.length && ours[i] === theirs[i]) i++;
    assert.fail(`${what}: differs from byte ${i}: ${ours.subarray(i, i + 80).toString()} ≠ ${theirs.subarray(i, i + 80).toString()}`);
  }
}

const finding = (message: string, line: number): Finding => ({
  rule: 'garbled-text', severity: 'warning', message, fixes: [],
  range: { start: { line, character: 0 }, end: { line, character: 2 } },
});

/**
 * A frozen diagnostic whose message is a getter that counts its reads: the encoder does not look
 * for getters (toDiagnostic makes none), and the count tells whether it stringified the diagnostic.
 */
let reads = 0;
const spied = (message: string, line = 0) => Object.freeze({ ...toDiagnostic(finding(message, line)), get message() { reads++; return message; } });

function readsWhileEncoding(m: Message): number {
  const before = reads;
  encodeMessage(m);
  return reads - before;
}

describe('encoding messages for stdio', function () {
  this.timeout(120_000);
  const text = bigPage(150_000);
  let first: PiecedAnalysis;

  before(() => { first = analyzeDocument(text); });

  it('writes a large page\'s diagnostics as JSON.stringify does: the first time, the second, and from the cache after', async () => {
    const diagnostics = first.findings.map(toDiagnostic);
    assert.ok(diagnostics.length > 4000, `${diagnostics.length} diagnostics`);
    for (const sending of ['first', 'second', 'third']) assertSameBytes(published(diagnostics, 1), `${sending} sending`);
    // The writer's entry point says the same.
    assert.ok(Buffer.from(await jsonEncoder.encode(published(diagnostics, 1), { charset: 'utf-8' })).equals(library(published(diagnostics, 1))));
  });

  it('stays exact while the page is edited: a character typed and deleted, a line broken in two, a paragraph removed', () => {
    const at = text.indexOf('\n', text.length >> 1) + 3;
    const paragraph = text.indexOf('\n\n', at);
    let previous = first;
    let current = text;
    let before = new Set(previous.findings.map(toDiagnostic));
    assertSameBytes(published([...before], 1), 'before the edits');
    for (const [what, edit] of [
      ['a character typed', (t: string) => t.slice(0, at) + '的' + t.slice(at)],
      ['the character deleted', (t: string) => t.slice(0, at) + t.slice(at + 1)],
      ['a line broken in two', (t: string) => t.slice(0, at) + '\n' + t.slice(at)],
      ['a paragraph removed', (t: string) => t.slice(0, at) + t.slice(paragraph + 1)],
    ] as const) {
      current = edit(current);
      previous = analyzeDocument(current, { previous });
      const diagnostics = previous.findings.map(toDiagnostic);
      // Those of the pieces before the edit (and, if no line moved, after it) were sent before:
      // their kept texts are written, the others stringified and kept.
      const kept = diagnostics.filter(d => before.has(d)).length;
      assert.ok(kept > diagnostics.length * 0.3 && kept < diagnostics.length, `${what}: ${kept} of ${diagnostics.length} diagnostics sent before`);
      assertSameBytes(published(diagnostics, 2), what);
      assertSameBytes(published(diagnostics, 3), `${what}, sent again`);
      before = new Set(diagnostics);
    }
  });

  it('escapes what JSON has to escape as JSON.stringify does, in the texts it keeps too', () => {
    const odd = ['引号"与\\反斜杠', 'tab\tnew\nline\r', '\u0000\u001f\u007f', 'line\u2028para\u2029', 'lone \ud800 and \udfff surrogates', '𠀀𝄞 emoji 📰', '</script>', '{"括号":[1,2]}', '}]', '\\', '"', ''];
    for (const uri of ['file:///pages/%E6%8A%A5.txt', 'untitled:页 "1"\\\n']) {
      for (const version of [undefined, 7]) {
        const diagnostics: unknown[] = Array.from({ length: 2400 }, (_, i) => spied(odd[i % odd.length]));
        diagnostics.unshift(noticeDiagnostic('降级分析："引号"'));
        for (let sending = 0; sending < 2; sending++) assertSameBytes(published(diagnostics, version, uri), `uri ${uri}, version ${version}`);
        // Kept, all of them: the third sending reads none.
        assert.equal(readsWhileEncoding(published(diagnostics, version, uri)), 0);
        assertSameBytes(published(diagnostics, version, uri), `uri ${uri}, version ${version}, from the kept texts`);
      }
    }
  });

  it('keeps a diagnostic\'s text from its second sending on, or its first if the list holds diagnostics sent before', () => {
    // A page just opened: all its diagnostics are new.
    const diagnostics = [spied('被监视的'), ...Array.from({ length: 2000 }, (_, i) => toDiagnostic(finding('乱码', i + 1)))];
    assert.deepEqual([1, 2, 3, 4].map(() => readsWhileEncoding(published(diagnostics)) > 0), [true, true, false, false]);
    assertSameBytes(published(diagnostics), 'from the kept texts');
    // After an edit: a new diagnostic among those sent before.
    diagnostics.push(spied('新的'));
    assert.deepEqual([1, 2, 3].map(() => readsWhileEncoding(published(diagnostics)) > 0), [true, false, false]);
    assertSameBytes(published(diagnostics), 'with the new one kept');
  });

  it('writes diagnostics that may still change as they are when sent', () => {
    const mutable: Diagnostic[] = Array.from({ length: 2500 }, (_, i) => ({
      range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } }, message: `第${i}条`, source: 'jiaodui',
    }));
    // Frozen outside, but with a range that can still move.
    const shallow = Object.freeze({ ...toDiagnostic(finding('半冻结', 0)), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
    const diagnostics = [shallow, ...mutable];
    for (let sending = 0; sending < 3; sending++) assertSameBytes(published(diagnostics), 'before the change');
    mutable[100].message = '改过了';
    mutable[200].range.end.character = 9;
    shallow.range.start.line = 42;
    assertSameBytes(published(diagnostics), 'after the change');
    assert.match(encodeMessage(published(diagnostics)).toString(), /改过了/);
  });

  it('writes every other message as JSON.stringify does', () => {
    const many = first.findings.map(toDiagnostic);
    const messages = [
      { jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///a' }, position: { line: 1, character: 2 } } },
      { jsonrpc: '2.0', id: 1, result: { contents: { kind: 'markdown', value: '**巩义市**' } } },
      { jsonrpc: '2.0', method: 'jiaodui/status', params: { state: 'ready', counts: null } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [] } },
      // Not shaped as the library makes it: the list is not the last key.
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics: many, uri: 'file:///a' } },
      // An item that serialises itself: inside the list it would be passed its index.
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [...many, { toJSON: (key: string) => key }] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [...many, null, 3, 'x'] } },
    ] as unknown as Message[];
    for (const m of messages) for (let sending = 0; sending < 3; sending++) assertSameBytes(m, JSON.stringify(m).slice(0, 80));
  });
});

describe('console output over stdio', () => {
  it('goes to the client as log messages, never to stdout', () => {
    const saved = { ...console };
    const sent: string[] = [];
    const remote = { log: (m: string) => sent.push(`log ${m}`), info: (m: string) => sent.push(`info ${m}`), warn: (m: string) => sent.push(`warn ${m}`), error: (m: string) => sent.push(`error ${m}`) };
    const write = process.stdout.write;
    let written = '';
    process.stdout.write = ((chunk: string) => { written += chunk; return true; }) as typeof process.stdout.write;
    try {
      routeConsole(remote as unknown as Parameters<typeof routeConsole>[0]);
      console.log('%d 条', 3);
      console.info('info');
      console.warn('warn');
      console.error(new Error('出错了').message);
      console.debug('debug');
      console.dir({ a: 1 });
    } finally {
      process.stdout.write = write;
      Object.assign(console, saved);
    }
    assert.deepEqual(sent, ['log 3 条', 'info info', 'warn warn', 'error 出错了', 'log debug', 'log { a: 1 }']);
    assert.equal(written, '');
  });
});
