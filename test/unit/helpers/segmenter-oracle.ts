// Run in a child process by segmenter.test.ts: user words are process-wide, in jieba as here, so
// the comparison with user words gets a process of its own. Prints the mismatches as JSON.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lexicon } from '../../../server/src/language/lexicon';
import { addUserWords } from '../../../server/src/language/dictionary';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jieba = require('nodejs-jieba') as typeof import('nodejs-jieba');
const words = JSON.parse(process.argv[2]) as string[];
addUserWords(words);
for (const w of words) jieba.insertWord(w);
const seeds = path.join(__dirname, '..', '..', '..', 'seeds');
const mismatches: unknown[] = [];
for (const f of fs.readdirSync(seeds)) {
  const text = fs.readFileSync(path.join(seeds, f), 'utf8');
  const ours = lexicon.tag(text);
  const theirs = jieba.tag(text);
  const i = ours.findIndex((t, k) => t.word !== theirs[k]?.word || t.tag !== theirs[k]?.tag);
  if (i >= 0 || ours.length !== theirs.length) mismatches.push({ file: f, at: i, ours: ours.slice(i, i + 3), theirs: theirs.slice(i, i + 3) });
}
process.stdout.write(JSON.stringify(mismatches));
