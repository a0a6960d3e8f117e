// How the labeller's names and the rules' entities make one list for a paragraph.
//
// The labeller (recognizer.ts) finds most names of news prose and draws their boundaries the
// way the People's Daily annotation does; the rules (entities/entities.ts) know what it cannot:
// bylines with spaced names (`本报记者 李英俊 董 蕾`), the role a title gives a person
// (`市委书记张三`), the administrative chain of a place, a local organisation's full name
// (`某县某乡某村经济合作社`). So:
// - byline lines belong to the rules: the labeller's spans there are dropped;
// - a rule organisation that wholly contains labeller spans is the name they are parts of;
// - a labeller span takes the role of the rule persons it overlaps (the rules know who
//   `书记张三` is even when the labeller draws `张三` alone);
// - a rule entity that overlaps no labeller span is kept: the labeller was not sure of a name
//   the rules have context for (`记者段美如`, a village by its `村`).
// The outermost entities are the page's list of names (`outermost`, what the CLI prints); a
// place or organisation inside one of them stays as a nested entity for the hover.
import type { EntityType } from '../core/types';
import type { NameSpan } from './recognizer';

export interface MergeSpan { start: number; end: number; type: EntityType; role?: string }

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const within = (a: { start: number; end: number }, b: { start: number; end: number }) => b.start <= a.start && a.end <= b.end;

/**
 * The merged entities of one paragraph, in order: the outermost ones, and places and
 * organisations nested in them. `fromName` makes an entity of a labeller span; `adopt(target,
 * source)` gives it what a rule entity knows (the role).
 */
export function mergeNames<S extends MergeSpan>(
  rules: readonly S[],
  names: readonly NameSpan[],
  bylines: readonly { start: number; end: number }[],
  fromName: (n: NameSpan) => S,
  adopt: (target: S, source: S) => void,
): S[] {
  const learned = names.filter(n => !bylines.some(b => overlaps(b, n)));
  // Rule organisations that are the full name around labeller spans (and cut none of them).
  const outerOrgs = rules.filter(r => r.type === 'org'
    && learned.some(n => within(n, r) && (n.start !== r.start || n.end !== r.end))
    && !learned.some(n => overlaps(n, r) && !within(n, r)));
  const candidates: S[] = [...outerOrgs];
  const used = new Set<S>(outerOrgs);
  for (const n of learned) {
    const same = rules.find(r => r.start === n.start && r.end === n.end && r.type === n.type);
    if (same) { if (!used.has(same)) candidates.push(same); used.add(same); continue; }
    const s = fromName(n);
    for (const r of rules) if (r.type === n.type && overlaps(r, n)) adopt(s, r);
    candidates.push(s);
  }
  for (const r of rules) {
    if (used.has(r)) continue;
    if (!learned.some(n => overlaps(n, r))) candidates.push(r);
    else if (r.type !== 'person') candidates.push(r); // kept only if nested in an outer entity, below
  }
  // The outermost, longest first where two start together; then what nests inside them.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const outer: S[] = [];
  for (const s of candidates) if (!outer.some(o => overlaps(o, s))) outer.push(s);
  const nested = candidates.filter(s => !outer.includes(s) && s.type !== 'person'
    && outer.some(o => within(s, o) && o.type !== s.type));
  return [...outer, ...nested].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Entities not inside another one: the flat list of names (`jiaodui entities`). */
export function outermost<E extends { range: { start: { line: number; character: number }; end: { line: number; character: number } } }>(entities: readonly E[]): E[] {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  const inside = (e: E, o: E) => before(o.range.start, e.range.start) && before(e.range.end, o.range.end);
  return entities.filter(e => !entities.some(o => o !== e && inside(e, o) && !inside(o, e)));
}
