// The command line's V8 settings (cli/tuning.ts): flags this Node's V8 knows, set only on V8s
// known to have them.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { CLI_V8_FLAGS, tuneForBatch } from '../../server/src/cli/tuning';

describe('cli V8 tuning', () => {
  it("sets only flags this Node's V8 lists (a V8 that dropped one would print an error on every run)", () => {
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 << 20 });
    for (const flag of CLI_V8_FLAGS) {
      const name = flag.replace(/=.*/, '').replace(/^--no-/, '--');
      assert.ok(new RegExp(`^\\s+${name}\\b`, 'm').test(options), `${name} is not in node --v8-options`);
    }
  });

  it('leaves a V8 it was not checked against alone', () => {
    assert.equal(tuneForBatch('99.1.0'), false);
    assert.equal(tuneForBatch('6.8.275'), false);
    assert.equal(tuneForBatch('garbage'), false);
  });

  it('runs cleanly in a fresh process (no "unrecognized flag" on stderr)', () => {
    const script = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); const t = require(${JSON.stringify(require.resolve('../../server/src/cli/tuning'))}); process.stdout.write(String(t.tuneForBatch()))`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, String(Number(process.versions.v8.split('.')[0]) <= 13));
  });
});
