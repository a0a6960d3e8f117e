// Confusion sets: characters whose printed shapes differ by a stroke or a dot, which OCR engines
// confuse on newsprint (worn type, low resolution, a speck read as a dot). The `lookalike-char`
// rule tries each member of a character's set in its place and lets the language model decide;
// the sets themselves say nothing about which words are right, so they hold only shapes.
//
// Groups are symmetric: any member may be misread as any other. Sources: the classic OCR error
// tables for printed Chinese (one-stroke differences: 人/入/八, 己/已/巳, 未/末, 土/士, 日/曰,
// 戊/戌/戍), radical swaps that keep the outline (村/材 木 vs 寸 parts, 拨/拔, 侯/候, 折/析), and
// missing or extra horizontal strokes (半/平, 具/县, 千/干/于). Kept deliberately to pairs whose
// shapes a scanner really confuses: every extra member is one more way to flag a correct word.
const GROUPS: string[] = [
  // one stroke or a dot apart
  '人入八', '己已巳', '未末', '土士', '日曰', '戊戌戍', '大太犬', '天夭', '千干于', '午牛',
  '王玉主', '田由甲申', '白自', '目且', '刀力', '今令', '问间', '免兔', '鸟乌', '休体',
  '才寸', '厂广', '史吏', '失矢夫', '兵乒乓', '丸九', '贝见', '木本术', '予子', '冶治',
  '准淮', '洒酒', '汩汨', '苦若', '徒徙', '祟崇', '壁璧', '坚竖', '仑仓', '市巿',
  // a missing or extra horizontal stroke
  '半平', '具县', '旦且', '百白', '去丢', '未朱', '刁习', '处外', '占古', '卞卡',
  // radical swaps that keep the outline
  '村材', '拨拔', '侯候', '折析', '栽裁载', '辨辩辫', '暑署', '幕墓慕暮募', '晴睛', '烂栏拦',
  '汗污', '杨扬', '眼限', '恃持待', '籍藉', '菅管', '赢羸嬴', '候侯', '校较', '析柝',
  '拆折', '杆秆', '捡检验', '沽沾', '峰蜂锋', '陪培赔', '拄柱', '呐纳', '茅矛', '帐账',
];

const sets = new Map<string, string[]>();
/** 1 at the UTF-16 code of every character with look-alikes (all of them are in the BMP). */
const codes = new Uint8Array(65536);
/** The look-alikes of the character with a given code, for scans that read codes. */
const byCode = new Map<number, string[]>();
for (const g of GROUPS) {
  const members = [...g];
  for (const ch of members) {
    if (ch.length === 1) codes[ch.charCodeAt(0)] = 1;
    const others = sets.get(ch) ?? [];
    for (const o of members) if (o !== ch && !others.includes(o)) others.push(o);
    sets.set(ch, others);
    if (ch.length === 1) byCode.set(ch.charCodeAt(0), others);
  }
}

/** Characters a scanner may have read in place of `ch` (empty when `ch` has no look-alike). */
export function lookalikes(ch: string): readonly string[] {
  return sets.get(ch) ?? [];
}

export function hasLookalikes(ch: string): boolean {
  return sets.has(ch);
}

/** `lookalikes` of the character with UTF-16 code `code` (no one-character string to make). */
export function lookalikesOfCode(code: number): readonly string[] {
  return byCode.get(code) ?? [];
}

/** `hasLookalikes` of the character with UTF-16 code `code`, for scans over every character. */
export function hasLookalikeCode(code: number): boolean {
  return codes[code] === 1;
}
