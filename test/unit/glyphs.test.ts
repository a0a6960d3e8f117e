import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { glyphModelPath, glyphModelReads, glyphNeighbours, glyphSimilarity, parseGlyphNeighbours } from '../../server/src/language/glyphs';

const root = path.resolve(__dirname, '..', '..');
const FONT = '/usr/share/fonts/truetype/arphic/uming.ttc';
/** Frequent characters of modern Chinese prose. */
const COMMON = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞';

/** Rank of `b` among `a`'s neighbours (0 = most similar), or Infinity. */
function rank(a: string, b: string): number {
  const i = glyphNeighbours(a).findIndex(n => n.ch === b);
  return i < 0 ? Infinity : i;
}

describe('glyph look-alikes (models/glyph-neighbours.txt)', () => {
  it('is the committed model, read from models/ when run from source', () => {
    assert.equal(glyphModelPath(), path.join(root, 'models', 'glyph-neighbours.txt'));
    assert.ok(fs.existsSync(glyphModelPath()));
  });

  it('ranks textbook printed look-alikes among the first few neighbours', () => {
    const pairs: [string, string][] = [
      ['己', '已'], ['已', '己'], ['已', '巳'], ['未', '末'], ['末', '未'], ['日', '曰'], ['曰', '日'], ['人', '入'], ['入', '人'],
      ['千', '干'], ['干', '于'], ['土', '士'], ['士', '土'], ['戊', '戌'], ['戌', '戍'], ['戍', '戊'],
    ];
    for (const [a, b] of pairs) assert.ok(rank(a, b) < 5, `${b} is neighbour #${rank(a, b) + 1} of ${a}`);
    // 八 (two strokes apart) is further from 人 than 入 is, yet a neighbour.
    assert.ok(rank('八', '人') < 20 && rank('八', '入') < 10);
    assert.ok(glyphSimilarity('人', '八') >= 0.5 && glyphSimilarity('人', '八') < glyphSimilarity('人', '入'));
  });

  it('scores look-alikes high and unrelated shapes zero or low', () => {
    assert.ok(glyphSimilarity('未', '末') > 0.8);
    assert.equal(glyphSimilarity('己', '已'), glyphSimilarity('已', '己'));
    assert.equal(glyphSimilarity('一', '鑫'), 0);
    assert.equal(glyphSimilarity('人', '疆'), 0);
    assert.ok(glyphSimilarity('日', '爨') < 0.5);
    assert.equal(glyphSimilarity('中', '中'), 1);
  });

  it('lists neighbours best first, in 0..1, never the character itself', () => {
    for (const ch of '未日己人千') {
      const nb = glyphNeighbours(ch);
      assert.ok(nb.length >= 5, `${ch} has ${nb.length} neighbours`);
      for (let i = 0; i < nb.length; i++) {
        assert.ok(nb[i].sim > 0 && nb[i].sim <= 1);
        assert.notEqual(nb[i].ch, ch);
        if (i) assert.ok(nb[i - 1].sim >= nb[i].sim);
      }
    }
    // Nearly every common character has look-alikes.
    const common = [...COMMON];
    const withNeighbours = common.filter(ch => glyphNeighbours(ch).length > 0).length;
    assert.ok(withNeighbours / common.length > 0.95, `${withNeighbours} of ${common.length} common characters have neighbours`);
    assert.deepEqual(glyphNeighbours('a'), []);
    assert.deepEqual(glyphNeighbours('。'), []);
  });

  it('reads the model file once per process', () => {
    glyphNeighbours('未');
    const reads = glyphModelReads();
    assert.equal(reads, 1);
    glyphNeighbours('末');
    glyphSimilarity('日', '曰');
    assert.equal(glyphModelReads(), reads);
  });

  it('parses neighbours outside the BMP and ignores comments', () => {
    const m = parseGlyphNeighbours('# comment\n𠀀\t丁90 𠀁85\n');
    assert.deepEqual(m.get('𠀀'), [{ ch: '丁', sim: 0.9 }, { ch: '𠀁', sim: 0.85 }]);
    assert.equal(m.size, 1);
  });

  it('is reproduced byte for byte by scripts/build-glyphs.mjs from the font', function () {
    if (!fs.existsSync(FONT)) {
      console.log(`      (skipped: ${FONT} is missing — apt-get install fonts-arphic-uming)`);
      this.skip();
    }
    this.timeout(300_000);
    const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'build-glyphs.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.match(out, /reproduced/);
  });
});
