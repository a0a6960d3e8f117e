// A stand-in for dist/worker.js in pool.test.ts: speaks the pool's protocol without analysing,
// and dies (an uncaught exception: the Worker's 'error' event) on a file named crash*.txt.
const path = require('node:path');
const { parentPort } = require('node:worker_threads');

parentPort.postMessage({ ready: true });
parentPort.on('message', ({ id, job }) => {
  if (path.basename(job.path).startsWith('crash')) throw new Error(`worker died on ${job.path}`);
  parentPort.postMessage({ id, result: { path: job.path, kind: 'lint', chars: 0, diagnostics: [] } });
});
