// Worker-thread entry for archive runs (bundled to dist/worker.js): adopts the dictionary the
// pool shared (or loads its own), then analyses one file per message from the command line's
// pool (cli/pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { adoptDictionary, warmUp, type SharedDictionary } from './analysis/lexicon';
import { processFile, type Job } from './cli/task';

try {
  const shared = (workerData as { dictionary?: SharedDictionary } | undefined)?.dictionary;
  if (shared) adoptDictionary(shared);
  else warmUp();
} catch {
  // A missing dictionary is reported per file by the analysis itself, with the file's name.
}
// The pool tells a worker that cannot start from one that died on a file by this message.
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (m: { id: number; job: Job }) => {
  parentPort!.postMessage({ id: m.id, result: processFile(m.job) });
});
