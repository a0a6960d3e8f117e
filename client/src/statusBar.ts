// The status bar item: dictionary loading / ready, and the active page's counts.
import * as vscode from 'vscode';
import type { PageCounts, StatusParams } from '../../shared/protocol';
import { locale, texts } from './summary';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('jiaodui.status', vscode.StatusBarAlignment.Right, 100);
  private readonly pages = new Map<string, PageCounts | null>();
  private loading = true;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item.name = vscode.l10n.t('Jiaodui');
    this.item.command = 'jiaodui.showProblems';
    this.subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());
    this.render();
  }

  update(p: StatusParams): void {
    this.loading = p.state === 'loading';
    if (p.uri) this.pages.set(p.uri, p.counts ?? null);
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const counts = doc ? this.pages.get(doc.uri.toString()) : undefined;
    // Menus (title bar, context menu, palette) offer "clean this page" on pages: a plain-text file
    // is one when the server analyses it.
    void vscode.commands.executeCommand('setContext', 'jiaodui.activeIsPage', !!counts);
    if (this.loading) {
      this.item.text = `$(loading~spin) ${vscode.l10n.t('Jiaodui: loading dictionary')}`;
      this.item.tooltip = vscode.l10n.t('Loading the dictionary; pages are analysed as soon as it is in.');
      this.item.show();
    } else if (counts) {
      const icon = counts.errors ? '$(error)' : counts.warnings ? '$(warning)' : '$(check)';
      // A raw page: what the clean-up repairs and what is left to judge (client/src/summary.ts).
      this.item.text = counts.fixable ? `$(wand) ${texts[locale()].status(counts)}` : `${icon} ${vscode.l10n.t('Jiaodui {0}', counts.findings)}`;
      this.item.tooltip = counts.entities === undefined
        ? vscode.l10n.t('{0} findings ({1} errors, {2} warnings, {3} infos) · {4} articles · counting names and places',
          counts.findings, counts.errors, counts.warnings, counts.infos, counts.articles)
        : vscode.l10n.t('{0} findings ({1} errors, {2} warnings, {3} infos) · {4} articles · {5} names and places',
          counts.findings, counts.errors, counts.warnings, counts.infos, counts.articles, counts.entities);
      this.item.show();
    } else {
      this.item.hide();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
