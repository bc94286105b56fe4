// Eval kinds for the rules of this area (issue 13). Same shapes as ../secrets.mjs and ../corpus.mjs:
//   kinds: V(kind, family, names, make) entries; documents: { name: { count, make(r) → { path, content, labels } } };
//   negativeDocuments: { name: make(r) → { path, content, negatives } }.
// Area: credential files by format (credential-files), framework secrets (frameworks), password
// hashes (password-hashes) and connection strings (connection-strings). Values are written from each
// format's documentation: crypt(3) alphabets and lengths, PHC strings, Django/Werkzeug/phpass layouts,
// Fernet and Laravel keys as base64 of 32 random bytes, JetBrains and WinSCP obfuscations.
import { V } from '../secrets.mjs';
import { ALNUM, B64, B64URL, DIGITS, LOWER, UPPER } from '../../rng.mjs';

/** @typedef {import('../../rng.mjs').Rng} Rng */
/** @typedef {import('../corpus.mjs').SecretDocumentSpec} SecretDocumentSpec */
/** @typedef {import('../corpus.mjs').NegativeDocument} NegativeDocument */

const CRYPT = './' + DIGITS + UPPER + LOWER; // crypt(3) base64 alphabet
const DJANGO = LOWER + DIGITS + '!@#$%^&*(-_=+)'; // django.core.management.utils.get_random_secret_key
const WP_SALT = ALNUM + '!@#$%^&*()-_ []{}<>~`+=,.;:/?|'; // wp_generate_password(64, true, true)
const HEXU = '0123456789ABCDEF';

/** A password: letters, digits and a few symbols, starting alphanumeric, with a digit and a letter. @param {Rng} r */
function pw(r, min = 14, max = 22, symbols = '!#%*-_+=') {
  for (;;) {
    const value = r.str(r.int(min, max), ALNUM + symbols + DIGITS);
    if (/[0-9]/.test(value) && /[A-Za-z]/.test(value) && /^[A-Za-z0-9]/.test(value) && !/(.)\1\1/.test(value)) return value;
  }
}
/** @param {Rng} r */
const urlPw = (r) => pw(r, 14, 22, '-_');
/** @param {Buffer} bytes */
const b64 = (bytes) => bytes.toString('base64');
/** @param {string} family @param {string} kind @param {string[]} secrets */
const fam = (family, kind, ...secrets) => ({ kind, family, secrets });

// ---- password hashes --------------------------------------------------------------------------------
/** @param {Rng} r */
const bcrypt = (r, v = r.pick(['2a', '2b', '2y'])) => `$${v}$${r.pick(['10', '11', '12'])}$${r.str(53, CRYPT)}`;
/** @param {Rng} r */
const sha512crypt = (r) => `$6$${r.chance(0.3) ? `rounds=${r.int(5000, 656000)}$` : ''}${r.str(r.pick([8, 16]), CRYPT)}$${r.str(86, CRYPT)}`;
/** @param {Rng} r */
const sha256crypt = (r) => `$5$${r.str(16, CRYPT)}$${r.str(43, CRYPT)}`;
/** @param {Rng} r */
const md5crypt = (r) => `$${r.pick(['1', 'apr1'])}$${r.str(8, CRYPT)}$${r.str(22, CRYPT)}`;
/** @param {Rng} r */
const yescrypt = (r) => `$y$j9T$${r.str(22, CRYPT)}$${r.str(43, CRYPT)}`;
/** @param {Rng} r @param {number} n */
const phcB64 = (r, n) => b64(r.bytes(n)).replace(/=+$/, '');
/** @param {Rng} r */
const argon2 = (r) => `$argon2${r.pick(['id', 'i'])}$v=19$m=${r.pick([19456, 65536, 102400])},t=${r.int(2, 4)},p=${r.int(1, 8)}$${phcB64(r, 16)}$${phcB64(r, 32)}`;
/** @param {Rng} r */
const passlibPbkdf2 = (r) => `$pbkdf2-sha256$${r.pick([29000, 200000])}$${r.str(22, CRYPT)}$${r.str(43, CRYPT)}`;
/** @param {Rng} r */
const djangoHash = (r) => `pbkdf2_sha256$${r.pick([600000, 720000, 870000])}$${r.str(22)}$${b64(r.bytes(32))}`;
/** @param {Rng} r */
const werkzeugHash = (r) => (r.chance(0.5) ? `scrypt:32768:8:1$${r.str(16)}$${r.hex(128)}` : `pbkdf2:sha256:600000$${r.str(16)}$${r.hex(64)}`);
/** @param {Rng} r */
const ssha = (r) => `{SSHA}${b64(r.bytes(24))}`;
/** @param {Rng} r */
const scram = (r) => `SCRAM-SHA-256$4096:${b64(r.bytes(16))}$${b64(r.bytes(32))}:${b64(r.bytes(32))}`;
/** @param {Rng} r */
const phpass = (r) => `$P$B${r.str(30, CRYPT)}`;

// ---- obfuscations -----------------------------------------------------------------------------------
/** JetBrains PasswordUtil: each character XOR 0xdfaa, four hex digits. @param {string} s */
const jetbrainsScramble = (s) => [...s].map((c) => (c.charCodeAt(0) ^ 0xdfaa).toString(16)).join('');
/** WinSCP: simple flag (0xFF), length and padding, each byte ~(b ^ 0xA3), as uppercase hex. @param {Rng} r @param {string} user @param {string} host @param {string} password */
function winscpObfuscate(r, user, host, password) {
  /** @param {number} b a byte */
  const enc = (b) => (~(b ^ 0xa3) & 0xff).toString(16).toUpperCase().padStart(2, '0');
  const plain = [...`${user}${host}${password}`].map((c) => c.charCodeAt(0));
  const shift = r.int(0, 40);
  return [0xff, 0x00, plain.length, shift, ...Array.from({ length: shift }, () => r.int(0, 255)), ...plain].map(enc).join('');
}
/** @param {Rng} r */
const fernet = (r) => r.bytes(32).toString('base64url') + '=';

export const kinds = [
  // password-hashes: the value alone carries the format
  V('bcrypt-hash', 'password-hashes', ['ADMIN_PASSWORD_HASH', 'BASIC_AUTH_HASH', 'ROOT_PW_HASH'], (r) => bcrypt(r)),
  V('sha512crypt-hash', 'password-hashes', ['ROOT_PASSWORD_HASH', 'USER_PASSWD_HASH'], (r) => sha512crypt(r)),
  V('sha256crypt-hash', 'password-hashes', ['DEPLOY_PASSWORD_HASH'], (r) => sha256crypt(r)),
  V('md5crypt-hash', 'password-hashes', ['ENABLE_SECRET_HASH', 'LEGACY_PASSWORD_HASH'], (r) => md5crypt(r)),
  V('yescrypt-hash', 'password-hashes', ['UBUNTU_PASSWORD_HASH', 'HASHED_PASSWD'], (r) => yescrypt(r)),
  V('argon2-hash', 'password-hashes', ['ADMIN_PASSWORD_HASH', 'PASSWORD_DIGEST'], (r) => argon2(r)),
  V('passlib-pbkdf2-hash', 'password-hashes', ['ADMIN_HASH', 'OPERATOR_PASSWORD_HASH'], (r) => passlibPbkdf2(r)),
  V('django-password-hash', 'password-hashes', ['SUPERUSER_PASSWORD_HASH', 'ADMIN_HASH'], (r) => djangoHash(r)),
  V('werkzeug-password-hash', 'password-hashes', ['ADMIN_PASSWORD_HASH', 'DASHBOARD_HASH'], (r) => werkzeugHash(r)),
  V('ldap-ssha-hash', 'password-hashes', ['LDAP_ROOT_PW_HASH', 'SLAPD_ROOTPW_HASH'], (r) => ssha(r)),
  V('postgres-scram-verifier', 'password-hashes', ['PGBOUNCER_AUTH_HASH', 'PG_ROLE_VERIFIER'], (r) => scram(r)),
  V('phpass-hash', 'password-hashes', ['WP_ADMIN_HASH', 'LEGACY_USER_HASH'], (r) => phpass(r)),
  // connection-strings: URLs whose scheme carries the format
  V('sqlserver-url', 'connection-strings', ['MSSQL_URL', 'SQLSERVER_DSN'], (r) => {
    const p = urlPw(r);
    return { value: `${r.pick(['sqlserver', 'mssql+pyodbc', 'mssql+pymssql'])}://${r.pick(['svc_orders', 'etl', 'report'])}:${p}@${r.pick(['sql01.corp.internal', '10.2.0.4'])}:1433/${r.pick(['orders', 'dwh'])}`, secret: p };
  }),
  V('oracle-url', 'connection-strings', ['ORACLE_URL', 'ORACLE_DSN'], (r) => {
    const p = urlPw(r);
    return { value: `${r.pick(['oracle', 'oracle+oracledb', 'oracle+cx_oracle'])}://${r.pick(['hr_app', 'billing'])}:${p}@ora-prod.corp.internal:1521/${r.pick(['ORCL', 'HRPDB'])}`, secret: p };
  }),
  V('clickhouse-url', 'connection-strings', ['CLICKHOUSE_URL', 'CLICKHOUSE_DSN'], (r) => {
    const p = urlPw(r);
    return { value: `${r.pick(['clickhouse', 'clickhouse+native', 'clickhouse+http'])}://${r.pick(['ingest', 'bi'])}:${p}@ch-1.analytics.internal:9000/${r.pick(['events', 'default'])}`, secret: p };
  }),
  V('neo4j-url', 'connection-strings', ['NEO4J_URI', 'GRAPH_URL'], (r) => {
    const p = r.str(r.pick([20, 43]));
    return { value: `${r.pick(['neo4j+s', 'bolt', 'neo4j'])}://${r.pick(['neo4j', 'graph'])}:${p}@${r.str(8, LOWER + DIGITS)}.databases.neo4j.io`, secret: p };
  }),
  V('smb-url', 'connection-strings', ['BACKUP_SHARE_URL', 'SMB_TARGET'], (r) => {
    const p = urlPw(r);
    return { value: `${r.pick(['smb', 'cifs'])}://${r.pick(['CORP;svc-backup', 'scanner'])}:${p}@fs01.corp.internal/${r.pick(['backups', 'scans'])}`, secret: p };
  }),
  V('socks-proxy-url', 'connection-strings', ['ALL_PROXY', 'SOCKS_PROXY'], (r) => {
    const p = r.str(r.int(16, 24));
    return { value: `${r.pick(['socks5h', 'socks5'])}://${r.pick(['scraper', 'crawler'])}:${p}@gate.proxy-provider.net:7000`, secret: p };
  }),
  V('url-query-password', 'connection-strings', ['DATABASE_URL', 'REDIS_URL', 'CLICKHOUSE_DSN'], (r) => {
    const p = r.str(r.int(16, 24));
    return {
      value: r.pick([
        `postgresql://db.prod.internal:5432/orders?user=orders&password=${p}&sslmode=require`,
        `redis://cache.prod.internal:6379/0?password=${p}&dial_timeout=5s`,
        `clickhouse://ch-1.analytics.internal:9000/events?username=ingest&password=${p}&secure=true`,
      ]),
      secret: p,
    };
  }),
];

// ---- whole files ------------------------------------------------------------------------------------
const saltNames = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
/** @param {Rng} r */
function wpSalt(r) {
  for (;;) {
    const s = r.str(64, WP_SALT);
    if (!/^ | $/.test(s)) return s;
  }
}

/** @type {Record<string, SecretDocumentSpec>} */
export const documents = {
  'wp-config': {
    count: 3,
    make: (r) => {
      const db = pw(r);
      const salts = saltNames.map(() => wpSalt(r));
      const content = `<?php\n/**\n * The base configuration for WordPress\n */\n\n// ** Database settings ** //\ndefine( 'DB_NAME', 'wp_${r.str(6, LOWER)}' );\ndefine( 'DB_USER', 'wp_admin' );\ndefine( 'DB_PASSWORD', '${db}' );\ndefine( 'DB_HOST', 'db.prod.internal' );\ndefine( 'DB_CHARSET', 'utf8mb4' );\ndefine( 'DB_COLLATE', '' );\n\n/**#@+\n * Authentication unique keys and salts.\n */\n${saltNames.map((n, i) => `define( '${n}', ${' '.repeat(17 - n.length)}'${salts[i]}' );`).join('\n')}\n/**#@-*/\n\n$table_prefix = 'wp_';\ndefine( 'WP_DEBUG', false );\n\nif ( ! defined( 'ABSPATH' ) ) {\n\tdefine( 'ABSPATH', __DIR__ . '/' );\n}\nrequire_once ABSPATH . 'wp-settings.php';\n`;
      return { path: r.pick(['wp-config.php', 'public/wp-config.php', 'site/wp-config.php']), content, labels: [fam('frameworks', 'wordpress-db-password', db), ...salts.map((s) => fam('frameworks', 'wordpress-auth-salt', s))] };
    },
  },
  'django-settings': {
    count: 3,
    make: (r) => {
      const key = `${r.chance(0.5) ? 'django-insecure-' : ''}${r.str(50, DJANGO)}`;
      const q = r.pick(["'", '"']);
      const content = `from pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n\n# SECURITY WARNING: keep the secret key used in production secret!\nSECRET_KEY = ${q}${key}${q}\n\nDEBUG = False\nALLOWED_HOSTS = ["shop.acme.io"]\n\nINSTALLED_APPS = [\n    "django.contrib.admin",\n    "django.contrib.auth",\n]\n`;
      return { path: r.pick(['mysite/settings.py', 'config/settings/production.py', 'shop/settings.py']), content, labels: [fam('frameworks', 'django-secret-key', key)] };
    },
  },
  'laravel-env': {
    count: 3,
    make: (r) => {
      const appKey = `base64:${b64(r.bytes(32))}`;
      const content = `APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=${appKey}\nAPP_DEBUG=false\nAPP_URL=https://shop.acme.io\n\nLOG_CHANNEL=stack\nDB_CONNECTION=mysql\nDB_HOST=mysql\nDB_PORT=3306\nDB_DATABASE=shop\nDB_USERNAME=shop\n`;
      return { path: r.pick(['.env', 'src/.env.production']), content, labels: [fam('frameworks', 'laravel-app-key', appKey)] };
    },
  },
  'symfony-env': {
    count: 2,
    make: (r) => {
      const secret = r.hex(32);
      return { path: r.pick(['.env', '.env.prod.local']), content: `###> symfony/framework-bundle ###\nAPP_ENV=prod\nAPP_SECRET=${secret}\n###< symfony/framework-bundle ###\n\n###> symfony/messenger ###\nMESSENGER_TRANSPORT_DSN=doctrine://default?auto_setup=0\n###< symfony/messenger ###\n`, labels: [fam('frameworks', 'symfony-app-secret', secret)] };
    },
  },
  'rails-secrets': {
    count: 3,
    make: (r) => {
      const base = r.hex(128);
      const master = r.hex(32);
      return r.chance(0.5)
        ? { path: 'config/secrets.yml', content: `development:\n  secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>\n\nproduction:\n  secret_key_base: ${base}\n`, labels: [fam('frameworks', 'rails-secret-key-base', base)] }
        : { path: r.pick(['.kamal/secrets.production', '.env.production']), content: `KAMAL_REGISTRY_PASSWORD=$KAMAL_REGISTRY_PASSWORD\nRAILS_MASTER_KEY=${master}\nRAILS_LOG_LEVEL=info\n`, labels: [fam('frameworks', 'rails-master-key', master)] };
    },
  },
  'phoenix-config': {
    count: 2,
    make: (r) => {
      const key = r.str(64, B64);
      return { path: r.pick(['config/config.exs', 'config/prod.secret.exs']), content: `import Config\n\nconfig :shop, ShopWeb.Endpoint,\n  url: [host: "localhost"],\n  secret_key_base: "${key}",\n  pubsub_server: Shop.PubSub,\n  live_view: [signing_salt: "${r.str(8)}"]\n`, labels: [fam('frameworks', 'phoenix-secret-key-base', key)] };
    },
  },
  'flask-app': {
    count: 2,
    make: (r) => {
      const key = r.hex(64);
      return { path: r.pick(['app/__init__.py', 'server.py']), content: `from flask import Flask\n\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "${key}"\napp.config["SESSION_COOKIE_SECURE"] = True\n\n\n@app.route("/")\ndef index():\n    return "ok"\n`, labels: [fam('frameworks', 'flask-secret-key', key)] };
    },
  },
  'env-defaults': {
    count: 3,
    make: (r) => {
      const a = r.str(40);
      const b = pw(r);
      const c = r.hex(64);
      return r.pick([
        { path: 'app/config.py', content: `import os\n\nSTRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "${a}")\nDB_PASSWORD = os.getenv("DB_PASSWORD", "${b}")\nos.environ.setdefault("SESSION_SECRET", "${c}")\nDEBUG = os.getenv("DEBUG", "false") == "true"\n`, labels: [fam('frameworks', 'python-env-default', a), fam('frameworks', 'python-env-default', b), fam('frameworks', 'python-env-default', c)] },
        { path: 'src/config.js', content: `module.exports = {\n  port: Number(process.env.PORT || 8080),\n  jwtSecret: process.env.JWT_SECRET || '${a}',\n  db: { password: process.env.DB_PASSWORD ?? "${b}" },\n  session: process.env['SESSION_SECRET'] || \`${c}\`,\n};\n`, labels: [fam('frameworks', 'node-env-fallback', a), fam('frameworks', 'node-env-fallback', b), fam('frameworks', 'node-env-fallback', c)] },
        { path: 'config/initializers/secrets.rb', content: `Rails.application.configure do\n  config.x.slack_signing_secret = ENV.fetch("SLACK_SIGNING_SECRET", "${a}")\n  config.x.smtp_password = ENV["SMTP_PASSWORD"] || "${b}"\n  config.x.devise_secret = ENV.fetch("DEVISE_SECRET_KEY") { "${c}" }\nend\n`, labels: [fam('frameworks', 'ruby-env-default', a), fam('frameworks', 'ruby-env-default', b), fam('frameworks', 'ruby-env-default', c)] },
      ]);
    },
  },
  makefile: {
    count: 2,
    make: (r) => {
      const p = r.str(24);
      return { path: r.pick(['Makefile', 'build/release.mk']), content: `IMAGE ?= registry.acme.io/shop\nREGISTRY_PASSWORD ?= ${p}\nVERSION := $(shell git describe --tags)\n\npush:\n\tdocker login -u ci -p $(REGISTRY_PASSWORD) registry.acme.io\n\tdocker push $(IMAGE):$(VERSION)\n`, labels: [fam('frameworks', 'makefile-secret', p)] };
    },
  },
  tfvars: {
    count: 2,
    make: (r) => {
      const p = pw(r);
      const k = r.hex(40);
      return { path: r.pick(['envs/prod/terraform.tfvars', 'secrets.auto.tfvars']), content: `region      = "eu-west-1"\nenvironment = "prod"\ndb_password = "${p}"\ndatadog_app_key = "${k}"\n`, labels: [fam('frameworks', 'terraform-tfvars-secret', p), fam('frameworks', 'terraform-tfvars-secret', k)] };
    },
  },
  'frontend-env': {
    count: 2,
    make: (r) => {
      const p = r.str(40, B64URL).replace(/^[-_]/, 'a');
      const prefix = r.pick(['VITE', 'NEXT_PUBLIC', 'REACT_APP']);
      return { path: r.pick(['.env.production', 'apps/web/.env.local']), content: `${prefix}_API_URL=https://api.acme.io\n${prefix}_OAUTH_CLIENT_SECRET=${p}\n${prefix}_SENTRY_ENVIRONMENT=production\n`, labels: [fam('frameworks', 'frontend-bundled-secret', p)] };
    },
  },
  'framework-keys': {
    count: 3,
    make: (r) => {
      const v = r.str(128, HEXU);
      const salt = r.bytes(55).toString('base64url');
      const crypt = r.hex(32);
      const fk = fernet(r);
      return r.pick([
        { path: 'Web.config', content: `<?xml version="1.0"?>\n<configuration>\n  <system.web>\n    <compilation debug="false" targetFramework="4.8" />\n    <machineKey validationKey="${v}" decryption="AES" validation="HMACSHA256" />\n  </system.web>\n</configuration>\n`, labels: [fam('frameworks', 'aspnet-machine-key', v)] },
        { path: 'web/sites/default/settings.php', content: `<?php\n\n$databases = [];\n$settings['hash_salt'] = '${salt}';\n$settings['update_free_access'] = FALSE;\n`, labels: [fam('frameworks', 'drupal-hash-salt', salt)] },
        { path: 'app/etc/env.php', content: `<?php\nreturn [\n    'backend' => ['frontName' => 'admin_${r.str(6, LOWER)}'],\n    'crypt' => [\n        'key' => '${crypt}'\n    ],\n    'MAGE_MODE' => 'production',\n];\n`, labels: [fam('frameworks', 'magento-crypt-key', crypt)] },
        { path: r.pick(['airflow/airflow.cfg', 'deploy/airflow.env']), content: `[core]\nexecutor = CeleryExecutor\nfernet_key = ${fk}\nload_examples = False\n`, labels: [fam('frameworks', 'fernet-key', fk)] },
      ]);
    },
  },
  pgpass: {
    count: 2,
    make: (r) => {
      const a = r.str(24);
      const b = pw(r);
      return { path: r.pick(['.pgpass', 'deploy/pgpass']), content: `# hostname:port:database:username:password\ndb.prod.internal:5432:orders:orders_app:${a}\n*:6432:*:pgbouncer:${b}\n`, labels: [fam('credential-files', 'pgpass', a), fam('credential-files', 'pgpass', b)] };
    },
  },
  'git-credentials': {
    count: 2,
    make: (r) => {
      const t = r.str(32);
      return { path: r.pick(['.git-credentials', 'home/ci/.git-credentials']), content: `https://ci-bot:${t}@git.acme.internal\n`, labels: [fam('credential-files', 'git-credentials', t)] };
    },
  },
  'composer-auth': {
    count: 2,
    make: (r) => {
      const basic = r.hex(40);
      const gh = r.hex(40);
      return { path: r.pick(['auth.json', '.composer/auth.json']), content: JSON.stringify({ 'http-basic': { 'repo.packagist.com': { username: 'token', password: basic } }, 'github-oauth': { 'github.com': gh } }, null, 4) + '\n', labels: [fam('credential-files', 'composer-http-basic', basic), fam('credential-files', 'composer-github-oauth', gh)] };
    },
  },
  'gradle-properties': {
    count: 2,
    make: (r) => {
      const s = pw(r);
      const o = r.str(24);
      return { path: r.pick(['gradle.properties', '.gradle/gradle.properties']), content: `org.gradle.jvmargs=-Xmx2g\nsigning.keyId=${r.str(8, HEXU)}\nsigning.password=${s}\nsigning.secretKeyRingFile=/home/ci/.gnupg/secring.gpg\nossrhUsername=acme-release\nossrhPassword=${o}\n`, labels: [fam('credential-files', 'gradle-signing-password', s), fam('credential-files', 'gradle-ossrh-password', o)] };
    },
  },
  'maven-security': {
    count: 2,
    make: (r) => {
      const master = `{${b64(r.bytes(32))}}`;
      const enc = `{${b64(r.bytes(32))}}`;
      return r.chance(0.5)
        ? { path: '.m2/settings-security.xml', content: `<settingsSecurity>\n  <master>${master}</master>\n</settingsSecurity>\n`, labels: [fam('credential-files', 'maven-master-password', master)] }
        : { path: '.m2/settings.xml', content: `<settings>\n  <servers>\n    <server>\n      <id>releases</id>\n      <username>deployer</username>\n      <password>${enc}</password>\n    </server>\n  </servers>\n</settings>\n`, labels: [fam('credential-files', 'maven-encrypted-password', enc)] };
    },
  },
  filezilla: {
    count: 2,
    make: (r) => {
      const p = b64(Buffer.from(pw(r)));
      return { path: r.pick(['.config/filezilla/sitemanager.xml', 'AppData/Roaming/FileZilla/recentservers.xml']), content: `<?xml version="1.0" encoding="UTF-8"?>\n<FileZilla3 version="3.66.5" platform="windows">\n  <Servers>\n    <Server>\n      <Host>ftp.acme.io</Host>\n      <Port>21</Port>\n      <Protocol>0</Protocol>\n      <Type>0</Type>\n      <User>webdeploy</User>\n      <Pass encoding="base64">${p}</Pass>\n      <Logontype>1</Logontype>\n      <Name>www production</Name>\n    </Server>\n  </Servers>\n</FileZilla3>\n`, labels: [fam('credential-files', 'filezilla-password', p)] };
    },
  },
  winscp: {
    count: 2,
    make: (r) => {
      const host = r.pick(['www.acme.io', '10.1.0.20']);
      const enc = winscpObfuscate(r, 'deploy', host, pw(r));
      return { path: r.pick(['WinSCP.ini', 'tools/winscp/WinSCP.ini']), content: `[Configuration\\Interface]\nUpdates=0\n\n[Sessions\\deploy@${host}]\nHostName=${host}\nUserName=deploy\nFSProtocol=0\nPassword=${enc}\nRemoteDirectory=/var/www\n`, labels: [fam('credential-files', 'winscp-password', enc)] };
    },
  },
  'jetbrains-webservers': {
    count: 2,
    make: (r) => {
      const enc = jetbrainsScramble(pw(r, 10, 16));
      return { path: r.pick(['.idea/webServers.xml', 'options/webServers.xml']), content: `<application>\n  <component name="WebServers">\n    <option name="servers">\n      <webServer id="${r.uuid()}" name="staging" url="https://staging.acme.io">\n        <fileTransfer host="staging.acme.io" port="22" accessType="SFTP" rootFolder="/var/www" username="deploy" password="${enc}" />\n      </webServer>\n    </option>\n  </component>\n</application>\n`, labels: [fam('credential-files', 'jetbrains-webservers-password', enc)] };
    },
  },
  robo3t: {
    count: 2,
    make: (r) => {
      const p = pw(r);
      return { path: r.pick(['.3T/robo-3t/1.4.4/robo3t.json', 'robo3t.json']), content: JSON.stringify({ connections: [{ connectionName: 'prod', serverHost: 'mongo-0.acme.internal', serverPort: 27017, credentials: [{ databaseName: 'admin', userName: 'ops', userPassword: p, enabled: true }], ssh: { enabled: false } }] }, null, 4) + '\n', labels: [fam('credential-files', 'robo3t-password', p)] };
    },
  },
  'mysql-option-file': {
    count: 2,
    make: (r) => {
      const p = pw(r, 14, 22, '!%*-_+='); // an unquoted # starts a comment in an option file
      return { path: r.pick(['.my.cnf', 'etc/mysql/debian.cnf']), content: `[client]\nhost     = localhost\nuser     = backup\npassword = ${p}\nsocket   = /var/run/mysqld/mysqld.sock\n`, labels: [fam('credential-files', 'mysql-option-file', p)] };
    },
  },
  rclone: {
    count: 2,
    make: (r) => {
      const p = r.bytes(r.int(24, 40)).toString('base64url');
      return { path: r.pick(['.config/rclone/rclone.conf', 'deploy/rclone.conf']), content: `[nas]\ntype = sftp\nhost = nas.acme.internal\nuser = backup\npass = ${p}\nshell_type = unix\n`, labels: [fam('credential-files', 'rclone-password', p)] };
    },
  },
  'gem-credentials': {
    count: 2,
    make: (r) => {
      const k = r.hex(32);
      return { path: r.pick(['.gem/credentials', 'ci/.gem/credentials']), content: `---\n:rubygems_api_key: ${k}\n`, labels: [fam('credential-files', 'rubygems-legacy-key', k)] };
    },
  },
  'docker-config-identity': {
    count: 2,
    make: (r) => {
      const t = r.str(r.int(120, 200), B64URL) + '.' + r.str(43, B64URL);
      return { path: r.pick(['.docker/config.json', 'ci/docker-config.json']), content: JSON.stringify({ auths: { 'acmeprod.azurecr.io': { auth: b64(Buffer.from('00000000-0000-0000-0000-000000000000:')), identitytoken: t } } }, null, 2) + '\n', labels: [fam('credential-files', 'docker-identity-token', t)] };
    },
  },
  'ops-script': {
    count: 3,
    make: (r) => {
      const next = () => pw(r, 14, 20, '!#%*+=');
      const [a, b, c, d] = [next(), next(), next(), next()];
      const g = r.str(32);
      return {
        path: r.pick(['scripts/nightly.sh', 'ops/maintenance.sh']),
        content: `#!/bin/sh\nset -e\nmysqldump -h db.prod.internal -u backup -p${a} --single-transaction shop | gzip > /backups/shop.sql.gz\nsshpass -p '${b}' rsync -az /backups/ backup@nas.acme.internal:/volume1/db/\nldapsearch -x -H ldaps://ldap.acme.internal -D "cn=reader,dc=acme,dc=io" -w '${c}' -b "dc=acme,dc=io" "(uid=*)" > users.ldif\nmongodump --host mongo-0.acme.internal -u backup -p ${d} --authenticationDatabase admin --out /backups/mongo\nredis-cli -h cache.acme.internal -a ${g} --no-auth-warning BGSAVE\n`,
        labels: [fam('credential-files', 'mysql-cli-password', a), fam('credential-files', 'sshpass-password', b), fam('credential-files', 'ldap-cli-password', c), fam('connection-strings', 'mongo-cli-password', d), fam('connection-strings', 'redis-cli-password', g)],
      };
    },
  },
  'windows-script': {
    count: 2,
    make: (r) => {
      const next = () => pw(r, 14, 20, '!#*+=');
      const [a, b, c] = [next(), next(), next()];
      return {
        path: r.pick(['deploy/remote.cmd', 'tools/map-drives.bat']),
        content: `@echo off\nnet use Z: \\\\fs01.acme.internal\\builds /user:ACME\\svc-build ${a} /persistent:no\ncmdkey /add:sql01.acme.internal /user:ACME\\svc-sql /pass:${b}\npsexec \\\\web01.acme.internal -u ACME\\svc-deploy -p ${c} -h cmd /c "C:\\deploy\\run.bat"\nnet use Z: /delete /y\n`,
        labels: [fam('credential-files', 'net-use-password', a), fam('credential-files', 'cmdkey-password', b), fam('credential-files', 'psexec-password', c)],
      };
    },
  },
  'sql-dump': {
    count: 3,
    make: (r) => {
      const p1 = pw(r);
      const p2 = pw(r);
      const h1 = bcrypt(r, '2b');
      const h2 = phpass(r);
      return {
        path: r.pick(['db/seed.sql', 'backups/app-dump.sql']),
        content: `-- MySQL dump 10.13\nCREATE USER 'shop'@'%' IDENTIFIED BY '${p1}';\nGRANT ALL PRIVILEGES ON shop.* TO 'shop'@'%';\n\nCREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(255), password_hash VARCHAR(255));\nINSERT INTO users (id, email, password_hash) VALUES (1, 'admin@acme.io', '${h1}'), (2, 'editor@acme.io', '${h2}');\n\n-- PostgreSQL side\nCREATE ROLE reporting WITH LOGIN PASSWORD '${p2}';\n`,
        labels: [fam('connection-strings', 'sql-identified-by', p1), fam('connection-strings', 'sql-password-clause', p2), fam('password-hashes', 'bcrypt-hash', h1), fam('password-hashes', 'phpass-hash', h2)],
      };
    },
  },
  'etc-shadow': {
    count: 2,
    make: (r) => {
      const h1 = sha512crypt(r);
      const h2 = yescrypt(r);
      return { path: r.pick(['rootfs/etc/shadow', 'image/etc/shadow']), content: `root:${h1}:19722:0:99999:7:::\ndaemon:*:19722:0:99999:7:::\nsshd:!:19722::::::\nubuntu:${h2}:19850:0:99999:7:::\n`, labels: [fam('password-hashes', 'shadow-hash', h1), fam('password-hashes', 'shadow-hash', h2)] };
    },
  },
  'pgbouncer-userlist': {
    count: 2,
    make: (r) => {
      const s = scram(r);
      const m = `md5${r.hex(32)}`;
      return { path: 'pgbouncer/userlist.txt', content: `"pgbouncer" "${s}"\n"reporting" "${m}"\n`, labels: [fam('password-hashes', 'postgres-scram', s), fam('password-hashes', 'postgres-md5', m)] };
    },
  },
  'service-configs': {
    count: 3,
    make: (r) => {
      const a = pw(r);
      const b = r.str(32);
      return r.pick([
        { path: 'etc/nslcd.conf', content: `uri ldaps://ldap.acme.internal\nbase dc=acme,dc=io\nbinddn cn=nslcd,ou=services,dc=acme,dc=io\nbindpw ${a}\ntls_reqcert demand\n`, labels: [fam('connection-strings', 'ldap-bind-password', a)] },
        { path: r.pick(['redis/redis.conf', 'deploy/redis.conf']), content: `bind 0.0.0.0\nport 6379\nprotected-mode yes\nrequirepass ${b}\nmaxmemory 2gb\n`, labels: [fam('connection-strings', 'redis-requirepass', b)] },
      ]);
    },
  },
};

// ---- harmless look-alikes -----------------------------------------------------------------------------
/** @type {Record<string, (r: Rng) => NegativeDocument>} */
export const negativeDocuments = {
  // wp-config-sample.php ships these exact placeholders.
  'wp-config-sample': (r) => ({
    path: r.pick(['wp-config-sample.php', 'wordpress/wp-config-sample.php']),
    content: `<?php\ndefine( 'DB_NAME', 'database_name_here' );\ndefine( 'DB_USER', 'username_here' );\ndefine( 'DB_PASSWORD', 'password_here' );\ndefine( 'DB_HOST', 'localhost' );\n\n${saltNames.map((n) => `define( '${n}', ${' '.repeat(17 - n.length)}'put your unique phrase here' );`).join('\n')}\n`,
    negatives: 9,
  }),
  'django-settings-env': (r) => ({
    path: r.pick(['mysite/settings.py', 'config/settings/base.py']),
    content: `import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nSECRET_KEY_FALLBACKS = [os.environ.get("DJANGO_OLD_SECRET_KEY", "")]\nPASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]\nDEBUG = os.getenv("DEBUG", "false") == "true"\n`,
    negatives: 3,
  }),
  'framework-env-example': (r) => ({
    path: r.pick(['.env.example', '.env.dist']),
    content: `APP_ENV=dev\nAPP_SECRET=ThisTokenIsNotSoSecretChangeIt\nAPP_KEY=\nRAILS_MASTER_KEY=\nAIRFLOW__CORE__FERNET_KEY=\nVITE_SENTRY_ENVIRONMENT=production\nNEXT_PUBLIC_ANALYTICS_ID=G-${r.str(10, UPPER + DIGITS)}\nREACT_APP_API_URL=https://api.acme.io\n`,
    negatives: 6,
  }),
  'shadow-locked': () => ({
    path: 'etc/shadow',
    content: `root:*:19722:0:99999:7:::\ndaemon:*:19722:0:99999:7:::\nbin:*:19722:0:99999:7:::\nsshd:!:19722::::::\nubuntu:!$y$j9T$:19850:0:99999:7:::\n`,
    negatives: 5,
  }),
  'hash-schema': (r) => ({
    path: r.pick(['db/schema.sql', 'migrations/001_users.sql']),
    content: `CREATE TABLE users (\n  id BIGSERIAL PRIMARY KEY,\n  email TEXT NOT NULL,\n  -- bcrypt ($2b$12$...) or argon2id ($argon2id$v=19$...) hash\n  password_hash VARCHAR(255) NOT NULL\n);\nCREATE ROLE app WITH LOGIN PASSWORD '\${APP_DB_PASSWORD}';\nCREATE USER 'shop'@'%' IDENTIFIED BY '{{ mysql_password }}';\n`,
    negatives: 4,
  }),
  'ops-script-safe': (r) => ({
    path: r.pick(['scripts/backup.sh', 'ops/check.sh']),
    content: `#!/bin/sh\nmysqldump -h db -u backup -p"$MYSQL_PASSWORD" shop > shop.sql\nsshpass -e rsync -az shop.sql backup@nas:/db/\nldapsearch -x -D "cn=reader,dc=acme,dc=io" -y /run/secrets/ldap -b "dc=acme,dc=io"\nredis-cli -h cache ping\nmongodump -u backup -p "$MONGO_PASSWORD" --out /backups\nmysql -u app -p app_db < migrate.sql\n`,
    negatives: 6,
  }),
  'credential-files-empty': (r) => ({
    path: r.pick(['.pgpass', 'gradle.properties']),
    content: `# template: filled in by CI\n# db.prod.internal:5432:orders:orders_app:<password>\nsigning.password=\${SIGNING_PASSWORD}\nossrhPassword=\n`,
    negatives: 3,
  }),
  'makefile-safe': () => ({
    path: 'Makefile',
    content: `REGISTRY_PASSWORD ?= $(shell cat .secrets/registry)\nAPI_TOKEN := $(API_TOKEN)\nTOKEN_FILE := /run/secrets/api_token_2\n\nlogin:\n\techo "$(REGISTRY_PASSWORD)" | docker login -u ci --password-stdin\n`,
    negatives: 3,
  }),
};
