// The article export: every character of a page ends up in exactly one article, caption or the
// page's leftovers — on the seed pages always, on the development pages of ../shared when present.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { articlesMarkdown, exportArticles, type PageExport } from '../../server/src/page/export';
import { safelyFixed } from '../../server/src/engine/export';
import { buildPiecedPage as pageOf } from '../../server/src/engine/pieced';

/** The page's characters, whitespace aside, in code-point order: what an export must keep. */
const charsOf = (s: string) => [...s.replace(/\s+/g, '')].sort().join('');

function exportedText(exp: PageExport): string {
  return [
    ...exp.articles.flatMap(a => [a.headline?.kicker ?? '', a.headline?.title ?? '', a.headline?.subtitle ?? '', ...a.bylines, ...a.parts.map(p => p.text), ...a.captions]),
    ...exp.leftovers.map(l => l.text),
  ].join('\n');
}

const seedsDir = path.join(__dirname, '..', '..', 'seeds');
const devDir = process.env.JIAODUI_PAGES ?? path.join(__dirname, '..', '..', '..', 'shared', 'eval', 'pages');

describe('article export', () => {
  describe('keeps every character of the page', () => {
    const pages = fs.readdirSync(seedsDir).filter(f => f.endsWith('.txt')).map(f => path.join(seedsDir, f));
    if (fs.existsSync(devDir)) pages.push(...fs.readdirSync(devDir).filter(f => f.endsWith('.txt')).sort().map(f => path.join(devDir, f)));
    else it.skip(`development pages (${devDir} not found)`);
    for (const file of pages) {
      it(`${path.basename(file)}: as printed, and with the safe fixes applied`, () => {
        const text = fs.readFileSync(file, 'utf8');
        assert.equal(charsOf(exportedText(exportArticles(pageOf(text)))), charsOf(text));
        // Safe fixes replace characters one for one (half-width punctuation, traditional forms)
        // and drop only whitespace: the export of the cleaned page has as many characters.
        const fixed = safelyFixed(text, { locale: 'zh', rules: {} });
        const exp = charsOf(exportedText(exportArticles(pageOf(fixed))));
        assert.equal(exp, charsOf(fixed));
        assert.equal(exp.length, charsOf(text).length);
      });
    }
  });

  describe('a small page in the seeds’ style', () => {
    const text = [
      '本报讯 5月16日下午，市委召开会议，安排部署防汛隐患排查整改工作。会议要求各地',
      '',
      '消除防汛隐患 确保安全度汛',
      '',
      '切实抓好问题整改，确保安全度汛。',
      '记者 李晓霞',
      '',
      '市民在河边散步。 本报记者 王柳 摄',
      '',
    ].join('\n');
    const exp = exportArticles(pageOf(text));
    it('gives the article its headline printed inside its sentence, and joins the sentence', () => {
      const a = exp.articles.find(x => x.headline?.title === '消除防汛隐患 确保安全度汛');
      assert.ok(a, JSON.stringify(exp.articles.map(x => x.headline)));
      assert.deepEqual(a.bylines, ['记者 李晓霞']);
      assert.equal(a.parts[0].text, '本报讯 5月16日下午，市委召开会议，安排部署防汛隐患排查整改工作。会议要求各地切实抓好问题整改，确保安全度汛。');
    });
    it('keeps the photo caption apart from the text', () => {
      assert.ok(exp.articles.some(a => a.captions.some(c => c.startsWith('市民在河边散步。'))));
      assert.ok(!exp.articles.some(a => a.parts.some(p => p.text.includes('散步'))));
    });
    it('writes Markdown with the headline as a heading and the byline marked', () => {
      const md = articlesMarkdown(exp);
      assert.match(md, /^# 消除防汛隐患 确保安全度汛$/m);
      assert.match(md, /^\*\*署名：\*\* 记者 李晓霞$/m);
      assert.match(articlesMarkdown(exp, 'en'), /^\*\*Byline:\*\* 记者 李晓霞$/m);
    });
  });
});
