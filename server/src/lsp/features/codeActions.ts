// Quick fixes per diagnostic, and fix-all as a `source.fixAll.jiaodui` action. Every edit names
// the document version it was computed for, so an editor refuses it once the text has moved on.
import { CodeAction, CodeActionKind, Command, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Page } from '../../page/model';
import { applyEdits } from '../../core/text';
import type { Finding, Locale, Range, RuleId, TextEdit } from '../../core/types';
import { fixableSummary, sameFinding, toDiagnostic } from './diagnostics';
import { fixPage } from '../../engine/fix';
import { articleName } from './symbols';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.jiaodui`;

const fixAllTitle = { zh: '校对：应用全部安全修正', en: 'Jiaodui: apply all safe fixes' };

export function versionedEdit(uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] };
}

function intersects(a: Range, b: Range): boolean {
  const le = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return le(a.start, b.end) && le(b.start, a.end);
}

/** Rules whose fixes move whole blocks (headlines, sub-heads, captions) to another place on the page. */
const MOVES: ReadonlySet<RuleId> = new Set(['interleaved-block', 'displaced-headline']);

/**
 * Whether a fix that moves blocks leaves every article the headline it has: moving an article's
 * own headline to its start does, moving a sub-head to where the page model would read it as the
 * article's headline (and the real one as a kicker) does not. `analyse` gives the page model of a
 * text; the check costs one page model, and only for the few findings of the moving rules asked about.
 */
export function keepsHeadlines(page: Page, edits: readonly TextEdit[], analyse: (text: string) => Page): boolean {
  const names = (p: Page) => p.articles.filter(a => a.kind !== 'header' && a.headline.trim()).map(a => articleName(a, 'zh')).sort();
  const before = names(page), after = names(analyse(applyEdits(page.text, edits, page.lines)));
  return before.length === after.length && before.every((n, i) => n === after[i]);
}

/**
 * One quick fix per fix of each finding the client asked about (or that touches `range`). With
 * `keeps`, a fix of a rule that moves blocks is offered only when it keeps the articles' headlines.
 */
export function quickFixes(
  uri: string, version: number, findings: readonly Finding[], range: Range, diagnostics: readonly Diagnostic[],
  keeps?: (edits: readonly TextEdit[]) => boolean,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const f of findings) {
    const asked = diagnostics.find(d => sameFinding(f, d));
    if (!asked && !(diagnostics.length === 0 && intersects(f.range, range))) continue;
    for (const fix of f.fixes) {
      if (!fix.edits.length) continue;
      if (keeps && MOVES.has(f.rule) && !keeps(fix.edits)) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [asked ?? toDiagnostic(f)],
        isPreferred: fix.preferred === true,
        edit: versionedEdit(uri, version, fix.edits),
      });
    }
  }
  return actions;
}

/** `source.fixAll.jiaodui`: every safe fix until the page is stable, in one edit; none when nothing applies. */
export function fixAllAction(uri: string, version: number, text: string, findingsOf: (text: string) => Finding[], locale: Locale): CodeAction | undefined {
  const result = fixPage(text, findingsOf);
  if (!result.edits.length) return undefined;
  return { title: fixAllTitle[locale], kind: FIX_ALL_KIND, edit: versionedEdit(uri, version, result.edits) };
}

/** The client's commands (client/src/extension.ts): clean the page, or first review the clean-up in a diff. */
export const CLEAN_PAGE_CLIENT_COMMAND = 'jiaodui.cleanPage';
export const REVIEW_CLEAN_CLIENT_COMMAND = 'jiaodui.reviewClean';

const cleanTitles = {
  clean: { zh: (n: number) => `清理本版：应用全部 ${n} 处安全修正`, en: (n: number) => `Clean this page: apply all ${n} safe fixes` },
  review: { zh: (n: number) => `清理本版（先看改动）：${n} 处安全修正`, en: (n: number) => `Clean this page (review the changes first): ${n} safe fixes` },
};

/**
 * "Clean this page" and "review the clean-up" as code actions of `kind` (a quick fix next to a
 * finding's own fixes, or a `source` action), running the client's commands: nothing is computed
 * until one is chosen. None when no finding has a safe fix.
 */
export function cleanPageActions(findings: readonly Finding[], locale: Locale, kind: string): CodeAction[] {
  const { fixable } = fixableSummary(findings);
  if (!fixable) return [];
  return [
    { title: cleanTitles.clean[locale](fixable), kind, command: Command.create(cleanTitles.clean[locale](fixable), CLEAN_PAGE_CLIENT_COMMAND) },
    { title: cleanTitles.review[locale](fixable), kind, command: Command.create(cleanTitles.review[locale](fixable), REVIEW_CLEAN_CLIENT_COMMAND) },
  ];
}
