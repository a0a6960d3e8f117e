#!/usr/bin/env node
// `jiaodui` as installed by npm (package.json "bin"): the bundled command line in dist/.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('jiaodui: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(2);
}
require(cli);
