// File formats: each takes entries { name, value, raw } (raw: a code expression, emitted unquoted)
// and writes them the way that kind of file usually holds configuration.

/** @typedef {import('../rng.mjs').Rng} Rng */
/** A name and its value; a raw value is a code expression, written unquoted. @typedef {{ name: string, value: string, raw?: boolean }} Entry */
/** @typedef {{ paths: string[], render: (entries: Entry[], r: Rng) => string }} Format */

/** @param {string} name */
const words = (name) => name.toLowerCase().split('_').filter(Boolean);
/** @param {string} word */
const capital = (word) => word.charAt(0).toUpperCase() + word.slice(1);
/** @satisfies {Record<string, (name: string) => string>} */
export const caseOf = {
  screaming: (name) => name,
  snake: (name) => words(name).join('_'),
  camel: (name) => words(name).map((w, i) => (i ? capital(w) : w)).join(''),
  pascal: (name) => words(name).map(capital).join(''),
  kebab: (name) => words(name).join('-'),
  dotted: (name) => {
    const [head = '', ...rest] = words(name);
    return rest.length ? `${head}.${rest.join('-')}` : head;
  },
};

/** @param {Entry} e */
const dq = (e) => (e.raw ? e.value : `"${e.value}"`);
/** @param {Entry} e */
const sq = (e) => (e.raw ? e.value : `'${e.value}'`);
/** @param {Entry} e */
const yamlScalar = (e) => (e.raw ? e.value : /^[A-Za-z0-9][A-Za-z0-9_./+=:-]*$/.test(e.value) && !/: /.test(e.value) ? e.value : `"${e.value}"`);

/**
 * Each format: where such files live, and how entries are written.
 * @satisfies {Record<string, Format>}
 */
export const FORMATS = {
  env: {
    paths: ['.env', '.env.production', 'config/.env.local', 'deploy/app.env', 'services/api/.env'],
    render: (entries, r) =>
      `# ${r.pick(['Production settings', 'Local overrides, do not share', 'Service configuration'])}\nNODE_ENV=production\nPORT=${r.int(3000, 9000)}\n` +
      entries.map((e) => `${e.name}=${e.raw || (r.chance(0.6) && !/[#\s]/.test(e.value)) ? e.value : `"${e.value}"`}`).join('\n') + '\nLOG_LEVEL=info\n',
  },
  shell: {
    paths: ['scripts/deploy.sh', 'bin/bootstrap.sh', 'ci/release.sh', 'tools/env.sh'],
    render: (entries, r) =>
      `#!/usr/bin/env bash\nset -euo pipefail\n\n${entries.map((e) => `export ${e.name}=${e.raw ? e.value : `"${e.value}"`}`).join('\n')}\n\n${r.pick(['./gradlew publish', 'kubectl apply -f deploy/', 'npm run migrate && npm start', 'terraform apply -auto-approve'])}\n`,
  },
  js: {
    paths: ['src/config.js', 'lib/client.js', 'config/index.js', 'server/settings.mjs'],
    render: (entries, r) =>
      r.chance(0.5)
        ? `'use strict';\n\n${entries.map((e) => `const ${caseOf.camel(e.name)} = ${sq(e)};`).join('\n')}\n\nmodule.exports = { ${entries.map((e) => caseOf.camel(e.name)).join(', ')} };\n`
        : `export default {\n  port: Number(process.env.PORT ?? 8080),\n${entries.map((e) => `  ${caseOf.camel(e.name)}: ${sq(e)},`).join('\n')}\n  retries: 3,\n};\n`,
  },
  ts: {
    paths: ['src/config.ts', 'src/lib/env.ts', 'apps/web/src/settings.ts'],
    render: (entries) =>
      `import type { Settings } from './types';\n\n${entries.map((e) => `export const ${e.name}: string = ${dq(e)};`).join('\n')}\n\nexport const settings: Settings = { timeoutMs: 5000 };\n`,
  },
  python: {
    paths: ['app/settings.py', 'config/settings/production.py', 'src/service/config.py', 'scripts/sync.py'],
    render: (entries, r) =>
      r.chance(0.5)
        ? `import os\n\nDEBUG = False\n${entries.map((e) => `${e.name} = ${dq(e)}`).join('\n')}\nALLOWED_HOSTS = ["api.internal"]\n`
        : `import os\n\nCONFIG = {\n${entries.map((e) => `    "${caseOf.snake(e.name)}": ${dq(e)},`).join('\n')}\n    "timeout": 30,\n}\n`,
  },
  go: {
    paths: ['internal/config/config.go', 'cmd/server/main.go', 'pkg/client/client.go'],
    render: (entries, r) =>
      r.chance(0.5)
        ? `package config\n\nconst (\n${entries.map((e) => `\t${caseOf.camel(e.name)} = ${e.raw ? e.value : `"${e.value}"`}`).join('\n')}\n)\n`
        : `package main\n\nimport "os"\n\nfunc defaults() Config {\n\treturn Config{\n${entries.map((e) => `\t\t${caseOf.pascal(e.name)}: ${e.raw ? e.value : `"${e.value}"`},`).join('\n')}\n\t}\n}\n`,
  },
  java: {
    paths: ['src/main/java/com/acme/billing/Config.java', 'src/main/java/io/globex/ApiClient.java'],
    render: (entries) =>
      `package com.acme.billing;\n\npublic final class Config {\n${entries.map((e) => `    private static final String ${e.name} = ${dq(e)};`).join('\n')}\n\n    private Config() {}\n}\n`,
  },
  ruby: {
    paths: ['config/initializers/services.rb', 'lib/tasks/sync.rake', 'app/services/client.rb'],
    render: (entries, r) =>
      r.chance(0.5)
        ? `# frozen_string_literal: true\n\nmodule Services\n${entries.map((e) => `  ${e.name} = ${sq(e)}`).join('\n')}\nend\n`
        : `Rails.application.configure do\n${entries.map((e) => `  config.x.${caseOf.snake(e.name)} = ${sq(e)}`).join('\n')}\nend\n`,
  },
  csharp: {
    paths: ['src/Api/Settings.cs', 'src/Worker/Secrets.cs'],
    render: (entries, r) =>
      `namespace Acme.Api;\n\npublic static class Settings\n{\n${entries.map((e) => (r.chance(0.5) ? `    private const string ${caseOf.pascal(e.name)} = ${dq(e)};` : `    public static string ${caseOf.pascal(e.name)} { get; } = ${dq(e)};`)).join('\n')}\n}\n`,
  },
  k8s: {
    paths: ['deploy/k8s/deployment.yaml', 'k8s/api/deployment.yml', 'charts/api/templates/deployment.yaml'],
    render: (entries, r) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${r.pick(['api', 'worker', 'billing'])}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.acme.internal/app:1.${r.int(0, 40)}.0\n          env:\n${entries.map((e) => `            - name: ${e.name}\n              value: ${yamlScalar(e)}`).join('\n')}\n`,
  },
  compose: {
    paths: ['docker-compose.yml', 'docker-compose.prod.yaml', 'compose/stack.yml'],
    render: (entries, r) =>
      `services:\n  app:\n    build: .\n    ports:\n      - "8080:8080"\n    environment:\n${entries.map((e) => (r.chance(0.5) ? `      ${e.name}: ${yamlScalar(e)}` : `      - ${e.name}=${e.value}`)).join('\n')}\n`,
  },
  actions: {
    paths: ['.github/workflows/ci.yml', '.github/workflows/deploy.yaml', '.github/workflows/nightly.yml'],
    render: (entries) =>
      `name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n${entries.map((e) => `      ${e.name}: ${yamlScalar(e)}`).join('\n')}\n    steps:\n      - uses: actions/checkout@v4\n      - run: make deploy\n`,
  },
  yaml: {
    paths: ['config/application.yml', 'config/production.yaml', 'values.yaml', 'conf/app.yaml'],
    render: (entries, r) =>
      `${r.pick(['app', 'service', 'integrations'])}:\n  name: orders\n${entries.map((e) => `  ${caseOf.snake(e.name)}: ${yamlScalar(e)}`).join('\n')}\n  timeout: 30s\n`,
  },
  json: {
    paths: ['config/production.json', 'appsettings.json', 'settings/local.json', 'src/config.json'],
    render: (entries) => JSON.stringify({ environment: 'production', ...Object.fromEntries(entries.map((e) => [caseOf.camel(e.name), e.value])), retries: 3 }, null, 2) + '\n',
  },
  terraform: {
    paths: ['infra/main.tf', 'terraform/providers.tf', 'infra/modules/app/variables.tf'],
    render: (entries, r) =>
      r.chance(0.5)
        ? `locals {\n${entries.map((e) => `  ${caseOf.snake(e.name)} = ${dq(e)}`).join('\n')}\n}\n`
        : `${entries.map((e) => `variable "${caseOf.snake(e.name)}" {\n  type      = string\n  default   = ${dq(e)}\n  sensitive = true\n}`).join('\n\n')}\n`,
  },
  dockerfile: {
    paths: ['Dockerfile', 'docker/api.Dockerfile', 'build/Dockerfile.prod'],
    render: (entries, r) =>
      `FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n${entries.map((e) => `${r.pick(['ENV', 'ARG'])} ${e.name}=${e.raw ? e.value : r.chance(0.5) ? e.value : `"${e.value}"`}`).join('\n')}\nCOPY . .\nCMD ["node", "server.js"]\n`,
  },
  notebook: {
    paths: ['notebooks/analysis.ipynb', 'notebooks/embeddings.ipynb', 'research/eda.ipynb'],
    render: (entries, r) => {
      const lines = entries.map((e) => (r.chance(0.5) && !e.raw ? `os.environ["${e.name}"] = "${e.value}"\n` : `${e.name} = ${dq(e)}\n`));
      const nb = {
        cells: [
          { cell_type: 'markdown', metadata: {}, source: ['# Exploration\n', 'Load the data and call the API.'] },
          { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['import os\n', 'import pandas as pd\n', ...lines] },
          { cell_type: 'code', execution_count: 2, metadata: {}, outputs: [{ name: 'stdout', output_type: 'stream', text: ['rows: 1532\n'] }], source: ['df = pd.read_csv("data.csv")\n', 'print("rows:", len(df))'] },
        ],
        metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
        nbformat: 4,
        nbformat_minor: 5,
      };
      return JSON.stringify(nb, null, 1) + '\n';
    },
  },
  properties: {
    paths: ['src/main/resources/application.properties', 'conf/app.properties', 'gradle.properties'],
    render: (entries) => `# generated\nserver.port=8080\n${entries.map((e) => `${caseOf.dotted(e.name)}=${e.value}`).join('\n')}\n`,
  },
  ini: {
    paths: ['config/app.ini', 'setup.cfg', 'conf/service.conf'],
    render: (entries, r) => `[${r.pick(['default', 'service', 'credentials'])}]\nregion = eu-west-1\n${entries.map((e) => `${caseOf.snake(e.name)} = ${e.value}`).join('\n')}\n`,
  },
  xml: {
    paths: ['Web.config', 'src/App/app.config'],
    render: (entries) =>
      `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n${entries.map((e) => `    <add key="${caseOf.pascal(e.name)}" value="${e.value}" />`).join('\n')}\n  </appSettings>\n</configuration>\n`,
  },
};
/** @typedef {keyof typeof FORMATS} FormatName */
export const FORMAT_NAMES = /** @type {FormatName[]} */ (Object.keys(FORMATS));
