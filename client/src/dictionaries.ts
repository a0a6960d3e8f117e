// User dictionaries (`jiaodui.userDictionaries`): files of words and names that must never be
// flagged. They are workspace content, so they are read only when the workspace is trusted.
// A file that cannot be used costs its own words only: the user is told which file and why, and
// proofreading goes on with the default dictionary and the other files.
import * as vscode from 'vscode';
import { decodeDictionary, MAX_DICTIONARY_BYTES, type CorruptKind } from './dictionaryFile';

export type DictionaryProblem =
  | { kind: 'missing'; path: string }
  | { kind: 'unreadable'; path: string; reason: string }
  | { kind: 'too-large'; path: string }
  | { kind: CorruptKind; path: string };

export interface UserWords { words: string[]; problems: DictionaryProblem[] }

/** The words of every configured dictionary; each file that could not be used is a warning. */
export async function userWords(): Promise<string[]> {
  const { words, problems } = await readUserWords();
  for (const p of problems) void vscode.window.showWarningMessage(problemMessage(p));
  return words;
}

export async function readUserWords(): Promise<UserWords> {
  const out: UserWords = { words: [], problems: [] };
  if (!vscode.workspace.isTrusted) return out;
  const paths = vscode.workspace.getConfiguration('jiaodui').get<unknown>('userDictionaries');
  for (const p of Array.isArray(paths) ? paths : []) {
    if (typeof p !== 'string' || !p.trim()) continue;
    const found = await firstExisting(resolve(p.trim()));
    if (!found) { out.problems.push({ kind: 'missing', path: p }); continue; }
    const { uri, stat } = found;
    const name = vscode.workspace.asRelativePath(uri);
    if (stat.size > MAX_DICTIONARY_BYTES) { out.problems.push({ kind: 'too-large', path: name }); continue; }
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (e) {
      out.problems.push({ kind: 'unreadable', path: name, reason: reasonOf(e) });
      continue;
    }
    const decoded = decodeDictionary(bytes);
    if (decoded.ok) out.words.push(...decoded.words);
    else out.problems.push({ kind: decoded.kind, path: name });
  }
  return out;
}

/** The first of the candidate locations that exists and is a file. */
async function firstExisting(uris: vscode.Uri[]): Promise<{ uri: vscode.Uri; stat: vscode.FileStat } | undefined> {
  for (const uri of uris) {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.File) return { uri, stat };
    } catch { /* not in this folder: try the next */ }
  }
  return undefined;
}

/** A path as written in settings: absolute, or relative to each workspace folder in turn. */
function resolve(p: string): vscode.Uri[] {
  if (/^([a-zA-Z]:)?[\\/]/.test(p)) return [vscode.Uri.file(p)];
  return (vscode.workspace.workspaceFolders ?? []).map(f => vscode.Uri.joinPath(f.uri, p));
}

function reasonOf(e: unknown): string {
  return e instanceof vscode.FileSystemError ? e.code : e instanceof Error ? e.message : String(e);
}

export function problemMessage(p: DictionaryProblem): string {
  const fallback = vscode.l10n.t('Proofreading goes on with the default dictionary.');
  switch (p.kind) {
    case 'missing': return `${vscode.l10n.t('Jiaodui: user dictionary "{0}" was not found.', p.path)} ${fallback}`;
    case 'unreadable': return `${vscode.l10n.t('Jiaodui: cannot read user dictionary "{0}" ({1}).', p.path, p.reason)} ${fallback}`;
    case 'too-large': return `${vscode.l10n.t('Jiaodui: user dictionary "{0}" is larger than {1} MB, too large for a word list; not loaded.', p.path, MAX_DICTIONARY_BYTES / 1e6)} ${fallback}`;
    case 'binary': return `${vscode.l10n.t('Jiaodui: user dictionary "{0}" is corrupt (binary data, not a word list); not loaded.', p.path)} ${fallback}`;
    case 'not-utf8': return `${vscode.l10n.t('Jiaodui: user dictionary "{0}" is not UTF-8 text (saved as GBK?); not loaded. Save it as UTF-8.', p.path)} ${fallback}`;
  }
}
