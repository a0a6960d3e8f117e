// Whether a text is a GB18030/GBK page that an editor decoded with the wrong encoding. Editors
// open files as UTF-8 by default; a GBK archive page then shows up as
//   - U+FFFD everywhere (GBK's two-byte sequences are not valid UTF-8), ASCII intact; or
//   - Latin-1/Windows-1252 letters (`±±É½¿ÚÕò`) when the editor guessed a single-byte encoding.
// The text cannot be repaired from inside the document (the bytes are gone, or would be written
// back wrongly): the one useful message is "reopen the file as GB18030". Pure: no editor API.
import { iconvLite } from './iconv';

export type Mojibake = 'gbk-as-utf8' | 'gbk-as-latin1';

/**
 * Least number of suspect characters. A page has thousands of characters; a handful of U+FFFD
 * is a damaged spot (reported character by character by garbled-text), not a wrong encoding.
 */
const MIN_SUSPECT = 20;
/**
 * Share of the non-ASCII characters that must be suspect. A GBK page decoded as UTF-8 is ≥ 90%
 * U+FFFD (the odd valid sequence decodes to a stray CJK or Latin letter); a UTF-8 page with
 * damaged spots stays far below half.
 */
const MIN_SUSPECT_SHARE = 0.5;
/**
 * For the Latin-1 case, share of the text that must read as CJK once its bytes are decoded as
 * GB18030: proves the Latin letters were Chinese, not French or German (whose accents would
 * decode to scattered rare symbols).
 */
const MIN_CJK_AFTER_REDECODE = 0.6;

export function detectMojibake(text: string): Mojibake | undefined {
  let nonAscii = 0, replacement = 0, latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd) replacement++;
    else if (c >= 0xa0 && c <= 0xff || c <= 0x2122 && W1252_EXTRA.has(c)) latin++; // all of W1252_EXTRA is ≤ U+2122 (™)
  }
  if (replacement >= MIN_SUSPECT && replacement >= nonAscii * MIN_SUSPECT_SHARE) return 'gbk-as-utf8';
  if (latin >= MIN_SUSPECT && latin >= nonAscii * MIN_SUSPECT_SHARE && redecodesAsChinese(text)) return 'gbk-as-latin1';
  return undefined;
}

/** Windows-1252's letters and marks outside Latin-1 (0x80–0x9F), which such mojibake also shows. */
const W1252_EXTRA = new Set([...'ŒœŠšŸŽžƒˆ˜–—‘’‚“”„†‡•…‰‹›€™'].map(ch => ch.charCodeAt(0)));

/**
 * Share of the suspect characters that must stand in runs of two or more. GBK encodes a Chinese
 * character as two high bytes, so its mojibake comes in runs (`±±É½¿Ú`); the accents of French or
 * German stand alone between ASCII letters (`très`), and would otherwise pair with the ASCII byte
 * after them into valid GBK.
 */
const MIN_PAIRED_SHARE = 0.8;

function redecodesAsChinese(text: string): boolean {
  // Only runs of high characters matter; a sample bounds the cost on a large file.
  const sample = text.slice(0, 20_000);
  const runs = sample.match(/[^\u0000-\u007f]{2,}/g) ?? [];
  const paired = runs.reduce((n, r) => n + r.length, 0);
  const high = sample.replace(/[\u0000-\u007f]/g, '').length;
  if (!high || paired < high * MIN_PAIRED_SHARE) return false;
  const bytes = iconvLite().encode(runs.join('\n'), 'win1252');
  // UTF-8 read as Latin-1 (`ä¸­`) also re-decodes as GBK (into `涓枃`-style nonsense); bytes that
  // are valid UTF-8 were UTF-8, and reopening as GB18030 would be the wrong advice.
  if (isUtf8(bytes)) return false;
  const decoded = iconvLite().decode(bytes, 'gb18030');
  let nonAscii = 0, cjk = 0;
  for (const ch of decoded) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    nonAscii++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2010 && c <= 0x201f)) cjk++;
  }
  return nonAscii > 0 && cjk / nonAscii >= MIN_CJK_AFTER_REDECODE;
}

function isUtf8(bytes: Uint8Array): boolean {
  try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); return true; } catch { return false; }
}
