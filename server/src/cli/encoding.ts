// Decoding what archives actually contain: UTF-8 (with or without BOM), UTF-16 with a BOM, and
// GB18030/GBK, the encoding most Chinese newspaper archives were produced in. Anything else is
// refused with a reason rather than guessed at: a wrong guess would be written back as mojibake.
import { iconvLite } from '../core/iconv';

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** How a file was stored, so that a fixed text can be written back byte-compatible. */
export interface Encoding {
  name: EncodingName;
  bom: boolean;
}

export type Decoded =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; reason: DecodeFailure };

export type DecodeFailure = 'binary' | 'undecodable';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Share of non-ASCII characters that must be CJK (ideographs, CJK punctuation, full-width forms)
 * for bytes that are not UTF-8 to be read as GB18030. GB18030 maps almost every byte sequence to
 * *something*, so a clean decode alone proves little; Chinese prose is overwhelmingly CJK, while
 * Latin-1 or binary data decoded as GB18030 scatters into rare symbols and Yi/Hangul blocks.
 */
const MIN_CJK_SHARE = 0.9;

/**
 * Share of multi-byte characters that must lie in GB2312's rows (both bytes 0xA1–0xFE): the 7,000
 * common characters cover well over 99% of running Chinese text, while other double-byte encodings
 * read as GBK (Shift-JIS, Big5, EUC-KR) land mostly in GBK's rare extension rows (lead byte
 * 0x81–0xA0) or split into nonsense. Leaves room for the odd rare name character or traditional
 * form that an OCR page in GBK does contain.
 */
const MIN_GB2312_SHARE = 0.8;

/**
 * C0 control characters other than tab, line feed, form feed and carriage return, per character,
 * beyond which text is taken for binary. OCR output has none; one stray control is a finding
 * for `garbled-text`, not a reason to refuse the file.
 */
const MAX_CONTROL_SHARE = 0.01;

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bytes.indexOf(0) >= 0) return { ok: false, reason: 'binary' };

  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return checked(utf8.decode(body), { name: 'utf-8', bom });
  } catch {
    // Not UTF-8: a BOM then means a damaged UTF-8 file, not a GB18030 one.
    if (bom) return { ok: false, reason: 'undecodable' };
  }
  const text = decodeGb18030(body);
  if (text === undefined || cjkShare(text) < MIN_CJK_SHARE || gb2312Share(body) < MIN_GB2312_SHARE) return { ok: false, reason: 'undecodable' };
  return checked(text, { name: 'gb18030', bom: false });
}

function decodeUtf16(bytes: Uint8Array, name: 'utf-16le' | 'utf-16be'): Decoded {
  if ((bytes.length - 2) % 2) return { ok: false, reason: 'undecodable' };
  try {
    const text = new TextDecoder(name, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
    return checked(text, { name, bom: true });
  } catch {
    return { ok: false, reason: 'undecodable' };
  }
}

function decodeGb18030(bytes: Uint8Array): string | undefined {
  try {
    // Node's ICU decoder is strict (fatal), iconv-lite is not: prefer the strict one when present.
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof RangeError) {
      // Built without full ICU: iconv-lite substitutes U+FFFD for invalid sequences.
      const text = iconvLite().decode(Buffer.from(bytes), 'gb18030');
      return text.includes('\ufffd') ? undefined : text;
    }
    return undefined;
  }
}

function checked(text: string, encoding: Encoding): Decoded {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return { ok: false, reason: 'binary' };
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) controls++;
  }
  if (controls > Math.max(1, text.length * MAX_CONTROL_SHARE)) return { ok: false, reason: 'binary' };
  return { ok: true, text, encoding };
}

function cjkShare(text: string): number {
  let nonAscii = 0, cjk = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    nonAscii++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x20000 && c <= 0x3134f) ||
        (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) ||
        (c >= 0x2010 && c <= 0x2027) || (c >= 0x2460 && c <= 0x24ff) || (c >= 0x25a0 && c <= 0x25ff) || c === 0xb7) cjk++;
  }
  return nonAscii ? cjk / nonAscii : 1;
}

function gb2312Share(bytes: Uint8Array): number {
  let multi = 0, common = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    multi++;
    const b2 = bytes[i + 1] ?? 0;
    if (b2 >= 0x30 && b2 <= 0x39) { i += 3; continue; } // four-byte GB18030 sequence
    if (b >= 0xa1 && b2 >= 0xa1) common++;
    i++;
  }
  return multi ? common / multi : 1;
}

/** Encodes `text` the way the original file was stored (same encoding, same BOM). */
export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding.name) {
    case 'utf-8': {
      const body = Buffer.from(text, 'utf8');
      return encoding.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
    }
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const le = Buffer.from(text, 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
    case 'gb18030':
      return iconvLite().encode(text, 'gb18030');
  }
}
