// A second, independent LSP client: Debian's neovim (0.7) in headless mode starts the built
// server over stdio (`node dist/server.js --stdio`) and must receive the same diagnostics the
// analysis computes — same lines, rule ids and ranges. Neovim counts columns in UTF-8 bytes
// where LSP counts UTF-16 units, so matching ranges also proves the position encoding is right
// for a page of Chinese text.
//
// Run with `npm run test:nvim` (builds first). Skipped with a message when nvim is missing.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { warmUp } from '../../server/src/language/dictionary';
import type { Finding, Severity } from '../../server/src/core/types';

const root = path.resolve(__dirname, '../..');
const server = path.join(root, 'dist/server.js');
const luaScript = path.join(__dirname, 'nvim/diagnostics.lua');

interface NvimDiagnostic {
  lnum: number; col: number; end_lnum: number; end_col: number;
  code?: string; severity: number; source?: string; message: string;
}
interface NvimResult { diagnostics: NvimDiagnostic[]; errors: string[]; elapsed_ms?: number; line_count?: number }

/** vim.diagnostic.severity: ERROR=1 … HINT=4 (the LSP numbering). */
const nvimSeverity: Record<Severity, number> = { error: 1, warning: 2, info: 3, hint: 4 };

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** Opens `file` in headless neovim with the Jiaodui server attached; returns what nvim received. */
function diagnosticsInNeovim(file: string): NvimResult {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-nvim-')), 'result.json');
  try {
    // --clean: no user config or plugins; -n: no swap file; the lua script quits nvim itself.
    execFileSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${luaScript}`], {
      env: { ...process.env, JIAODUI_SERVER: server, JIAODUI_FILE: file, JIAODUI_OUT: out },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    return JSON.parse(fs.readFileSync(out, 'utf8')) as NvimResult;
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

/** UTF-16 column → UTF-8 byte column on one line (what neovim shows for an LSP position). */
function byteColumn(line: string, utf16: number): number {
  return Buffer.byteLength(line.slice(0, utf16), 'utf8');
}

/** One neovim run per page, shared by the tests that look at it. */
const runs = new Map<string, NvimResult>();
function received(file: string): NvimResult {
  let result = runs.get(file);
  if (!result) {
    const started = Date.now();
    result = diagnosticsInNeovim(file);
    console.log(`      neovim: ${result.diagnostics.length} diagnostics for ${path.basename(file)} in ${Date.now() - started} ms`);
    runs.set(file, result);
  }
  return result;
}

function key(line: number, col: number, endLine: number, endCol: number, code: string | undefined): string {
  return `${line}:${col}-${endLine}:${endCol} ${code}`;
}

describe('neovim as a second LSP client', function () {
  this.timeout(120_000);
  const version = nvimVersion();

  before(function () {
    if (!version) {
      console.log('    skipped: nvim is not installed (apt-get install -y neovim)');
      this.skip();
    }
    assert.ok(fs.existsSync(server), 'dist/server.js is missing: run npm run build');
    warmUp();
    console.log(`    ${version}`);
  });

  for (const seed of ['000_386ae1f4641b9e07.txt', '003_7fc49da2a4fe33c9.txt']) {
    it(`receives the analysis' diagnostics for seeds/${seed}, ranges converted to bytes`, function () {
      const file = path.join(root, 'seeds', seed);
      const text = fs.readFileSync(file, 'utf8');
      const lines = text.split(/\r?\n/);
      const result = received(file);
      assert.deepEqual(result.errors, []);

      const expected: Finding[] = analyze(text, { entities: false }).findings;
      assert.ok(expected.length > 0, 'the analysis finds nothing on a raw seed page');
      const toKey = (f: Finding) => key(
        f.range.start.line, byteColumn(lines[f.range.start.line] ?? '', f.range.start.character),
        f.range.end.line, byteColumn(lines[f.range.end.line] ?? '', f.range.end.character), f.rule);
      const got = result.diagnostics.map(d => key(d.lnum, d.col, d.end_lnum, d.end_col, d.code)).sort();
      assert.deepEqual(got, expected.map(toKey).sort());

      for (const d of result.diagnostics) assert.equal(d.source, 'jiaodui');
      const severities = new Map(expected.map(f => [toKey(f), nvimSeverity[f.severity]]));
      for (const d of result.diagnostics) {
        assert.equal(d.severity, severities.get(key(d.lnum, d.col, d.end_lnum, d.end_col, d.code)));
      }
    });
  }

  it('reports known problems of seeds/000 on their lines, with byte columns', function () {
    const file = path.join(root, 'seeds/000_386ae1f4641b9e07.txt');
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    const { diagnostics } = received(file);
    const at = (lnum: number, code: string) => diagnostics.filter(d => d.lnum === lnum && d.code === code);

    // Line 24 (0-based 23): `本报讯 5月 16日下午` — the OCR space inside the date `5月 16日`.
    const space = at(23, 'cjk-space');
    assert.equal(space.length, 1, JSON.stringify(diagnostics.filter(d => d.lnum === 23)));
    assert.equal(space[0].col, byteColumn(lines[23], lines[23].indexOf('月 16') + 1));

    // Line 42 (0-based 41): `确保早日交付使用;抓` — a half-width semicolon in Chinese text.
    const semicolon = at(41, 'halfwidth-punct');
    assert.equal(semicolon.length, 1, JSON.stringify(diagnostics.filter(d => d.lnum === 41)));
    assert.equal(semicolon[0].col, byteColumn(lines[41], lines[41].indexOf(';')));

    // The page opens mid-sentence and its lines are hard-wrapped OCR columns.
    assert.ok(diagnostics.some(d => d.code === 'line-wrap' && d.lnum < 12), 'no line-wrap in the first paragraph');
  });
});
