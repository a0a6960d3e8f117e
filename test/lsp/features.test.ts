// The server's pure helpers: fix-all as line edits, which files are pages, settings validation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/core/text';
import { readSettings } from '../../server/src/lsp/features/config';
import { fixPage, lineDiff } from '../../server/src/engine/fix';
import { cjkRatio, globToRegExp, isNewspaperDocument, MIN_CJK_RATIO } from '../../server/src/lsp/features/selection';
import { defaultSettings } from '../../server/src/lsp/features/config';
import { dropIgnored } from '../../server/src/lsp/features/diagnostics';

const seeds = path.resolve(__dirname, '..', '..', 'seeds');
const seed = (name: string) => fs.readFileSync(path.join(seeds, name), 'utf8');

describe('line edits for fix-all', () => {
  const cases: Array<[string, string, string]> = [
    ['joins a wrapped line', '张建波\n告诉记者。\n下一段\n', '张建波告诉记者。\n下一段\n'],
    ['keeps CRLF line ends', '一\r\n二\r\n三\r\n', '一\r\n二三\r\n'],
    ['edits a last line without terminator', '甲\n乙,丙', '甲\n乙，丙'],
    ['deletes trailing lines', '甲\n0\n', '甲\n'],
    ['inserts a first line', '正文\n', '本报记者 某某\n\n正文\n'],
    ['changes two distant hunks separately', 'a\nb\nc\nd\ne\n', 'A\nb\nc\nd\nE\n'],
  ];
  for (const [name, before, after] of cases) {
    it(`${name}: the edits turn the old text into the new`, () => {
      assert.equal(applyEdits(before, lineDiff(before, after)), after);
    });
  }

  it('touches only the changed lines, in separate hunks', () => {
    const edits = lineDiff('a\nb\nc\nd\ne\n', 'A\nb\nc\nd\nE\n');
    assert.equal(edits.length, 2);
    assert.deepEqual(edits.map(e => [e.range.start.line, e.range.end.line]), [[0, 1], [4, 5]]);
  });

  it('reproduces the fixed seed pages exactly', function () {
    this.timeout(60_000);
    for (const name of fs.readdirSync(seeds)) {
      const text = seed(name);
      const result = fixPage(text, t => analyze(t, { entities: false }).findings);
      assert.equal(applyEdits(text, result.edits), result.text, name);
      // Stable: a second fix-all finds nothing more.
      assert.equal(fixPage(result.text, t => analyze(t, { entities: false }).findings).applied, 0, `${name} not stable`);
    }
  });
});

describe('which documents are newspaper pages', () => {
  const doc = (uri: string, languageId: string, text: string) => ({ uri, languageId, getText: () => text });

  it('takes a raw seed page for Chinese and an English note for not', () => {
    assert.ok(cjkRatio(seed('000_386ae1f4641b9e07.txt')) > 0.8);
    assert.ok(cjkRatio('Meeting notes: the editor, the proofreader and the printer.') < MIN_CJK_RATIO);
  });

  it('analyses mostly-Chinese plain text, never code with Chinese comments', () => {
    assert.ok(isNewspaperDocument(doc('file:///a/p.txt', 'plaintext', seed('003_7fc49da2a4fe33c9.txt')), defaultSettings));
    assert.ok(!isNewspaperDocument(doc('file:///a/m.ts', 'typescript', seed('003_7fc49da2a4fe33c9.txt')), defaultSettings));
    assert.ok(!isNewspaperDocument(doc('file:///a/r.txt', 'plaintext', 'Release notes\n- fixed a bug 修复\n'), defaultSettings));
  });

  it('always analyses files in the newspaper language or matching jiaodui.files', () => {
    const settings = { ...defaultSettings, files: ['**/archive/**/*.txt'] };
    assert.ok(isNewspaperDocument(doc('file:///x/archive/2022/05/p1.txt', 'plaintext', 'OCR page 1'), settings));
    assert.ok(isNewspaperDocument(doc('file:///x/a.txt', 'newspaper', 'x'), defaultSettings));
    assert.ok(!isNewspaperDocument(doc('file:///x/a.txt', 'newspaper', 'x'), { ...defaultSettings, enable: false }));
  });

  it('matches globs the way VS Code settings write them', () => {
    assert.ok(globToRegExp('**/*.news.txt').test('/home/u/p/0516.news.txt'));
    assert.ok(!globToRegExp('**/*.news.txt').test('/home/u/p/news.txt'));
    assert.ok(globToRegExp('*.news.txt').test('/deep/dir/a.news.txt'));
    assert.ok(globToRegExp('archive/{2021,2022}/*.txt').test('/w/archive/2022/a.txt'));
    assert.ok(!globToRegExp('archive/{2021,2022}/*.txt').test('/w/archive/2023/a.txt'));
    assert.ok(!globToRegExp('archive/*.txt').test('/w/archive/sub/a.txt'));
  });
});

describe('settings', () => {
  it('reads per-rule settings in full and shorthand form, dropping unknown rules and values', () => {
    const s = readSettings({ rules: { 'cjk-space': 'off', 'line-wrap': { severity: 'hint' }, 'no-such-rule': 'off', 'duplicate-char': { severity: 'loud' } }, locale: 'en' });
    assert.deepEqual(s.rules, { 'cjk-space': { enabled: false }, 'line-wrap': { severity: 'hint' }, 'duplicate-char': {} });
    assert.equal(s.locale, 'en');
  });

  it('falls back to defaults for a missing or malformed configuration', () => {
    assert.deepEqual(readSettings(undefined), defaultSettings);
    assert.deepEqual(readSettings({ enable: 'yes', files: 'x', ignoreWords: [1, ' 星星 ', ''] }), { ...defaultSettings, files: defaultSettings.files, ignoreWords: ['星星'] });
  });
});

describe('ignored words', () => {
  it('drops a finding inside an ignored word and keeps the others', () => {
    const lines = [{ index: 0, text: '他常常在星星下散步', offset: 0 }];
    const finding = (start: number, end: number) => ({ rule: 'duplicate-char' as const, severity: 'warning' as const, message: '', fixes: [], range: { start: { line: 0, character: start }, end: { line: 0, character: end } } });
    const kept = dropIgnored([finding(4, 6), finding(1, 3)], lines, ['星星']);
    assert.deepEqual(kept.map(f => f.range.start.character), [1]);
  });
});
