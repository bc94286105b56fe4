// Builds the labelled corpus: files (relative path → content), each with the secrets it holds.
import { B64, LOWER } from '../rng.mjs';
import { FORMATS, FORMAT_NAMES } from './render.mjs';
import { crcToken, pemKey, PEM_TYPES, randomPassword, VALUE_KINDS } from './secrets.mjs';
import { INLINE_CATEGORIES, inlineNegative, NEGATIVE_DOCUMENTS } from './negatives.mjs';
import { EXTRA_NEGATIVE_DOCUMENTS, EXTRA_SECRET_DOCUMENTS, EXTRA_VALUE_KINDS } from './kinds/index.mjs';

/** @typedef {import('../rng.mjs').Rng} Rng */
/** @typedef {import('./render.mjs').Entry} Entry */
/**
 * A secret the scan must find; a block (a key file) may be found in part. A context, when named
 * (null: none), is the one its finding must carry.
 * @typedef {{ kind: string, family: string, secrets: string[], block?: boolean, context?: string | null }} Label
 */
/** @typedef {{ path: string, content: string, labels: Label[] }} SecretDocument */
/** @typedef {{ count: number, make: (r: Rng) => SecretDocument }} SecretDocumentSpec */
/** A file of hard negatives only; negatives counts them. @typedef {{ path: string, content: string, negatives: number }} NegativeDocument */

const INSTANCES_PER_KIND = 4;

/**
 * @param {string} kind
 * @param {string} family
 * @param {ReturnType<import('./secrets.mjs').ValueKind['make']>} made
 * @returns {{ value: string, label: Label }}
 */
function labelFor(kind, family, made) {
  const { value, secret } = typeof made === 'string' ? { value: made, secret: made } : made;
  const alternatives = [secret];
  if (/%[0-9A-F]{2}/i.test(secret)) alternatives.push(decodeURIComponent(secret));
  return { value, label: { kind, family, secrets: alternatives } };
}

// ---- documents that hold secrets in structure ---------------------------------------------------------
/** @param {string} kind @param {string} secret @returns {Label} */
const block = (kind, secret) => ({ kind, family: 'keys', secrets: [secret], block: true });
/** @param {string} text @param {string} pad */
const indent = (text, pad) => text.trimEnd().split('\n').map((l) => pad + l).join('\n');
/** @type {Record<string, string>} */
const PEM_PATHS = { openssh: '.ssh/id_ed25519', pgp: 'keys/release-signing.asc', encrypted: 'certs/server.enc.key' };

/** @satisfies {Record<string, (r: Rng) => SecretDocument>} */
const SECRET_DOCUMENTS = {
  'pem-file': (r) => {
    const type = r.pick(PEM_TYPES);
    const key = pemKey(r, type);
    const path = PEM_PATHS[type] ?? r.pick(['certs/server.key', 'deploy/keys/app.pem', 'config/jwt-private.pem', 'ssl/private/tls.key']);
    return { path, content: key, labels: [block(`private-key-${type}`, key)] };
  },
  'pem-in-yaml': (r) => {
    const type = r.pick(['rsa', 'ec', 'rsa-pkcs8', 'openssh']);
    const key = pemKey(r, type);
    return {
      path: r.pick(['deploy/k8s/tls-secret.yaml', 'charts/gateway/values-prod.yaml']),
      content: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: gateway-tls\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIB${r.str(60, B64)}\n    -----END CERTIFICATE-----\n  tls.key: |\n${indent(key, '    ')}\n`,
      labels: [block(`private-key-${type}`, key)],
    };
  },
  'pem-in-env': (r) => {
    const type = r.pick(['rsa', 'ec', 'rsa-pkcs8']);
    const key = pemKey(r, type);
    const escaped = key.trimEnd().replace(/\n/g, '\\n');
    return { path: r.pick(['.env', 'deploy/.env.production']), content: `APP_NAME=billing\nJWT_PRIVATE_KEY="${escaped}"\nJWT_ISSUER=https://auth.acme.io\n`, labels: [block(`private-key-${type}`, key)] };
  },
  'pem-in-python': (r) => {
    const type = r.pick(['rsa', 'ec', 'ed25519']);
    const key = pemKey(r, type);
    return { path: r.pick(['app/signing.py', 'scripts/sign_release.py']), content: `from cryptography.hazmat.primitives import serialization\n\nPRIVATE_KEY = b"""${key.trimEnd()}\n"""\n\nkey = serialization.load_pem_private_key(PRIVATE_KEY, password=None)\n`, labels: [block(`private-key-${type}`, key)] };
  },
  'pem-in-terraform': (r) => {
    const type = r.pick(['rsa', 'openssh']);
    const key = pemKey(r, type);
    return { path: 'infra/bastion.tf', content: `resource "aws_key_pair" "bastion" {\n  key_name   = "bastion"\n  public_key = file("bastion.pub")\n}\n\nlocals {\n  bastion_private_key = <<EOT\n${key.trimEnd()}\nEOT\n}\n`, labels: [block(`private-key-${type}`, key)] };
  },
  'gcp-service-account': (r) => {
    const key = pemKey(r, 'rsa-pkcs8');
    const keyId = r.hex(40);
    const project = `${r.pick(['acme', 'globex', 'initech'])}-${r.pick(['prod', 'data', 'ml'])}-${r.int(100000, 999999)}`;
    const doc = { type: 'service_account', project_id: project, private_key_id: keyId, private_key: key, client_email: `deployer@${project}.iam.gserviceaccount.com`, client_id: r.str(21, '0123456789'), auth_uri: 'https://accounts.google.com/o/oauth2/auth', token_uri: 'https://oauth2.googleapis.com/token' };
    return { path: r.pick(['gcp-credentials.json', 'secrets/sa-key.json', 'terraform/account.json']), content: JSON.stringify(doc, null, 2) + '\n', labels: [block('gcp-service-account-private-key', key), { kind: 'gcp-service-account-key-id', family: 'cloud', secrets: [keyId] }] };
  },
  'aws-credentials': (r) => {
    const id = `AKIA${r.str(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
    const secret = r.str(40, B64);
    return { path: 'aws/credentials', content: `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\nregion = eu-west-1\n`, labels: [{ kind: 'aws-access-key-id', family: 'cloud', secrets: [id] }, { kind: 'aws-secret-access-key', family: 'cloud', secrets: [secret] }] };
  },
  npmrc: (r) => {
    const token = crcToken(r, 'npm_');
    const legacy = r.uuid();
    return {
      path: r.pick(['.npmrc', 'packages/web/.npmrc']),
      content: `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${token}\n@acme:registry=https://npm.acme.internal/\n//npm.acme.internal/:_authToken=${legacy}\nalways-auth=true\n`,
      labels: [{ kind: 'npmrc-token', family: 'registries', secrets: [token] }, { kind: 'npmrc-legacy-token', family: 'registries', secrets: [legacy] }],
    };
  },
  netrc: (r) => {
    const pw = randomPassword(r);
    const heroku = r.uuid();
    return { path: '.netrc', content: `machine api.heroku.com\n  login ops@acme.io\n  password ${heroku}\nmachine files.acme.internal login backup password ${pw}\n`, labels: [{ kind: 'netrc-heroku', family: 'keys', secrets: [heroku] }, { kind: 'netrc-password', family: 'keys', secrets: [pw] }] };
  },
  pypirc: (r) => {
    const pw = randomPassword(r);
    return { path: '.pypirc', content: `[distutils]\nindex-servers =\n    internal\n\n[internal]\nrepository = https://pypi.acme.internal/simple/\nusername = deploy\npassword = ${pw}\n`, labels: [{ kind: 'pypirc-password', family: 'keys', secrets: [pw] }] };
  },
  'docker-config': (r) => {
    const auth = Buffer.from(`${r.pick(['ci-bot', 'deploy', 'robot$acme+ci'])}:${randomPassword(r)}`).toString('base64');
    return { path: r.pick(['.docker/config.json', 'ci/docker-config.json']), content: JSON.stringify({ auths: { [r.pick(['registry.acme.io', 'https://index.docker.io/v1/', 'ghcr.io'])]: { auth } } }, null, 2) + '\n', labels: [{ kind: 'docker-config-auth', family: 'registries', secrets: [auth] }] };
  },
  'k8s-secret-data': (r) => {
    const pw = randomPassword(r);
    const token = r.str(40);
    /** @param {string} s */
    const enc = (s) => Buffer.from(s).toString('base64');
    return {
      path: r.pick(['deploy/k8s/db-secret.yaml', 'k8s/secrets.yaml']),
      content: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-credentials\ntype: Opaque\ndata:\n  DB_USER: ${enc('app')}\n  DB_PASSWORD: ${enc(pw)}\n  API_TOKEN: ${enc(token)}\n`,
      labels: [{ kind: 'k8s-secret-password', family: 'generic', secrets: [pw, enc(pw)] }, { kind: 'k8s-secret-token', family: 'generic', secrets: [token, enc(token)] }],
    };
  },
  htpasswd: (r) => {
    const apr = `$apr1$${r.str(8, LOWER + '0123456789')}$${r.str(22, '0123456789./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}`;
    const bcrypt = `$2y$10$${r.str(53, '0123456789./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}`;
    return { path: r.pick(['.htpasswd', 'nginx/htpasswd']), content: `admin:${apr}\nmetrics:${bcrypt}\n`, labels: [{ kind: 'htpasswd-apr1', family: 'keys', secrets: [apr] }, { kind: 'htpasswd-bcrypt', family: 'keys', secrets: [bcrypt] }] };
  },
  'curl-script': (r) => {
    const bearer = r.str(r.int(32, 48));
    const basic = Buffer.from(`${r.pick(['svc-export', 'jenkins'])}:${randomPassword(r)}`).toString('base64');
    const flagPw = randomPassword(r);
    return {
      path: r.pick(['scripts/sync-orders.sh', 'ci/smoke-test.sh']),
      content: `#!/bin/sh\nset -e\ncurl -fsS -H "Authorization: Bearer ${bearer}" https://api.partner.io/v2/orders > orders.json\ncurl -fsS -H "Authorization: Basic ${basic}" https://jenkins.acme.internal/job/nightly/build\ndocker login registry.acme.io --username ci --password ${flagPw}\n`,
      labels: [{ kind: 'bearer-header', family: 'generic', secrets: [bearer] }, { kind: 'basic-auth-header', family: 'generic', secrets: [basic] }, { kind: 'cli-password-flag', family: 'generic', secrets: [flagPw] }],
    };
  },
  'maven-settings': (r) => {
    const pw = randomPassword(r);
    return { path: r.pick(['.m2/settings.xml', 'ci/maven-settings.xml']), content: `<settings>\n  <servers>\n    <server>\n      <id>releases</id>\n      <username>deployer</username>\n      <password>${pw}</password>\n    </server>\n  </servers>\n</settings>\n`, labels: [{ kind: 'xml-password', family: 'generic', secrets: [pw] }] };
  },
  // Secrets in tests, docs and examples are still secrets: found, at their severity, and labelled
  // with their context (a config may drop them with allowlist.contexts).
  'secret-in-tests': (r) => {
    const token = crcToken(r, 'ghp_');
    const path = r.pick(['tests/fixtures/deploy.env', 'src/__tests__/client.test.ts', 'pkg/api/client_test.go', 'spec/support/github.rb']);
    return { path, content: `# recorded from CI\nGITHUB_TOKEN=${token}\n`, labels: [{ kind: 'github-pat-in-tests', family: 'source-control', secrets: [token], context: 'test' }] };
  },
  'secret-in-docs': (r) => {
    const token = crcToken(r, 'npm_');
    return { path: r.pick(['docs/publishing.md', 'doc/release.txt']), content: `# Publishing\n\nRun:\n\n    npm config set //registry.npmjs.org/:_authToken=${token}\n`, labels: [{ kind: 'npm-token-in-docs', family: 'registries', secrets: [token], context: 'docs' }] };
  },
  'secret-in-examples': (r) => {
    const token = crcToken(r, 'ghp_');
    return { path: r.pick(['examples/quickstart/app.py', 'example-app/config.py']), content: `from github import Github\n\ngh = Github("${token}")\n`, labels: [{ kind: 'github-pat-in-examples', family: 'source-control', secrets: [token], context: 'example' }] };
  },
  'secret-in-code': (r) => {
    const token = crcToken(r, 'ghp_');
    return { path: r.pick(['src/deploy/release.py', 'testing_tools/release.py', 'lib/contest/upload.py']), content: `import os\n\nTOKEN = "${token}"\n`, labels: [{ kind: 'github-pat-in-code', family: 'source-control', secrets: [token], context: null }] };
  },
};
/** @type {Record<keyof typeof SECRET_DOCUMENTS, number>} */
const SECRET_DOC_COUNTS = { 'pem-file': 16, 'pem-in-yaml': 5, 'pem-in-env': 4, 'pem-in-python': 4, 'pem-in-terraform': 3, 'gcp-service-account': 4, 'aws-credentials': 3, npmrc: 3, netrc: 3, pypirc: 3, 'docker-config': 4, 'k8s-secret-data': 4, htpasswd: 2, 'curl-script': 5, 'maven-settings': 3, 'secret-in-tests': 4, 'secret-in-docs': 2, 'secret-in-examples': 2, 'secret-in-code': 2 };

/** @template T @param {readonly T[]} list not empty @param {number} i @returns {T} */
const nth = (list, i) => /** @type {T} */ (list[i % list.length]);

/**
 * Returns { files: [{ path, content, labels }], stats }. Deterministic for a seed.
 * @param {Rng} rng
 */
export function buildCorpus(rng) {
  /** @type {SecretDocument[]} */
  const files = [];
  /** @type {{ negatives: Record<string, number>, negativeCount: number }} */
  const stats = { negatives: {}, negativeCount: 0 };
  /** @param {string} category */
  const countNegative = (category, n = 1) => {
    stats.negatives[category] = (stats.negatives[category] ?? 0) + n;
    stats.negativeCount += n;
  };
  let serial = 0;
  /** @param {string} path @param {string} content @param {Label[]} labels */
  const add = (path, content, labels) => files.push({ path: `r${String(++serial).padStart(3, '0')}/${path}`, content, labels });

  // Inline secrets, a few per file, mixed with inline negatives.
  const kr = rng.fork('kinds');
  /** @type {{ name: string, value: string, label: Label }[]} */
  const instances = [];
  for (const kind of [...VALUE_KINDS, ...EXTRA_VALUE_KINDS]) {
    for (let i = 0; i < INSTANCES_PER_KIND; i++) {
      const { value, label } = labelFor(kind.kind, kind.family, kind.make(kr));
      instances.push({ name: kr.pick(kind.names), value, label });
    }
  }
  const fr = rng.fork('files');
  const queue = fr.shuffle(instances);
  let formatTurn = 0;
  while (queue.length) {
    const fmt = nth(FORMAT_NAMES, formatTurn++);
    const taken = queue.splice(0, fr.int(1, 3));
    /** @type {(Entry & { category?: string })[]} */
    const entries = taken.map(({ name, value }) => ({ name, value }));
    for (let n = fr.int(1, 3); n > 0; n--) {
      const category = fr.pick(INLINE_CATEGORIES);
      entries.push({ ...inlineNegative(fr, fmt, category), category });
    }
    // One name per file: a later duplicate would shadow the earlier entry in most formats.
    const seen = new Set();
    const unique = fr.shuffle(entries).filter((e) => !seen.has(e.name) && seen.add(e.name));
    for (const e of unique) if (e.category) countNegative(e.category);
    const kept = new Set(unique.map((e) => e.value));
    const labels = taken.filter((t) => kept.has(t.value)).map((t) => t.label);
    add(fr.pick(FORMATS[fmt].paths), FORMATS[fmt].render(unique, fr), labels);
  }

  // Structured secrets.
  const dr = rng.fork('documents');
  for (const [doc, count] of /** @type {[keyof typeof SECRET_DOCUMENTS, number][]} */ (Object.entries(SECRET_DOC_COUNTS))) {
    for (let i = 0; i < count; i++) {
      const { path, content, labels } = SECRET_DOCUMENTS[doc](dr);
      add(path, content, labels);
    }
  }
  for (const { count, make } of Object.values(EXTRA_SECRET_DOCUMENTS)) {
    for (let i = 0; i < count; i++) {
      const { path, content, labels } = make(dr);
      add(path, content, labels);
    }
  }

  // Files with negatives only.
  const nr = rng.fork('negatives');
  for (let i = 0; i < 60; i++) {
    const fmt = nth(FORMAT_NAMES, i);
    /** @type {(Entry & { category: string })[]} */
    const entries = [];
    for (let n = nr.int(4, 7); n > 0; n--) {
      const category = nr.pick(INLINE_CATEGORIES);
      entries.push({ ...inlineNegative(nr, fmt, category), category });
    }
    const seen = new Set();
    const unique = entries.filter((e) => !seen.has(e.name) && seen.add(e.name));
    for (const e of unique) countNegative(e.category);
    add(nr.pick(FORMATS[fmt].paths), FORMATS[fmt].render(unique, nr), []);
  }
  for (const [doc, make] of Object.entries({ ...NEGATIVE_DOCUMENTS, ...EXTRA_NEGATIVE_DOCUMENTS })) {
    for (let i = 0; i < 2; i++) {
      const { path, content, negatives } = make(nr);
      add(path, content, []);
      countNegative(`hash-or-document:${doc}`, negatives);
    }
  }
  return { files, stats };
}
