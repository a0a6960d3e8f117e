// The end-to-end check a person would do, in a real VS Code (code-server) in Debian's Chromium,
// on a scratch copy of the sample pages opened the way `npm start` opens them (one page in the
// editor at start): the page's summary, the Problems panel, the Outline of seed 000 and of seed 002,
// a hover on a reporter's name, then "Clean this page" from the editor's title bar — first its
// review in a diff editor, applied with one click — and a save that writes the scratch copy, never
// seeds/. It asserts on what the workbench shows, with a screenshot per step in
// test/e2e/screenshots/ (git-ignored).
//
// What the page should show is computed independently with the command line (`dist/cli.js`,
// the same analysis without LSP or VS Code): the number of problems, which of them a safe fix
// repairs, the article headlines.
//
//   npm run test:e2e           (installs code-server and Chromium if needed, builds, runs this)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copySamplePages, launchChromium, missingPrerequisite, repoRoot, startCodeServer, workbenchUrl } from '../vscode/codeServer.mjs';

const SEED = '000_386ae1f4641b9e07.txt';
/** The page with chapters, sub-heads nested under them, a kicker and many photo captions. */
const SEED_CHAPTERS = '002_0f6dadfbd653f096.txt';
/** Rules whose findings fix-all repairs mechanically: ranked below the content problems. */
const MECHANICAL = new Set(['halfwidth-punct', 'cjk-space', 'line-wrap', 'split-paragraph']);
/** A reporter named in a byline of that page, and the byline line (1-based) where it is hovered. */
const REPORTER = '李晓霞';
const screenshots = path.join(repoRoot, 'test/e2e/screenshots');
const started = Date.now();

function log(/** @type {string} */ message) {
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

const missing = missingPrerequisite();
if (missing) {
  console.error(`test:e2e cannot run: ${missing}`);
  process.exit(1);
}

// --- what the page should show, from the CLI -------------------------------------------------
const seedPath = path.join(repoRoot, 'seeds', SEED);
const cli = (/** @type {string[]} */ args) => {
  try {
    return execFileSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), ...args], { encoding: 'utf8' });
  } catch (error) {
    // `lint` exits 1 when it finds problems: its output is still the answer.
    const e = /** @type {{ status?: number, stdout?: string }} */ (error);
    if (e.status === 1 && e.stdout) return e.stdout;
    throw error;
  }
};
const lint = JSON.parse(cli(['lint', '-f', 'json', '--no-progress', seedPath])).files[0].diagnostics;
const outline = JSON.parse(cli(['outline', '-f', 'json', '--no-progress', seedPath])).files[0].articles;
// The Problems panel lists errors, warnings and infos; hints only show in the editor.
const listed = lint.filter((/** @type {{ severity: string }} */ d) => d.severity !== 'hint');
const expectedProblems = listed.length;
// The summary: what a safe fix repairs, and the rest.
const expectedFixable = listed.filter((/** @type {{ fixes: { safe: boolean }[] }} */ d) => d.fixes.some(f => f.safe)).length;
const expectedManual = expectedProblems - expectedFixable;
const contentRules = new Set(listed.filter((/** @type {{ rule: string, severity: string }} */ d) => d.severity === 'error' || d.severity === 'warning').map((/** @type {{ rule: string }} */ d) => d.rule));
const squash = (/** @type {string} */ s) => s.replace(/\s+/g, ' ').trim();
const expectedHeadlines = outline.map((/** @type {{ headline: string }} */ a) => squash(a.headline)).filter(Boolean);
const bylineLine = fs.readFileSync(seedPath, 'utf8').split('\n').findIndex(l => /^(本报)?记者\s/.test(l) && l.includes(REPORTER)) + 1;
assert.ok(expectedProblems > 0 && expectedHeadlines.length >= 3 && bylineLine > 0, 'the seed page is not what this check expects');
log(`expecting ${expectedProblems} problems (${expectedFixable} fixable, ${expectedManual} to judge), ${expectedHeadlines.length} articles, ${REPORTER} on line ${bylineLine}`);
const seedsBefore = snapshot(path.join(repoRoot, 'seeds'));

// --- the workbench ---------------------------------------------------------------------------
fs.rmSync(screenshots, { recursive: true, force: true });
fs.mkdirSync(screenshots, { recursive: true });
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-e2e-'));
// The pages as `npm start` lays them out: a copy of seeds/ in the `newspaper` language.
copySamplePages(workspace);

const server = await startCodeServer({
  installExtension: true,
  // VS Code in a browser saves after a delay by default; off, the cleaned page stays an unsaved
  // edit until step 6 saves it. Word wrap off for pages: step 5 reads the joined first line whole.
  settings: { 'files.autoSave': 'off', '[newspaper]': { 'editor.wordWrap': 'off' }, 'workbench.editor.enablePreview': false, 'editor.minimap.enabled': false },
});
const browser = await launchChromium({ width: 1600, height: 1000 });
let failed = false;
const page = await browser.context.newPage();
const shot = async (/** @type {string} */ name) => {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
  log(`screenshot ${name}.png`);
};

try {
  // The workbench as `npm start` opens it: the folder, and the page in the editor.
  await page.goto(workbenchUrl(server.url, { folder: workspace, openFile: path.join(workspace, SEED) }));
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
  log('workbench loaded');
  const editor = page.locator('.monaco-editor[data-uri$="' + SEED + '"]').first();
  await editor.locator('.view-lines').waitFor({ timeout: 30_000 });
  log(`${SEED} open at start`);

  // 0. The summary on opening a raw page: a CodeLens over its first line, the status bar, and a
  // notification (headless, the workbench files it in the notification center without a toast).
  const summaryText = `本版 ${expectedFixable} 处可自动修复`;
  const lens = editor.locator('.codelens-decoration').filter({ hasText: summaryText }).first();
  await lens.waitFor({ timeout: 60_000 });
  const lensText = squash(await lens.innerText());
  assert.ok(lensText.includes(`${expectedManual} 处需人工判断`), `summary: ${lensText}`);
  assert.match(lensText, /（[^）]*标点[^）]*）/, `summary names the kinds of repair: ${lensText}`);
  for (const button of ['一键清理', '先看改动']) assert.ok(lensText.includes(button), `summary lacks "${button}": ${lensText}`);
  await page.locator('.statusbar-item').filter({ hasText: `${expectedFixable} 处可自动修复` }).first().waitFor({ timeout: 10_000 });
  await runCommand('Notifications: Show Notifications');
  const note = page.locator('.notifications-center .notification-list-item').filter({ hasText: summaryText }).first();
  await note.waitFor({ timeout: 10_000 });
  for (const button of ['一键清理', '先看改动']) assert.ok((await note.innerText()).includes(button), `the notification lacks "${button}"`);
  log(`summary: ${lensText.slice(0, 120)}`);
  await shot('01-summary');
  await runCommand('Notifications: Hide Notifications');

  // 1. Problems: the status bar counter, then the Problems panel with the page's findings.
  await expect(async () => {
    const counts = await statusBarProblems();
    assert.equal(counts.errors + counts.warnings + counts.infos, expectedProblems, JSON.stringify(counts));
  }, 'the status bar to count the problems', 60_000);
  await runCommand('View: Focus Problems');
  const problemsRows = page.locator('.markers-panel .monaco-list-row');
  await problemsRows.first().waitFor();
  const fileRow = problemsRows.filter({ hasText: SEED }).first();
  const badge = squash(await fileRow.locator('.monaco-count-badge').innerText());
  assert.equal(Number(badge), expectedProblems, `Problems panel badge for ${SEED}: ${badge}`);
  const firstProblems = (await problemsRows.allInnerTexts()).slice(1, 6).map(squash);
  log(`Problems panel: ${badge} problems; first: ${firstProblems[0]}`);
  // The first rows are the content problems (misread characters, structure, garbled text), not
  // the hundreds of punctuation and space findings fix-all repairs.
  for (const row of firstProblems.slice(0, Math.min(3, listed.length - expectedFixable))) {
    const rule = /jiaodui\s*\(?([a-z-]+)\)?/.exec(row)?.[1] ?? '';
    assert.ok(!MECHANICAL.has(rule) && contentRules.has(rule), `a mechanical finding among the first rows: ${row}`);
  }
  // Each row reads "message jiaodui rule-id [Ln l, Col c]": every one must be a CLI finding.
  const expectedRows = new Set(lint.map((/** @type {{ rule: string, range: { start: { line: number, character: number } } }} */ d) =>
    `jiaodui ${d.rule} [Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}]`));
  for (const row of firstProblems) {
    const where = /jiaodui\s*\(?([a-z-]+)\)?\s*\[Ln (\d+), Col (\d+)\]/.exec(row);
    assert.ok(where && expectedRows.has(`jiaodui ${where[1]} [Ln ${where[2]}, Col ${where[3]}]`), `unexpected problem row: ${row}`);
  }
  await shot('02-problems');

  // 2. Outline: the articles by headline (displaced headlines restored to their article).
  // Collapse the file tree so the Outline view gets the side bar's height (for the screenshot).
  await page.locator('.explorer-viewlet .pane-header').filter({ hasText: path.basename(workspace) }).first().click();
  await runCommand('Explorer: Focus on Outline View');
  const outlineRows = page.locator('.outline-pane .monaco-list-row');
  await outlineRows.first().waitFor();
  await expect(async () => {
    const labels = (await outlineRows.locator('.label-name').allInnerTexts()).map(squash);
    // Every article by its headline, in page order.
    const at = expectedHeadlines.map(h => labels.findIndex(l => l === h));
    assert.ok(at.every(i => i >= 0), `outline lacks ${JSON.stringify(expectedHeadlines.filter((_, k) => at[k] < 0))}: ${JSON.stringify(labels)}`);
    assert.ok(at.every((i, k) => k === 0 || i > at[k - 1]), `articles out of order: ${JSON.stringify(labels)}`);
  }, 'the outline to list the articles', 20_000);
  const outlineLabels = (await outlineRows.locator('.label-name').allInnerTexts()).map(squash);
  log(`Outline: ${outlineLabels.slice(0, 6).join(' | ')}`);
  await shot('03-outline');

  // 2b. The outline of seed 002: one article (its kicker 孟州 no article of its own), its chapters
  // with their sub-heads nested one level deeper, the captions folded into one node.
  await runInQuickOpen('', SEED_CHAPTERS);
  await page.locator('.monaco-editor[data-uri$="' + SEED_CHAPTERS + '"] .view-lines').first().waitFor();
  await runCommand('Explorer: Focus on Outline View');
  /** @type {{ label: string, level: number }[]} */
  let rows = [];
  await expect(async () => {
    rows = await outlineRows.evaluateAll(els => els.map(el => ({
      label: (el.querySelector('.label-name')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      level: Number(el.getAttribute('aria-level')),
    })));
    const article = rows.findIndex(r => r.level === 1 && r.label.includes('创建图'));
    assert.ok(article >= 0, `no article row: ${JSON.stringify(rows)}`);
    assert.ok(!rows.some(r => r.level === 1 && r.label === '孟州'), `the kicker is an article: ${JSON.stringify(rows)}`);
    const chapters = rows.filter(r => r.level === 2 && /篇$/.test(r.label));
    assert.ok(chapters.length >= 4, `chapters: ${JSON.stringify(rows)}`);
    const subheads = rows.filter(r => r.level === 3);
    assert.ok(subheads.length >= 4, `no sub-heads nested under the chapters: ${JSON.stringify(rows)}`);
    const captions = rows.filter(r => /^图片说明 \(\d+\)$/.test(r.label));
    assert.equal(captions.length, 1, `captions not folded into one node: ${JSON.stringify(rows)}`);
    assert.ok(rows.length <= 16, `${rows.length} rows: ${JSON.stringify(rows)}`);
  }, 'the outline of seed 002 to nest chapters and fold captions', 20_000);
  log(`Outline of ${SEED_CHAPTERS}: ${rows.map(r => `${'·'.repeat(r.level - 1)}${r.label}`).join(' | ')}`);
  await shot('04-outline-chapters');
  // Closed again: the status bar's problem counts, read below, are those of the open pages.
  await runCommand('View: Close Editor');
  await editor.locator('.view-lines').waitFor();
  await expect(async () => {
    const counts = await statusBarProblems();
    assert.equal(counts.errors + counts.warnings + counts.infos, expectedProblems, JSON.stringify(counts));
  }, `only ${SEED}'s problems counted`, 20_000);

  // 3. Hover the reporter's name in the byline.
  await runInQuickOpen(':', String(bylineLine));
  const box = await textBox(REPORTER, bylineLine);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
  await hover.waitFor({ timeout: 15_000 });
  await expect(async () => {
    const text = squash(await hover.innerText());
    assert.ok(text.includes(REPORTER), `hover text: ${text}`);
    assert.ok(/人物|person/i.test(text) && /记者|reporter/i.test(text), `hover lacks type/role: ${text}`);
  }, 'the hover to name the reporter and role', 15_000);
  const hoverText = squash(await hover.innerText());
  log(`hover: ${hoverText.slice(0, 160)}`);
  await shot('05-hover');
  await page.keyboard.press('Escape');

  // 4. The clean-up is found: in the palette by Chinese words, in the editor's title bar.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>清理');
  const paletteRow = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: '清理本版' }).first();
  await paletteRow.waitFor({ timeout: 10_000 });
  log(`palette, typing 清理: ${squash(await paletteRow.innerText())}`);
  await page.keyboard.press('Escape');

  // 5. Review the clean-up (title bar): a diff of the page before and after; applied with one click.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await runInQuickOpen(':', '1');
  const firstLineBefore = await expectTopLine(squash(fs.readFileSync(seedPath, 'utf8').split('\n')[0]));
  const cleanTitle = manifestTitle('jiaodui.cleanPage', false);
  const reviewTitle = manifestTitle('jiaodui.reviewClean', false);
  const titleBar = page.locator('.editor-group-container.active .title .editor-actions');
  const cleanButton = titleBar.locator(`a.action-label[aria-label^="${cleanTitle}"]`).first();
  await cleanButton.waitFor({ timeout: 10_000 });
  log(`title bar: "${cleanTitle}" and "${reviewTitle}"`);
  await titleBar.locator(`a.action-label[aria-label^="${reviewTitle}"]`).first().click();
  const diff = page.locator('.monaco-diff-editor').first();
  await diff.waitFor({ timeout: 20_000 });
  await expect(async () => {
    assert.ok(await diff.locator('.line-insert, .char-insert').count() > 0, 'the diff shows no insertion');
    assert.ok(await diff.locator('.line-delete, .char-delete').count() > 0, 'the diff shows no deletion');
  }, 'the diff of the clean-up', 15_000);
  assert.equal(fs.readFileSync(path.join(workspace, SEED), 'utf8'), fs.readFileSync(seedPath, 'utf8'), 'the review changed the file');
  await shot('06-review');
  const applyTitle = manifestTitle('jiaodui.applyReviewedClean', false);
  await page.locator(`.editor-group-container.active .title .editor-actions a.action-label[aria-label^="${applyTitle}"]`).first().click();
  await expect(async () => {
    const counts = await statusBarProblems();
    assert.ok(counts.errors + counts.warnings + counts.infos < expectedProblems, `still ${JSON.stringify(counts)}`);
  }, 'the problem count to drop after cleaning', 30_000);
  // Applied, the diff closes and the page is shown again from its first line.
  await editor.locator('.view-lines').waitFor();
  await page.mouse.move(700, 500);
  const after = await statusBarProblems();
  let firstLineAfter = '';
  await expect(async () => {
    firstLineAfter = await topLine();
    assert.ok(firstLineAfter.length > firstLineBefore.length && firstLineAfter.startsWith(firstLineBefore.replace(/^\s+/, '').slice(0, 10)),
      `line 1 was not joined: before "${firstLineBefore}", after "${firstLineAfter}"`);
  }, 'the cleaned first line', 10_000);
  log(`after "${applyTitle}": ${JSON.stringify(after)}; line 1 "${firstLineAfter.slice(0, 40)}…"`);
  assert.ok(firstLineAfter.includes('张建波告诉记者'), `the OCR break after 张建波 is still there: ${firstLineAfter}`);
  await expect(async () => {
    const now = squash(await fileRow.locator('.monaco-count-badge').innerText());
    assert.equal(Number(now), after.errors + after.warnings + after.infos, `Problems panel badge after cleaning: ${now}`);
  }, 'the Problems panel to follow', 10_000);
  await expect(async () => {
    assert.equal(await page.locator('.tabs-container .tab.active.dirty').count(), 1, 'the tab is not marked dirty');
  }, 'the cleaned page to be an unsaved edit', 5_000);
  assert.equal(fs.readFileSync(path.join(workspace, SEED), 'utf8'), fs.readFileSync(seedPath, 'utf8'), 'cleaning saved the file');
  await shot('07-cleaned');

  // 6. Saved, the clean page lands in the scratch copy; seeds/ stay as they were.
  await page.keyboard.press('Control+S');
  await expect(async () => {
    assert.notEqual(fs.readFileSync(path.join(workspace, SEED), 'utf8'), fs.readFileSync(seedPath, 'utf8'), 'the scratch page is not saved');
  }, 'the save', 10_000);
  assert.deepEqual(snapshot(path.join(repoRoot, 'seeds')), seedsBefore, 'the demo wrote seeds/');
  log('saved to the scratch copy; seeds/ unchanged');
  log('all checks passed');
} catch (error) {
  failed = true;
  console.error(`e2e FAILED: ${error instanceof Error ? error.stack : error}`);
  await shot('failure').catch(() => {});
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
}
log(failed ? 'failed' : `passed; screenshots in ${path.relative(process.cwd(), screenshots)}/`);
process.exit(failed ? 1 : 0);

// --- helpers -----------------------------------------------------------------------------------

/** Retries an assertion until it holds or the time is up (the workbench updates asynchronously). */
async function expect(/** @type {() => Promise<void>} */ check, /** @type {string} */ what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${error instanceof Error ? error.message : error}`);
      await page.waitForTimeout(250);
    }
  }
}

/** Quick Open with a prefix ('' = files, '>' = commands, ':' = go to line), typed text, Enter. */
async function runInQuickOpen(/** @type {string} */ prefix, /** @type {string} */ text) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(prefix + text);
  if (prefix !== ':') {
    // Wait until the list shows a match for what was typed, then take the first.
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor();
  }
  await page.waitForTimeout(300);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Runs a command from the Command Palette by its title, as a person would. */
async function runCommand(/** @type {string} */ title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('>' + title);
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The Problems counter in the status bar (aria-label "Errors: 0, Warnings: 12, Infos: 3"-like). */
async function statusBarProblems() {
  const item = page.locator('[id="status.problems"]');
  const label = (await item.getAttribute('aria-label')) ?? (await item.innerText());
  const number = (/** @type {RegExp} */ re) => Number(re.exec(label)?.[1] ?? 0);
  return { errors: number(/(\d+)\s*errors?/i) || number(/errors?:?\s*(\d+)/i), warnings: number(/(\d+)\s*warnings?/i) || number(/warnings?:?\s*(\d+)/i), infos: number(/(\d+)\s*infos?/i) || number(/infos?:?\s*(\d+)/i), label };
}

/** Text of the topmost rendered editor line (view lines are absolutely placed, not in DOM order). */
async function topLine() {
  return page.locator(`.monaco-editor[data-uri$="${SEED}"] .view-lines`).first().evaluate(el => {
    const lines = [...el.querySelectorAll('.view-line')].map(l => ({ top: parseFloat(/** @type {HTMLElement} */ (l).style.top), text: l.textContent ?? '' }));
    lines.sort((a, b) => a.top - b.top);
    return (lines[0]?.text ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Waits until the topmost rendered line is `expected` (e.g. after Ctrl+Home) and returns it. */
async function expectTopLine(/** @type {string} */ expected) {
  await expect(async () => assert.equal(await topLine(), expected), `line 1 at the top: ${expected}`, 10_000);
  return expected;
}

/** Every file under `dir` with its contents, to tell whether anything wrote there. */
function snapshot(/** @type {string} */ dir) {
  return Object.fromEntries(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()
    .map(f => [f, fs.statSync(path.join(dir, f)).isFile() ? fs.readFileSync(path.join(dir, f), 'utf8') : '']));
}

/**
 * The English title of a contributed command, as the Command Palette shows it ("Category: Title"),
 * or without the category (`withCategory` false) as the title bar's tooltip has it.
 */
function manifestTitle(/** @type {string} */ id, withCategory = true) {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));
  const resolve = (/** @type {string} */ s) => (/^%.*%$/.test(s) ? nls[s.slice(1, -1)] : s);
  const command = manifest.contributes.commands.find((/** @type {{ command: string }} */ c) => c.command === id);
  assert.ok(command, `${id} is not contributed`);
  return command.category && withCategory ? `${resolve(command.category)}: ${resolve(command.title)}` : resolve(command.title);
}

/** Screen box of `text` on an editor line (1-based), from the rendered DOM text. */
async function textBox(/** @type {string} */ text, /** @type {number} */ line) {
  const lineEl = page.locator('.monaco-editor .view-line').filter({ hasText: text }).first();
  await lineEl.waitFor();
  const box = await lineEl.evaluate((el, needle) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return null;
  }, text);
  assert.ok(box, `"${text}" not rendered on line ${line}`);
  return box;
}
