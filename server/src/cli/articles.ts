// `jiaodui articles`: each article of a page in reading order, as Markdown (default) or JSON —
// the page model's export (page/export.ts) of the page with its character-keeping safe fixes
// applied (engine/export.ts, as the editor's command), one file after another in input order.
import * as fs from 'node:fs';
import type { ArticlesOptions } from './args';
import { collectInputs } from './files';
import { decode } from './encoding';
import { msg } from './messages';
import { articlesMarkdown, type PageExport } from '../page/export';
import { exportPage } from '../engine/export';

type Out = (chunk: string) => void;


/** Runs the command; returns the exit code (2 when a file could not be read). */
export function runArticles(options: ArticlesOptions, out: Out = s => { process.stdout.write(s); }, err: Out = s => { process.stderr.write(s); }): number {
  const { locale } = options;
  const inputs = collectInputs(options.paths);
  const files: ({ path: string } & PageExport)[] = [];
  let failed = false;
  for (const input of inputs) {
    const fail = (message: string) => { failed = true; err(`jiaodui: ${message}\n`); };
    if (input.error) { fail((input.error === 'not-found' ? msg.notFound(input.path) : msg.readFailed(input.path, input.detail ?? input.error))[locale]); continue; }
    let bytes: Buffer;
    try { bytes = fs.readFileSync(input.path); } catch (e) { fail(msg.readFailed(input.path, (e as NodeJS.ErrnoException).code ?? String(e))[locale]); continue; }
    const decoded = decode(bytes);
    if (!decoded.ok) { fail((decoded.reason === 'binary' ? msg.binary(input.path) : msg.undecodable(input.path))[locale]); continue; }
    const exp = exportPage(decoded.text, options);
    if (options.format === 'json') files.push({ path: input.path, ...exp });
    else out((inputs.length > 1 ? `<!-- ${input.path} -->\n\n` : '') + articlesMarkdown(exp, locale) + (inputs.length > 1 ? '\n' : ''));
  }
  if (options.format === 'json') out(JSON.stringify({ files }, null, 2) + '\n');
  return failed ? 2 : 0;
}
