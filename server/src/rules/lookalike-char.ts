// `lookalike-char`: OCR look-alike character.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const lookalikeChar: Rule = {
  meta: { id: 'lookalike-char', severity: 'warning', description: { zh: 'OCR 形近字错误', en: 'OCR look-alike character' } },
  check() {
    return [];
  },
};
