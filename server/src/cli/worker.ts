// Worker-thread entry for archive runs (bundled to dist/worker.js): adopts the dictionary the
// pool shares in its first message (or loads its own), then analyses and renders one file per
// message from the command line's pool (cli/pool.ts), sending back the file's chunk of stdout
// as bytes.
import { parentPort, workerData } from 'node:worker_threads';
import { adoptDictionary, warmUp } from '../language/dictionary';
import { createFormatter } from './format';
import type { Reply, Request, Setup, WorkerData } from './pool';
import { reportFile } from './task';

const { run } = workerData as WorkerData;
const { render } = createFormatter(run.format);
let setUp = false;

parentPort?.on('message', (m: Setup | Request) => {
  if (!setUp) {
    setUp = true;
    const { dictionary } = m as Setup;
    try {
      if (dictionary) adoptDictionary(dictionary);
      else warmUp();
    } catch {
      // A missing dictionary is reported per file by the analysis itself, with the file's name.
    }
    // The pool tells a worker that cannot start from one that died on a file by this message.
    parentPort!.postMessage({ ready: true });
    return;
  }
  const { id, path } = m as Request;
  const report = reportFile({ ...run.template, path }, render);
  // The bytes' buffer is their own (reportFile): moved to the main thread, not copied.
  parentPort!.postMessage({ id, report } satisfies Reply, report.kind === 'report' ? [report.bytes.buffer as ArrayBuffer] : []);
});
