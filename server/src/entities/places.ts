// Places: administrative divisions from the gazetteer, their short forms, villages by their suffix,
// and the hierarchy a place gets from the page around it.
import { isIdeographChar } from '../core/charclass';
import type { PageContext as RuleContext } from '../page/context';
import { chainOf, gazetteer, resolve, shortForm, type Division } from './gazetteer';
import { GENERIC_VILLAGE_WORDS, NOT_IN_GIVEN_NAME } from '../language/names';
import { Doc, LOW_FREQ_SHORT_FORM, NO_NAMES, Span, VILLAGE_GENERIC_LAST, VILLAGE_STOPS, VillageIndex, covered, endsToken, startsToken, tokEnd, tokenAt } from './doc';

/** Villages found on the page being analysed, by full name (`startPage` begins a new page). */
let villages = new Map<string, Span>();

/** Forgets the previous page's villages; returns the map this page's will be gathered in. */
export function startPage(): Map<string, Span> {
  return (villages = new Map());
}


// ---------------------------------------------------------------------------------------------
// Places

export function findFullPlaces(doc: Doc, gz: ReturnType<typeof gazetteer>, pageNames: Set<string>, aliases: Map<string, Span>, ctx: RuleContext): void {
  const { text } = doc;
  for (let i = 0; i < text.length; i++) {
    const names = gz.entriesAt(text, i);
    if (names.length) { doc.namePositions.push(i); doc.nameLists.push(names); }
    for (const { name, full: divisions } of names) {
      if (!divisions) continue;
      // A full name may start inside a token only when jieba did not know the word there either
      // (`以鸿昌` + `街道`): a known word around it (`全市中区…`) means the match is accidental.
      const k = tokenAt(doc, i);
      if (!startsToken(doc, i) && !/^(?:x|ns|nr|nz|s|j|ng)$/.test(doc.tokens[k].tag) && !endsPlace(doc, i)) continue;
      // Two-character names (`温县`) are also phrases (`旅游兴县`): jieba must read a place there.
      if (name.length === 2 && !(startsToken(doc, i) && doc.tokens[k]?.word === name && doc.tokens[k].tag === 'ns')) continue;
      const span: Span = { start: i, end: i + name.length, type: 'place', divisions };
      doc.spans.push(span);
      for (const d of divisions) pageNames.add(d.name);
      const stem = shortForm(name, divisions[0].level);
      if (stem) aliases.set(stem, span);
      i += name.length - 1;
      break;
    }
  }
  findVillages(doc, aliases, ctx);
}

export function endsPlace(doc: Doc, i: number): boolean {
  for (const s of doc.spans) if (s.type === 'place' && s.end === i) return true;
  return false;
}

/**
 * Villages and communities: a name of two to four characters before `村`/`社区`. The name
 * starts after punctuation, a function word or a place printed right before it (`柏山镇水运村`),
 * and is not a generic modifier (`行政村`, `示范村`) nor part of a word that contains `村`
 * (`乡村`, `该村`, `驻村`, `村庄`).
 */
export function findVillages(doc: Doc, aliases: Map<string, Span>, ctx: RuleContext): void {
  const { text } = doc;
  for (let i = text.indexOf('村'); i >= 0; i = text.indexOf('村', i + 1)) handleVillage(doc, i, 1, aliases, ctx);
  for (let i = text.indexOf('社区'); i >= 0; i = text.indexOf('社区', i + 2)) handleVillage(doc, i, 2, aliases, ctx);
}

/**
 * Whether `text[start, end)` (before `村`) reads as a proper name. Nouns more frequent than 500
 * in jieba's counts are everyday words (`指导` as a noun, `参观`); rarer ones may be names.
 */
export function looksLikeVillageName(doc: Doc, start: number, end: number, ctx: RuleContext): boolean {
  const v = tokenAt(doc, end);
  if (v >= 0 && doc.tokStart[v] === start) return true;
  for (let i = start; i < end;) {
    const k = tokenAt(doc, i);
    if (k < 0) return false;
    const tok = doc.tokens[k];
    const inside = doc.tokStart[k] >= start && tokEnd(doc, k) <= end;
    if (inside && tok.word.length === 1 && /^(?:v|p|c|d|r|u.*|m|q)$/.test(tok.tag)) return false;
    if (inside && tok.word.length > 1 && !/^(?:ns|nr|nz|s|x|ng|nrt|nrfg|j)$/.test(tok.tag) && !(tok.tag === 'n' && ctx.lexicon.freq(tok.word) < 500)) return false;
    i = tokEnd(doc, k);
  }
  return true;
}

export function handleVillage(doc: Doc, at: number, suffixLen: number, aliases: Map<string, Span>, ctx: RuleContext): void {
  const { text } = doc;
  const k = tokenAt(doc, at);
  if (k >= 0) {
    const tok = doc.tokens[k];
    // A dictionary word containing `村` must end with it (`村庄`, `村民` are other words) and be
    // a name (`东风村/nr`), not `乡村`, `农村`, `该村`; unknown pieces (`村是/x`) say nothing.
    if (tok.tag !== 'x') {
      if (suffixLen === 1 && tokEnd(doc, k) !== at + 1) return;
      if (doc.tokStart[k] < at && !/^(?:nr|ns|nz|nt)$/.test(tok.tag)) return;
    }
  }
  const prevPlace = doc.spans.find(s => s.type === 'place' && s.end <= at && s.end >= at - 4 && s.divisions);
  // Right after a town (`鸿昌街道下期城村`), the village name is what lies between.
  const between = prevPlace ? text.slice(prevPlace.end, at) : '';
  if (prevPlace && /^[\u4e00-\u9fff]{1,4}$/.test(between) && ![...between].some(c => NOT_IN_GIVEN_NAME.has(c) || VILLAGE_STOPS.has(c))) {
    if (covered(doc, prevPlace.end, at + suffixLen, 'place')) return;
    const span: Span = { start: prevPlace.end, end: at + suffixLen, type: 'place' };
    span.parent = prevPlace.divisions;
    doc.spans.push(span);
    aliases.set(between, span);
    const full = text.slice(span.start, span.end);
    if (!villages.get(full)?.parent) villages.set(full, span);
    return;
  }
  let start = at;
  // Village names have one to three characters (`西头`, `南朱营`, `小王庄`).
  while (start > 0 && at - start < 3) {
    const c = text[start - 1];
    if (!isIdeographChar(c) || NOT_IN_GIVEN_NAME.has(c) || VILLAGE_STOPS.has(c)) break;
    if (prevPlace && start === prevPlace.end) break;
    const pk = tokenAt(doc, start - 1);
    // A verb, preposition or other function word before the name ends it (`解决东风村`, `跑出强村`).
    if (pk >= 0 && tokEnd(doc, pk) <= at && /^(?:v|vd|p|c|d|r|u.*|m|t|f|ad|q)$/.test(doc.tokens[pk].tag)) break;
    start--;
  }
  const name = text.slice(start, at);
  const afterPlace = !!prevPlace && prevPlace.end === start;
  if (name.length < (afterPlace ? 1 : 2)) return;
  // `行政村`, `派驻村`, `特色精品村`: generic words, however they end.
  if (GENERIC_VILLAGE_WORDS.has(name) || VILLAGE_GENERIC_LAST.has(name[name.length - 1]) || GENERIC_VILLAGE_WORDS.has(name.slice(-2))) return;
  // Without a town before it, the name must read as a name: one token with `村` that jieba
  // knows or does not know (`东风村/nr`, `钟庄村/x`), or words that are names or rare nouns —
  // not everyday words (`发展村`, `人才指导村`, `参观李村`).
  if (!afterPlace && !looksLikeVillageName(doc, start, at, ctx)) return;
  if (covered(doc, start, at + suffixLen, 'place')) return;
  const span: Span = { start, end: at + suffixLen, type: 'place' };
  if (afterPlace) span.parent = prevPlace.divisions;
  doc.spans.push(span);
  if (name.length >= 2) aliases.set(name, span);
  const full = text.slice(start, at + suffixLen);
  if (!villages.get(full)?.parent) villages.set(full, span);
}

/**
 * Short forms: `河南`, `郑州` (province and city level) and county names (`登封`) when jieba
 * tags them as places or they are no common word; any short form (down to towns and villages:
 * `周庄`, `司庄`) when the page also prints the full name. They must be whole tokens, so that
 * `高新` inside `高新技术` or `平安` the adjective stay words.
 */
/** Scratch for findShortPlaces's running counts, reused run after run (the scan is not reentrant). */
let cumScratch = new Int32Array(1024);

export function findShortPlaces(doc: Doc, pageNames: Set<string>, context: ReadonlySet<string>, aliases: Map<string, Span>, villageNames: VillageIndex, ctx: RuleContext): void {
  const { text } = doc;
  // Characters covered by the spans found so far, as running counts: spans added below all end
  // before the scan position, so `covered(doc, a, b)` for a ≥ i is `cum[b] > cum[a]`.
  if (cumScratch.length < text.length + 1) cumScratch = new Int32Array(2 * (text.length + 1));
  const cum = cumScratch.fill(0, 0, text.length + 1);
  for (const sp of doc.spans) for (let j = Math.max(0, sp.start); j < Math.min(text.length, sp.end); j++) cum[j + 1] = 1;
  for (let j = 0; j < text.length; j++) cum[j + 1] += cum[j];
  const isCovered = (a: number, b: number) => cum[Math.min(b, text.length)] > cum[a];
  const { namePositions, nameLists } = doc;
  let next = 0;
  for (let i = 0; i < text.length; i++) {
    if (isCovered(i, i + 1)) continue;
    let found: string | undefined;
    let divisions: readonly Division[] | undefined;
    // The full-name scan saw every position not inside a full name (and those are covered).
    while (next < namePositions.length && namePositions[next] < i) next++;
    const names = next < namePositions.length && namePositions[next] === i ? nameLists[next] : NO_NAMES;
    for (const { name, full, short } of names) {
      if (full || isCovered(i, i + name.length)) continue;
      if (!startsToken(doc, i) && !endsPlace(doc, i)) continue;
      const end = i + name.length;
      const alias = aliases.get(name);
      const candidates = short ?? [];
      if (alias) {
        const onPage = candidates.filter(d => pageNames.has(d.name));
        found = name;
        divisions = onPage.length ? onPage : alias.divisions;
        break;
      }
      const general = candidates.filter(d => d.level !== 'street');
      if (!general.length || !endsToken(doc, end) && !/^[市县区省]委/.test(text.slice(end, end + 2))) continue;
      // jieba's own `ns` is enough; a rare word (`登封`) must also belong to a city or province
      // the page names, so that `富民` (a county in Yunnan, and a word) stays a word.
      const k = tokenAt(doc, i);
      const nearby = general.filter(d => d.level === 'province' || d.parent && context.has(d.parent.name));
      if (doc.tokens[k]?.tag === 'ns') { found = name; divisions = general; break; }
      if (nearby.length && ctx.lexicon.freq(name) < LOW_FREQ_SHORT_FORM) { found = name; divisions = nearby; break; }
    }
    if (!found) {
      const village = villageAlias(doc, i, villageNames);
      if (!village) continue;
      doc.spans.push({ start: i, end: i + village.length, type: 'place', parent: (villages.get(village) ?? aliases.get(village))!.parent });
      i += village.length - 1;
      continue;
    }
    doc.spans.push({ start: i, end: i + found.length, type: 'place', divisions });
    if (divisions?.length === 1) pageNames.add(divisions[0].name);
    i += found.length - 1;
  }
}

/**
 * A village the page names elsewhere, again in full (`水运村` after `柏山镇水运村`) or without
 * its `村` (`司庄` after `司庄村`), as a whole word.
 */
export function villageAlias(doc: Doc, i: number, villageNames: VillageIndex): string | undefined {
  const code = doc.text.charCodeAt(i);
  const stems = villageNames.firsts[code] ? villageNames.byFirst.get(code) : undefined;
  if (!stems) return undefined;
  for (const stem of stems) {
    if (!doc.text.startsWith(stem, i)) continue;
    if (!startsToken(doc, i) && isIdeographChar(doc.text[i - 1])) continue;
    if (!endsToken(doc, i + stem.length) && isIdeographChar(doc.text[i + stem.length])) continue;
    return stem;
  }
  return undefined;
}

export const hasAncestorOn = (d: Division, pageNames: ReadonlySet<string>) => {
  for (let x = d.parent; x; x = x.parent) if (pageNames.has(x.name)) return true;
  return false;
};
export const gzFull = (name: string) => !!gazetteer().full(name);

export function hierarchyOf(s: Span, text: string, context: ReadonlySet<string>, pageNames: ReadonlySet<string>): string[] | undefined {
  if (s.type !== 'place') return undefined;
  if (s.divisions?.length) {
    const d = resolve(s.divisions, context);
    if (!d) return undefined;
    // A county or town far from everything else on the page is more likely a namesake (`南山`
    // on a Henan page is a hill, not Shenzhen's district): give no chain rather than a wrong one.
    if ((d.level === 'area' || d.level === 'street') && s.divisions.length === 1 && d.parent) {
      let near = false;
      for (let x: Division | undefined = d.parent; x && !near; x = x.parent) near = pageNames.has(x.name);
      if (!near && !pageNames.has(d.name)) return undefined;
    }
    return chainOf(d);
  }
  const parent = s.parent ?? villages.get(text)?.parent;
  const town = parent && resolve(parent, context);
  if (town) return [...chainOf(town), text];
  return undefined;
}
