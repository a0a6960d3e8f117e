// Which documents are newspaper pages. Files the user marked (language `newspaper`, or a path
// matching a `jiaodui.files` glob) always are; plain-text files are when they are mostly Chinese,
// so raw OCR pages work with no configuration. Everything else (English prose, code) never is.
import { isChinesePageUnit } from '../../core/charclass';
import { detectMojibake } from '../../core/mojibake';
import type { Settings } from './config';

/**
 * Share of CJK characters among non-space characters from which a plain-text file is taken for a
 * Chinese page. OCR pages of Chinese newspapers sit above 0.8 (digits and punctuation make up the
 * rest); 0.3 still admits pages full of numbers and Latin names, while English text and source
 * files with Chinese comments stay well below it.
 */
export const MIN_CJK_RATIO = 0.3;

/** How much of a long file to sample: the share is stable long before 20k characters. */
const SAMPLE = 20_000;

export function cjkRatio(text: string): number {
  let cjk = 0, other = 0;
  const end = Math.min(text.length, SAMPLE);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 0x3000) continue;
    if (isChinesePageUnit(c)) cjk++; else other++;
  }
  return cjk + other === 0 ? 0 : cjk / (cjk + other);
}

export function isNewspaperDocument(doc: { uri: string; languageId: string; getText(): string }, settings: Settings): boolean {
  if (!settings.enable) return false;
  if (doc.languageId === 'newspaper') return true;
  if (settings.files.some(g => globToRegExp(g).test(uriPath(doc.uri)))) return true;
  if (doc.languageId !== 'plaintext') return false;
  const text = doc.getText();
  // A GBK page opened as UTF-8 has no CJK left to count, and is exactly the page that needs
  // garbled-text's "reopen as GB18030" diagnostic.
  return cjkRatio(text) >= MIN_CJK_RATIO || detectMojibake(text.slice(0, SAMPLE)) !== undefined;
}

function uriPath(uri: string): string {
  try { return decodeURIComponent(new URL(uri).pathname); } catch { return uri; }
}

const globCache = new Map<string, RegExp>();

/**
 * A VS Code–style glob (`**`, `*`, `?`, `{a,b}`, `[abc]`) as a RegExp over a `/`-separated path.
 * A glob without `/` matches the file name in any folder, as `files.associations` does.
 */
export function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (re) return re;
  const g = glob.includes('/') ? glob : `**/${glob}`;
  let src = '';
  let inBrace = false;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      // `**/` matches zero or more folders; a trailing `**` matches anything.
      if (g[i + 2] === '/') { src += '(?:.*/)?'; i += 2; } else { src += '.*'; i += 1; }
    } else if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else if (c === '{') { src += '(?:'; inBrace = true; }
    else if (c === '}' && inBrace) { src += ')'; inBrace = false; }
    else if (c === ',' && inBrace) src += '|';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) src += '\\[';
      else { src += '[' + g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']'; i = close; }
    } else src += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  re = new RegExp(`(?:^|/)${src}$`);
  globCache.set(glob, re);
  return re;
}
