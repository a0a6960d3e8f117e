// Names in a paragraph, as the statistical labeller reads them: persons, places and
// organisations, flat and outermost (`中国国际广播电台` is one organisation, not a place inside
// one). Pure: text in, spans out; the model (models/ner.bin, trained by scripts/train-ner.ts on
// the People's Daily corpus) loads on first use, once per process.
//
// OCR text is read as it is printed: spaces inside a paragraph (`董 蕾`, `北 京`) are dropped
// before labelling and the spans mapped back to the text, so a name with a space in it is still
// one name, and its range covers the space.
import * as fs from 'node:fs';
import { modelFile } from '../core/models';
import type { EntityType } from '../core/types';
import { extractFeatures, foldUnit, MAX_FEATURES, NameLexicon } from './features';
import { TITLES } from '../language/names';
import { LABELS, NerModel, TYPES, spansOf, viterbi } from './model';

export interface NameSpan { start: number; end: number; type: EntityType }

let model: { weights: NerModel; names: NameLexicon } | undefined;
let loadError: Error | undefined;

/** The model, loaded on first use; undefined (and names not recognised) if its files are missing. */
export function nerModel(): { weights: NerModel; names: NameLexicon } | undefined {
  if (!model && !loadError) {
    try {
      model = {
        weights: NerModel.parse(fs.readFileSync(modelFile('ner.bin'))),
        names: NameLexicon.parse(fs.readFileSync(modelFile('ner-names.txt'), 'utf8')),
      };
    } catch (e) {
      loadError = e instanceof Error ? e : new Error(String(e));
    }
  }
  return model;
}

/** Paragraphs recognised lately, by text: the character rules ask again on every keystroke. */
const memo = new Map<string, readonly NameSpan[]>();
const MEMO_SIZE = 4096;

/**
 * Persons, places and organisations in `text` (one logical paragraph), as UTF-16 offsets into
 * `text`, in order. Cheap enough per paragraph on a keystroke (memoised by text).
 */
export function recognizeNames(text: string): NameSpan[] {
  const hit = memo.get(text);
  if (hit) return hit.slice();
  const spans = recognize(text);
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(text, spans);
  return spans.slice();
}

function recognize(text: string): NameSpan[] {
  const loaded = nerModel();
  if (!loaded || !text) return [];
  const m = loaded.weights;
  // The text without its whitespace, folded; `at[j]` is the offset in `text` of unit j.
  const at: number[] = [];
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x3000 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0) continue;
    at.push(i);
    folded += String.fromCharCode(foldUnit(c));
  }
  const n = folded.length;
  if (!n) return [];
  const { hashes, counts } = extractFeatures(folded, undefined, loaded.names);
  const scores = new Float64Array(n * LABELS);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < counts[i]; k++) {
      const row = m.rowOf(hashes[i * MAX_FEATURES + k]);
      if (row >= 0) m.addRow(row, scores, i * LABELS);
    }
  }
  const labels = new Uint8Array(n);
  viterbi(scores, n, m.transitions, labels);
  const out: NameSpan[] = [];
  for (const s of spansOf(labels, n)) {
    let e = s.end;
    // A title is never part of a name (`吴书记`: the person is 吴, as the corpus annotates it).
    if (s.type === 0) { const title = TITLES.find(t => folded.endsWith(t, e) && e - t.length > s.start); if (title) e -= title.length; }
    out.push({ start: at[s.start], end: at[e - 1] + 1, type: TYPES[s.type] });
  }
  return out;
}
