// Lines, offsets and positions (UTF-16, as LSP and JavaScript strings count).
import type { Line, Position, Range, TextEdit } from './types';

export function splitLines(text: string): { lines: Line[]; eol: '\n' | '\r\n' } {
  const lines: Line[] = [];
  let crlf = 0, lf = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === text.length || c === 10 || c === 13) {
      lines.push({ index: lines.length, text: text.slice(start, i), offset: start });
      if (i === text.length) break;
      if (c === 13 && text.charCodeAt(i + 1) === 10) { i++; crlf++; } else lf++;
      start = i + 1;
    }
  }
  return { lines, eol: crlf > lf ? '\r\n' : '\n' };
}

export function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function offsetAt(lines: readonly Line[], pos: Position): number {
  const line = lines[Math.min(Math.max(pos.line, 0), lines.length - 1)];
  return line.offset + Math.min(Math.max(pos.character, 0), line.text.length);
}

/** Applies non-overlapping edits (in any order) to `text`. Overlapping edits after the first are dropped. */
export function applyEdits(text: string, edits: readonly TextEdit[], lines = splitLines(text).lines): string {
  const spans = edits
    .map(e => ({ start: offsetAt(lines, e.range.start), end: offsetAt(lines, e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}
