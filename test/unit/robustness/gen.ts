// Seeded random inputs for the robustness suite. A small PRNG (mulberry32) instead of a property
// testing library: every failure names its seed and case number, and re-running with the same
// seed (JIAODUI_FUZZ_SEED) reproduces the exact input.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitLines } from '../../../server/src/core/text';
import type { Finding, Range, TextEdit } from '../../../server/src/core/types';

export const seedsDir = path.join(__dirname, '..', '..', '..', 'seeds');
export const seedNames = fs.readdirSync(seedsDir).filter(f => f.endsWith('.txt')).sort();
export const seedText = (name: string) => fs.readFileSync(path.join(seedsDir, name), 'utf8');

/** The suite's seed: fixed in CI so a run is reproducible, overridable to explore further. */
export const FUZZ_SEED = Number(process.env.JIAODUI_FUZZ_SEED ?? 20240506);

export type Rng = ReturnType<typeof rng>;

export function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

/** Pools of characters the fuzzer draws from, each a kind of text an OCR page or a bad file holds. */
const POOLS: Record<string, (r: Rng) => string> = {
  cjk: r => String.fromCharCode(r.int(0x4e00, 0x9fff)),
  common: r => r.pick([...'的一是在了不和有大这中人上为们地个用工时要动国产以我到他会作来分生对于学下级就年阶义发成部民可出能方进同行面说种过命度革而多子后自社加小机也经力线本电高量长党得实家定深法表着水理化争现所二起政三好十战无农使性前等反体合斗路图把结第里正新开论之物从当两些还天资事队批如应形想制心样干都向变关点育重其思与间内去因件日利相由压员气业代全组数果期导平各基或月毛然问比展那它最及外没看治提五解系林者米群头意只明四道马认次文通但条较克又公孔领军流入接席位情运器并飞原油放立题质指建区验活众很教决特此常石强极土少已根共直团统式转别造切九你取西持总料连任志观调七么山程百报更见必真保热委手改管处己将修支识病象几先老光专什六型具示复安带每东增则完风回南广劳轮科北打积车计给节做务被整联步类集号列温装即毫知轴研单色坚据速防史拉世设达尔场织历花受求传口断况采精金界品判参层止边清至万确究书术状厂须离再目海交权且儿青才证低越际八试规斯近注办布门铁需走议县兵固除般引齿千胜细影济白格效置推空配刀叶率述今选养德话查差半敌始片施响收华觉备名红续均药标记难存测士身紧液派准斤角降维板许破述技消底床田势端感往神便贺村构照容非搞亚磨族火段算适讲按值美态黄易彪服早班麦削信排台声该击素张密害侯草何树肥继右属市严径螺检左页抗苏显苦英快称坏移约巴材省黑武培著河帝仅针怎植京助升王眼她抓含苗副杂普谈围食射源例致酸旧却充足短划剂宣环落首尺波承粉践府鱼随考刻靠够满夫失包住促枝局菌杆周护岩师举曲春元超负砂封换太模贫减阳扬江析亩木言球朝医校古呢稻宋听唯输滑站另卫字鼓刚写刘微略范供阿块某功套友限项余倒卷创律雨让骨远帮初皮播优占死毒圈伟季训控激找叫云互跟裂粮粒母练塞钢顶策双留误础吸阻故寸盾晚丝女散焊功株亲院冷彻弹错散商视艺灭版烈零室轻血倍缺厘泵察绝富城冲喷壤简否柱李望盘磁雄似困巩益洲脱投送奴侧润盖挥距触星松送获兴独官混纪依未突架宽冬章湿偏纹吃执阀矿寨责熟稳夺硬价努翻奇甲预职评读背协损棉侵灰虽矛厚罗泥辟告卵箱掌氧恩爱停曾溶营终纲孟钱待尽俄缩沙退陈讨奋械载胞幼哪剥迫旋征槽倒握担仍呀鲜吧卡粗介钻逐弱脚怕盐末阴丰雾冠丙街莱贝辐肠付吉渗瑞惊顿挤秒悬姆烂森糖圣凹陶词迟蚕亿矩'])
  ,
  punct: r => r.pick([...'，。、；：？！“”‘’（）《》【】…—·,.;:?!"\'()[]<>-~@#%&*=+_/\\|`{}^$']),
  space: r => r.pick([' ', '  ', '\u3000', '\t', '\u00a0', '\u2003']),
  breaks: r => r.pick(['\n', '\n\n', '\r\n', '\r', '\n\n\n\n', '\u2028', '\u0085']),
  latin: r => String.fromCharCode(r.pick([r.int(0x41, 0x5a), r.int(0x61, 0x7a), r.int(0x30, 0x39)])),
  digits: r => String(r.int(0, 99999)),
  astral: r => String.fromCodePoint(r.pick([0x20000, r.int(0x20000, 0x2a6df), r.int(0x2a700, 0x2b73f), 0x1f600, r.int(0x1f300, 0x1f6ff), 0x1d11e])),
  combining: r => String.fromCharCode(r.int(0x0300, 0x036f)) + (r.chance(0.3) ? '\u20dd' : ''),
  surrogate: r => String.fromCharCode(r.chance(0.5) ? r.int(0xd800, 0xdbff) : r.int(0xdc00, 0xdfff)),
  control: r => String.fromCharCode(r.pick([0, 1, 7, 8, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x85, 0x9f, 0x200b, 0x200e, 0x202e, 0xfeff, 0xfffd, 0xfffe, 0xffff])),
  fullwidth: r => String.fromCharCode(r.int(0xff01, 0xff5e)),
  scripts: r => String.fromCharCode(r.pick([r.int(0x0400, 0x04ff), r.int(0x0600, 0x06ff), r.int(0x0e00, 0x0e7f), r.int(0xac00, 0xd7a3), r.int(0x3040, 0x30ff), r.int(0x0900, 0x097f), r.int(0xe000, 0xf8ff), r.int(0x2460, 0x24ff)])),
  markup: r => r.pick(['[点此](command:workbench.action.quit)', '<img src=x onerror=alert(1)>', '`code`', '**粗**', '# 标题', '\\', '$(zap)', '&lt;', '```']),
  any: r => String.fromCharCode(r.int(0, 0xffff)),
};

const POOL_NAMES = Object.keys(POOLS);

/** Random text of about `length` UTF-16 units; `weights` biases pools (CJK-heavy by default). */
export function randomText(r: Rng, length: number, bias: 'cjk' | 'mixed' | 'garbage' = 'cjk'): string {
  const parts: string[] = [];
  let n = 0;
  while (n < length) {
    let pool: string;
    if (bias === 'garbage') pool = r.chance(0.7) ? 'any' : r.pick(POOL_NAMES);
    else if (bias === 'cjk') pool = r.chance(0.7) ? 'common' : r.chance(0.5) ? r.pick(['punct', 'breaks', 'space', 'digits', 'latin']) : r.pick(POOL_NAMES);
    else pool = r.pick(POOL_NAMES);
    const s = POOLS[pool](r);
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

/** Random bytes decoded as UTF-8 (what opening a binary file as text gives an editor). */
export function binaryGarbage(r: Rng, bytes: number): string {
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = r.int(0, 255);
  return b.toString('utf8');
}

/** A real page with random damage: lines deleted, duplicated, blank lines inserted, characters swapped or dropped. */
export function mutatePage(r: Rng, text: string, edits: number): string {
  const lines = text.split('\n');
  for (let k = 0; k < edits; k++) {
    const i = r.int(0, Math.max(0, lines.length - 1));
    switch (r.int(0, 7)) {
      case 0: lines.splice(i, 1); break;
      case 1: lines.splice(i, 0, lines[i] ?? ''); break;
      case 2: lines.splice(i, 0, ''); break;
      case 3: {
        const l = lines[i] ?? '';
        if (l.length < 2) break;
        const j = r.int(0, l.length - 2);
        lines[i] = l.slice(0, j) + l[j + 1] + l[j] + l.slice(j + 2);
        break;
      }
      case 4: { const l = lines[i] ?? ''; const j = r.int(0, l.length); lines[i] = l.slice(0, j) + l.slice(j + 1); break; }
      case 5: { const l = lines[i] ?? ''; const j = r.int(0, l.length); lines[i] = l.slice(0, j) + randomText(r, r.int(1, 6), 'mixed') + l.slice(j); break; }
      case 6: { const l = lines[i] ?? ''; const j = r.int(0, l.length); lines.splice(i, 1, l.slice(0, j), l.slice(j)); break; }
      default: { const j = r.int(0, Math.max(0, lines.length - 1)); [lines[i], lines[j]] = [lines[j], lines[i]]; }
    }
  }
  return lines.join('\n');
}

// ---- properties ---------------------------------------------------------------------------

function inside(lengths: readonly number[], p: { line: number; character: number }): boolean {
  return Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= lengths[p.line];
}

function notAfter(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** Fails unless `range` lies inside the document whose line lengths are `lengths`, start ≤ end. */
export function assertRangeInside(range: Range, lengths: readonly number[], what: string): void {
  assert.ok(inside(lengths, range.start) && inside(lengths, range.end) && notAfter(range.start, range.end),
    `${what}: range ${JSON.stringify(range)} outside a document of ${lengths.length} lines`);
}

/** Every finding's range and every fix edit's range inside the document; a fix's edits pairwise disjoint. */
export function assertFindingsWellFormed(text: string, findings: readonly Finding[], where: string): void {
  const lengths = splitLines(text).lines.map(l => l.text.length);
  for (const f of findings) {
    assertRangeInside(f.range, lengths, `${where} ${f.rule}`);
    assert.equal(typeof f.message, 'string', `${where} ${f.rule}: message`);
    for (const fix of f.fixes) {
      fix.edits.forEach(e => assertRangeInside(e.range, lengths, `${where} ${f.rule} fix "${fix.title}"`));
      assertDisjoint(fix.edits, `${where} ${f.rule} fix "${fix.title}"`);
    }
  }
}

export function assertDisjoint(edits: readonly TextEdit[], what: string): void {
  const sorted = [...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1].range, cur = sorted[i].range;
    const prevEmpty = prev.start.line === prev.end.line && prev.start.character === prev.end.character;
    const curEmpty = cur.start.line === cur.end.line && cur.start.character === cur.end.character;
    // Touching is fine; sharing a character is not, nor two insertions at one point (their order is undefined).
    const ok = prevEmpty && curEmpty ? !notAfter(cur.start, prev.end) : notAfter(prev.end, cur.start);
    assert.ok(ok, `${what}: overlapping edits ${JSON.stringify(prev)} and ${JSON.stringify(cur)}`);
  }
}
