// `noise-line`: lines that are not text at all — a lone page number or digit that OCR read off
// the layout, QR-code footers (`扫一扫 关注我们`), rules of symbols. The fix deletes the line;
// deleting text is left to the editor's choice (not part of fix-all).
import type { Rule } from './rule';
import { noiseKind } from '../page/lines';
import { range } from '../core/text';

const WHY = {
  digit: { zh: '孤立的数字或字母，不是正文', en: 'A lone digit or letter, not text' },
  footer: { zh: '二维码/公众号页脚，不是正文', en: 'A QR-code or social-media footer, not text' },
  symbols: { zh: '只有符号的杂行', en: 'A line of symbols only' },
};

export const noiseLine: Rule = {
  meta: {
    id: 'noise-line',
    severity: 'warning',
    description: { zh: '不是正文的杂行', en: 'A stray line that is not text' },
  },
  check({ page }) {
    return page.blocks.filter(b => b.kind === 'noise').flatMap(b => b.lines.map(line => {
      const why = WHY[noiseKind(line.text) ?? 'symbols'];
      const last = line.index === page.lines.length - 1;
      // The last line has no terminator to delete: take the previous line's instead, or (a page of
      // one line) just the text — `line + 1` would point past the end of the document.
      const del = !last ? range(line.index, 0, line.index + 1, 0)
        : line.index > 0 ? range(line.index - 1, page.lines[line.index - 1].text.length, line.index, line.text.length)
        : range(line.index, 0, line.index, line.text.length);
      return {
        range: range(line.index, 0, line.index, line.text.length),
        message: why,
        fixes: [{ title: { zh: '删除此行', en: 'Delete this line' }, safe: false, preferred: true, edits: [{ range: del, newText: '' }] }],
      };
    }));
  },
};
