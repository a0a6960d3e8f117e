// Block roles and article boundaries on small pages written in the seeds' style: what each
// piece of evidence (a name under a title, a dateline, a bracketed signature, a scrap of a
// hard-wrapped line, a colon headline) makes of a block, and where articles begin.
import * as assert from 'node:assert/strict';
import { buildPage } from '../../server/src/page/page';
import { lexicon } from '../../server/src/language/lexicon';
import { datelineEnd, datelineFromAgency, datelineSigned } from '../../server/src/page/lines';
import type { Page } from '../../server/src/page/model';
import { isBareSignature, isCaptionLabel, isNumberedHead, isSignature } from '../../server/src/page/roles';
import { columnWidth, startsItem } from '../../server/src/page/columns';

const page = (...lines: string[]): Page => buildPage(lines.join('\n') + '\n', lexicon);
/** Kind of the block on 1-based line `line1`. */
const kindAt = (p: Page, line1: number) => p.blocks.find(b => b.startLine <= line1 - 1 && b.endLine >= line1 - 1)?.kind;
const headlines = (p: Page) => p.articles.filter(a => a.kind !== 'header').map(a => a.headline);

describe('block roles', () => {
  describe('datelines of any source', () => {
    const cases: [string, string | undefined][] = [
      ['本报郑州6月3日电 记者 周海燕 报道：6月2日，全省', '本报郑州6月3日电 记者 周海燕 报道：'],
      ['据新华社北京6月2日电（记者王丽）国家有关部门', '据新华社北京6月2日电（记者王丽）'],
      ['本报北京六月二日讯 记者李明报道：全国', '本报北京六月二日讯 记者李明报道：'],
      ['新华社西昌6月2日电 6月2日凌晨', '新华社西昌6月2日电'],
      ['本报记者日前电话采访了他', undefined],
      ['通讯设施全面恢复', undefined],
    ];
    for (const [text, dateline] of cases) {
      it(`reads ${text.slice(0, 12)}…`, () => {
        const end = datelineEnd(text);
        assert.equal(end === undefined ? undefined : text.slice(0, end), dateline);
      });
    }
    it('tells a signed dateline and an agency’s from a bare one', () => {
      const signed = '本报郑州6月3日电 记者 周海燕 报道：全省', agency = '新华社西昌6月2日电 6月2日凌晨', bare = '本报讯 6月3日上午，我市';
      assert.equal(datelineSigned(signed, datelineEnd(signed)!), true);
      assert.equal(datelineSigned(bare, datelineEnd(bare)!), false);
      assert.equal(datelineFromAgency(agency, datelineEnd(agency)!), true);
      assert.equal(datelineFromAgency(signed, datelineEnd(signed)!), false);
    });
  });

  describe('line shapes', () => {
    it('takes bare names for a signature, but not words the dictionary knows', () => {
      assert.ok(isBareSignature('刘晓梅', lexicon));
      assert.ok(isBareSignature('郭 强', lexicon));
      assert.ok(isBareSignature('本报评论员', lexicon));
      assert.ok(!isBareSignature('韩国', lexicon));
      assert.ok(!isBareSignature('良种', lexicon));
    });
    it('reads a signature with its workplace, bracketed or not', () => {
      assert.ok(isSignature('（郑州市金水区文化路小学 张明）', lexicon));
      assert.ok(isSignature('郑州市金水区文化路小学 张明', lexicon));
      assert.ok(!isSignature('强产业增收入 跑出富民加速度', lexicon));
    });
    it('knows caption labels and numbered heads', () => {
      assert.ok(isCaptionLabel('图片：'));
      assert.ok(!isCaptionLabel('图片新闻'));
      assert.ok(isNumberedHead('第三章 法律责任'));
      assert.ok(isNumberedHead('二'));
      assert.ok(isNumberedHead('2019年5月'));
      assert.ok(!isNumberedHead('二十年磨一剑'));
    });
    it('knows the start of a list item, not a decimal number', () => {
      assert.ok(startsItem('（四）检举、控告'));
      assert.ok(startsItem('一是加强领导'));
      assert.ok(startsItem('第二，加强管理'));
      assert.ok(!startsItem('3.5万元用于'));
      assert.ok(!startsItem('·立派说'));
    });
    it('measures the column of a hard-wrapped block, not of ragged lines', () => {
      const p = page('今年我市小麦平均亩产再创新高，', '丰收的背后，是良种、良法、良机', '的有力支撑。全市推广优质高产小', '麦品种。');
      assert.equal(columnWidth(p.blocks[0].lines), 30);
      const q = page('短句。', '这是一行长得多的句子，一直写下去。', '中等长度的一行。', '完。');
      assert.equal(columnWidth(q.blocks[0].lines), undefined);
    });
  });

  describe('roles in context', () => {
    it('reads a bare name under a title as its byline, and the title as a headline', () => {
      const p = page('老街巷有了新模样', '', '刘晓梅', '', '走进城东老街，青石板路干净整洁，沿街商铺招牌统一规范，老房子修旧如旧，处处透着古朴韵味。');
      assert.equal(kindAt(p, 1), 'headline');
      assert.equal(kindAt(p, 3), 'byline');
      assert.deepEqual(p.articles[0].bylines.map(b => b.text), ['刘晓梅']);
    });
    it('reads a pen name under a title as its byline, also one the dictionary lists as a rare word', () => {
      const body = '清晨的菜市场人声鼎沸，摊主们忙着摆放新鲜蔬菜，市民们挑挑拣拣，讨价还价声此起彼伏。';
      for (const pen of ['秋实', '海石']) {
        const p = page('菜市场里的烟火气', '', pen, '', body);
        assert.equal(kindAt(p, 3), 'byline', pen);
      }
      // A place the dictionary tags as one stays a title.
      const q = page('孟州', '', body);
      assert.notEqual(kindAt(q, 1), 'byline');
    });
    it('reads a bracketed note under a text as its signature, and 图片： as a caption', () => {
      const p = page('乡村夜校办到家门口', '', '近日，孟庄镇乡村夜校开课，五十多名群众走进课堂，学习果树修剪、电商销售等实用技术。', '', '（王建国）', '', '图片：', '', '夜校课堂上，农技专家讲解果树修剪技术。');
      assert.equal(kindAt(p, 5), 'byline');
      assert.equal(kindAt(p, 7), 'caption');
    });
    it('joins a scrap of a hard-wrapped line that blank lines made look like a title', () => {
      const p = page('今年以来，全市农业生产形势良好，各项工作稳步推进。', '', '近两年全市农业连', '', '续丰收，粮食总产量稳定在一百万吨以上，农民收入持续增长。');
      assert.equal(kindAt(p, 3), 'body');
      assert.ok(p.breaks.some(b => b.fromLine === 2 && b.toLine === 4));
    });
    it('keeps a title ending in an exclamation mark a title', () => {
      const p = page('前面一篇稿件的最后一段到此结束。', '', '文明祭扫，从我做起！', '', '清明将至，市文明办发出倡议，倡导广大市民文明祭扫、绿色祭扫，用鲜花代替纸钱，用网上祭扫寄托哀思。');
      assert.equal(kindAt(p, 3), 'headline');
    });
    it('reads a dispatch’s first line cut short by a hard wrap as body text', () => {
      const p = page('全省部署防汛工作', '', '本报郑州6月3日电（记者', '', '周海燕）6月2日，全省防汛工作会议在郑州召开，会议要求各地压实防汛责任。');
      assert.equal(kindAt(p, 3), 'body');
    });
  });
});

describe('article boundaries', () => {
  it('starts an article at each headline followed by its own dateline, not one article of many', () => {
    const p = page(
      '全省部署防汛工作', '', '本报郑州6月3日电 记者 周海燕 报道：全省防汛工作会议在郑州召开，会议要求各地压实防汛责任，加强隐患排查。', '',
      '洛阳牡丹文化节闭幕', '', '本报洛阳6月3日电 记者 陈立新 报道：洛阳牡丹文化节闭幕，本届文化节共接待游客两千余万人次。', '',
      '开封古城墙全线贯通', '', '本报开封6月3日电 记者 黄振宇 报道：开封古城墙保护修缮工程近日完工，修缮后的城墙全线贯通。',
    );
    assert.deepEqual(headlines(p), ['全省部署防汛工作', '洛阳牡丹文化节闭幕', '开封古城墙全线贯通']);
  });
  it('starts an article at a title of headline size followed by a plain lead', () => {
    const p = page(
      '南水北调配套工程通水', '', '本报记者 赵文华', '', '本报讯 6月3日上午，我市南水北调配套工程正式通水，全市城区供水保障能力进一步提升。', '',
      '图书馆延长开放时间', '', '暑假期间，市图书馆每天开放时间延长至晚上九时，并增设少儿阅览专区。',
    );
    assert.deepEqual(headlines(p), ['南水北调配套工程通水', '图书馆延长开放时间']);
  });
  it('keeps section heads shorter than the headline, speaking its words, inside the article', () => {
    const p = page(
      '小麦丰收背后的科技力量：良种良法良机', '', '本报记者 郭晓光', '',
      '今年我市小麦平均亩产再创新高，丰收的背后，是良种、良法、良机的有力支撑。', '',
      '良种', '', '全市推广优质高产小麦品种，良种覆盖率达到百分之九十八以上。', '',
      '良法', '', '各地推广宽幅精播、测土配方施肥等技术，农民种田越来越讲科学。',
    );
    assert.equal(p.articles.length, 1);
    assert.deepEqual(p.articles[0].sections.map(s => s.text), ['良种', '良法']);
  });
  it('ends a text at the signature run on after its last sentence: the next title, or untitled text, is another text', () => {
    const p = page(
      '乡村夜校办到家门口', '', '近日，孟庄镇乡村夜校开课，五十多名群众走进课堂，学习果树修剪、电商销售等实用技术。（王建国）', '',
      '明天天气预报', '', '晴转多云，南风三到四级，最高气温三十二摄氏度，最低气温二十一摄氏度。',
    );
    assert.deepEqual(headlines(p), ['乡村夜校办到家门口', '明天天气预报']);
    const q = page(
      '乡村夜校办到家门口', '', '近日，孟庄镇乡村夜校开课，五十多名群众走进课堂，学习果树修剪等实用技术。（王建国）', '',
      '我是一名退休教师，每天早上都到公园锻炼身体，看到不少市民随手乱扔垃圾，心里很不是滋味。', '', '（郑州市金水区 张明）',
    );
    assert.equal(q.articles.length, 2);
  });
  it('gives a headline printed under its dispatch back to it, also before the next dateline', () => {
    const p = page(
      '本报郑州6月3日电 记者 周海燕 报道：全省防汛工作会议在郑州召开，会议要求各地压实防汛责任，加强隐患排查，确保安全度汛。', '',
      '全省部署防汛工作', '',
      '本报洛阳6月3日电 记者 陈立新 报道：洛阳牡丹文化节闭幕，本届文化节共接待游客两千余万人次，牡丹产业链条不断延伸。', '',
      '洛阳牡丹文化节闭幕',
    );
    assert.deepEqual(p.articles.map(a => [a.headline, a.headlineDisplaced, a.startLine]), [['全省部署防汛工作', true, 0], ['洛阳牡丹文化节闭幕', true, 4]]);
  });
});
