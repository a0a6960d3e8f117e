// `missing-byline`: an article with a headline but no byline anywhere in or next to it (`本报记者 X`,
// `记者 X`, `通讯员 X`, `X 摄`, `文/图`, a bare signature `陈瑶`, or `本报讯 (记者 X)` in its dateline),
// on a page whose comparable articles are signed: the page's own convention says whether an
// unsigned article is normal there. Never flagged: agency items whose dateline names the source
// (`新华社…电`), notices and documents (公报, 预报, a law), photo stories and briefs.
// The fix inserts a byline line, suggesting the reporters who sign other articles on the page.
import type { Rule } from './rule';
import type { Article, Page } from '../page/model';
import { datelineFromAgency, datelineSigned, parseByline } from '../page/lines';
import { range } from '../core/text';

function signedInDateline(a: Article): boolean {
  const first = a.body[0];
  return !!first?.dateline && datelineSigned(first.lines[0].text, first.dateline.end);
}

/**
 * `…自动售票机。（何水根）`, `…之风。（江苏兴化棉纺织厂办公室 唐锦禄）`, `（新华社稿）`: a signature or source
 * in brackets run on after the text's last sentence (OCR wraps it with the paragraph).
 */
function signedAtEnd(a: Article): boolean {
  const last = a.body[a.body.length - 1];
  if (!last) return false;
  const tail = last.lines.slice(-3).map(l => l.text.trim()).join('');
  return /[。！？”…][（(][^（()）。，；！？]{2,30}[)）]$/.test(tail);
}

function isSigned(a: Article): boolean {
  return a.bylines.length > 0 || signedInDateline(a) || signedAtEnd(a);
}

/** A dispatch that names a news agency as its source (`新华社…电`, `据新华社…电`, `据…报道`): unsigned by custom. */
function fromAgency(a: Article): boolean {
  const first = a.body[0];
  if (!first) return false;
  const text = first.lines[0].text;
  return (!!first.dateline && datelineFromAgency(text, first.dateline.end)) || /^\s*据[^，。]{1,16}(?:报道|消息|电)/.test(text);
}

/**
 * Texts that nobody signs: documents and notices (`…公报`, `…法`, `气象预报`, `通知`), digests
 * (`图片新闻`, `大事记`, `信息…`). Recognised by the headline's last words.
 */
function isNotice(a: Article): boolean {
  return /(?:公报|公告|通知|通告|启事|声明|预报|趋势分析|条例|规定|办法|决定|决议|名单|大事记|法|图片新闻|简讯|信息|要闻|提要)(?:[（(].*[)）])?$/.test(a.headline.replace(/\s+/g, ''));
}

/** A text of the paper's own people (not an agency's, not a notice, not a photo): evidence of the page's convention. */
function ownText(a: Article): boolean {
  return (a.kind === 'article' || a.kind === 'brief') && !fromAgency(a) && !(a.headline && isNotice(a));
}

/**
 * Share of the page's own texts that must be signed for an unsigned article to stand out. A page
 * of commentaries or reports signs (nearly) all of them; a page of unsigned news items signs few.
 * Half, not more: deleted bylines lower a page's share, and the page model also counts parts
 * of a feature it took for texts of their own (unsigned) — a higher bar misses most deletions.
 */
const CONVENTION = 0.5;
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
    const own = page.articles.filter(ownText);
    // The convention needs at least two signed texts to be one.
    const signed = own.filter(isSigned).length;
    if (signed < 2 || signed < CONVENTION * own.length) return [];
    return own
      // A story: a full article with a headline. A text whose title was printed elsewhere and
      // that has no dateline may be the rest of another article (a page-top continuation).
      .filter(a => a.kind === 'article' && !!a.headline && !isSigned(a) && (hasPlacedHeadline(a) || !!a.body[0]?.dateline))
      .map(a => {
        const placed = a.headlines.find(h => h.startLine >= a.startLine && h.endLine <= a.endLine);
        const at = placed ? placed.startLine : a.body[0].startLine;
        const insertAt = a.body[0].startLine;
        const suggestions = candidates.length ? candidates.slice(0, 3) : ['本报记者 '];
        return {
          range: range(at, 0, at, page.lines[at].text.length),
          message: {
            zh: `稿件“${a.headline || a.body[0].text.slice(0, 12)}”没有署名（本版 ${own.length} 篇本报稿件中 ${signed} 篇署了名）`,
            en: `Article “${a.headline || a.body[0].text.slice(0, 12)}” has no byline (${signed} of the page's ${own.length} own texts are signed)`,
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
