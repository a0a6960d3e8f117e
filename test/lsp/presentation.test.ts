// How the language server presents a page to an editor in its first minutes (issue 17): the
// outline an editor navigates, the summary of what fix-all repairs and what is left to judge,
// quick fixes that move blocks without promoting a sub-head, severities that rank, and
// punctuation messages that name the marks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { analyze } from '../../server/src/engine/analyze';
import type { Block } from '../../server/src/page/model';
import { cleanPageActions, keepsHeadlines, quickFixes } from '../../server/src/lsp/features/codeActions';
import { readSettings } from '../../server/src/lsp/features/config';
import { fixableSummary } from '../../server/src/lsp/features/diagnostics';
import { chapterIndices, documentSymbols } from '../../server/src/lsp/features/symbols';

const seeds = path.resolve(__dirname, '..', '..', 'seeds');
const seed = (name: string) => fs.readFileSync(path.join(seeds, name), 'utf8');
const S000 = '000_386ae1f4641b9e07.txt', S002 = '002_0f6dadfbd653f096.txt', S003 = '003_7fc49da2a4fe33c9.txt';
const MECHANICAL = new Set(['halfwidth-punct', 'cjk-space', 'line-wrap', 'split-paragraph']);

const analyse = (text: string) => analyze(text, { locale: 'zh' });
const rows = (symbols: DocumentSymbol[]): number => symbols.reduce((n, s) => n + 1 + rows(s.children ?? []), 0);
const section = (text: string, line: number): Block => ({ id: line, kind: 'section', lines: [{ index: line, text, offset: 0 }], startLine: line, endLine: line, text });

describe('outline presentation', function () {
  this.timeout(60_000);

  it('shows seed 002 as one article whose chapters hold their sub-heads, the kicker in its detail, the captions in one node', () => {
    const { page } = analyse(seed(S002));
    const symbols = documentSymbols(page, 'zh');
    assert.ok(!symbols.some(s => s.name === '孟州'), `the kicker is an article: ${symbols.map(s => s.name).join(' | ')}`);
    const article = symbols.find(s => s.name.includes('创建图'));
    assert.ok(article, symbols.map(s => s.name).join(' | '));
    assert.match(article.detail ?? '', /孟州/);
    assert.match(article.detail ?? '', /李英俊/, 'the byline is in the detail');
    const children = article.children ?? [];
    const chapters = children.filter(c => /篇$/.test(c.name));
    assert.ok(chapters.length >= 4, children.map(c => c.name).join(' | '));
    // Every other section is a sub-head under a chapter, inside the chapter's range.
    for (const c of chapters) {
      for (const sub of c.children ?? []) assert.ok(sub.range.start.line > c.range.start.line && sub.range.end.line <= c.range.end.line, `${sub.name} outside ${c.name}`);
    }
    assert.ok(chapters.every(c => (c.children ?? []).length >= 1), 'a chapter without its sub-head');
    const captions = children.filter(c => /^图片说明 \(\d+\)$/.test(c.name));
    assert.equal(captions.length, 1);
    assert.equal(captions[0].children, undefined, 'captions are folded into the node by default');
    assert.ok(!children.some(c => c.detail === '署名'), 'no byline rows by default');
    assert.ok(rows(symbols) <= 16, `${rows(symbols)} rows`);
    // Every child lies within its parent, as LSP requires of a document symbol tree.
    const inside = (s: DocumentSymbol) => {
      for (const c of s.children ?? []) {
        assert.ok(c.range.start.line >= s.range.start.line && c.range.end.line <= s.range.end.line, `${c.name} outside ${s.name}`);
        inside(c);
      }
    };
    symbols.forEach(inside);
  });

  it('lists the captions under their node, or hides them, as jiaodui.outline.captions says', () => {
    const { page } = analyse(seed(S002));
    const article = (captions: string) => documentSymbols(page, 'zh', readSettings({ outline: { captions } }).outline).find(s => s.name.includes('创建图'))!;
    const listed = article('list').children!.find(c => c.name.startsWith('图片说明'))!;
    assert.ok((listed.children ?? []).length >= 5);
    assert.ok(!article('hide').children!.some(c => c.name.startsWith('图片说明')));
    const withBylines = documentSymbols(page, 'zh', readSettings({ outline: { bylines: true } }).outline).find(s => s.name.includes('创建图'))!;
    assert.ok(withBylines.children!.some(c => c.name.includes('李英俊')));
  });

  it('nests nothing where the sections form no series (seed 003 keeps its parallel labels as chapters)', () => {
    const { page } = analyse(seed(S003));
    const article = documentSymbols(page, 'zh').find(s => s.name.includes('千万工程'))!;
    const names = (article.children ?? []).map(c => c.name);
    assert.ok(names.includes('抓头雁树典型'), names.join(' | '));
    assert.ok(article.children!.every(c => /^抓/.test(c.name)), 'the 抓… labels are the chapters');
  });

  it('finds chapter series by a shared last character, by numbering, or by parallel labels, and none in unrelated sub-heads', () => {
    const series = (texts: string[]) => [...chapterIndices(texts.map(section))].sort((a, b) => a - b);
    assert.deepEqual(series(['改革创新篇', '小村庄里的大变化', '民生保障篇', '一条路带富一方人']), [0, 2]);
    assert.deepEqual(series(['一、基本情况', '村里的新鲜事', '二、主要做法', '三、下一步打算']), [0, 2, 3]);
    assert.deepEqual(series(['强基础补短板', '一池春水满目新', '强服务惠民生', '一张蓝图绘到底', '强队伍增活力']), [0, 2, 4]);
    assert.deepEqual(series(['春耕正当时', '“小菜园”变身“大花园”', '老兵的新战场']), []);
  });
});

describe('summary and ranking', function () {
  this.timeout(60_000);

  it('ranks the mechanical findings below the content ones by default, and counts what fix-all repairs', () => {
    const { findings } = analyse(seed(S002));
    for (const f of findings) {
      if (MECHANICAL.has(f.rule)) assert.equal(f.severity, 'info', `${f.rule} ${f.message}`);
    }
    assert.ok(findings.some(f => !MECHANICAL.has(f.rule) && (f.severity === 'warning' || f.severity === 'error')));
    const { fixable, byRule, manual } = fixableSummary(findings);
    assert.equal(fixable + manual, findings.filter(f => f.severity !== 'hint').length);
    assert.ok(fixable > 10 * manual, `${fixable} fixable, ${manual} to judge`);
    assert.ok((byRule['halfwidth-punct'] ?? 0) > 0 && (byRule['cjk-space'] ?? 0) > 0);
  });

  it('keeps a severity the user set for a mechanical rule', () => {
    const { findings } = analyze(seed(S002), { locale: 'zh', rules: { 'halfwidth-punct': { severity: 'warning' } } });
    assert.ok(findings.filter(f => f.rule === 'halfwidth-punct').every(f => f.severity === 'warning'));
  });

  it('names punctuation marks in words instead of wrapping them in more quotes', () => {
    const text = '他说:"今年的收成不错,大家都很高兴(记者注)。"';
    const messages = analyse(text).findings.filter(f => f.rule === 'halfwidth-punct').map(f => f.message);
    assert.ok(messages.includes('半角冒号 : 应为全角冒号 ：'), messages.join(' | '));
    assert.ok(messages.includes('半角逗号 , 应为全角逗号 ，'), messages.join(' | '));
    assert.ok(messages.includes('直引号 " 应为左引号 “'), messages.join(' | '));
    assert.ok(messages.includes('直引号 " 应为右引号 ”'), messages.join(' | '));
    for (const m of messages) assert.doesNotMatch(m, /[“”][“”"]|["“][“”]/, `a row of marks: ${m}`);
    const en = analyze(text, { locale: 'en' }).findings.filter(f => f.rule === 'halfwidth-punct').map(f => f.message);
    assert.ok(en.some(m => m.startsWith('Straight quote " in Chinese text')), en.join(' | '));
  });

  it('offers the clean-up as a command next to a finding\'s quick fixes and as a source action', () => {
    const { findings } = analyse(seed(S002));
    const [clean, review] = cleanPageActions(findings, 'zh', 'source.cleanPage.jiaodui');
    assert.equal(clean.command?.command, 'jiaodui.cleanPage');
    assert.equal(review.command?.command, 'jiaodui.reviewClean');
    assert.match(clean.title, /^清理本版/);
    assert.equal(clean.edit, undefined, 'nothing is computed before it is chosen');
    assert.deepEqual(cleanPageActions(analyse('今天天气很好。\n').findings, 'zh', 'quickfix'), []);
  });
});

describe('fixes that move blocks', function () {
  this.timeout(60_000);

  it('never offers to move a sub-head where it would become the article\'s headline (seed 002)', () => {
    const text = seed(S002);
    const { page, findings } = analyse(text);
    const keeps = (edits: Parameters<typeof keepsHeadlines>[1]) => keepsHeadlines(page, edits, t => analyse(t).page);
    const interleaved = findings.filter(f => f.rule === 'interleaved-block');
    assert.ok(interleaved.length > 0);
    let withheld = 0;
    for (const f of interleaved) {
      const offered = quickFixes('file:///p.txt', 1, [f], f.range, [], keeps);
      const raw = quickFixes('file:///p.txt', 1, [f], f.range, []);
      if (offered.length < raw.length) withheld++;
      // Whatever is offered leaves every article its headline.
      for (const a of offered) {
        const edits = (a.edit!.documentChanges![0] as { edits: Parameters<typeof keepsHeadlines>[1] }).edits;
        assert.ok(keepsHeadlines(page, edits, t => analyse(t).page));
      }
    }
    assert.ok(withheld >= 1, 'the sub-head move was offered');
  });

  it('still offers to move an article\'s own displaced headline to its start (seed 000)', () => {
    const { page, findings } = analyse(seed(S000));
    const displaced = findings.filter(f => f.rule === 'displaced-headline');
    assert.ok(displaced.length > 0);
    const keeps = (edits: Parameters<typeof keepsHeadlines>[1]) => keepsHeadlines(page, edits, t => analyse(t).page);
    const offered = displaced.flatMap(f => quickFixes('file:///p.txt', 1, [f], f.range, [], keeps));
    assert.ok(offered.length >= 1, 'no displaced-headline fix offered');
  });
});
