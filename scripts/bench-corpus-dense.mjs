// Benchmark corpus of keyword-dense generated code: application code where token, key, secret,
// password and auth appear on most screens (auth modules, config loaders, API clients), so most
// keyword-gated rules become candidates for most files, as in real services (about nine 50-line
// screens in ten hold one; twice real code's rate of such hits per MB). Deterministic, with a
// fake token planted in one file in forty (valid checksums where the format has one).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ALNUM, Rng } from './rng.mjs';

// Bump when the generator changes, so a cached corpus is regenerated.
const VERSION = 2;

const PLAIN = 'user account config value result handler request response service client server session cache index model route query filter build deploy update create delete fetch parse render item order payload options'.split(' ');
// Names that hold or handle credentials without holding one here: what makes the gate open.
const SECRETISH = 'token accessToken refreshToken apiKey secretKey password passwordHash auth authHeader credentials clientSecret privateKey sessionToken bearerToken authToken apiToken secret signingKey oauthToken webhookSecret'.split(' ');
/** @param {string} name */
const snake = (name) => name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
/** @param {string} name */
const upper = (name) => snake(name).toUpperCase();

/** @typedef {{ bytes: number, files: number, planted: number, seconds: number }} DenseCorpusInfo */

/**
 * Writes about `sizeMb` MiB of files into `dir` (reused when already generated with the same
 * size). `checksum` is the project's { base62, crc32 }, for tokens that pass their validators.
 * @param {{ dir: string, sizeMb: number, checksum: { base62: (value: number, width: number) => string, crc32: (text: string) => number } }} options
 * @returns {DenseCorpusInfo}
 */
export function prepareDenseCorpus({ dir, sizeMb, checksum }) {
  const marker = `${dir}.complete`;
  const infoFile = `${dir}.json`;
  const stamp = `${VERSION}:${sizeMb}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp && existsSync(infoFile)) return JSON.parse(readFileSync(infoFile, 'utf8'));
  rmSync(marker, { force: true });
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const rng = new Rng(20261123);
  /** @template T @param {readonly T[]} items */
  const pick = (items) => rng.pick(items);
  /** @param {number} max */
  const int = (max) => rng.int(0, max);
  // A name drawn with probability `p` from the credential words: files differ in how dense they are.
  /** @param {number} p */
  const namer = (p) => () => (rng.chance(p) ? pick(SECRETISH) : pick(PLAIN));

  /** @param {() => string} name @returns {[number, () => string][]} */
  const shapes = (name) => [
    [14, () => `const ${name()} = await ${pick(PLAIN)}.${pick(PLAIN)}(${name()}, ${int(1000)});`],
    [10, () => `  if (!${name()} || ${name()}.length > ${int(100)}) { return ${pick(PLAIN)}; }`],
    [8, () => `// ${pick(PLAIN)} the ${name()} before ${pick(PLAIN)}ing the ${name()}`],
    [6, () => `def ${snake(name())}_${pick(PLAIN)}(self, ${snake(name())}=None):`],
    [6, () => `    ${snake(name())} = os.environ.get("${upper(name())}")`],
    [6, () => `  ${name()}: process.env.${upper(name())},`],
    [5, () => `${snake(name())}_ttl_seconds: ${int(10000)}`],
    [5, () => `    "${name()}": "${pick(PLAIN)} ${pick(PLAIN)}",`],
    [4, () => `func (s *${pick(PLAIN)}Store) Get${pick(PLAIN)}(ctx context.Context, ${name()} string) error {`],
    [1, () => `  headers.Authorization = \`Bearer \${${name()}}\`;`],
    [2, () => `  ${name()}Url: "https://${pick(PLAIN)}.example.com/${pick(PLAIN)}/${name()}",`],
    [4, () => `import { ${name()} } from './${pick(PLAIN)}/${pick(PLAIN)}.js';`],
    [3, () => `  throw new Error(\`invalid ${name()} for \${${pick(PLAIN)}}\`);`],
    [3, () => `    ${pick(PLAIN)}_id = "${rng.uuid()}"`],
    [2, () => `  sha256: ${rng.hex(64)}`],
    [1, () => `  data = "${rng.str(76, ALNUM + '+/')}"`],
  ];
  /** @param {() => string} name */
  const table = (name) => shapes(name).flatMap(([weight, shape]) => Array(weight).fill(shape));
  // Pools of lines, sampled per file: generating every line afresh would dominate the bench.
  const pools = [0.02, 0.05, 0.12].map((p) => {
    const lines = table(namer(p));
    return Array.from({ length: 8000 }, () => pick(lines)());
  });
  /** @param {string} prefix */
  const checksummed = (prefix) => {
    const body = rng.str(30);
    return `${prefix}_${body}${checksum.base62(checksum.crc32(body), 6)}`;
  };
  const plants = [
    () => `GITHUB_TOKEN=${checksummed('ghp')}`,
    () => `  "npmToken": "${checksummed('npm')}",`,
    () => `aws_access_key_id = AKIA${rng.str(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    () => `STRIPE_SECRET_KEY=sk_live_${rng.str(24)}`,
    () => `slack_token: "xoxb-${rng.str(12, '0123456789')}-${rng.str(13, '0123456789')}-${rng.str(24)}"`,
    () => `gitlab: glpat-${rng.str(20, ALNUM + '-_')}`,
    () => `sendgrid = "SG.${rng.str(22, ALNUM + '-_')}.${rng.str(43, ALNUM + '-_')}"`,
  ];
  const exts = ['js', 'ts', 'py', 'yaml', 'json', 'env', 'go', 'java'];
  let bytes = 0;
  let files = 0;
  let planted = 0;
  while (bytes < sizeMb * 1024 * 1024) {
    const pool = pick(pools);
    const target = 4000 + int(60000);
    /** @type {string[]} */
    const out = [];
    let size = 0;
    while (size < target) {
      const line = pick(pool);
      out.push(line);
      size += line.length + 1;
    }
    if (files % 40 === 0) {
      out.splice(int(out.length - 1), 0, pick(plants)());
      planted++;
    }
    const file = path.join(dir, `svc${files % 50}`, `mod${Math.floor(files / 50) % 40}`, `file${files}.${pick(exts)}`);
    mkdirSync(path.dirname(file), { recursive: true });
    const text = `${out.join('\n')}\n`;
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  const info = { bytes, files, planted, seconds: (performance.now() - started) / 1000 };
  writeFileSync(infoFile, JSON.stringify(info));
  writeFileSync(marker, stamp);
  return info;
}

