import * as assert from 'node:assert/strict';
import { cleanForScoring, languageModel, segmentAt, tokenAt, tokenSpans } from '../../server/src/language/langmodel';
import { lookalikes } from '../../server/src/language/confusion';

describe('language model over jieba\'s dictionary', () => {
  const lm = languageModel();

  it('segments into the most probable dictionary words', () => {
    assert.deepEqual(lm.segment('预备党员和入党积极分子').segments.map(s => s.word).slice(-3), ['和', '入党', '积极分子']);
    assert.deepEqual(lm.segment('用来搞药材加工').segments.map(s => s.word), ['用来', '搞', '药材', '加工']);
  });

  it('prefers the corrected look-alike over the OCR reading', () => {
    assert.ok(lm.score('搞药材加工', 3) > lm.score('搞药村加工', 3));
    assert.ok(lm.score('平安法治篇', 3) > lm.score('半安法治篇', 3));
    assert.ok(lm.score('纳入村规民约', 3) > lm.score('纳人村规民约', 3));
  });

  it('keeps correct words more probable than their look-alikes', () => {
    assert.ok(lm.score('人民群众', 3) > lm.score('入民群众', 3));
    assert.ok(lm.score('具体项目', 3) > lm.score('县体项目', 3));
    assert.ok(lm.score('一半以上', 3) > lm.score('一平以上', 3));
  });

  it('treats digits and Latin as one neutral token and marks unknown characters', () => {
    const seg = lm.segment('有12个村');
    assert.equal(seg.segments.find(s => s.word === '12')?.known, true);
    assert.equal(segmentAt(seg, 1)?.word, '12');
    const odd = lm.segment('有乄人');
    assert.equal(odd.segments[1].known, false);
    assert.ok(odd.segments[1].logp < odd.segments[2].logp - 10);
  });

  it('scores text without the spaces OCR left at line ends, mapping back to the original', () => {
    const c = cleanForScoring('药村 加工');
    assert.equal(c.text, '药村加工');
    assert.deepEqual(c.origin, [0, 1, 3, 4]);
  });

  it('finds the jieba token covering an index', () => {
    const spans = tokenSpans([{ word: '搞', tag: 'v' }, { word: '药村', tag: 'x' }, { word: ' ', tag: 'x' }, { word: '加工', tag: 'vn' }]);
    assert.equal(tokenAt(spans, 2)?.word, '药村');
    assert.equal(tokenAt(spans, 4)?.word, '加工');
    assert.equal(tokenAt(spans, 9), undefined);
  });
});

describe('confusion sets', () => {
  it('are symmetric groups of similar shapes', () => {
    assert.ok(lookalikes('人').includes('入'));
    assert.ok(lookalikes('入').includes('人'));
    assert.ok(lookalikes('村').includes('材'));
    assert.ok(lookalikes('半').includes('平'));
    assert.ok(lookalikes('具').includes('县'));
    assert.deepEqual([...lookalikes('己')].sort(), ['已', '巳'].sort());
    assert.deepEqual(lookalikes('的'), []);
  });
});
