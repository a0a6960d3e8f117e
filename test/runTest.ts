// Runs the extension's suite (test/suite) in desktop VS Code with @vscode/test-electron — for
// machines that have VS Code or can download it. Where neither is possible (no internet, as on
// this project's CI) it says so and exits 0: the same suite then runs in code-server with
// `npm run test:vscode` (test/vscode/launch.mjs), which needs only the npm registry.
//
//   npx tsx test/runTest.ts                      # downloads VS Code stable into .vscode-test/
//   VSCODE_EXECUTABLE=/path/to/code npx tsx test/runTest.ts
//
// On Linux desktop VS Code needs a display: run it under `xvfb-run -a` on a headless machine.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '..');

async function findVSCode(): Promise<string | undefined> {
  const given = process.env.VSCODE_EXECUTABLE;
  if (given) {
    if (fs.existsSync(given)) return given;
    console.log(`VSCODE_EXECUTABLE=${given} does not exist`);
    return undefined;
  }
  try {
    // Idle timeout: an unreachable update server fails in DNS at once, a stalled one here.
    return await downloadAndUnzipVSCode({ version: 'stable', cachePath: path.join(root, '.vscode-test'), timeout: 15_000 });
  } catch (error) {
    console.log(`VS Code could not be downloaded: ${error instanceof Error ? error.message : error}`);
    return undefined;
  }
}

async function main(): Promise<number> {
  const vscodeExecutablePath = await findVSCode();
  if (!vscodeExecutablePath) {
    console.log('test/runTest.ts skipped: no VS Code here and none can be downloaded. '
      + 'Set VSCODE_EXECUTABLE, or run the same suite in code-server: npm run test:vscode');
    return 0;
  }
  // The suite edits and saves pages: give it a copy of seeds/ as its workspace folder.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-workspace-'));
  fs.cpSync(path.join(root, 'seeds'), workspace, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      // Registers tsx, then loads test/suite/index.ts (see the file).
      extensionTestsPath: path.join(root, 'test/vscode/suiteEntry.js'),
      extensionTestsEnv: { JIAODUI_SUITE: process.env.JIAODUI_SUITE ?? 'test/suite', JIAODUI_WORKSPACE: workspace },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (error) {
    console.error(`extension tests failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(code => process.exit(code), error => { console.error(error); process.exit(1); });
