import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { REPO_ROOT } from './cli.js';

// A CommonJS module: Node's default import is module.exports, whose .default is the plugin.
const addFormats = ajvFormats.default;
const SCHEMA_FILE = path.join(REPO_ROOT, 'fixtures', 'sarif', 'sarif-2.1.0.json');
let validate: ValidateFunction | undefined;

/** Schema errors of a SARIF log against the official 2.1.0 schema; empty when valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  }
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

const MULTITOOL_VERSION = '5.7.0';
const CACHE = path.join(REPO_ROOT, 'node_modules', '.cache', 'secretsift-sarif-multitool');
const CACHED_BINARY = path.join(CACHE, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

function runs(binary: string): boolean {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0;
}

/**
 * Microsoft's SARIF Multitool (about 100 MB, Linux x64 only), kept out of package.json so that
 * installing secretsift never fetches it. Found via SARIF_MULTITOOL, else installed once into
 * node_modules/.cache. Returns the binary, or why it is unavailable (the test then skips).
 */
export function findMultitool(): { binary: string } | { unavailable: string } {
  const fromEnv = process.env.SARIF_MULTITOOL;
  if (fromEnv) return runs(fromEnv) ? { binary: fromEnv } : { unavailable: `SARIF_MULTITOOL=${fromEnv} does not run` };
  if (process.platform !== 'linux' || process.arch !== 'x64') return { unavailable: `no Multitool build for ${process.platform}-${process.arch}` };
  if (!existsSync(CACHED_BINARY)) {
    if (process.env.SECRETSIFT_OFFLINE === '1') return { unavailable: 'SECRETSIFT_OFFLINE=1' };
    try {
      execFileSync('npm', ['install', '--prefix', CACHE, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', `@microsoft/sarif-multitool-linux@${MULTITOOL_VERSION}`], {
        stdio: 'ignore',
        timeout: 300_000,
      });
    } catch (error) {
      return { unavailable: `could not install @microsoft/sarif-multitool-linux: ${(error as Error).message.split('\n')[0]}` };
    }
  }
  if (!existsSync(CACHED_BINARY)) return { unavailable: 'the Multitool package installed no binary' };
  // What the package's own postinstall does; install scripts stay off.
  chmodSync(CACHED_BINARY, 0o755);
  return runs(CACHED_BINARY) ? { binary: CACHED_BINARY } : { unavailable: 'the Multitool binary does not run here' };
}
