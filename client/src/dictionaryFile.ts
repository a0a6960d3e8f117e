// A user dictionary file's bytes → its words, or why they cannot be used. Pure (no `vscode`), so
// it is unit-tested on its own; dictionaries.ts finds the files and tells the user.

/** Longest dictionary file read; a word list larger than this is not a user dictionary. */
export const MAX_DICTIONARY_BYTES = 5_000_000;

/**
 * Why a dictionary file gives no words: `binary` — NUL bytes, so not a text file at all (an
 * image, an archive, a file cut short by a crash); `not-utf8` — text in another encoding (a
 * word list saved as GBK by an older Windows editor is the usual case).
 */
export type CorruptKind = 'binary' | 'not-utf8';

export type DecodedDictionary = { ok: true; words: string[] } | { ok: false; kind: CorruptKind };

/**
 * UTF-8 (with or without BOM) as jieba's own dictionaries are; UTF-16 with a BOM is accepted too
 * (Windows Notepad's "Unicode"). Anything else is refused as a whole rather than read as mojibake:
 * garbled "words" would silently never match and the user would not know why.
 */
export function decodeDictionary(bytes: Uint8Array): DecodedDictionary {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    if (bytes.includes(0)) return { ok: false, kind: 'binary' };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { ok: false, kind: 'not-utf8' };
    }
  }
  if (text.includes('\0')) return { ok: false, kind: 'binary' };
  return { ok: true, words: parseDictionary(text) };
}

/** One word per line, jieba's format (`word [freq] [tag]`) accepted; `#` starts a comment. */
export function parseDictionary(text: string): string[] {
  return text.split(/\r?\n/).map(l => l.replace(/#.*/, '').trim().split(/\s+/)[0]).filter(Boolean);
}
