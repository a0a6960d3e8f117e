// `displaced-headline`: OCR printed an article's headline away from it — after the bodies (a
// row of titles at the end of a page), between other articles, or mid-column. The page model
// matches titles to articles by content (articles.ts); the fix moves the title to the article's start.
import type { Rule } from './rule';
import { range } from '../core/text';

export const displacedHeadline: Rule = {
  meta: {
    id: 'displaced-headline',
    severity: 'warning',
    description: { zh: '标题与正文分离', en: 'Headline printed away from its article' },
  },
  check({ page }) {
    return page.articles.flatMap(a => a.headlines
      .filter(h => h.startLine < a.startLine || h.startLine > a.endLine || a.body.some(b => b.startLine < h.startLine))
      .map(h => {
        const text = h.lines.map(l => l.text.trim()).join(page.eol);
        // Delete the title's lines and one blank line after them, if any.
        let end = h.endLine + 1;
        if (end < page.lines.length && !page.lines[end].text.trim()) end++;
        const del = end < page.lines.length ? range(h.startLine, 0, end, 0) : range(h.startLine, 0, h.endLine, page.lines[h.endLine].text.length);
        const target = a.startLine;
        return {
          range: range(h.startLine, 0, h.endLine, page.lines[h.endLine].text.length),
          message: {
            zh: `标题“${h.text.trim()}”属于第 ${target + 1} 行开始的稿件，但印在别处`,
            en: `Headline “${h.text.trim()}” belongs to the article starting on line ${target + 1} but is printed elsewhere`,
          },
          fixes: [{
            title: { zh: '把标题移到稿件开头', en: 'Move the headline to the article’s start' },
            safe: false,
            preferred: true,
            edits: [{ range: range(target, 0, target, 0), newText: text + page.eol + page.eol }, { range: del, newText: '' }],
          }],
        };
      }));
  },
};
