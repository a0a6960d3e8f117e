// The page model on the real seed pages: blocks, breaks and articles a careful editor would see.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPage } from '../../server/src/page/page';
import { lexicon } from '../../server/src/language/lexicon';
import { parseByline, datelineEnd, splitCaptionCredit } from '../../server/src/page/lines';
import type { Page } from '../../server/src/page/model';

const seed = (name: string): Page => buildPage(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', name), 'utf8'), lexicon);
const kindAt = (page: Page, line1: number) => page.blocks.find(b => b.startLine <= line1 - 1 && b.endLine >= line1 - 1)?.kind;
const articleAt = (page: Page, line1: number) => page.articles.find(a => a.startLine <= line1 - 1 && a.endLine >= line1 - 1);

describe('page model', () => {
  describe('lines', () => {
    it('parses bylines with roles, media, photo credits and names split by an OCR space', () => {
      assert.deepEqual(parseByline('本报记者 李英俊 史文生 董 蕾')?.names, ['李英俊', '史文生', '董蕾']);
      assert.deepEqual(parseByline('巩义时报 吴瑞霞 文/图'), { names: ['吴瑞霞'], hasRole: false, photo: true });
      assert.equal(parseByline('段玉明 摄')?.photo, true);
      assert.equal(parseByline('记者 李晓霞 通讯员 王柳')?.names.length, 2);
      assert.equal(parseByline('乡村振兴正当时'), undefined);
      assert.equal(parseByline('强举措 优服务 抓落实'), undefined);
    });
    it('finds datelines, also with the reporters in brackets, but not words ending in 讯', () => {
      assert.equal(datelineEnd('本报讯 5月 16日下午'), 3);
      assert.equal(datelineEnd('本报讯 (记者段美如 通讯员段玉明) 2022年'), '本报讯 (记者段美如 通讯员段玉明)'.length);
      assert.equal(datelineEnd('通讯设施全面恢复'), undefined);
    });
    it('splits a caption from the photo credit printed on its line', () => {
      assert.deepEqual(splitCaptionCredit('许不浪(左)与村民交谈。 本报记者 宁江东 摄'), { caption: '许不浪(左)与村民交谈。', credit: '本报记者 宁江东 摄' });
    });
  });

  describe('seeds/000 (hard-wrapped columns, headlines printed after the bodies)', () => {
    const page = seed('000_386ae1f4641b9e07.txt');
    it('sees the byline under the body and the titles at the end', () => {
      assert.equal(kindAt(page, 64), 'byline');
      assert.equal(kindAt(page, 65), 'byline');
      assert.equal(kindAt(page, 95), 'headline');
      assert.equal(kindAt(page, 99), 'headline');
      assert.equal(kindAt(page, 102), 'body');
    });
    it('joins the word 场所码 split by a blank line', () => {
      assert.ok(page.breaks.some(b => b.kind === 'blank' && b.fromLine === 71 && b.toLine === 73));
    });
    it('gives the 本报讯 articles their headlines printed after the bodies, by content', () => {
      const a = articleAt(page, 31)!;
      assert.equal(a.headline, '巩义市：消除防汛隐患 确保安全度汛');
      assert.equal(a.headlineDisplaced, true);
      assert.equal(articleAt(page, 72)!.headline, '巩义市收听收看河南省“场所码”全覆盖推广视频会');
      const last = articleAt(page, 105)!;
      assert.equal(last.headline, '北山口镇开启“导师帮带制” 乡村振兴正当时');
      assert.equal(last.headlineDisplaced, false);
    });
  });

  describe('seeds/001 (one paragraph per line, a headline inside a column)', () => {
    const page = seed('001_95b150d32cc6734e.txt');
    it('recognises the page header, captions and photo credits', () => {
      assert.equal(kindAt(page, 3), 'header');
      assert.equal(kindAt(page, 15), 'caption');
      assert.equal(kindAt(page, 49), 'caption');
      assert.equal(kindAt(page, 51), 'byline');
    });
    it('joins a sentence across the headline and byline printed between its halves', () => {
      const br = page.breaks.find(b => b.fromLine === 18)!;
      assert.equal(br.kind, 'interleaved');
      assert.equal(br.toLine, 24);
      assert.deepEqual(br.between.map(b => b.kind), ['headline', 'byline']);
    });
    it('keeps the article together under that headline with its sections', () => {
      const a = articleAt(page, 39)!;
      assert.equal(a.headline, '周庄镇 党建引领激活乡村振兴 一池春水');
      assert.ok(a.sections.some(s => s.text === '党建+乡村治理 共画治理同心圆'));
    });
  });

  describe('seeds/003 and 004', () => {
    it('matches a headline printed after its article back to it', () => {
      const page = seed('003_7fc49da2a4fe33c9.txt');
      const a = articleAt(page, 63)!;
      assert.equal(a.headline, '朱乐军：粮食安全的守护者');
      assert.ok(a.bylines.some(b => b.text === '本报记者 杜挺勇'));
    });
    it('separates the four signed articles and the QR footer', () => {
      const page = seed('004_364d69f97ea6071c.txt');
      const titled = page.articles.filter(a => a.kind === 'article').map(a => a.headline);
      assert.deepEqual(titled, ['把握驻村工作五条线 奏响乡村振兴新乐章', '许不浪：带领村民过上好日子', '王娜娜：让初心在基层岗位上闪光', '武陟县交通运输行业党委：做货车司机的贴心人']);
      assert.equal(kindAt(page, 158), 'noise');
      assert.equal(kindAt(page, 56), 'caption');
    });
  });
});
