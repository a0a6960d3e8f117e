// Entity recognition: the persons, places and organisations a page names, with the role the
// text states for a person (`巩义市委书记袁聚平` → 袁聚平, role 巩义市委书记) and the
// administrative chain of a place (`巩义市` → 河南省›郑州市›巩义市).
//
// jieba's POS tags alone miss most names in local news (`袁聚平` is `x`, `景秀香` comes out as
// 景/秀/香), so each kind of entity is found from the evidence the text itself gives:
// - places: the administrative divisions down to town level (gazetteer.ts), their short forms
//   when unambiguous (`郑州`, or `巩义` on a page that also writes `巩义市`), and villages by
//   their `村`/`社区` suffix;
// - organisations: an institutional suffix (`…有限公司`, `…指挥部`, `…党支部`) preceded by a
//   place (`武陟县交通运输行业党委`), an own-administration `市`/`县`/`省` (`市高速公路建设指挥部`)
//   or a name jieba knows as one (`郑州大学`);
// - persons: a surname plus one or two given-name characters, accepted only in a context that
//   makes it a name: a title right before it (`书记袁聚平`, `记者段美如`), a list continuing such
//   a name (`王超、景秀香、李猛`), a byline line (`本报记者 李英俊 史文生 董 蕾`), a speech verb
//   after it (`据吴志伟介绍`), an unknown three-character token jieba split off as a unit; then
//   every other occurrence of a name found so on the page (`王新峰说`).
//
// Conventions (the evaluation matches start line/column and text):
// - `text` is exactly the characters the range covers, with OCR line breaks left out: a name
//   wrapped across a line (`郑` / `州市委`) has a range over two lines and text `郑州市委`; a name
//   with an OCR space (`董 蕾`) keeps the space, so text and range always agree.
// - The longest sensible span wins; an entity never lies inside another of the same type, but
//   types nest (place `西头村` inside organisation `西头村党支部`).
import type { PageContext as RuleContext } from '../page/context';
import type { Entity } from '../core/types';
import { gazetteer } from './gazetteer';
import { mergeNames } from './merge';
import { recognizeNames, type NameSpan } from './recognizer';
import { Doc, Span, VillageIndex, makeDoc } from './doc';
import { findFullPlaces, findShortPlaces, gzFull, hasAncestorOn, hierarchyOf, startPage } from './places';
import { findOrganisations } from './organisations';
import { findBylines, findKnownPersons, findPersonsInContext } from './persons';

export function findEntities(ctx: RuleContext): Entity[] {
  const villages = startPage();
  // `/\S/` is `trim()` being non-empty, without making the trimmed string.
  const runs = ctx.page.runs.filter(r => /\S/.test(r.text));
  const tokOf = new Int32Array(runs.reduce((n, r) => n + r.text.length, 0)).fill(-1);
  let tokBase = 0;
  const docs = runs.map(run => { const doc = makeDoc(run, ctx.tags(run), tokOf, tokBase); tokBase += run.text.length; return doc; });
  const gz = gazetteer();

  // 1. Places: full division names and villages first; they tell which short forms the page uses.
  // Names of divisions the page prints (in full, or as a short form that resolved).
  const pageNames = new Set<string>();
  const aliases = new Map<string, Span>();
  for (const doc of docs) findFullPlaces(doc, gz, pageNames, aliases, ctx);
  // Village names by first character, longest first, for the alias scan.
  const villageNames: VillageIndex = { byFirst: new Map(), firsts: new Uint8Array(65536) };
  for (const [name, span] of [...villages, ...aliases]) {
    if (span.divisions) continue;
    const list = villageNames.byFirst.get(name.charCodeAt(0)) ?? [];
    list.push(name);
    villageNames.byFirst.set(name.charCodeAt(0), list.sort((a, b) => b.length - a.length));
    villageNames.firsts[name.charCodeAt(0)] = 1;
  }
  // For choosing between namesakes, a place also vouches for the divisions that contain it
  // (`博爱县` on the page makes `磨头镇` the one in Henan, not Jiangsu's).
  const context = new Set(pageNames);
  const vouch = () => {
    for (const doc of docs) for (const s of doc.spans) {
      if (s.divisions?.length === 1) for (let x = s.divisions[0].parent; x; x = x.parent) context.add(x.name);
    }
  };
  vouch();
  for (const doc of docs) findShortPlaces(doc, pageNames, context, aliases, villageNames, ctx);
  for (const n of pageNames) context.add(n);
  vouch();
  // 2. Organisations, around the places.
  for (const doc of docs) findOrganisations(doc, ctx);
  // 3. Persons: bylines, then names in context, then the page's other mentions of those names.
  const known = new Map<string, string | undefined>();
  for (const doc of docs) findBylines(doc, known, ctx);
  for (const doc of docs) findPersonsInContext(doc, known, ctx);
  findKnownPersons(docs, known);
  // 4. The statistical labeller's names, merged with the rules' entities into a flat list.
  for (const doc of docs) doc.spans = mergeNames(prune(doc.spans), recognizeNames(doc.text), doc.bylines, n => learnedSpan(doc, n), adoptRole);

  const out: Entity[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    for (const s of doc.spans) {
      const start = doc.run.positionAt(s.start);
      const last = doc.run.positionAt(s.end - 1);
      const key = `${start.line}:${start.character}:${s.end - s.start}:${s.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const e: Entity = { text: doc.text.slice(s.start, s.end), type: s.type, range: { start, end: { line: last.line, character: last.character + 1 } } };
      if (s.role) e.role = s.role;
      // A two-character county (`兴县` in `旅游兴县`) far from every other place on the page is
      // a phrase that happens to spell one.
      if (s.type === 'place' && !s.learned && e.text.length === 2 && s.divisions?.every(d => d.level === 'area' && !hasAncestorOn(d, pageNames)) && gzFull(e.text)) continue;
      const hierarchy = hierarchyOf(s, e.text, context, pageNames);
      if (hierarchy) e.hierarchy = hierarchy;
      out.push(e);
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}

/** A labeller's name as a span; a place takes the divisions the gazetteer knows by that name. */
function learnedSpan(doc: Doc, n: NameSpan): Span {
  const span: Span = { start: n.start, end: n.end, type: n.type, learned: true };
  if (n.type === 'place') {
    const name = doc.text.slice(n.start, n.end).replace(/\s+/g, '');
    const divisions = gazetteer().full(name) ?? gazetteer().short(name);
    if (divisions?.length) span.divisions = divisions;
  }
  return span;
}

/** A labeller's person takes the role a rule read for the name it overlaps (`书记袁聚平`). */
function adoptRole(target: Span, source: Span): void {
  if (source.role && !target.role) target.role = source.role;
}

// ---------------------------------------------------------------------------------------------

/** Drops entities inside another of the same type, and persons overlapping a place or organisation. */
function prune(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    if (out.some(o => o.type === s.type && o.start <= s.start && s.end <= o.end)) continue;
    if (s.type === 'person' && sorted.some(o => o.type !== 'person' && o.start < s.end && s.start < o.end)) continue;
    out.push(s);
  }
  return out;
}
