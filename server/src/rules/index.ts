// The registry: every rule, one module each (file name = rule id).
import type { Rule } from './rule';
import { lineWrap } from './line-wrap';
import { splitParagraph } from './split-paragraph';
import { interleavedBlock } from './interleaved-block';
import { cjkSpace } from './cjk-space';
import { halfwidthPunct } from './halfwidth-punct';
import { lookalikeChar } from './lookalike-char';
import { traditionalChar } from './traditional-char';
import { duplicateChar } from './duplicate-char';
import { garbledText } from './garbled-text';
import { noiseLine } from './noise-line';
import { unbalancedQuote } from './unbalanced-quote';
import { missingByline } from './missing-byline';
import { displacedHeadline } from './displaced-headline';

export const rules: Rule[] = [
  lineWrap,
  splitParagraph,
  interleavedBlock,
  cjkSpace,
  halfwidthPunct,
  lookalikeChar,
  traditionalChar,
  duplicateChar,
  garbledText,
  noiseLine,
  unbalancedQuote,
  missingByline,
  displacedHeadline,
];

export const ruleById = new Map(rules.map(r => [r.meta.id, r]));
