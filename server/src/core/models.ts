// Where the committed models (models/, each made by its script in scripts/) are found at run
// time: the nearest `models/` folder at or above the code's own folder — dist/models beside the
// bundles (esbuild.mjs copies them there, the .vsix ships them so), the same from a bundle one
// folder down (the benchmark's dist/bench), or the repository's models/ when running from source
// (server/src/<layer>/ is three folders below it).
import * as fs from 'node:fs';
import * as path from 'node:path';

export function modelFile(name: string): string {
  let dir = __dirname;
  for (let up = 0; up < 4; up++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'models', name);
    if (fs.existsSync(file)) return file;
  }
  return path.resolve(__dirname, '..', '..', '..', 'models', name);
}
