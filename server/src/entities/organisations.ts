// Organisations: an institutional suffix after a place, an own administration or a known name.
import { isIdeographChar } from '../core/charclass';
import type { PageContext as RuleContext } from '../page/context';
import { NOT_IN_GIVEN_NAME } from '../language/names';
import { ADMIN_ANCHORS, Doc, NAME_PART_TAGS, ORG_LAST_CHARS, ORG_SUFFIXES, ORG_SUFFIXES_BY_LAST, spanAt, tokEnd, tokenAt } from './doc';


// ---------------------------------------------------------------------------------------------
// Organisations

export function findOrganisations(doc: Doc, ctx: RuleContext): void {
  const { text } = doc;
  for (let i = 0; i < text.length; i++) {
    if (!ORG_LAST_CHARS[text.charCodeAt(i)]) continue;
    const end = i + 1;
    let hit: (typeof ORG_SUFFIXES)[number] | undefined;
    for (const o of ORG_SUFFIXES_BY_LAST.get(text.charCodeAt(i))!) if (text.endsWith(o.suffix, end)) { hit = o; break; }
    if (!hit) continue;
    const suffixStart = end - hit.suffix.length;
    // The suffix must not be the end of an ordinary word (`格局`, `大厅`, `布局`, `当局`).
    // (300 in jieba's counts: `工程局` has 287, `格局` 1666.) After a place it is a name (`县政府`).
    const word = text.slice(suffixStart - 1, end);
    const k = tokenAt(doc, suffixStart - 1);
    if (!spanAt(doc, suffixStart - 1, 'place')) {
      if (k >= 0 && doc.tokens[k].word.endsWith(word) && ctx.lexicon.freq(doc.tokens[k].word) >= 300 && doc.tokens[k].tag !== 'nt') continue;
      if (ctx.lexicon.freq(word) >= 300) continue;
    }
    // `巩义市委`, `河南省委`: the party committee of the place printed right before it, nothing else.
    if (/^[市县区省州]委$/.test(hit.suffix)) {
      const place = doc.spans.find(p => p.type === 'place' && p.divisions && p.end >= suffixStart && p.end <= suffixStart + 1 && p.start < suffixStart);
      if (place) doc.spans.push({ start: place.start, end, type: 'org' });
      continue;
    }
    const start = organisationStart(doc, suffixStart, hit.distinctive);
    if (start < 0) continue;
    doc.spans.push({ start, end, type: 'org' });
  }
}

/**
 * Where the organisation whose suffix starts at `suffixStart` begins, or -1 when the words
 * before the suffix name no particular organisation. Walks back over name-like tokens and
 * places (not over verbs, particles, punctuation or a person), then starts at the leftmost
 * anchor: a place, an organisation name jieba knows (`农业银行`), or the own-administration
 * `市`/`县` of the paper's city followed by at least two characters of name.
 */
export function organisationStart(doc: Doc, suffixStart: number, distinctive: boolean): number {
  let cur = suffixStart;
  // Fourteen characters of name before the suffix is the longest seen in practice
  // (`武陟县大虹桥乡西阳照村经济合作社`); longer walks only collect the sentence before.
  while (cur > 0 && suffixStart - cur < 14) {
    const place = spanAt(doc, cur - 1, 'place');
    if (place) { cur = place.start; continue; }
    const k = tokenAt(doc, cur - 1);
    if (k < 0) break;
    const tok = doc.tokens[k];
    // The token may straddle the suffix (`工程局`): its part before the suffix counts as name.
    const adjective = tok.tag === 'a' && tok.word.length === 1; // `新时代集团`
    if (!NAME_PART_TAGS.test(tok.tag) && !adjective || !isIdeographChar(tok.word[0]) || tok.word.length === 1 && NOT_IN_GIVEN_NAME.has(tok.word)) break;
    if (doc.spans.some(s => s.type === 'person' && s.end === cur)) break;
    cur = doc.tokStart[k];
  }
  if (cur >= suffixStart) return -1;
  let evidence = false;
  for (let p = cur; p < suffixStart; p++) {
    const place = doc.spans.find(s => s.type === 'place' && s.start === p);
    if (place) return p;
    const k = tokenAt(doc, p);
    if (k < 0 || doc.tokStart[k] !== p) continue;
    const tok = doc.tokens[k];
    if (tok.tag === 'nt' && tokEnd(doc, k) <= suffixStart) return p;
    // `市委组织部` is a name; `市政府`, `县委` alone are the paper's generic references.
    if (ADMIN_ANCHORS.has(tok.word) && suffixStart - (p + tok.word.length) >= (tok.word.length === 2 ? 0 : 2) && suffixStart > p + 1) return p;
    if (/^(?:nz|nr|ns|nt|x)$/.test(tok.tag)) evidence = true;
  }
  return distinctive && evidence && suffixStart - cur >= 2 ? cur : -1;
}
