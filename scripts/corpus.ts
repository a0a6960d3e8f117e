// Reading the PFR-annotated corpus (../shared/corpus: one paragraph a line, `id  word/tag  …`,
// `[中共/j 中央/n]nt` brackets compound entities) for the training and calibration scripts.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CorpusWord { word: string; tag: string }
export interface CorpusParagraph { id: string; words: CorpusWord[] }

/** The corpus folder: `--corpus DIR`, else ../shared/corpus beside the repository. */
export function corpusDir(argv: readonly string[] = process.argv): string {
  const i = argv.indexOf('--corpus');
  return path.resolve(i > 0 ? argv[i + 1] : path.join(__dirname, '..', '..', 'shared', 'corpus'));
}

/** The corpus's files (`*.txt`, in name order). */
export function corpusFiles(dir: string): string[] {
  const files = fs.readdirSync(dir).filter(f => f.endsWith('.txt')).sort();
  if (!files.length) throw new Error(`no corpus in ${dir}`);
  return files;
}

/**
 * Every paragraph of the corpus, in file and line order; `keep(id)` selects by paragraph id
 * (`19980118-…`: the date comes first). A compound entity's words carry the compound's tag.
 */
export function* corpusParagraphs(dir: string, keep: (id: string) => boolean = () => true): Generator<CorpusParagraph> {
  for (const f of corpusFiles(dir)) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const tokens = line.trim().split(/\s+/);
      if (tokens.length < 2 || !keep(tokens[0])) continue;
      const words: CorpusWord[] = [];
      for (const tok of tokens.slice(1)) {
        const tag = /\]([a-z]+)$/.exec(tok)?.[1] ?? /\/([A-Za-z]+)$/.exec(tok)?.[1] ?? '';
        words.push({ word: tok.replace(/^\[/, '').replace(/\][a-z]+$/, '').replace(/\/[A-Za-z]+$/, ''), tag });
      }
      yield { id: tokens[0], words };
    }
  }
}

/** A paragraph's text (its words joined). */
export const paragraphText = (p: CorpusParagraph) => p.words.map(w => w.word).join('');
