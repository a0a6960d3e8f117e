// iconv-lite, required on first use. Its code pages are needed only for mojibake (rules/
// garbled-text.ts) and for GB18030 files (cli/encoding.ts, cli/stream.ts), and the bundles keep
// it in a file of its own (esbuild.mjs, VENDOR): parsed only by a thread that needs it.
type IconvLite = typeof import('iconv-lite');

let lib: IconvLite | undefined;

export function iconvLite(): IconvLite {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lib ??= require('iconv-lite') as IconvLite);
}
