import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lexicon } from '../../server/src/language/lexicon';
import { shareDictionary } from '../../server/src/language/dictionary';

// The CLI's pool loads the dictionary once and its workers adopt it (cli/pool.ts, worker.ts).
describe('dictionary shared with worker threads', () => {
  it('tags in a worker exactly as here, and a user word added there stays there', async () => {
    const seeds = path.join(__dirname, '..', '..', 'seeds');
    const userWord = '河阳华流四联';
    const text = `${fs.readFileSync(path.join(seeds, fs.readdirSync(seeds)[0]), 'utf8')}\n${userWord}杆苑花芒\n`;
    const isToken = (tags: { word: string }[]) => tags.some(t => t.word === userWord);
    const dictionary = shareDictionary();
    assert.ok(dictionary.table.slots.buffer instanceof SharedArrayBuffer);
    const reply = await new Promise<any>((resolve, reject) => {
      const w = new Worker(path.join(__dirname, 'helpers', 'adopt-worker.ts'), { workerData: { dictionary, text, userWord }, execArgv: ['--require', 'tsx/cjs'] });
      w.once('message', m => { void w.terminate(); resolve(m); });
      w.once('error', reject);
    });
    assert.deepEqual(reply.before, lexicon.tag(text));
    assert.equal(reply.freqBefore, 0);
    assert.ok(reply.freqAfter > 0, 'the worker knows its user word');
    assert.ok(!isToken(reply.before) && isToken(reply.after), 'the worker cuts its user word as one word');
    // Back here the shared table is untouched: the worker copied it before writing.
    assert.equal(lexicon.freq(userWord), 0);
    assert.ok(!lexicon.isUserWord(userWord));
    assert.deepEqual(lexicon.tag(text), reply.before);
  });
});
