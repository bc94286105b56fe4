#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { cacheDir } from '../dist/util/cache-dir.js';

// Node 22.1 and later can keep the code it compiled for the next run, which a pre-commit hook
// feels on every commit. Enabled before main.js is imported (static imports would be compiled
// first), and kept in the user's own cache: not os.tmpdir(), shared with other users, and never
// anywhere in a scanned repository. Node 20 has no such cache and runs as before.
// --no-cache is seen here, before arguments are parsed, as commander runs only once code is compiled.
const args = process.argv.slice(2);
const end = args.indexOf('--');
const noCache = (end === -1 ? args : args.slice(0, end)).includes('--no-cache');
if (typeof module.enableCompileCache === 'function' && !process.env.NODE_COMPILE_CACHE && !noCache) {
  const cache = cacheDir();
  if (cache) {
    try {
      mkdirSync(cache, { recursive: true, mode: 0o700 });
      module.enableCompileCache(path.join(cache, 'compile'));
    } catch {
      // An unwritable cache costs speed, not the run.
    }
  }
}

// A reader that stops early (`secretsift rules list | head -2`) closes the pipe: the rest of the
// output has nowhere to go, and that is no error. The run goes on to its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const { main } = await import('../dist/cli/main.js');
await main(process.argv);
