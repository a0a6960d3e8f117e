// FNV-1a over UTF-16 code units, one step per unit: the hash of every typed-array table here
// (lexicon.ts's words, gazetteer.ts's names) and of pieces.ts's cut points. A step at a time, so a
// scan that extends a slice by one character extends its hash by one step instead of rehashing.
export const FNV_SEED = 0x811c9dc5;

export function fnvStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193);
}

/** The hash of `text[from, to)`. */
export function fnvOf(text: string, from = 0, to = text.length): number {
  let h = FNV_SEED;
  for (let i = from; i < to; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}
