// A stand-in for dist/worker.js in pool.test.ts: speaks the pool's protocol without analysing,
// and dies (an uncaught exception: the Worker's 'error' event) on a file named crash*.txt.
const path = require('node:path');
const { parentPort } = require('node:worker_threads');

let setUp = false;
parentPort.on('message', ({ id, path: file }) => {
  // The first message is the setup (the shared dictionary): ready after it, as dist/worker.js.
  if (!setUp) { setUp = true; parentPort.postMessage({ ready: true }); return; }
  if (path.basename(file).startsWith('crash')) throw new Error(`worker died on ${file}`);
  const bytes = new TextEncoder().encode(`${file}\n`);
  const tally = { problems: 0, errors: 0, warnings: 0, infos: 0, fixable: 0 };
  parentPort.postMessage({ id, report: { path: file, kind: 'report', chars: 0, bytes, tally } }, [bytes.buffer]);
});
