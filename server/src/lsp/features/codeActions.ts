// Quick fixes per diagnostic, and fix-all as a `source.fixAll.jiaodui` action. Every edit names
// the document version it was computed for, so an editor refuses it once the text has moved on.
import { CodeAction, CodeActionKind, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Finding, Locale, Range, TextEdit } from '../../core/types';
import { sameFinding, toDiagnostic } from './diagnostics';
import { fixPage } from '../../engine/fix';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.jiaodui`;

const fixAllTitle = { zh: '校对：应用全部安全修正', en: 'Jiaodui: apply all safe fixes' };

export function versionedEdit(uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] };
}

function intersects(a: Range, b: Range): boolean {
  const le = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return le(a.start, b.end) && le(b.start, a.end);
}

/** One quick fix per fix of each finding the client asked about (or that touches `range`). */
export function quickFixes(uri: string, version: number, findings: readonly Finding[], range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const f of findings) {
    const asked = diagnostics.find(d => sameFinding(f, d));
    if (!asked && !(diagnostics.length === 0 && intersects(f.range, range))) continue;
    for (const fix of f.fixes) {
      if (!fix.edits.length) continue;
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
