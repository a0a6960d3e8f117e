// The page model for a whole text, as the analysis builds it (a text far beyond a page's size
// gets the flat model, see analysis/degraded.ts): what exports need without running the rules.
import { buildPage } from '../analysis/page';
import { lexicon } from '../analysis/lexicon';
import type { Page } from '../analysis/model';
import { flatPage, needsDegrading } from '../analysis/degraded';

export function pageOf(text: string): Page {
  return needsDegrading(text) ? flatPage(text) : buildPage(text, lexicon);
}
