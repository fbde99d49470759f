#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is bundled by esbuild into dist/cli.js (npm ci runs the build through `prepare`).
const path = require('node:path');
const fs = require('node:fs');
const built = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(built)) {
  process.stderr.write('wiregrad: the CLI is not built yet (dist/cli.js is missing). Run `npm run build` first.\n');
  process.exit(2);
}
require(built);
