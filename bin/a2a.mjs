#!/usr/bin/env node
// The `a2a` command: runs the built CLI bundle (built by `npm ci` through `prepare`, or `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('a2a: the harness is not built yet; run `npm run build` first\n');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
