// `missing-byline`: an article with a headline or dateline but no byline anywhere in or next to
// it (`本报记者 X`, `记者 X`, `通讯员 X`, `X 摄`, `文/图`, or `本报讯 (记者 X)`). Photo stories and
// briefs need none, and an untitled fragment is usually the continuation of a signed article.
// The fix inserts a byline line, suggesting the reporters who sign other articles on the page.
import type { Rule } from './rule';
import type { Article, Page } from '../page/model';
import { parseByline } from '../page/lines';
import { range } from '../core/text';

function signedInDateline(a: Article): boolean {
  const first = a.body[0];
  return !!first?.dateline && /记者|通讯员/.test(first.lines[0].text.slice(0, first.dateline.end));
}

/** An untitled fragment (its title matched from elsewhere, or none) is usually a continuation. */
function hasPlacedHeadline(a: Article): boolean {
  return a.headlines.some(h => h.startLine >= a.startLine && h.endLine <= a.endLine);
}

/** `本报记者 X` lines signed elsewhere on the page, most frequent first. */
function reporters(page: Page): string[] {
  const count = new Map<string, number>();
  for (const b of page.blocks) {
    if (b.kind !== 'byline') continue;
    for (const line of b.lines) {
      const p = parseByline(line.text);
      if (!p || !p.hasRole || p.photo) continue;
      const text = line.text.trim().replace(/\s+/g, ' ');
      count.set(text, (count.get(text) ?? 0) + 1);
    }
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1]).map(e => e[0]);
}

export const missingByline: Rule = {
  meta: {
    id: 'missing-byline',
    severity: 'info',
    description: { zh: '稿件缺少署名', en: 'Article without a byline' },
  },
  check({ page }) {
    const candidates = reporters(page);
    return page.articles
      .filter(a => a.kind === 'article' && a.bylines.length === 0 && !signedInDateline(a) && (hasPlacedHeadline(a) || !!a.body[0]?.dateline))
      .map(a => {
        const placed = a.headlines.find(h => h.startLine >= a.startLine && h.endLine <= a.endLine);
        const at = placed ? placed.startLine : a.body[0].startLine;
        const insertAt = a.body[0].startLine;
        const suggestions = candidates.length ? candidates.slice(0, 3) : ['本报记者 '];
        return {
          range: range(at, 0, at, page.lines[at].text.length),
          message: {
            zh: `稿件“${a.headline || a.body[0].text.slice(0, 12)}”没有署名（记者、通讯员或摄影）`,
            en: `Article “${a.headline || a.body[0].text.slice(0, 12)}” has no byline (reporter, correspondent or photographer)`,
          },
          fixes: suggestions.map((s, k) => ({
            title: { zh: `插入署名：${s.trim() || '本报记者'}`, en: `Insert byline: ${s.trim() || '本报记者'}` },
            safe: false,
            preferred: k === 0,
            edits: [{ range: range(insertAt, 0, insertAt, 0), newText: s + page.eol + page.eol }],
          })),
        };
      });
  },
};
