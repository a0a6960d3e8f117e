// `interleaved-block`: A headline or caption printed between two halves of a sentence.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const interleavedBlock: Rule = {
  meta: { id: 'interleaved-block', severity: 'warning', description: { zh: '标题或图片说明插在句子中间', en: 'A headline or caption printed between two halves of a sentence' } },
  check() {
    return [];
  },
};
