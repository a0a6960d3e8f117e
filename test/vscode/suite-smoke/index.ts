// A minimal extension-host suite (the @vscode/test-electron layout) that proves the launchers
// themselves: the extension loads from its folder and its language server reports diagnostics.
// The extension's real suite is test/suite; run this one with `JIAODUI_SUITE=test/vscode/suite-smoke`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  for (const f of fs.readdirSync(__dirname)) if (f.endsWith('.test.ts')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run(failures => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
