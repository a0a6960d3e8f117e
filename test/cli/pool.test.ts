// The worker pool (cli/pool.ts): results in input order whoever analysed them, and a worker that
// dies costs the file it was on, not the files queued behind it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runInWorkers } from '../../server/src/cli/pool';
import type { FileReport } from '../../server/src/cli/results';
import { tmpDir } from './helpers';

const run = {
  template: { command: 'lint', locale: 'en', rules: {}, write: false },
  format: { options: { command: 'lint', format: 'json', locale: 'en', write: false }, fileCount: 0, color: false, version: '0' },
} as const;
const crashWorker = path.join(__dirname, 'workers', 'crash-on-name.cjs');

function pages(names: string[]): string[] {
  const dir = tmpDir();
  return names.map(name => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, '本报讯 巩义市委书记袁聚平主持召开会议，安排部署相关工作。\n');
    return file;
  });
}

async function lint(files: string[], workerFile: string, threads: number): Promise<FileReport[]> {
  const out: FileReport[] = [];
  await runInWorkers(files.map(p => ({ path: p })), run, r => { out.push(r); }, workerFile, threads);
  return out;
}

describe('cli worker pool', () => {
  it('reports every file once, in input order, when workers hold several files each', async () => {
    const files = pages(Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, '0')}.txt`));
    const out = await lint(files, crashWorker, 3);
    assert.deepEqual(out.map(r => r.path), files);
    assert.ok(out.every(r => r.kind === 'report'));
  });

  it('reports the file a worker died on as an error and hands the files queued behind it to others', async () => {
    // Workers take files first (several each), so the second file is on a worker's queue, with
    // files behind it on the same worker.
    const files = pages(['a.txt', 'crash.txt', ...Array.from({ length: 12 }, (_, i) => `q${String(i).padStart(2, '0')}.txt`)]);
    const out = await lint(files, crashWorker, 3);
    assert.deepEqual(out.map(r => r.path), files);
    const errors = out.filter(r => r.kind === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].path, files[1]);
    assert.match((errors[0] as { message: string }).message, /worker died on/);
  });

  it('fails the run when no worker can start, rather than waiting for ever', async () => {
    const files = pages(['a.txt', 'b.txt', 'c.txt']);
    await assert.rejects(lint(files, path.join(__dirname, 'workers', 'missing.cjs'), 2));
  });
});
