// Column geometry of hard-wrapped text: OCR cuts every line of a column at the same printed
// width, so a line that fills the column goes on in the next one even when it happens to end
// with a full stop; a paragraph's last line is (nearly always) shorter. And list items — `（四）`,
// `3、`, `第十条` — begin lines of their own whatever the line before ends with.
import type { Line } from './model';

/** Printed width: full-width characters count 2, half-width (ASCII digits, Latin) 1. */
export function printedWidth(text: string): number {
  let w = 0;
  const t = text.trimEnd();
  for (let i = 0; i < t.length; i++) w += t.charCodeAt(i) < 0x2000 ? 1 : 2;
  return w;
}

/**
 * The width a block's lines are cut at, when they are: the median printed width of its lines
 * but the last, provided most of them lie within a character of it. Undefined for blocks of
 * fewer than three lines or of ragged lines (one paragraph per line, verse).
 */
export function columnWidth(lines: readonly Line[]): number | undefined {
  if (lines.length < 3) return undefined;
  const widths = lines.slice(0, -1).map(l => printedWidth(l.text)).sort((a, b) => a - b);
  const median = widths[widths.length >> 1];
  if (median < 12) return undefined;
  const near = widths.filter(w => Math.abs(w - median) <= 2).length;
  return near >= 0.7 * widths.length ? median : undefined;
}

/** Whether a line ending a sentence still fills its column: the paragraph goes on after it. */
export function fillsColumn(text: string, width: number | undefined): boolean {
  return width !== undefined && printedWidth(text) >= width - 1;
}

/**
 * `（四）`, `(2)`, `3、`, `1·`, `一、`, `第十条`, `第二，`, `一是`, `其一，`, `——`, `●`, `△`: a line that
 * starts an item of a list.
 */
export function startsItem(text: string): boolean {
  return /^\s*(?:[（(][一二三四五六七八九十0-9０-９]{1,3}[)）]|[0-9０-９]{1,2}(?:、|[.．·](?![0-9０-９]))|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百零〇0-9]+(?:[条章节款]|[，,、])|[一二三四五六七八九十]是|其[一二三四五六七八九十][，,、]|[●△▲■◆○•])/.test(text);
}

/**
 * `…有以下几点：` + `一是…`: a colon that announces a list ends its paragraph. (Not one before a
 * quotation: `他说：` + `“…”` runs on as often as not.)
 */
export function announces(tail: string, head: string): boolean {
  return /[：:]\s*$/.test(tail) && startsItem(head);
}

/**
 * `…（新华社记者 李学仁 摄）`, `…（河南南阳市宛城区人民法院 牛国华）` wrapped so that only the bracket's
 * end is on the last line: a signature or credit closing its paragraph.
 */
export function endsWithNote(lines: readonly Line[]): boolean {
  const last = lines[lines.length - 1].text.trimEnd();
  if (!/[)）]$/.test(last)) return false;
  const text = lines.slice(-3).map(l => l.text.trim()).join('');
  const open = Math.max(text.lastIndexOf('（'), text.lastIndexOf('('));
  return open >= 0 && text.length - open <= 32 && !/[，。；！？,;!?]/.test(text.slice(open));
}
