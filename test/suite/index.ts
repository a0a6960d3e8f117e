// The extension's suite for a real VS Code (the @vscode/test-electron layout): `run()` is
// awaited by the extension host. Launchers: test/runTest.ts (desktop VS Code) and
// test/vscode/launch.mjs (code-server). Not part of mocha's default spec (.mocharc.json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  for (const f of fs.readdirSync(__dirname).sort()) if (/\.test\.[jt]s$/.test(f)) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run(failures => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
