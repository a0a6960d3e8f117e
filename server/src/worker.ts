// Worker-thread entry for archive runs (bundled to dist/worker.js): adopts the dictionary the
// pool shared (or loads its own), then analyses and renders one file per message from the
// command line's pool (cli/pool.ts), sending back the file's chunk of stdout as bytes.
import { parentPort, workerData } from 'node:worker_threads';
import { adoptDictionary, warmUp } from './analysis/lexicon';
import { createFormatter } from './cli/format';
import type { Reply, Request, WorkerData } from './cli/pool';
import { reportFile } from './cli/task';

const { dictionary, run } = workerData as WorkerData;
try {
  if (dictionary) adoptDictionary(dictionary);
  else warmUp();
} catch {
  // A missing dictionary is reported per file by the analysis itself, with the file's name.
}
const { render } = createFormatter(run.format);
// The pool tells a worker that cannot start from one that died on a file by this message.
parentPort?.postMessage({ ready: true });

parentPort?.on('message', ({ id, path }: Request) => {
  const report = reportFile({ ...run.template, path }, render);
  // The bytes' buffer is their own (reportFile): moved to the main thread, not copied.
  parentPort!.postMessage({ id, report } satisfies Reply, report.kind === 'report' ? [report.bytes.buffer as ArrayBuffer] : []);
});
