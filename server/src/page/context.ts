// One analysed page as its readers see it — the rules (rules/rule.ts) and entity recognition:
// the page model plus the language layer's per-run tags and memo (language/runs.ts).
import type { RunAnalysis } from '../language/runs';
import type { Page } from './model';

export interface PageContext extends RunAnalysis {
  page: Page;
}
