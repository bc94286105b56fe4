// Eval kinds for the rules of this area (issue 13): source control, CI/CD, code quality, registries,
// observability, monitoring and feature flags. Written from each provider's published token format.
//   kinds: V(kind, family, names, make) entries; documents: { name: { count, make(r) → { path, content, labels } } };
//   negativeDocuments: { name: make(r) → { path, content, negatives } }.
import { V } from '../secrets.mjs';
import { ALNUM, B64URL, DIGITS, LOWER, UPPER } from '../../rng.mjs';

/** @typedef {import('../../rng.mjs').Rng} Rng */
/** @typedef {import('../corpus.mjs').SecretDocumentSpec} SecretDocumentSpec */
/** @typedef {import('../corpus.mjs').NegativeDocument} NegativeDocument */

const LOWER_ALNUM = LOWER + DIGITS;
const UPPER_ALNUM = UPPER + DIGITS;
/** @param {string} s */
const b64 = (s) => Buffer.from(s).toString('base64');
/** @param {string} s */
const b64u = (s) => Buffer.from(s).toString('base64url');
/** @param {Rng} r @param {string} kind */
const dvc = (r, kind) => `dvc_${kind}_${r.hex(8)}_${r.hex(4)}_${r.hex(4)}_${r.hex(4)}_${r.hex(12)}_${r.hex(7)}`;

export const kinds = [
  // source control
  V('github-oauth-client-secret', 'source-control', ['GITHUB_CLIENT_SECRET', 'GITHUB_OAUTH_CLIENT_SECRET', 'GITHUB_APP_CLIENT_SECRET'], (r) => r.hex(40)),
  V('gitea-token', 'source-control', ['GITEA_TOKEN', 'FORGEJO_TOKEN', 'CODEBERG_TOKEN'], (r) => r.hex(40)),
  V('gogs-token', 'source-control', ['GOGS_TOKEN', 'GOGS_ACCESS_TOKEN'], (r) => r.hex(40)),
  V('bitbucket-oauth-secret', 'source-control', ['BITBUCKET_CLIENT_SECRET', 'BITBUCKET_OAUTH_SECRET'], (r) => r.str(32)),
  V('phabricator-conduit-token', 'source-control', ['PHABRICATOR_TOKEN', 'CONDUIT_API_TOKEN'], (r) => `api-${r.str(28, LOWER_ALNUM)}`),
  // CI/CD
  V('teamcity-token', 'ci-cd', ['TEAMCITY_TOKEN', 'TC_ACCESS_TOKEN'], (r) => `eyJ0eXAiOiAiVENWMiJ9.${b64u(r.str(27, B64URL))}.${b64u(r.uuid())}`),
  V('octopus-api-key', 'ci-cd', ['OCTOPUS_API_KEY', 'OCTOPUS_CLI_API_KEY'], (r) => `API-${r.str(r.int(26, 28), UPPER_ALNUM)}`),
  V('harness-token', 'ci-cd', ['HARNESS_API_KEY', 'HARNESS_PLATFORM_API_KEY'], (r) => `${r.pick(['pat', 'sat'])}.${r.str(22, ALNUM)}.${r.hex(24)}.${r.str(20)}`),
  V('drone-token', 'ci-cd', ['DRONE_TOKEN'], (r) => r.str(32)),
  V('codefresh-api-key', 'ci-cd', ['CODEFRESH_API_KEY', 'CODEFRESH_TOKEN'], (r) => `${r.hex(24)}.${r.hex(32)}`),
  V('bitrise-token', 'ci-cd', ['BITRISE_TOKEN', 'BITRISE_ACCESS_TOKEN'], (r) => r.str(86, B64URL).replace(/^[-_]/, 'b')),
  V('appveyor-api-key', 'ci-cd', ['APPVEYOR_API_KEY', 'APPVEYOR_TOKEN'], (r) => `${r.pick(['v2.', ''])}${r.str(20, LOWER_ALNUM)}`),
  V('jenkins-agent-secret', 'ci-cd', ['JENKINS_SECRET', 'JENKINS_AGENT_SECRET'], (r) => r.hex(64)),
  // code quality
  V('sonarqube-user-token', 'code-quality', ['SONAR_TOKEN', 'SONARQUBE_TOKEN'], (r) => `squ_${r.hex(40)}`),
  V('sonarqube-analysis-token', 'code-quality', ['SONAR_TOKEN', 'SONAR_ANALYSIS_TOKEN'], (r) => `${r.pick(['sqa_', 'sqp_'])}${r.hex(40)}`),
  V('sonarcloud-token', 'code-quality', ['SONAR_TOKEN', 'SONARCLOUD_TOKEN', 'SONAR_LOGIN'], (r) => r.hex(40)),
  V('snyk-token', 'code-quality', ['SNYK_TOKEN', 'SNYK_API_TOKEN'], (r) => r.uuid()),
  V('codecov-token', 'code-quality', ['CODECOV_TOKEN'], (r) => r.uuid()),
  V('coveralls-token', 'code-quality', ['COVERALLS_REPO_TOKEN'], (r) => r.str(r.pick([32, 33, 37]))),
  V('codacy-token', 'code-quality', ['CODACY_PROJECT_TOKEN', 'CODACY_API_TOKEN'], (r) => r.pick([r.hex(32), r.str(20)])),
  V('dependency-track-key', 'code-quality', ['DTRACK_API_KEY', 'DEPENDENCY_TRACK_API_KEY'], (r) => `odt_${r.pick(['', `${r.str(8)}_`])}${r.str(32)}`),
  V('mend-user-key', 'code-quality', ['MEND_USER_KEY', 'WS_USERKEY'], (r) => r.hex(64)),
  V('semgrep-token', 'code-quality', ['SEMGREP_APP_TOKEN'], (r) => r.hex(64)),
  V('socket-api-key', 'code-quality', ['SOCKET_SECURITY_API_KEY', 'SOCKET_API_TOKEN'], (r) => `sktsec_${r.str(43, B64URL)}_api`),
  V('codeclimate-reporter-id', 'code-quality', ['CC_TEST_REPORTER_ID'], (r) => r.hex(64)),
  V('veracode-key-secret', 'code-quality', ['VERACODE_API_KEY_SECRET', 'VERACODE_SECRET'], (r) => r.hex(128)),
  V('browserstack-key', 'code-quality', ['BROWSERSTACK_ACCESS_KEY'], (r) => r.str(20)),
  V('saucelabs-key', 'code-quality', ['SAUCE_ACCESS_KEY'], (r) => r.uuid()),
  V('cypress-record-key', 'code-quality', ['CYPRESS_RECORD_KEY'], (r) => r.uuid()),
  V('percy-token', 'code-quality', ['PERCY_TOKEN'], (r) => `${r.pick(['', 'web_', 'app_'])}${r.hex(64)}`),
  // registries
  V('cloudsmith-api-key', 'registries', ['CLOUDSMITH_API_KEY'], (r) => r.hex(40)),
  V('packagecloud-token', 'registries', ['PACKAGECLOUD_TOKEN'], (r) => r.hex(48)),
  V('gemfury-token', 'registries', ['GEMFURY_TOKEN', 'GEMFURY_PUSH_TOKEN', 'FURY_AUTH_TOKEN'], (r) => r.str(20)),
  V('quay-robot-token', 'registries', ['QUAY_ROBOT_TOKEN', 'QUAY_PASSWORD'], (r) => r.str(64, UPPER_ALNUM)),
  V('packagist-token', 'registries', ['PACKAGIST_TOKEN', 'COMPOSER_PACKAGIST_TOKEN'], (r) => `packagist_${r.pick(['ort', 'out', 'uut'])}_${r.hex(68)}`),
  V('jetbrains-permanent-token', 'registries', ['PUBLISH_TOKEN', 'YOUTRACK_TOKEN', 'JETBRAINS_MARKETPLACE_TOKEN'], (r) => `perm:${b64(r.pick(['ci-bot', 'release', 'deployer']))}.${b64(`${r.int(10, 99)}-${r.int(0, 9)}`)}.${r.str(30)}`),
  V('open-vsx-token', 'registries', ['OVSX_PAT', 'OPEN_VSX_TOKEN'], (r) => r.uuid()),
  V('develocity-access-key', 'registries', ['DEVELOCITY_ACCESS_KEY', 'GRADLE_ENTERPRISE_ACCESS_KEY'], (r) => {
    const key = r.str(52, LOWER_ALNUM);
    return { value: `${r.pick(['ge.acme.io', 'develocity.globex.dev'])}=${key}`, secret: key };
  }),
  // observability
  V('newrelic-eu-license-key', 'observability', ['NEW_RELIC_LICENSE_KEY', 'NRIA_LICENSE_KEY'], (r) => `eu01xx${r.hex(30)}NRAL`),
  V('newrelic-rest-api-key', 'observability', ['NEW_RELIC_API_KEY', 'NEWRELIC_REST_KEY'], (r) => `NRRA-${r.hex(42)}`),
  // Public by design (severity info): reported below --fail-on, never failing a run.
  V('sentry-dsn', 'observability', ['SENTRY_DSN', 'NEXT_PUBLIC_SENTRY_DSN'], (r) => {
    const key = r.hex(32);
    return { value: `https://${key}@o${r.int(100000, 9999999)}.ingest.${r.pick(['', 'us.', 'de.'])}sentry.io/${r.int(1000000, 9999999)}`, secret: key };
  }),
  V('newrelic-browser-key', 'observability', ['NEW_RELIC_BROWSER_KEY', 'NR_BROWSER_LICENSE_KEY'], (r) => `NRJS-${r.hex(19)}`),
  V('gitlab-feature-flags-client-token', 'source-control', ['UNLEASH_INSTANCE_ID', 'GITLAB_FEATURE_FLAGS_TOKEN'], (r) => `glffct-${r.str(20, ALNUM + '_-')}`),
  V('newrelic-mobile-token', 'observability', ['NEW_RELIC_MOBILE_TOKEN', 'NR_APP_TOKEN'], (r) => `AA${r.hex(40)}-NRMA`),
  V('newrelic-legacy-license', 'observability', ['NEW_RELIC_LICENSE_KEY', 'NEWRELIC_LICENSE'], (r) => r.hex(40)),
  V('datadog-pat', 'observability', ['DD_ACCESS_TOKEN', 'DATADOG_PAT'], (r) => `${r.pick(['ddpat_', 'ddsat_'])}${r.str(40)}`),
  V('datadog-app-key-v2', 'observability', ['DD_APP_KEY', 'DATADOG_APP_KEY'], (r) => `ddapp_${r.str(40)}`),
  V('datadog-client-token', 'observability', ['DD_CLIENT_TOKEN', 'DATADOG_CLIENT_TOKEN'], (r) => `pub${r.hex(32)}`),
  V('logzio-token', 'observability', ['LOGZIO_TOKEN', 'LOGZIO_SHIPPING_TOKEN'], (r) => r.pick([r.str(32, UPPER + LOWER), r.uuid()])),
  V('loggly-token', 'observability', ['LOGGLY_TOKEN', 'LOGGLY_CUSTOMER_TOKEN'], (r) => r.uuid()),
  V('sumologic-access-key', 'observability', ['SUMOLOGIC_ACCESS_KEY', 'SUMO_ACCESS_KEY'], (r) => r.str(64)),
  V('mezmo-ingestion-key', 'observability', ['LOGDNA_INGESTION_KEY', 'MEZMO_INGESTION_KEY'], (r) => r.hex(32)),
  V('kibana-api-key', 'observability', ['KIBANA_API_KEY', 'KIBANA_APIKEY'], (r) => b64(`${r.str(20, B64URL)}:${r.str(22, B64URL)}`)),
  V('betterstack-token', 'observability', ['LOGTAIL_SOURCE_TOKEN', 'BETTERSTACK_API_TOKEN'], (r) => r.str(24)),
  V('coralogix-key', 'observability', ['CORALOGIX_PRIVATE_KEY', 'CORALOGIX_API_KEY'], (r) => `${r.pick(['cxtp_', 'cxup_'])}${r.str(30)}`),
  V('instana-key', 'observability', ['INSTANA_AGENT_KEY', 'INSTANA_API_TOKEN'], (r) => r.str(22, B64URL).replace(/^[-_]/, 'k')),
  V('airbrake-key', 'observability', ['AIRBRAKE_PROJECT_KEY', 'AIRBRAKE_USER_KEY'], (r) => r.pick([r.hex(32), r.hex(40)])),
  // monitoring
  V('opsgenie-api-key', 'monitoring', ['OPSGENIE_API_KEY'], (r) => r.uuid()),
  V('statuspage-api-key', 'monitoring', ['STATUSPAGE_API_KEY'], (r) => r.pick([r.uuid(), r.hex(32)])),
  V('uptimerobot-api-key', 'monitoring', ['UPTIMEROBOT_API_KEY'], (r) => `${r.pick(['u', 'ur', 'm'])}${r.int(1000000, 9999999)}-${r.hex(24)}`),
  V('checkly-api-key', 'monitoring', ['CHECKLY_API_KEY'], (r) => `cu_${r.hex(32)}`),
  V('cronitor-api-key', 'monitoring', ['CRONITOR_API_KEY'], (r) => r.hex(32)),
  // feature flags
  V('launchdarkly-sdk-key', 'feature-flags', ['LAUNCHDARKLY_SDK_KEY', 'LD_SDK_KEY'], (r) => `sdk-${r.uuid()}`),
  V('launchdarkly-access-token', 'feature-flags', ['LAUNCHDARKLY_ACCESS_TOKEN', 'LAUNCHDARKLY_API_TOKEN'], (r) => `api-${r.uuid()}`),
  V('launchdarkly-mobile-key', 'feature-flags', ['LAUNCHDARKLY_MOBILE_KEY'], (r) => `mob-${r.uuid()}`),
  V('flagsmith-server-key', 'feature-flags', ['FLAGSMITH_ENVIRONMENT_KEY', 'FLAGSMITH_SERVER_KEY'], (r) => `ser.${r.str(22)}`),
  V('configcat-sdk-key', 'feature-flags', ['CONFIGCAT_SDK_KEY'], (r) => `configcat-sdk-1/${r.str(22, B64URL)}/${r.str(22, B64URL)}`),
  V('statsig-server-secret', 'feature-flags', ['STATSIG_SERVER_SECRET', 'STATSIG_SECRET_KEY'], (r) => `secret-${r.str(43)}`),
  V('statsig-client-key', 'feature-flags', ['STATSIG_CLIENT_KEY'], (r) => `client-${r.str(43)}`),
  V('unleash-api-token', 'feature-flags', ['UNLEASH_API_TOKEN', 'UNLEASH_TOKEN'], (r) => `${r.pick(['default', 'web', '*'])}:${r.pick(['production', 'development'])}.${r.hex(64)}`),
  V('unleash-admin-token', 'feature-flags', ['UNLEASH_ADMIN_TOKEN', 'INIT_ADMIN_API_TOKENS'], (r) => `*:*.${r.hex(64)}`),
  V('growthbook-secret', 'feature-flags', ['GROWTHBOOK_SECRET_KEY', 'GROWTHBOOK_API_KEY'], (r) => `secret_${r.pick(['', 'admin_', 'readonly_'])}${r.str(32)}`),
  V('devcycle-server-key', 'feature-flags', ['DEVCYCLE_SERVER_SDK_KEY'], (r) => dvc(r, 'server')),
  V('devcycle-client-key', 'feature-flags', ['DEVCYCLE_CLIENT_SDK_KEY'], (r) => dvc(r, r.pick(['client', 'mobile']))),
  V('split-sdk-key', 'feature-flags', ['SPLIT_SDK_KEY', 'SPLIT_API_KEY'], (r) => r.str(36, LOWER_ALNUM)),
];

/** @type {Record<string, SecretDocumentSpec>} */
export const documents = {
  'harbor-robot-login': {
    count: 2,
    make: (r) => {
      const secret = r.str(32);
      const robot = `robot$${r.pick(['payments', 'platform'])}+${r.pick(['ci', 'deployer'])}`;
      return { path: r.pick(['ci/push-image.sh', 'scripts/release.sh']), content: `#!/bin/sh\nset -e\ndocker login harbor.acme.io -u '${robot}' -p ${secret}\ndocker push harbor.acme.io/payments/api:${r.int(1, 40)}.0.0\n`, labels: [{ kind: 'harbor-robot-secret', family: 'registries', secrets: [secret] }] };
    },
  },
  'nuget-config': {
    count: 2,
    make: (r) => {
      const pw = r.str(r.int(20, 52));
      return { path: r.pick(['NuGet.Config', 'src/nuget.config']), content: `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="acme" value="https://nuget.acme.io/v3/index.json" />\n  </packageSources>\n  <packageSourceCredentials>\n    <acme>\n      <add key="Username" value="ci-bot" />\n      <add key="ClearTextPassword" value="${pw}" />\n    </acme>\n  </packageSourceCredentials>\n</configuration>\n`, labels: [{ kind: 'nuget-cleartext-password', family: 'registries', secrets: [pw] }] };
    },
  },
  'package-repo-urls': {
    count: 2,
    make: (r) => {
      const pc = r.hex(48);
      const fury = r.str(20);
      const ent = r.str(16);
      return {
        path: r.pick(['ci/install-deps.sh', 'docker/setup-repos.sh']),
        content: `#!/bin/sh\necho "deb https://${pc}:@packagecloud.io/acme/prod/ubuntu/ jammy main" > /etc/apt/sources.list.d/acme.list\necho "deb https://dl.cloudsmith.io/${ent}/acme/tools/deb/debian bookworm main" > /etc/apt/sources.list.d/tools.list\npip install --extra-index-url https://${fury}:@pypi.fury.io/acme/ acme-core\n`,
        labels: [
          { kind: 'packagecloud-url-token', family: 'registries', secrets: [pc] },
          { kind: 'cloudsmith-entitlement', family: 'registries', secrets: [ent] },
          { kind: 'gemfury-url-token', family: 'registries', secrets: [fury] },
        ],
      };
    },
  },
  'observability-urls': {
    count: 2,
    make: (r) => {
      const sumo = `${r.str(r.int(80, 120))}==`;
      const vo = r.uuid();
      const upt = r.str(22, B64URL).replace(/^[-_]/, 'u');
      return {
        path: r.pick(['deploy/observability.env', 'config/telemetry.env']),
        content: `SUMO_HTTP_SOURCE=https://endpoint${r.int(1, 6)}.collection.sumologic.com/receiver/v1/http/${sumo}\nVICTOROPS_WEBHOOK=https://alert.victorops.com/integrations/generic/20131114/alert/${vo}/prod\nUPTRACE_DSN=https://${upt}@api.uptrace.dev?grpc=4317\n`,
        labels: [
          { kind: 'sumologic-http-source', family: 'observability', secrets: [sumo] },
          { kind: 'victorops-endpoint', family: 'monitoring', secrets: [vo] },
          { kind: 'uptrace-dsn', family: 'observability', secrets: [upt] },
        ],
      };
    },
  },
  'ci-runner-scripts': {
    count: 2,
    make: (r) => {
      const reg = `A${r.str(28, UPPER_ALNUM)}`;
      const agent = r.hex(64);
      return {
        path: r.pick(['scripts/bootstrap-runner.sh', 'ops/runner-setup.sh']),
        content: `#!/bin/sh\n./config.sh --url https://github.com/acme/api --token ${reg} --unattended --labels linux\nnohup java -jar agent.jar -url https://ci.acme.io/ -secret ${agent} -name builder-${r.int(1, 9)} -workDir /var/jenkins &\n`,
        labels: [
          { kind: 'gh-runner-registration', family: 'ci-cd', secrets: [reg] },
          { kind: 'jenkins-agent-secret-cli', family: 'ci-cd', secrets: [agent] },
        ],
      };
    },
  },
};

/** @type {Record<string, (r: Rng) => NegativeDocument>} */
export const negativeDocuments = {
  'devtools-placeholders': (r) => ({
    path: r.pick(['docs/setup.md', 'README.md']),
    content: `# Setup\n\n\`\`\`bash\nexport SONAR_TOKEN=squ_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nexport LAUNCHDARKLY_SDK_KEY=sdk-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\nexport FLAGSMITH_ENVIRONMENT_KEY=ser.your_environment_key_here\nexport STATSIG_SERVER_SECRET=secret-...\nexport DTRACK_API_KEY=odt_xxxxxxxxxxxxxxxx\nexport CHECKLY_API_KEY=cu_xxx\nexport OCTOPUS_API_KEY=API-YOURAPIKEY\nexport DEEPSOURCE_DSN=https://sampledsn@deepsource.io\nexport UNLEASH_API_TOKEN=default:development.unleash-insecure-api-token\n./config.sh --url https://github.com/acme/api --token \${RUNNER_TOKEN}\n\`\`\`\n\nSee user.preferredLanguage and odt_order_id in the schema (build ${r.hex(40)}).\n`,
    negatives: 11,
  }),
};
