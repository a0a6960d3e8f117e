// The entity labeller's model: a linear-chain tagger over characters with BIOES labels for
// persons, places and organisations, as trained by scripts/train-ner.ts (an averaged perceptron),
// and its compact file format (models/ner.bin).
//
// File layout, little-endian:
//   'NER1', u32 labels (L), u32 rows (R), f32 scale,
//   f32 transitions[(L + 1) × L]   (row L: from the start of the text),
//   u32 hashes[R]                  (feature hashes, ascending),
//   i8  weights[R × L]             (weight = value × scale)
// Pruned of the features whose weights all round to zero: a few MB where the trained table is
// hundreds.
import type { EntityType } from '../core/types';

export const TYPES: readonly EntityType[] = ['person', 'place', 'org'];
/** Labels: 0 outside; for type t, 1 + 4t begins, 2 + 4t inside, 3 + 4t ends, 4 + 4t single. */
export const LABELS = 1 + 4 * TYPES.length;
export const OUT = 0;
export const begin = (t: number) => 1 + 4 * t;
export const inside = (t: number) => 2 + 4 * t;
export const end = (t: number) => 3 + 4 * t;
export const single = (t: number) => 4 + 4 * t;
const typeOf = (label: number) => (label - 1) >> 2;
const partOf = (label: number) => (label - 1) & 3; // 0 B, 1 I, 2 E, 3 S

/** Whether `to` may follow `from` (`LABELS` = the start of the text). */
export function allowed(from: number, to: number): boolean {
  const open = from !== LABELS && from !== OUT && partOf(from) <= 1; // after B or I
  if (open) return (partOf(to) === 1 || partOf(to) === 2) && to !== OUT && typeOf(to) === typeOf(from);
  return to === OUT || partOf(to) === 0 || partOf(to) === 3;
}
/** Whether a text may end on `label`. */
export const mayEnd = (label: number) => label === OUT || partOf(label) >= 2;

const ALLOWED = new Uint8Array((LABELS + 1) * LABELS);
for (let f = 0; f <= LABELS; f++) for (let t = 0; t < LABELS; t++) ALLOWED[f * LABELS + t] = allowed(f, t) ? 1 : 0;

/**
 * The best label sequence for `n` positions with per-position label scores `scores[i × L + l]`
 * and transition scores `trans[(from) × L + to]` (from = L at the start), over allowed
 * transitions only. Ties go to the lower label, so the result is deterministic.
 */
export function viterbi(scores: Float64Array, n: number, trans: ArrayLike<number>, out: Uint8Array): void {
  if (n === 0) return;
  const L = LABELS;
  const best = new Float64Array(n * L);
  const back = new Uint8Array(n * L);
  for (let l = 0; l < L; l++) best[l] = ALLOWED[L * L + l] ? trans[L * L + l] + scores[l] : -Infinity;
  for (let i = 1; i < n; i++) {
    for (let l = 0; l < L; l++) {
      let b = -Infinity;
      let arg = 0;
      for (let f = 0; f < L; f++) {
        if (!ALLOWED[f * L + l]) continue;
        const v = best[(i - 1) * L + f] + trans[f * L + l];
        if (v > b) { b = v; arg = f; }
      }
      best[i * L + l] = b + scores[i * L + l];
      back[i * L + l] = arg;
    }
  }
  let b = -Infinity;
  let arg = 0;
  for (let l = 0; l < L; l++) if (mayEnd(l) && best[(n - 1) * L + l] > b) { b = best[(n - 1) * L + l]; arg = l; }
  for (let i = n - 1; i >= 0; i--) { out[i] = arg; arg = back[i * L + arg]; }
}

/** Entity spans `[start, end)` with type index, read off a label sequence. */
export function spansOf(labels: Uint8Array, n: number): { start: number; end: number; type: number }[] {
  const out: { start: number; end: number; type: number }[] = [];
  let open = -1;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l === OUT) { open = -1; continue; }
    const p = partOf(l);
    if (p === 3) { out.push({ start: i, end: i + 1, type: typeOf(l) }); open = -1; }
    else if (p === 0) open = i;
    else if (p === 2 && open >= 0) { out.push({ start: open, end: i + 1, type: typeOf(l) }); open = -1; }
  }
  return out;
}

/** A loaded model: weights looked up by feature hash in an open-addressing table. */
export class NerModel {
  private readonly keys: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    readonly scale: number,
    readonly transitions: Float32Array,
    readonly hashes: Uint32Array,
    readonly weights: Int8Array,
  ) {
    let size = 1;
    while (size < hashes.length * 2) size <<= 1;
    this.mask = size - 1;
    this.keys = new Uint32Array(size);
    this.slots = new Int32Array(size).fill(-1);
    for (let r = 0; r < hashes.length; r++) {
      let s = hashes[r] & this.mask;
      while (this.slots[s] >= 0) s = (s + 1) & this.mask;
      this.slots[s] = r;
      this.keys[s] = hashes[r];
    }
  }

  /** Row of a feature hash, or -1 when the model has no weight for it. */
  rowOf(hash: number): number {
    let s = hash & this.mask;
    for (;;) {
      const r = this.slots[s];
      if (r < 0) return -1;
      if (this.keys[s] === hash) return r;
      s = (s + 1) & this.mask;
    }
  }

  /** Adds `scale × weights[row]` to `scores[at … at + L)`. */
  addRow(row: number, scores: Float64Array, at: number): void {
    const w = this.weights;
    const base = row * LABELS;
    for (let l = 0; l < LABELS; l++) scores[at + l] += w[base + l] * this.scale;
  }

  static parse(buf: Uint8Array): NerModel {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    if (String.fromCharCode(buf[0], buf[1], buf[2], buf[3]) !== 'NER1') throw new Error('not an entity model (NER1)');
    const labels = view.getUint32(4, true);
    if (labels !== LABELS) throw new Error(`entity model has ${labels} labels, expected ${LABELS}`);
    const rows = view.getUint32(8, true);
    const scale = view.getFloat32(12, true);
    let at = 16;
    const transitions = new Float32Array((LABELS + 1) * LABELS);
    for (let i = 0; i < transitions.length; i++, at += 4) transitions[i] = view.getFloat32(at, true);
    const hashes = new Uint32Array(rows);
    for (let r = 0; r < rows; r++, at += 4) hashes[r] = view.getUint32(at, true);
    const weights = new Int8Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + rows * LABELS));
    return new NerModel(scale, transitions, hashes, weights);
  }

  static serialize(scale: number, transitions: ArrayLike<number>, hashes: Uint32Array, weights: Int8Array): Uint8Array {
    const rows = hashes.length;
    const buf = new Uint8Array(16 + transitions.length * 4 + rows * 4 + rows * LABELS);
    const view = new DataView(buf.buffer);
    buf.set([0x4e, 0x45, 0x52, 0x31]);
    view.setUint32(4, LABELS, true);
    view.setUint32(8, rows, true);
    view.setFloat32(12, scale, true);
    let at = 16;
    for (let i = 0; i < transitions.length; i++, at += 4) view.setFloat32(at, transitions[i], true);
    for (let r = 0; r < rows; r++, at += 4) view.setUint32(at, hashes[r], true);
    buf.set(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength), at);
    return buf;
  }
}
