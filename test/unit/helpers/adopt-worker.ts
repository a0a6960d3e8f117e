// Worker-thread side of shared-dictionary.test.ts: adopts the dictionary the test shared, tags a
// text, then adds a user word (which must not reach the sharing thread) and tags again.
import { parentPort, workerData } from 'node:worker_threads';
import { lexicon } from '../../../server/src/language/lexicon';
import { addUserWords, adoptDictionary } from '../../../server/src/language/dictionary';

const { dictionary, text, userWord } = workerData;
adoptDictionary(dictionary);
const before = lexicon.tag(text);
const freqBefore = lexicon.freq(userWord);
addUserWords([userWord]);
parentPort!.postMessage({ before, freqBefore, after: lexicon.tag(text), freqAfter: lexicon.freq(userWord) });
