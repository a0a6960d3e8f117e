// The summary of a raw page, shown once when it is opened: how much "clean this page" repairs
// and how much is left to the editor, with the clean-up and its review one click away:
//   本版 540 处可自动修复（标点、空格、断行） · 14 处需人工判断 · 一键清理
// In the language of the diagnostics (`jiaodui.locale`), not of VS Code's menus: it is about the page.
import * as vscode from 'vscode';
import type { PageCounts } from '../../shared/protocol';

type Locale = 'zh' | 'en';

export function locale(): Locale {
  return vscode.workspace.getConfiguration('jiaodui').get<string>('locale') === 'en' ? 'en' : 'zh';
}

/** What each rule's safe fixes repair, in the summary's words. */
const KINDS: Record<string, { zh: string; en: string }> = {
  'halfwidth-punct': { zh: '标点', en: 'punctuation' },
  'cjk-space': { zh: '空格', en: 'spaces' },
  'line-wrap': { zh: '断行', en: 'line breaks' },
  'split-paragraph': { zh: '断行', en: 'line breaks' },
  'interleaved-block': { zh: '断行', en: 'line breaks' },
  'traditional-char': { zh: '繁体字', en: 'traditional characters' },
  'lookalike-char': { zh: '形近字', en: 'look-alike characters' },
  'garbled-text': { zh: '乱码', en: 'garbled text' },
  'noise-line': { zh: '杂行', en: 'noise lines' },
  'duplicate-char': { zh: '重复字', en: 'doubled characters' },
};

export const texts = {
  zh: {
    summary: (c: PageCounts) => `本版 ${c.fixable} 处可自动修复（${kinds(c, 'zh')}） · ${c.manual} 处需人工判断`,
    status: (c: PageCounts) => `校对：${c.fixable} 处可自动修复 · ${c.manual} 处需人工判断`,
    clean: '一键清理',
    review: '先看改动',
    problems: '查看问题',
    reviewTitle: (name: string, n: number) => `${name}：清理后的改动（${n} 处修正）`,
    reviewPrompt: (n: number) => `左边是现在的版面，右边是清理后的版面（${n} 处修正）。应用这些改动吗？`,
    apply: '应用全部改动',
    nothingToClean: '校对：本版没有可自动修正的问题',
    stale: '校对：版面在预览后又被修改，请重新预览',
  },
  en: {
    summary: (c: PageCounts) => `This page: ${c.fixable} findings can be fixed automatically (${kinds(c, 'en')}) · ${c.manual} need your judgement`,
    status: (c: PageCounts) => `Jiaodui: ${c.fixable} fixable · ${c.manual} to judge`,
    clean: 'Clean this page',
    review: 'Review the changes first',
    problems: 'Show problems',
    reviewTitle: (name: string, n: number) => `${name}: the clean-up's changes (${n} fixes)`,
    reviewPrompt: (n: number) => `Left: the page now; right: the page cleaned (${n} fixes). Apply these changes?`,
    apply: 'Apply all changes',
    nothingToClean: 'Jiaodui: nothing to clean on this page',
    stale: 'Jiaodui: the page changed since the preview; review it again',
  },
};

/** The kinds of repair in the page's fixable findings, most frequent first (`标点、空格、断行`). */
function kinds(c: PageCounts, l: Locale): string {
  const byKind = new Map<string, number>();
  for (const [rule, n] of Object.entries(c.fixableByRule)) {
    const k = KINDS[rule]?.[l] ?? rule;
    byKind.set(k, (byKind.get(k) ?? 0) + (n ?? 0));
  }
  return [...byKind.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k).join(l === 'zh' ? '、' : ', ');
}

/**
 * The summary of a page: a CodeLens over its first line for as long as it has something to
 * clean — the summary, then "一键清理" and "先看改动" — and, once per session when its first
 * counts arrive, a notification saying the same (non-modal: the page stays usable behind it).
 */
export class Summary implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly shown = new Set<string>();
  private readonly counts = new Map<string, PageCounts>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly registration = vscode.languages.registerCodeLensProvider(
    [{ language: 'newspaper' }, { language: 'plaintext' }], this);

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const c = this.counts.get(document.uri.toString());
    if (!c || c.fixable === 0) return [];
    const t = texts[locale()];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: t.summary(c), command: 'workbench.actions.view.problems' }),
      new vscode.CodeLens(top, { title: `$(wand) ${t.clean}`, command: 'jiaodui.cleanPage', arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: `$(diff) ${t.review}`, command: 'jiaodui.reviewClean', arguments: [document.uri] }),
    ];
  }

  offer(uri: string, counts: PageCounts | null | undefined): void {
    const before = this.counts.get(uri);
    if (counts) this.counts.set(uri, counts); else this.counts.delete(uri);
    if (before?.fixable !== counts?.fixable || before?.manual !== counts?.manual) this.changed.fire();
    if (!counts || counts.fixable === 0 || this.shown.has(uri)) return;
    this.shown.add(uri);
    const t = texts[locale()];
    void vscode.window.showInformationMessage(t.summary(counts), t.clean, t.review, t.problems).then(choice => {
      const target = vscode.Uri.parse(uri);
      if (choice === t.clean) void vscode.commands.executeCommand('jiaodui.cleanPage', target);
      else if (choice === t.review) void vscode.commands.executeCommand('jiaodui.reviewClean', target);
      else if (choice === t.problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }

  forget(uri: string): void {
    this.shown.delete(uri);
    this.counts.delete(uri);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
