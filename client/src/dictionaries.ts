// User dictionaries (`jiaodui.userDictionaries`): files of words and names that must never be
// flagged. They are workspace content, so they are read only when the workspace is trusted.
import * as vscode from 'vscode';

/** Longest dictionary file read; a word list larger than this is not a user dictionary. */
const MAX_BYTES = 5_000_000;

export async function readUserWords(): Promise<string[]> {
  if (!vscode.workspace.isTrusted) return [];
  const paths = vscode.workspace.getConfiguration('jiaodui').get<string[]>('userDictionaries') ?? [];
  const words: string[] = [];
  for (const p of paths) {
    for (const uri of resolve(p)) {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_BYTES) continue;
        words.push(...parseDictionary(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri))));
        break;
      } catch { /* missing in this folder: try the next */ }
    }
  }
  return words;
}

/** A path as written in settings: absolute, or relative to each workspace folder in turn. */
function resolve(p: string): vscode.Uri[] {
  if (/^([a-zA-Z]:)?[\\/]/.test(p)) return [vscode.Uri.file(p)];
  return (vscode.workspace.workspaceFolders ?? []).map(f => vscode.Uri.joinPath(f.uri, p));
}

/** One word per line, jieba's format (`word [freq] [tag]`) accepted; `#` starts a comment. */
export function parseDictionary(text: string): string[] {
  return text.split(/\r?\n/).map(l => l.replace(/#.*/, '').trim().split(/\s+/)[0]).filter(Boolean);
}
