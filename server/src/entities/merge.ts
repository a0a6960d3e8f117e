// How the labeller's names and the rules' entities make one flat list for a paragraph.
//
// The labeller (recognizer.ts) finds most names of news prose and draws their boundaries the
// way the People's Daily annotation does; the rules (analysis/entities.ts) know what it cannot:
// bylines with spaced names (`本报记者 李英俊 董 蕾`), the role a title gives a person
// (`市委书记张三`), the administrative chain of a place. So:
// - byline lines belong to the rules: the labeller's spans there are dropped;
// - a labeller span takes the role or the divisions of the rule entities of its type it overlaps
//   (the rules know who `书记张三` is even when the labeller draws `张三` alone);
// - a rule entity that overlaps no labeller span is kept: the labeller was not sure of a name
//   the rules have context for (`记者段美如`, a village by its `村`);
// - what is left is made flat: an entity inside another is a part of that one's name.
import type { EntityType } from '../analysis/types';
import type { NameSpan } from './recognizer';

export interface MergeSpan { start: number; end: number; type: EntityType; role?: string }

/**
 * The merged entities of one paragraph, flat and in order. `fromName` makes an entity of a
 * labeller span; `adopt(target, source)` gives it what a rule entity knows (role, divisions).
 */
export function mergeNames<S extends MergeSpan>(
  rules: readonly S[],
  names: readonly NameSpan[],
  bylines: readonly { start: number; end: number }[],
  fromName: (n: NameSpan) => S,
  adopt: (target: S, source: S) => void,
): S[] {
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  const merged: S[] = [];
  const used = new Set<S>();
  for (const n of names) {
    if (bylines.some(b => overlaps(b, n))) continue;
    const same = rules.find(r => r.start === n.start && r.end === n.end && r.type === n.type);
    if (same) { merged.push(same); used.add(same); continue; }
    const s = fromName(n);
    for (const r of rules) if (r.type === n.type && overlaps(r, n)) adopt(s, r);
    merged.push(s);
  }
  for (const r of rules) {
    if (used.has(r)) continue;
    if (!merged.some(m => overlaps(m, r))) merged.push(r);
  }
  // Flat: the outermost entities only, longest first where two start together.
  merged.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: S[] = [];
  for (const s of merged) if (!out.some(o => overlaps(o, s))) out.push(s);
  return out;
}
