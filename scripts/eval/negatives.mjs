// Hard negatives: strings a careless scanner reports. Inline ones are { name, value, raw } entries
// written by the same file formats as the secrets; documents are whole files (lockfiles and the like).
import { ALNUM, B64, B64URL, DIGITS, LOWER, UPPER } from '../rng.mjs';
import { base62, crc32 } from './keys.mjs';

/** @typedef {import('../rng.mjs').Rng} Rng */
/** @typedef {import('./render.mjs').Entry} Entry */
/** @typedef {import('./corpus.mjs').NegativeDocument} NegativeDocument */

/** @param {Buffer} bytes */
const b64u = (bytes) => bytes.toString('base64url');
const CODE = new Set(['js', 'ts', 'python', 'go', 'java', 'ruby', 'csharp', 'notebook', 'terraform']);
// Public documentation examples, assembled so this file holds no token-shaped literal.
/** @param {string[]} parts */
const j = (...parts) => parts.join('');
export const DOC_EXAMPLES = [
  { name: 'AWS_ACCESS_KEY_ID', value: j('AKIA', 'IOSFODNN7', 'EXAMPLE') },
  { name: 'AWS_SECRET_ACCESS_KEY', value: j('wJalrXUtnFEMI', '/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY') },
  { name: 'AWS_ACCESS_KEY_ID', value: j('AKIA', 'I44QH8DHB', 'EXAMPLE') },
  { name: 'AWS_SECRET_ACCESS_KEY', value: j('je7MtGbClwBF', '/2Zp9Utk/', 'h3yCo8nvb', 'EXAMPLEKEY') },
  { name: 'JWT_TOKEN', value: j('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ', '.', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c') },
  { name: 'STRIPE_SECRET_KEY', value: j('sk_', 'test_', '4eC39HqLyjWDarjtT1zdp7dc') },
  { name: 'GITHUB_TOKEN', value: j('ghp_', '16C7e42F292c6912E7710c838347Ae178B4a') },
  { name: 'SLACK_BOT_TOKEN', value: j('xoxb-', '17653672481-19874698323-', 'pdFZKVeTuE8sk7oOcBrzbqgy') },
];

const NAMES = {
  provider: ['STRIPE_SECRET_KEY', 'OPENAI_API_KEY', 'GITHUB_TOKEN', 'SLACK_BOT_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'SENDGRID_API_KEY', 'DATADOG_API_KEY', 'TWILIO_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'NPM_TOKEN'],
  generic: ['DB_PASSWORD', 'API_KEY', 'SECRET_KEY', 'AUTH_TOKEN', 'CLIENT_SECRET', 'ADMIN_PASSWORD', 'ACCESS_TOKEN', 'JWT_SECRET', 'SMTP_PASSWORD', 'PRIVATE_TOKEN'],
};

/** @param {Rng} r @param {string} name */
function placeholder(r, name) {
  /** @param {number} n */
  const x = (n, c = 'x') => c.repeat(n);
  /** @type {Record<string, () => string>} */
  const byName = {
    STRIPE_SECRET_KEY: () => r.pick([`sk_live_${x(24)}`, 'sk_live_...', 'sk_test_your_key_here']),
    GITHUB_TOKEN: () => r.pick([`ghp_${x(36, 'X')}`, 'ghp_your_token_here', 'ghp_************************************']),
    AWS_SECRET_ACCESS_KEY: () => r.pick([x(40, 'X'), '<aws-secret-access-key>', 'YOUR_SECRET_ACCESS_KEY']),
    OPENAI_API_KEY: () => r.pick(['sk-...', 'sk-proj-your-key-here', 'sk-<your-openai-key>']),
    SLACK_BOT_TOKEN: () => r.pick(['xoxb-your-bot-token', `xoxb-${x(12, '0')}-${x(13, '0')}-${x(24)}`, 'xoxb-not-a-real-token-this-will-not-work']),
  };
  const special = byName[name];
  if (special && r.chance(0.6)) return special();
  return r.pick([
    'your-api-key-here', 'YOUR_API_KEY', '<TOKEN>', '<your-password>', 'changeme', 'CHANGEME', 'change_me_2024', 'REPLACE_ME', 'replace-me-with-real-value-1',
    '********', '****', '************************', x(32), x(20, 'X'), 'TODO', 'todo-set-in-vault-1', 'dummy-secret-123', 'fake-token-for-tests-1', 'insert-key-here',
    '[REDACTED]', 'redacted-2', 'sample_password_1', 'example-secret-42', 'my-secret-key-2', '<%= api_key %>', 'your_token_here_123', 'placeholder-9f8e7d', '...',
    '00000000000000000000000000000000', 'abcdefghijklmnopqrstuvwxyz', '1234567890abcdef', 'xxxx-xxxx-xxxx-xxxx', 'FIXME',
  ]);
}

/**
 * @param {Rng} r
 * @param {string} fmt
 * @param {string} name
 * @returns {{ value: string, raw: boolean }}
 */
function template(r, fmt, name) {
  const lower = name.toLowerCase();
  const camel = lower.replace(/_([a-z])/g, (_, /** @type {string} */ c) => c.toUpperCase());
  /** @param {string} value */
  const raw = (value) => ({ value, raw: true });
  /** @param {string} value */
  const str = (value) => ({ value, raw: false });
  switch (fmt) {
    case 'js':
    case 'ts':
      return r.pick([raw(`process.env.${name}`), raw(`process.env['${name}']`), raw(`process.env.${name} ?? ''`), raw(`config.get('${camel}')`)]);
    case 'python':
    case 'notebook':
      return r.pick([raw(`os.environ["${name}"]`), raw(`os.getenv("${name}")`), raw(`os.environ.get("${name}", "")`), raw(`settings.${name}`), str(`%(${lower})s`), raw(`getpass.getpass("${lower}: ")`)]);
    case 'go':
      return r.pick([raw(`os.Getenv("${name}")`), raw(`cfg.${camel.charAt(0).toUpperCase()}${camel.slice(1)}`)]);
    case 'java':
      return r.pick([raw(`System.getenv("${name}")`), raw(`props.getProperty("${lower.replace(/_/g, '.')}")`)]);
    case 'ruby':
      return r.pick([raw(`ENV["${name}"]`), raw(`ENV.fetch("${name}")`), raw(`Rails.application.credentials.dig(:${lower})`)]);
    case 'csharp':
      return r.pick([raw(`Environment.GetEnvironmentVariable("${name}")`), raw(`configuration["Secrets:${camel}"]`)]);
    case 'terraform':
      return r.pick([raw(`var.${lower}`), str(`\${var.${lower}}`), raw(`data.aws_ssm_parameter.${lower}.value`), raw(`random_password.${lower}.result`)]);
    case 'actions':
      return r.pick([str(`\${{ secrets.${name} }}`), str(`\${{ vars.${name} }}`)]);
    case 'k8s':
      return r.pick([str(`{{ .Values.secrets.${camel} }}`), str(`$(${name})`), str(`{{ required "set ${camel}" .Values.${camel} }}`)]);
    case 'shell':
      return r.pick([str(`$${name}`), str(`\${${name}}`), str(`\${${name}:-}`), raw(`"$(vault kv get -field=${lower} secret/ci)"`), raw(`"$(cat /run/secrets/${lower})"`)]);
    case 'properties':
      return r.pick([str(`\${${name}}`), str(`\${vault.${lower}}`), str(`ENC(${b64u(r.bytes(24))})`)]);
    case 'ini':
      return r.pick([str(`%(${lower})s`), str(`\${${name}}`)]);
    case 'xml':
      return r.pick([str(`#{${camel}}`), str(`$(${camel})`), str(`__${name}__`), str(`{{${lower}}}`)]);
    case 'yaml':
      return r.pick([str(`\${${name}}`), str(`{{ vault_${lower} }}`), str(`ENC[AES256_GCM,data:${r.str(40, B64)},iv:${r.str(43, B64)}=,tag:${r.str(22, B64)}==,type:str]`)]);
    default:
      return r.pick([str(`\${${name}}`), str(`$${name}`), str(`\${${name}:?missing}`), str(`{{ ${lower} }}`)]);
  }
}

// Identifiers, numbers and words stored under secret-sounding names.
/** @type {[string, string][]} */
const IDENTIFIERS = [
  ['PASSWORD_MIN_LENGTH', '8'], ['SECRET_SANTA', 'True'], ['MAX_TOKENS', '4096'], ['TOKEN_EXPIRY', '15m'], ['SECRET_NAME', 'app-secrets-v2'],
  ['API_KEY_HEADER', 'X-Api-Key'], ['PASSWORD_HASHER', 'argon2id'], ['TOKEN_TYPE', 'Bearer'], ['SECRET_ENGINE_PATH', 'kv-v2'], ['AUTH_TOKEN_TTL', '86400'],
  ['ACCESS_KEY_ROTATION_DAYS', '90'], ['CREDENTIALS_PROVIDER', 'EnvironmentCredentialsProvider'], ['PASSWORD_POLICY', 'min12-upper-lower-digit'],
  ['TOKENIZER', 'bert-base-uncased'], ['TOKEN_ENDPOINT', '/oauth2/v1/token'], ['SECRET_VERSION', '3'], ['PASSWORD_FIELD', 'user_password_2'],
  ['PASSWORD_RESET_TIMEOUT', '259200'], ['TOKEN_BUCKET_CAPACITY', '500'], ['SECRET_ROTATION_SCHEDULE', 'rate(30 days)'], ['API_KEY_PREFIX', 'acme_live_'],
  ['SECRET_KEY_FALLBACKS', '[]'], ['PASSWORD_CHANGE_INTERVAL', 'P90D'], ['TOKEN_AUDIENCE', 'api://orders-v2'], ['SECRETS_BACKEND', 'aws-secretsmanager'],
  ['ENCRYPTION_KEY_ID', 'alias/app-prod-2024'], ['PASSWORD_ENCODER', 'bcrypt'], ['REFRESH_TOKEN_ROTATION', 'enabled'], ['KEY_VAULT_NAME', 'kv-acme-prod-01'],
  ['SECRET_STORE', 'vault-backend'], ['PWD_HISTORY_COUNT', '24'], ['TOKEN_CACHE_SIZE', '1024'], ['API_KEY_ID', 'key_01'],
];
/** @type {[string, string][]} */
const CODE_IDENTIFIERS = [
  ['token', 'get_token()'], ['password', 'hash_password(raw_password)'], ['api_key', 'request.headers.get("X-Api-Key")'], ['secret', 'Secret.from_env("API_SECRET")'],
  ['tokenizer', 'AutoTokenizer.from_pretrained("gpt2")'], ['accessToken', 'await auth.getAccessToken()'], ['passwordHash', 'bcrypt.hashSync(input, 10)'],
  ['client_secret', 'settings.OAUTH_CLIENT_SECRET'], ['secretKey', 'keyring.get_password("acme", "api")'], ['authToken', 'session.token'],
  ['apiKey', 'loadApiKey(path.join(home, ".acme", "key-v2"))'], ['csrf_token', 'request.form["csrf_token"]'], ['new_password', 'form.cleaned_data["password1"]'],
];
const UUID_NAMES = ['REQUEST_ID', 'TENANT_ID', 'CORRELATION_ID', 'PROJECT_ID', 'SUBSCRIPTION_ID', 'AZURE_CLIENT_ID', 'TRACE_ID', 'WORKSPACE_ID', 'DASHBOARD_UID', 'INSTANCE_ID', 'ORG_ID', 'DEVICE_ID'];
/** @type {[string, (r: Rng) => string][]} */
const URLS = [
  ['DATABASE_URL', () => 'postgres://db.internal:5432/app'], ['REDIS_URL', () => 'redis://cache:6379/0'], ['API_BASE_URL', () => 'https://api.stripe.com/v1'],
  ['WEBHOOK_URL', (r) => `https://hooks.acme.io/in/orders-${r.int(1, 9)}`], ['REPO_URL', () => 'git@github.com:acme/platform.git'],
  ['OAUTH_TOKEN_URL', () => 'https://oauth2.googleapis.com/token'], ['PASSWORD_RESET_URL', () => 'https://app.acme.io/account/reset?token='],
  ['MONGO_URL', () => 'mongodb://mongo-0.mongo:27017,mongo-1.mongo:27017/orders?replicaSet=rs0'], ['AMQP_URL', () => 'amqp://rabbitmq:5672/'],
  ['GIT_REMOTE', () => 'https://deploy-bot@git.acme.io/platform/api.git'], ['POSTGRES_URL', () => 'postgres://app:${DB_PASSWORD}@db:5432/app'],
  ['TOKEN_INTROSPECTION_URL', () => 'https://auth.acme.io/oauth2/v1/introspect'], ['NPM_REGISTRY', () => 'https://www.npmjs.com/package/@types/node'],
  ['SECRETS_MANAGER_ENDPOINT', () => 'https://secretsmanager.eu-west-1.amazonaws.com'], ['KEYCLOAK_URL', () => 'https://sso.acme.io/realms/main/protocol/openid-connect/token'],
];
/** @type {[string, string][]} */
const PATHS = [
  ['PASSWORD_FILE', '/run/secrets/db_password'], ['TOKEN_PATH', '/var/run/secrets/kubernetes.io/serviceaccount/token'], ['SSL_KEY_FILE', '/etc/ssl/private/server.key'],
  ['GOOGLE_APPLICATION_CREDENTIALS', '/secrets/gcp/sa-key-2.json'], ['API_KEY_FILE', '~/.config/acme/api_key'], ['SECRETS_DIR', './secrets/prod-eu1'],
  ['KEYSTORE_PATH', 'C:\\certs\\keystore-2024.p12'], ['CREDENTIALS_FILE', '~/.aws/credentials'], ['PRIVATE_KEY_PATH', 'keys/deploy_rsa_4096'],
  ['SECRET_KEY_FILE', '/opt/app/conf/secret.key'], ['TOKEN_CACHE_DIR', '/var/cache/acme/tokens-v2'], ['VAULT_TOKEN_PATH', '/home/ci/.vault-token'],
];

// Near misses of real formats: wrong length, wrong checksum, wrong alphabet.
/** @type {[string, (r: Rng) => string][]} */
const NEAR_MISSES = [
  ['GITHUB_TOKEN', (r) => `ghp_${r.str(36)}`], // CRC32 does not match
  ['NPM_TOKEN', (r) => `npm_${r.str(36)}`],
  ['GITHUB_TOKEN', (r) => {
    const body = r.str(30);
    return `ghp_${body}${base62((crc32(body) + 1) >>> 0, 6)}`;
  }],
  ['AWS_ACCESS_KEY_ID', (r) => `AKIA${r.str(15, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`],
  ['STRIPE_SECRET_KEY', (r) => `sk_live_${r.str(10)}`],
  ['GOOGLE_API_KEY', (r) => `AIza${r.str(30, ALNUM)}`],
  ['SLACK_BOT_TOKEN', (r) => `xoxb-${r.str(6, DIGITS)}-${r.str(8, LOWER)}`],
  ['GITLAB_TOKEN', (r) => `glpat-${r.str(14)}`],
  ['ANTHROPIC_API_KEY', (r) => `sk-ant-api03-${r.str(40, B64URL)}`],
  ['JWT_TOKEN', (r) => `eyJ${r.str(30, B64URL)}.eyJ${r.str(40, B64URL)}.${r.str(43, B64URL)}`], // does not decode to JSON
  ['SOPS_AGE_KEY', (r) => `AGE-SECRET-KEY-1${r.str(58, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L')}`], // bech32 checksum fails
  ['SENDGRID_API_KEY', (r) => `SG.${r.str(12, B64URL)}.${r.str(20, B64URL)}`],
  ['GITHUB_TOKEN', (r) => `github_pat_${r.str(22)}_${r.str(30)}`],
  ['DIGITALOCEAN_TOKEN', (r) => `dop_v1_${r.hex(50)}`],
  ['HF_TOKEN', (r) => `hf_${r.str(20, UPPER + LOWER)}`],
  ['OPENAI_API_KEY', (r) => r.pick([`sk-...${r.str(4)}`, `sk-proj-${r.str(4)}...${r.str(4)}`])], // as dashboards display a key
];

// Public, non-secret values that look like keys.
/** @type {[string, (r: Rng) => string][]} */
const PUBLIC_VALUES = [
  ['STRIPE_PUBLISHABLE_KEY', (r) => `pk_test_${r.str(24)}`], ['GA_MEASUREMENT_ID', (r) => `G-${r.str(10, UPPER + DIGITS)}`],
  ['AWS_ACCOUNT_ID', (r) => r.str(12, DIGITS)], ['ROLE_ARN', (r) => `arn:aws:iam::${r.str(12, DIGITS)}:role/deploy-${r.str(6, LOWER)}`],
  ['IMAGE_DIGEST', (r) => `sha256:${r.hex(64)}`], ['GIT_SHA', (r) => r.hex(40)], ['BUILD_ID', (r) => `${r.int(1000, 9999)}-${r.hex(7)}`],
  ['PUBLIC_KEY_FINGERPRINT', (r) => `SHA256:${r.str(43, B64).replace(/[+/]/g, 'a')}`], ['CHECKSUM_SHA256', (r) => r.hex(64)],
  ['CACHE_KEY', (r) => `deps-${r.hex(40)}`], ['RELEASE_COMMIT', (r) => r.hex(40)], ['CONTENT_HASH', (r) => r.hex(32)],
  // Numbers, names and ciphertext under credential names: an epoch-ms timestamp, a Secrets Manager
  // ARN, an AWS KMS ciphertext blob (base64 of bytes 01 02 02 00 78...: "AQICAH").
  ['TIME_PASSWORD_CHANGED', (r) => String(r.int(1400000000000, 1750000000000))],
  ['DB_SECRET_ARN', (r) => `arn:aws:secretsmanager:${r.pick(['us-east-1', 'eu-west-1'])}:${r.str(12, DIGITS)}:secret:${r.pick(['prod', 'app'])}/db-password-${r.str(6, ALNUM)}`],
  ['DB_PASSWORD_ENCRYPTED', (r) => kmsBlob(r)],
  // Public by design: a Supabase anon key is reported at info, below the default --fail-on.
  ['SUPABASE_ANON_KEY', (r) => anonJwt(r)],
];

/** @param {Rng} r */
function kmsBlob(r) {
  return Buffer.concat([Buffer.from([1, 2, 2, 0, 0x78]), r.bytes(r.int(110, 160))]).toString('base64');
}

/** @param {Rng} r */
function anonJwt(r) {
  /** @param {object} value */
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = r.int(1600000000, 1750000000);
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'supabase', ref: r.str(20, LOWER), role: 'anon', iat, exp: iat + 315360000 })}.${r.str(43, B64URL)}`;
}

export const INLINE_CATEGORIES = ['placeholder', 'template', 'doc-example', 'identifier', 'uuid', 'url', 'path', 'near-miss', 'public'];

/**
 * One inline negative for a file of format `fmt`.
 * @param {Rng} r
 * @param {string} fmt
 * @param {string} category one of INLINE_CATEGORIES
 * @returns {Entry}
 */
export function inlineNegative(r, fmt, category) {
  switch (category) {
    case 'placeholder': {
      const name = r.pick(r.chance(0.5) ? NAMES.provider : NAMES.generic);
      return { name, value: placeholder(r, name) };
    }
    case 'template': {
      const name = r.pick([...NAMES.provider, ...NAMES.generic]);
      return { name, ...template(r, fmt, name) };
    }
    case 'doc-example':
      return { ...r.pick(DOC_EXAMPLES) };
    case 'identifier': {
      if (CODE.has(fmt) && fmt !== 'terraform' && r.chance(0.5)) {
        const [name, value] = r.pick(CODE_IDENTIFIERS);
        return { name: name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(), value, raw: true };
      }
      const [name, value] = r.pick(IDENTIFIERS);
      return { name, value };
    }
    case 'uuid':
      return { name: r.pick(UUID_NAMES), value: r.uuid() };
    case 'url': {
      const [name, make] = r.pick(URLS);
      return { name, value: make(r) };
    }
    case 'path': {
      const [name, value] = r.pick(PATHS);
      return { name, value };
    }
    case 'near-miss': {
      const [name, make] = r.pick(NEAR_MISSES);
      return { name, value: make(r) };
    }
    case 'public': {
      const [name, make] = r.pick(PUBLIC_VALUES);
      return { name, value: make(r) };
    }
    default:
      throw new Error(category);
  }
}

// ---- whole documents: hashes in hash contexts and other look-alikes ----------------------------------
const PACKAGES = ['js-tokens', 'jsonwebtoken', 'passport-jwt', 'bcrypt', 'keygrip', 'safe-buffer', 'csrf', 'secure-json-parse', 'password-prompt', 'oauth-sign', 'tough-cookie', 'node-forge', 'api-key-validator', 'secret-stream', 'token-types'];

/**
 * Each document returns { path, content, negatives } where negatives counts hard negatives in it.
 * @type {Record<string, (r: Rng) => NegativeDocument>}
 */
export const NEGATIVE_DOCUMENTS = {
  'package-lock': (r) => {
    const pkgs = r.shuffle(PACKAGES).slice(0, r.int(5, 8));
    /** @type {Record<string, object>} */
    const packages = { '': { name: 'app', version: '1.0.0', dependencies: Object.fromEntries(pkgs.map((p) => [p, `^${r.int(1, 9)}.${r.int(0, 9)}.0`])) } };
    for (const p of pkgs) {
      const version = `${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 9)}`;
      packages[`node_modules/${p}`] = { version, resolved: `https://registry.npmjs.org/${p}/-/${p}-${version}.tgz`, integrity: `sha512-${r.bytes(64).toString('base64')}`, license: 'MIT' };
    }
    return { path: r.pick(['package-lock.json', 'web/package-lock.json']), content: JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2) + '\n', negatives: pkgs.length };
  },
  'yarn-lock': (r) => {
    const pkgs = r.shuffle(PACKAGES).slice(0, r.int(4, 7));
    const body = pkgs.map((p) => {
      const v = `${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 9)}`;
      return `"${p}@^${v}":\n  version "${v}"\n  resolved "https://registry.yarnpkg.com/${p}/-/${p}-${v}.tgz#${r.hex(40)}"\n  integrity sha512-${r.bytes(64).toString('base64')}\n`;
    });
    return { path: 'yarn.lock', content: `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n${body.join('\n')}`, negatives: pkgs.length * 2 };
  },
  'go-sum': (r) => {
    const mods = ['github.com/golang-jwt/jwt/v5', 'golang.org/x/crypto', 'github.com/aws/aws-sdk-go-v2/credentials', 'github.com/hashicorp/vault/api', 'golang.org/x/oauth2', 'github.com/stripe/stripe-go/v76'];
    const lines = r.shuffle(mods).slice(0, r.int(3, 6)).flatMap((m) => {
      const v = `v${r.int(0, 5)}.${r.int(0, 30)}.${r.int(0, 9)}`;
      return [`${m} ${v} h1:${r.bytes(32).toString('base64')}`, `${m} ${v}/go.mod h1:${r.bytes(32).toString('base64')}`];
    });
    return { path: 'go.sum', content: lines.join('\n') + '\n', negatives: lines.length };
  },
  'cargo-lock': (r) => {
    const crates = ['jsonwebtoken', 'ring', 'secrecy', 'oauth2', 'rustls', 'base64'];
    const blocks = r.shuffle(crates).slice(0, 4).map((c) => `[[package]]\nname = "${c}"\nversion = "${r.int(0, 9)}.${r.int(0, 20)}.${r.int(0, 9)}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "${r.hex(64)}"\n`);
    return { path: 'Cargo.lock', content: `# This file is automatically @generated by Cargo.\nversion = 3\n\n${blocks.join('\n')}`, negatives: blocks.length };
  },
  requirements: (r) => {
    const pkgs = ['cryptography', 'pyjwt', 'keyring', 'python-dotenv', 'requests-oauthlib', 'passlib'];
    const lines = r.shuffle(pkgs).slice(0, 4).map((p) => `${p}==${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 9)} \\\n    --hash=sha256:${r.hex(64)} \\\n    --hash=sha256:${r.hex(64)}`);
    return { path: 'requirements.txt', content: lines.join('\n') + '\n', negatives: lines.length * 2 };
  },
  'terraform-lock': (r) => {
    const providers = ['hashicorp/aws', 'hashicorp/random', 'cloudflare/cloudflare', 'hashicorp/vault'];
    const blocks = r.shuffle(providers).slice(0, 2).map((p) => `provider "registry.terraform.io/${p}" {\n  version = "${r.int(1, 5)}.${r.int(0, 60)}.0"\n  hashes = [\n    "h1:${r.bytes(32).toString('base64')}",\n    "zh:${r.hex(64)}",\n    "zh:${r.hex(64)}",\n  ]\n}\n`);
    return { path: 'infra/.terraform.lock.hcl', content: `# This file is maintained automatically by "terraform init".\n\n${blocks.join('\n')}`, negatives: blocks.length * 3 };
  },
  'composer-lock': (r) => {
    const pkgs = ['firebase/php-jwt', 'league/oauth2-client', 'paragonie/random_compat'].map((name) => ({
      name, version: `v${r.int(1, 6)}.${r.int(0, 9)}.0`, source: { type: 'git', url: `https://github.com/${name}.git`, reference: r.hex(40) }, dist: { type: 'zip', url: `https://api.github.com/repos/${name}/zipball/${r.hex(40)}`, reference: r.hex(40), shasum: '' },
    }));
    return { path: 'composer.lock', content: JSON.stringify({ 'content-hash': r.hex(32), packages: pkgs }, null, 4) + '\n', negatives: 1 + pkgs.length * 2 };
  },
  'docker-digests': (r) => ({
    path: r.pick(['Dockerfile.base', 'docker/Dockerfile.ci']),
    content: `FROM node:20-alpine@sha256:${r.hex(64)} AS build\nWORKDIR /src\nCOPY . .\nRUN npm ci && npm run build\n\nFROM gcr.io/distroless/nodejs20-debian12@sha256:${r.hex(64)}\nCOPY --from=build /src/dist /app\nENV SECRET_KEY_FILE=/run/secrets/app_key\nCMD ["/app/server.js"]\n`,
    negatives: 3,
  }),
  'k8s-digests': (r) => ({
    path: 'deploy/k8s/cronjob.yaml',
    content: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: token-cleanup\n  annotations:\n    checksum/config: ${r.hex(64)}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          serviceAccountName: token-cleanup\n          containers:\n            - name: cleanup\n              image: ghcr.io/acme/token-cleanup@sha256:${r.hex(64)}\n              env:\n                - name: DB_PASSWORD\n                  valueFrom:\n                    secretKeyRef:\n                      name: db-credentials\n                      key: password\n`,
    negatives: 3,
  }),
  'pinned-actions': (r) => ({
    path: '.github/workflows/release.yml',
    content: `name: release\non: [push]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${r.hex(40)} # v4.1.1\n      - uses: actions/setup-node@${r.hex(40)} # v4.0.2\n      - run: npm ci && npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}\n`,
    negatives: 4,
  }),
  changelog: (r) => {
    const entries = Array.from({ length: r.int(3, 6) }, () => `- ${r.pick(['Fix token refresh race', 'Rotate API key handling', 'Hash passwords with argon2id', 'Drop legacy secret loader'])} (${r.hex(40)})`);
    return { path: 'CHANGELOG.md', content: `# Changelog\n\n## ${r.int(1, 4)}.${r.int(0, 20)}.0\n\n${entries.join('\n')}\n\nFull diff: https://github.com/acme/api/compare/${r.hex(40)}...${r.hex(40)}\n`, negatives: entries.length + 2 };
  },
  'sri-html': (r) => ({
    path: 'public/index.html',
    content: `<!doctype html>\n<html>\n<head>\n  <meta name="csrf-token" content="{{ csrf_token }}">\n  <script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/js/bootstrap.bundle.min.js" integrity="sha384-${r.bytes(48).toString('base64')}" crossorigin="anonymous"></script>\n  <link rel="stylesheet" href="/app.css" integrity="sha256-${r.bytes(32).toString('base64')}">\n</head>\n<body><img src="data:image/png;base64,${r.bytes(96).toString('base64')}" alt="logo"></body>\n</html>\n`,
    negatives: 4,
  }),
  'public-keys': (r) => ({
    path: r.pick(['deploy/authorized_keys', 'keys/public.pem']),
    content: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.str(43, B64)} deploy@ci\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${r.str(340, B64)} ops@bastion\n-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${r.str(20, B64)}\n${r.str(64, B64)}\n${r.str(64, B64)}\n${r.str(64, B64)}\n${r.str(48, B64)}IDAQAB\n-----END PUBLIC KEY-----\n`,
    negatives: 3,
  }),
  'readme-placeholders': (r) => ({
    path: r.pick(['README.md', 'docs/setup.md']),
    content: `# Setup\n\nCreate \`.env\` with:\n\n\`\`\`sh\nexport OPENAI_API_KEY=<your-openai-key>\nexport STRIPE_SECRET_KEY=sk_live_...\nexport DATABASE_URL=postgres://user:password@localhost:5432/app\nexport AWS_SECRET_ACCESS_KEY=YOUR_SECRET_ACCESS_KEY\n\`\`\`\n\nThen call the API with \`curl -H "Authorization: Bearer $API_TOKEN" https://api.acme.io/v1/me\`.\nSee the token docs: the password must be at least 12 characters.\n`,
    negatives: 5,
  }),
  'helm-secret-template': () => ({
    path: 'charts/api/templates/secret.yaml',
    content: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include "api.fullname" . }}\ntype: Opaque\ndata:\n  DB_PASSWORD: {{ .Values.db.password | b64enc | quote }}\n  API_TOKEN: {{ required "apiToken" .Values.apiToken | b64enc }}\nstringData:\n  SECRET_KEY: "{{ .Values.secretKey }}"\n`,
    negatives: 3,
  }),
  'sops-encrypted': (r) => ({
    path: 'secrets/prod.enc.yaml',
    content: `db_password: ENC[AES256_GCM,data:${r.str(24, B64)},iv:${r.str(43, B64)}=,tag:${r.str(22, B64)}==,type:str]\napi_token: ENC[AES256_GCM,data:${r.str(52, B64)},iv:${r.str(43, B64)}=,tag:${r.str(22, B64)}==,type:str]\nsops:\n    age:\n        - recipient: age1${r.str(58, 'qpzry9x8gf2tvdw0s3jn54khce6mua7l')}\n    lastmodified: "2024-05-01T10:00:00Z"\n    mac: ENC[AES256_GCM,data:${r.str(88, B64)},iv:${r.str(43, B64)}=,tag:${r.str(22, B64)}==,type:str]\n    version: 3.8.1\n`,
    negatives: 4,
  }),
  // Real-repository false positives (issue 13): textbook URLs, test Basic headers, vendored RFC
  // examples, timestamps under password names, Secrets Manager ARNs, KMS ciphertext, UserSecretsId.
  'sqlalchemy-docs': (r) => {
    const dialects = r.shuffle(['postgresql', 'postgresql+psycopg2', 'mysql+pymysql', 'mysql+mysqldb', 'oracle+oracledb', 'mssql+pyodbc']).slice(0, 4);
    const urls = dialects.map((d) => `    engine = create_engine("${d}://scott:tiger@${r.pick(['localhost', 'hostname', '127.0.0.1:5432'])}/${r.pick(['mydatabase', 'test', 'foo'])}")`);
    const escaped = `postgresql+pg8000://dbuser:${j('kx%40', 'jj5%2Fg')}@pghost10/appdb`;
    return { path: r.pick(['doc/build/core/engines.rst', 'docs/orm/quickstart.rst', 'examples/engines.py']), content: `Database URLs\n=============\n\n.. sourcecode:: python\n\n${urls.join('\n')}\n\nEscaping special characters in passwords::\n\n    ${escaped}\n`, negatives: urls.length + 1 };
  },
  'test-basic-headers': (r) => {
    const pairs = r.shuffle(['user:pass', 'test:test', 'username:password', 'admin:admin', 'user:password']).slice(0, 3);
    const lines = pairs.map((pair, i) => `def test_basic_${i}(client):\n    r = client.get("/private", headers={"Authorization": "Basic ${Buffer.from(pair).toString('base64')}"})\n    assert r.status_code == 200\n`);
    return { path: r.pick(['tests/test_auth.py', 'test/test_requests.py']), content: `import pytest\n\n${lines.join('\n')}\ndef test_url_auth(client):\n    assert client.get("http://user:pass@localhost:8080/").ok\n`, negatives: pairs.length + 1 };
  },
  'vendored-rfc-examples': (r) => {
    const basic = j('czZCaGRSa3F0Mzpn', 'WDFmQmF0M2JW');
    const body = [
      `     POST /token HTTP/1.1\n     Host: server.example.com\n     Authorization: Basic ${basic}\n\n     grant_type=authorization_code&code=${j('SplxlOBeZQ', 'QYbYS6WxSbIA')}`,
      `     {\n       "access_token":"${j('2YotnFZFEj', 'r1zCsicMWpAA')}",\n       "token_type":"example",\n       "refresh_token":"${j('tGzv3JOkF0', 'XG5Qx2TlKWIA')}"\n     }`,
      `     client_secret = "${j('7Fjfp0ZBr1', 'KtDRbnfVdmIw')}"`,
      `     GET /resource HTTP/1.1\n     Authorization: Bearer ${j('mF_9.B5f', '-4.1JqM')}`,
      `        oauth_consumer_key="${j('dpf43f3p', '2l4k3l03')}",\n        consumer_secret="${j('kd94hf93', 'k423kf44')}",\n        oauth_token="${j('nnch734d', '00sl2jdk')}",\n        token_secret="${j('pfkkdhi9', 'sl3r4s00')}"`,
    ];
    return { path: r.pick(['vendor/oauthlib/docs/rfc6749.txt', 'third_party/oauth/README.md', 'node_modules_vendored/oauth-sign/rfc.txt']), content: `${body.join('\n\n')}\n`, negatives: 9 };
  },
  'browser-logins': (r) => {
    const logins = Array.from({ length: r.int(2, 4) }, (_, id) => {
      const t = () => r.int(1400000000000, 1750000000000);
      return { id, hostname: `https://${r.pick(['example.org', 'intranet.acme.io', 'shop.example.com'])}`, encryptedUsername: 'MDoEEPgAAAA=', timeCreated: t(), timeLastUsed: t(), timePasswordChanged: t(), timesUsed: r.int(1, 40) };
    });
    return { path: r.pick(['profile/logins.json', 'fixtures/firefox/logins.json']), content: JSON.stringify({ nextId: logins.length + 1, logins }, null, 1) + '\n', negatives: logins.length };
  },
  'secrets-manager-arns': (r) => {
    /** @param {string} name */
    const arn = (name) => `arn:aws:secretsmanager:${r.pick(['us-east-1', 'eu-west-1'])}:${r.str(12, DIGITS)}:secret:${name}-${r.str(6, ALNUM)}`;
    const task = { family: 'api', containerDefinitions: [{ name: 'api', secrets: [{ name: 'DB_PASSWORD', valueFrom: arn('prod/db-password') }, { name: 'API_TOKEN', valueFrom: arn('prod/api-token2') }] }] };
    return { path: r.pick(['deploy/ecs/task-definition.json', 'infra/taskdef.json']), content: JSON.stringify(task, null, 2) + `\n`, negatives: 2 };
  },
  'kms-ciphertext': (r) => ({
    path: r.pick(['config/encrypted.env', 'deploy/secrets.kms.yaml']),
    content: `DB_PASSWORD_ENCRYPTED=${kmsBlob(r)}\nAPI_TOKEN_CIPHERTEXT="${kmsBlob(r)}"\nciphertext_secret: ${kmsBlob(r)}\n`,
    negatives: 3,
  }),
  'csproj-user-secrets': (r) => ({
    path: r.pick(['src/WebApp/WebApp.csproj', 'Api/Api.csproj']),
    content: `<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n    <UserSecretsId>${r.pick(['', 'aspnet-WebApp-'])}${r.uuid()}</UserSecretsId>\n  </PropertyGroup>\n</Project>\n`,
    negatives: 1,
  }),
  'test-fixture-hashes': (r) => ({
    path: 'tests/test_auth.py',
    content: `import hashlib\n\nEXPECTED_SHA1 = "${r.hex(40)}"\nEXPECTED_MD5 = "${r.hex(32)}"\n\n\ndef test_password_hash():\n    assert hashlib.sha256(b"pw").hexdigest() == "${r.hex(64)}"\n\n\ndef test_token_roundtrip(client):\n    token = client.issue_token(user_id=42)\n    assert client.verify(token)\n`,
    negatives: 4,
  }),
};
