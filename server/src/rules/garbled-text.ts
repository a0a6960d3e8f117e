// `garbled-text`: Garbled text.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const garbledText: Rule = {
  meta: { id: 'garbled-text', severity: 'error', description: { zh: '乱码', en: 'Garbled text' } },
  check() {
    return [];
  },
};
