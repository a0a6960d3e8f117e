// Worker-thread entry for archive runs (bundled to dist/worker.js): loads the dictionary once,
// then analyses one file per message from the command line's pool (cli/pool.ts).
import { parentPort } from 'node:worker_threads';
import { warmUp } from './analysis/lexicon';
import { processFile, type Job } from './cli/task';

try {
  warmUp();
} catch {
  // A missing dictionary is reported per file by the analysis itself, with the file's name.
}

parentPort?.on('message', (m: { id: number; job: Job }) => {
  parentPort!.postMessage({ id: m.id, result: processFile(m.job) });
});
