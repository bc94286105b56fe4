// True secrets: one generator per token format, written from each provider's published format
// (prefix, alphabet, length, checksum), never from the rule packs. Tokens are random: they belong to
// nobody. Each kind names the pack (family) expected to report it and names it is usually stored under.
import { ALNUM, B64, B64URL, DIGITS, HEX, LOWER, UPPER } from '../rng.mjs';

/** @typedef {import('../rng.mjs').Rng} Rng */
/** A value and the part of it that is the secret (the password in a connection string). @typedef {{ value: string, secret: string }} ValueWithSecret */
/**
 * @typedef {object} ValueKind
 * @property {string} kind
 * @property {string} family the pack expected to report it
 * @property {string[]} names names it is usually stored under
 * @property {(r: Rng) => string | ValueWithSecret} make
 */

/**
 * A PyPI token: "pypi-" and a base64url macaroon (v2 binary: location, identifier, a caveat, signature).
 * @param {Rng} r
 * @param {string} location
 */
function pypiMacaroon(r, location) {
  /** @param {number} type @param {Buffer} data */
  const field = (type, data) => Buffer.concat([Buffer.from([type, data.length]), data]);
  const caveat = Buffer.from(JSON.stringify({ version: 1, permissions: 'user' }));
  const bytes = Buffer.concat([
    Buffer.from([2]),
    field(1, Buffer.from(location)),
    field(2, Buffer.from(r.str(32, HEX))),
    Buffer.from([0]),
    field(2, caveat),
    Buffer.from([0, 0]),
    field(6, Buffer.from(r.str(64, HEX), 'hex')),
  ]);
  return `pypi-${bytes.toString('base64url')}`;
}
import { base62, bech32Encode, crc32, ecKey, ed25519Key, encryptedPkcs8, opensshEd25519, pgpSecretKey, rsaKey } from './keys.mjs';

const LOWER_ALNUM = LOWER + DIGITS;
const UPPER_ALNUM = UPPER + DIGITS;
/** @param {Buffer} bytes */
const b64 = (bytes) => bytes.toString('base64');
/** @param {Buffer} bytes */
const b64u = (bytes) => bytes.toString('base64url');

/**
 * A GitHub/npm style token: prefix, 30 random base62 characters, CRC32 of them in 6 base62 characters.
 * @param {Rng} r
 * @param {string} prefix
 */
export function crcToken(r, prefix) {
  const body = r.str(30);
  return `${prefix}${body}${base62(crc32(body), 6)}`;
}

/** @param {Rng} r */
function password(r, min = 14, max = 28) {
  const symbols = '!@#%^&*-_+=.';
  for (;;) {
    const value = r.str(r.int(min, max), ALNUM + symbols + DIGITS);
    if (/[0-9]/.test(value) && /[A-Za-z]/.test(value) && /^[A-Za-z0-9]/.test(value)) return value;
  }
}
export { password as randomPassword };

/** @param {Rng} r */
function jwtParts(r) {
  const now = 1700000000 + r.int(0, 60000000);
  const header = { alg: r.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' };
  const payload = r.pick([
    { sub: String(r.int(1000, 999999)), name: r.pick(['svc-billing', 'ci-deployer', 'etl-runner']), iat: now, exp: now + 31536000 },
    { iss: `https://auth.${r.pick(['acme', 'globex', 'initech'])}.internal/`, aud: 'api', scope: 'read:orders write:orders', iat: now },
    { role: 'service_role', iss: 'supabase', ref: r.str(20, LOWER), iat: now, exp: now + 315360000 },
  ]);
  const sigBytes = header.alg === 'RS256' ? 256 : header.alg === 'ES256' ? 64 : 32;
  return `${b64u(Buffer.from(JSON.stringify(header)))}.${b64u(Buffer.from(JSON.stringify(payload)))}.${b64u(r.bytes(sigBytes))}`;
}

/** @param {Rng} r */
function discordToken(r) {
  const id = String(r.int(1, 9)) + r.str(17, DIGITS);
  return `${b64u(Buffer.from(id))}.${r.str(6, B64URL)}.${r.str(r.pick([27, 38]), B64URL)}`;
}

// ---- kinds with a value stored under a name ---------------------------------------------------------
// family: the pack expected to report it. names: SCREAMING_SNAKE names, adapted per language.
/**
 * @param {string} kind
 * @param {string} family
 * @param {string[]} names
 * @param {ValueKind['make']} make
 * @returns {ValueKind}
 */
export const V = (kind, family, names, make) => ({ kind, family, names, make });

export const VALUE_KINDS = [
  // source control and CI
  V('github-classic-pat', 'source-control', ['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_PAT'], (r) => crcToken(r, 'ghp_')),
  V('github-oauth-token', 'source-control', ['GITHUB_OAUTH_TOKEN', 'GH_ACCESS_TOKEN'], (r) => crcToken(r, 'gho_')),
  V('github-user-to-server', 'source-control', ['GITHUB_USER_TOKEN'], (r) => crcToken(r, 'ghu_')),
  V('github-app-installation', 'source-control', ['GITHUB_APP_TOKEN', 'INSTALLATION_TOKEN'], (r) => crcToken(r, 'ghs_')),
  V('github-refresh-token', 'source-control', ['GITHUB_REFRESH_TOKEN'], (r) => crcToken(r, 'ghr_')),
  V('github-fine-grained-pat', 'source-control', ['GITHUB_TOKEN', 'GH_PAT'], (r) => `github_pat_${r.str(22)}_${r.str(59)}`),
  V('gitlab-pat', 'source-control', ['GITLAB_TOKEN', 'GITLAB_PRIVATE_TOKEN', 'CI_PUSH_TOKEN'], (r) => `glpat-${r.str(20, ALNUM + '-_').replace(/^[-_]/, 'a')}`),
  V('gitlab-deploy-token', 'source-control', ['GITLAB_DEPLOY_TOKEN'], (r) => `gldt-${r.str(20)}`),
  V('gitlab-runner-token', 'source-control', ['RUNNER_TOKEN', 'CI_RUNNER_AUTH'], (r) => `glrt-${r.str(20)}`),
  V('gitlab-trigger-token', 'source-control', ['TRIGGER_TOKEN'], (r) => `glptt-${r.hex(40)}`),
  V('gitlab-runner-registration', 'source-control', ['REGISTRATION_TOKEN'], (r) => `GR1348941${r.str(20)}`),
  V('bitbucket-app-password', 'source-control', ['BITBUCKET_APP_PASSWORD', 'BB_APP_PASSWORD'], (r) => `ATBB${r.str(32)}`),
  V('atlassian-api-token', 'source-control', ['JIRA_API_TOKEN', 'CONFLUENCE_TOKEN', 'ATLASSIAN_TOKEN'], (r) => `ATATT3${r.str(176, B64URL)}=${r.str(8, '0123456789ABCDEF')}`),
  V('azure-devops-pat', 'source-control', ['AZURE_DEVOPS_PAT', 'ADO_TOKEN', 'SYSTEM_ACCESSTOKEN'], (r) => `${r.str(52)}JQQJ99${r.str(18)}AZDO${r.str(4)}`),
  V('circleci-pat', 'source-control', ['CIRCLECI_TOKEN', 'CIRCLE_TOKEN'], (r) => `CCIPAT_${r.str(22)}_${r.hex(40)}`),
  V('buildkite-token', 'source-control', ['BUILDKITE_API_TOKEN'], (r) => `bkua_${r.hex(40)}`),
  V('sourcegraph-token', 'source-control', ['SRC_ACCESS_TOKEN', 'SOURCEGRAPH_TOKEN'], (r) => `sgp_${r.hex(16)}_${r.hex(40)}`),
  V('jenkins-api-token', 'source-control', ['JENKINS_API_TOKEN', 'JENKINS_TOKEN'], (r) => `11${r.hex(32)}`),
  // cloud
  V('aws-access-key-id', 'cloud', ['AWS_ACCESS_KEY_ID', 'AWS_KEY_ID'], (r) => `${r.pick(['AKIA', 'AKIA', 'ASIA'])}${r.str(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`),
  V('aws-secret-access-key', 'cloud', ['AWS_SECRET_ACCESS_KEY', 'AWS_SECRET_KEY'], (r) => r.str(40, B64)),
  V('aws-session-token', 'cloud', ['AWS_SESSION_TOKEN'], (r) => `IQoJb3JpZ2luX2Vj${r.str(r.int(300, 420), B64)}`),
  V('google-api-key', 'cloud', ['GOOGLE_API_KEY', 'MAPS_API_KEY', 'GOOGLE_MAPS_KEY'], (r) => `AIza${r.str(35, B64URL)}`),
  V('gemini-api-key', 'cloud', ['GEMINI_API_KEY', 'GOOGLE_GENAI_KEY'], (r) => `AIza${r.str(35, B64URL)}`),
  V('gcp-oauth-client-secret', 'cloud', ['GOOGLE_CLIENT_SECRET', 'OAUTH_CLIENT_SECRET'], (r) => `GOCSPX-${r.str(28, B64URL)}`),
  V('google-oauth-access-token', 'cloud', ['GOOGLE_ACCESS_TOKEN'], (r) => `ya29.${r.str(r.int(120, 200), B64URL)}`),
  V('azure-storage-connection', 'cloud', ['AZURE_STORAGE_CONNECTION_STRING', 'STORAGE_CONNECTION'], (r) => {
    const key = b64(r.bytes(64));
    return { value: `DefaultEndpointsProtocol=https;AccountName=${r.str(12, LOWER_ALNUM)};AccountKey=${key};EndpointSuffix=core.windows.net`, secret: key };
  }),
  V('azure-ad-client-secret', 'cloud', ['AZURE_CLIENT_SECRET', 'AAD_CLIENT_SECRET'], (r) => `${r.str(3, ALNUM)}${r.int(0, 9)}Q~${r.str(34, ALNUM + '_~.-')}`),
  V('azure-sas-token', 'cloud', ['AZURE_BLOB_SAS_URL', 'SAS_URL'], (r) => {
    const sig = encodeURIComponent(b64(r.bytes(32)));
    return { value: `https://${r.str(10, LOWER)}.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=${sig}`, secret: sig };
  }),
  V('digitalocean-pat', 'cloud', ['DIGITALOCEAN_TOKEN', 'DO_API_TOKEN'], (r) => `dop_v1_${r.hex(64)}`),
  V('heroku-api-key-v2', 'cloud', ['HEROKU_API_KEY'], (r) => `HRKU-AA${r.str(58, B64URL)}`),
  V('heroku-api-key-legacy', 'cloud', ['HEROKU_API_KEY', 'HEROKU_AUTH_TOKEN'], (r) => r.uuid()),
  V('netlify-pat', 'cloud', ['NETLIFY_AUTH_TOKEN'], (r) => `nfp_${r.str(36)}`),
  V('supabase-pat', 'cloud', ['SUPABASE_ACCESS_TOKEN'], (r) => `sbp_${r.hex(40)}`),
  V('alibaba-access-key-id', 'cloud', ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIYUN_ACCESS_KEY_ID'], (r) => `LTAI${r.str(20)}`),
  V('alibaba-access-key-secret', 'cloud', ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIYUN_ACCESS_KEY_SECRET'], (r) => r.str(30)),
  V('fcm-server-key', 'cloud', ['FCM_SERVER_KEY', 'FIREBASE_SERVER_KEY'], (r) => `AAAA${r.str(7, B64URL)}:APA91b${r.str(134, B64URL)}`),
  V('flyio-token', 'cloud', ['FLY_API_TOKEN'], (r) => `fo1_${r.str(43, B64URL)}`),
  V('vercel-token', 'cloud', ['VERCEL_TOKEN'], (r) => r.str(24)),
  V('cloudflare-api-token', 'cloud', ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'], (r) => r.str(40, B64URL)),
  V('cloudflare-global-key', 'cloud', ['CLOUDFLARE_API_KEY', 'CF_API_KEY'], (r) => r.hex(37)),
  V('linode-token', 'cloud', ['LINODE_TOKEN', 'LINODE_CLI_TOKEN'], (r) => r.hex(64)),
  V('hetzner-token', 'cloud', ['HCLOUD_TOKEN'], (r) => r.str(64)),
  V('scaleway-secret-key', 'cloud', ['SCW_SECRET_KEY'], (r) => r.uuid()),
  // payments
  V('stripe-live-secret', 'payments', ['STRIPE_SECRET_KEY', 'STRIPE_API_KEY'], (r) => `sk_live_${r.str(r.pick([24, 99]))}`),
  V('stripe-restricted', 'payments', ['STRIPE_RESTRICTED_KEY'], (r) => `rk_live_${r.str(r.pick([24, 99]))}`),
  V('stripe-test-secret', 'payments', ['STRIPE_SECRET_KEY', 'STRIPE_TEST_KEY'], (r) => `sk_test_${r.str(r.pick([24, 99]))}`),
  V('stripe-webhook-secret', 'payments', ['STRIPE_WEBHOOK_SECRET', 'STRIPE_ENDPOINT_SECRET'], (r) => `whsec_${r.str(32)}`),
  V('square-access-token', 'payments', ['SQUARE_ACCESS_TOKEN'], (r) => `EAAA${r.str(60, B64URL)}`),
  V('square-oauth-secret', 'payments', ['SQUARE_APPLICATION_SECRET'], (r) => `sq0csp-${r.str(43, B64URL)}`),
  V('shopify-admin-token', 'payments', ['SHOPIFY_ACCESS_TOKEN', 'SHOPIFY_ADMIN_TOKEN'], (r) => `shpat_${r.hex(32)}`),
  V('shopify-shared-secret', 'payments', ['SHOPIFY_API_SECRET'], (r) => `shpss_${r.hex(32)}`),
  V('braintree-access-token', 'payments', ['BRAINTREE_ACCESS_TOKEN', 'PAYPAL_ACCESS_TOKEN'], (r) => `access_token$production$${r.str(16, LOWER_ALNUM)}$${r.hex(32)}`),
  V('paypal-client-secret', 'payments', ['PAYPAL_CLIENT_SECRET'], (r) => r.str(80, B64URL).replace(/^[-_]/, 'E')),
  V('razorpay-key-id', 'payments', ['RAZORPAY_KEY_ID'], (r) => `rzp_live_${r.str(14)}`),
  V('razorpay-key-secret', 'payments', ['RAZORPAY_KEY_SECRET'], (r) => r.str(24)),
  V('flutterwave-secret', 'payments', ['FLW_SECRET_KEY', 'FLUTTERWAVE_SECRET_KEY'], (r) => `FLWSECK-${r.hex(32)}-X`),
  V('paystack-secret', 'payments', ['PAYSTACK_SECRET_KEY'], (r) => `sk_live_${r.hex(40)}`),
  V('plaid-access-token', 'payments', ['PLAID_ACCESS_TOKEN'], (r) => `access-production-${r.uuid()}`),
  V('plaid-secret', 'payments', ['PLAID_SECRET'], (r) => r.hex(30)),
  // communication
  V('slack-bot-token', 'communication', ['SLACK_BOT_TOKEN', 'SLACK_TOKEN'], (r) => `xoxb-${r.str(r.int(10, 13), DIGITS)}-${r.str(13, DIGITS)}-${r.str(24)}`),
  V('slack-user-token', 'communication', ['SLACK_USER_TOKEN'], (r) => `xoxp-${r.str(r.int(10, 13), DIGITS)}-${r.str(13, DIGITS)}-${r.str(13, DIGITS)}-${r.hex(32)}`),
  V('slack-app-token', 'communication', ['SLACK_APP_TOKEN'], (r) => `xapp-1-A${r.str(10, UPPER_ALNUM)}-${r.str(13, DIGITS)}-${r.hex(64)}`),
  V('slack-webhook', 'communication', ['SLACK_WEBHOOK_URL', 'ALERTS_WEBHOOK'], (r) => `https://hooks.slack.com/services/T${r.str(10, UPPER_ALNUM)}/B${r.str(10, UPPER_ALNUM)}/${r.str(24)}`),
  V('discord-bot-token', 'communication', ['DISCORD_BOT_TOKEN', 'DISCORD_TOKEN'], discordToken),
  V('discord-webhook', 'communication', ['DISCORD_WEBHOOK_URL'], (r) => `https://discord.com/api/webhooks/${r.str(19, DIGITS).replace(/^0/, '1')}/${r.str(68, B64URL)}`),
  V('telegram-bot-token', 'communication', ['TELEGRAM_BOT_TOKEN', 'TG_TOKEN'], (r) => `${r.str(r.int(9, 10), DIGITS).replace(/^0/, '5')}:AA${r.str(33, B64URL)}`),
  V('twilio-auth-token', 'communication', ['TWILIO_AUTH_TOKEN'], (r) => r.hex(32)),
  V('sendgrid-api-key', 'communication', ['SENDGRID_API_KEY'], (r) => `SG.${r.str(22, B64URL)}.${r.str(43, B64URL)}`),
  V('mailgun-api-key', 'communication', ['MAILGUN_API_KEY'], (r) => `key-${r.hex(32)}`),
  V('mailchimp-api-key', 'communication', ['MAILCHIMP_API_KEY'], (r) => `${r.hex(32)}-us${r.int(1, 21)}`),
  V('teams-webhook', 'communication', ['TEAMS_WEBHOOK_URL'], (r) => `https://${r.str(8, LOWER)}.webhook.office.com/webhookb2/${r.uuid()}@${r.uuid()}/IncomingWebhook/${r.hex(32)}/${r.uuid()}/V2${r.str(44, B64URL)}`),
  V('postmark-server-token', 'communication', ['POSTMARK_SERVER_TOKEN', 'POSTMARK_API_TOKEN'], (r) => r.uuid()),
  V('zendesk-api-token', 'communication', ['ZENDESK_API_TOKEN'], (r) => r.str(40)),
  // AI
  V('openai-project-key', 'ai', ['OPENAI_API_KEY'], (r) => `sk-proj-${r.str(74, B64URL)}T3BlbkFJ${r.str(74, B64URL)}`),
  V('openai-service-account', 'ai', ['OPENAI_API_KEY'], (r) => `sk-svcacct-${r.str(74, B64URL)}T3BlbkFJ${r.str(74, B64URL)}`),
  V('openai-legacy-key', 'ai', ['OPENAI_API_KEY', 'OPENAI_KEY'], (r) => `sk-${r.str(20)}T3BlbkFJ${r.str(20)}`),
  V('anthropic-api-key', 'ai', ['ANTHROPIC_API_KEY', 'CLAUDE_API_KEY'], (r) => `sk-ant-api03-${r.str(93, B64URL)}AA`),
  V('huggingface-token', 'ai', ['HF_TOKEN', 'HUGGINGFACEHUB_API_TOKEN'], (r) => `hf_${r.str(34, UPPER + LOWER)}`),
  V('replicate-token', 'ai', ['REPLICATE_API_TOKEN'], (r) => `r8_${r.str(37)}`),
  V('groq-api-key', 'ai', ['GROQ_API_KEY'], (r) => `gsk_${r.str(52)}`),
  V('perplexity-api-key', 'ai', ['PPLX_API_KEY', 'PERPLEXITY_API_KEY'], (r) => `pplx-${r.str(48)}`),
  V('xai-api-key', 'ai', ['XAI_API_KEY'], (r) => `xai-${r.str(80)}`),
  V('openrouter-api-key', 'ai', ['OPENROUTER_API_KEY'], (r) => `sk-or-v1-${r.hex(64)}`),
  V('mistral-api-key', 'ai', ['MISTRAL_API_KEY'], (r) => r.str(32)),
  V('cohere-api-key', 'ai', ['COHERE_API_KEY', 'CO_API_KEY'], (r) => r.str(40)),
  V('deepseek-api-key', 'ai', ['DEEPSEEK_API_KEY'], (r) => `sk-${r.hex(32)}`),
  V('langsmith-api-key', 'ai', ['LANGSMITH_API_KEY', 'LANGCHAIN_API_KEY'], (r) => `lsv2_${r.pick(['pt', 'sk'])}_${r.hex(32)}_${r.hex(10)}`),
  // registries
  V('npm-access-token', 'registries', ['NPM_TOKEN', 'NODE_AUTH_TOKEN'], (r) => crcToken(r, 'npm_')),
  V('pypi-token', 'registries', ['PYPI_API_TOKEN', 'TWINE_PASSWORD'], (r) => pypiMacaroon(r, 'pypi.org')),
  V('rubygems-api-key', 'registries', ['GEM_HOST_API_KEY', 'RUBYGEMS_API_KEY'], (r) => `rubygems_${r.hex(48)}`),
  V('nuget-api-key', 'registries', ['NUGET_API_KEY'], (r) => `oy2${r.str(43, LOWER_ALNUM)}`),
  V('dockerhub-pat', 'registries', ['DOCKERHUB_TOKEN', 'DOCKER_PASSWORD'], (r) => `dckr_pat_${r.str(27, B64URL).replace(/[-_]$/, 'q')}`),
  V('jfrog-api-key', 'registries', ['ARTIFACTORY_API_KEY', 'JFROG_API_KEY'], (r) => `AKCp${r.str(69)}`),
  V('clojars-token', 'registries', ['CLOJARS_PASSWORD', 'CLOJARS_TOKEN'], (r) => `CLOJARS_${r.str(60, LOWER_ALNUM)}`),
  V('crates-io-token', 'registries', ['CARGO_REGISTRY_TOKEN'], (r) => `cio${r.str(32)}`),
  // observability
  V('datadog-api-key', 'observability', ['DD_API_KEY', 'DATADOG_API_KEY'], (r) => r.hex(32)),
  V('datadog-app-key', 'observability', ['DD_APP_KEY', 'DATADOG_APP_KEY'], (r) => r.hex(40)),
  V('newrelic-user-key', 'observability', ['NEW_RELIC_API_KEY', 'NEWRELIC_USER_KEY'], (r) => `NRAK-${r.str(27, UPPER_ALNUM)}`),
  V('newrelic-license-key', 'observability', ['NEW_RELIC_LICENSE_KEY'], (r) => `${r.hex(36)}NRAL`),
  V('sentry-user-token', 'observability', ['SENTRY_AUTH_TOKEN'], (r) => `sntryu_${r.hex(64)}`),
  V('sentry-org-token', 'observability', ['SENTRY_AUTH_TOKEN'], (r) => {
    const claims = { iat: 1700000000 + r.int(0, 5e7), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: r.pick(['acme', 'globex-corp', 'initech']) };
    return `sntrys_${b64(Buffer.from(JSON.stringify(claims))).replace(/=+$/, '')}_${b64(r.bytes(32)).replace(/=+$/, '')}`;
  }),
  V('grafana-service-account', 'observability', ['GRAFANA_TOKEN', 'GRAFANA_SA_TOKEN'], (r) => `glsa_${r.str(32)}_${r.hex(8)}`),
  V('grafana-cloud-token', 'observability', ['GRAFANA_CLOUD_TOKEN'], (r) => {
    const claims = { o: String(r.int(100000, 999999)), n: `stack-${r.int(100000, 999999)}-token`, k: r.str(24), m: { r: 'prod-us-east-0' } };
    return `glc_${b64(Buffer.from(JSON.stringify(claims)))}`;
  }),
  V('honeycomb-ingest-key', 'observability', ['HONEYCOMB_API_KEY', 'HONEYCOMB_WRITEKEY'], (r) => `hcaik_01${r.str(56, LOWER_ALNUM)}`),
  V('dynatrace-token', 'observability', ['DT_API_TOKEN', 'DYNATRACE_API_TOKEN'], (r) => `dt0c01.${r.str(24, UPPER_ALNUM)}.${r.str(64, UPPER_ALNUM)}`),
  V('pagerduty-routing-key', 'observability', ['PAGERDUTY_ROUTING_KEY', 'PAGERDUTY_INTEGRATION_KEY'], (r) => r.hex(32)),
  V('rollbar-token', 'observability', ['ROLLBAR_ACCESS_TOKEN'], (r) => r.hex(32)),
  V('bugsnag-api-key', 'observability', ['BUGSNAG_API_KEY'], (r) => r.hex(32)),
  V('splunk-hec-token', 'observability', ['SPLUNK_HEC_TOKEN'], (r) => r.uuid().toUpperCase()),
  // infrastructure and SaaS
  V('vault-service-token', 'infrastructure', ['VAULT_TOKEN'], (r) => `hvs.CAESI${r.str(r.int(90, 100), B64URL)}`),
  V('terraform-cloud-token', 'infrastructure', ['TFE_TOKEN', 'TF_API_TOKEN'], (r) => `${r.str(14)}.atlasv1.${r.str(67)}`),
  V('pulumi-token', 'infrastructure', ['PULUMI_ACCESS_TOKEN'], (r) => `pul-${r.hex(40)}`),
  V('doppler-token', 'infrastructure', ['DOPPLER_TOKEN'], (r) => `dp.${r.pick(['pt', 'st', 'sa'])}.${r.str(43)}`),
  V('databricks-token', 'infrastructure', ['DATABRICKS_TOKEN'], (r) => `dapi${r.hex(32)}`),
  V('linear-api-key', 'infrastructure', ['LINEAR_API_KEY'], (r) => `lin_api_${r.str(40)}`),
  V('postman-api-key', 'infrastructure', ['POSTMAN_API_KEY'], (r) => `PMAK-${r.hex(24)}-${r.hex(34)}`),
  V('figma-token', 'infrastructure', ['FIGMA_TOKEN'], (r) => `figd_${r.str(40, B64URL)}`),
  V('notion-token', 'infrastructure', ['NOTION_TOKEN', 'NOTION_API_KEY'], (r) => `ntn_${r.str(11, DIGITS)}${r.str(35)}`),
  V('airtable-pat', 'infrastructure', ['AIRTABLE_API_KEY', 'AIRTABLE_TOKEN'], (r) => `pat${r.str(14)}.${r.hex(64)}`),
  V('okta-api-token', 'infrastructure', ['OKTA_API_TOKEN'], (r) => `00${r.str(40, B64URL)}`),
  V('auth0-client-secret', 'infrastructure', ['AUTH0_CLIENT_SECRET'], (r) => r.str(64, B64URL)),
  V('onepassword-sa-token', 'infrastructure', ['OP_SERVICE_ACCOUNT_TOKEN'], (r) => {
    const claims = { signInAddress: 'my.1password.com', userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: r.str(22, B64URL) }, email: `${r.str(12, LOWER)}@1passwordserviceaccounts.com`, srpX: r.hex(64), muk: { alg: 'A256GCM', ext: true, k: r.str(43, B64URL), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' }, secretKey: `A3-${r.str(6, UPPER_ALNUM)}-${r.str(6, UPPER_ALNUM)}`, throttleSecret: { seed: r.hex(64), uuid: r.str(26, UPPER_ALNUM) }, deviceUuid: r.str(26, LOWER_ALNUM) };
    return `ops_${b64(Buffer.from(JSON.stringify(claims))).replace(/=+$/, '')}`;
  }),
  V('age-secret-key', 'keys', ['SOPS_AGE_KEY', 'AGE_SECRET_KEY'], (r) => bech32Encode('age-secret-key-', r.bytes(32)).toUpperCase()),
  V('twitch-oauth', 'infrastructure', ['TWITCH_OAUTH_TOKEN', 'TWITCH_ACCESS_TOKEN'], (r) => r.str(30, LOWER_ALNUM)),
  V('vault-legacy-token', 'infrastructure', ['VAULT_TOKEN'], (r) => `s.${r.str(24)}`),
  // structured credentials carried in one value
  V('jwt', 'keys', ['JWT_TOKEN', 'SERVICE_JWT', 'SUPABASE_SERVICE_ROLE_KEY', 'ID_TOKEN'], (r) => jwtParts(r)),
  V('postgres-url', 'keys', ['DATABASE_URL', 'POSTGRES_URL', 'DB_DSN'], (r) => {
    const pw = password(r, 12, 24).replace(/[@#%^&*+=]/g, '');
    return { value: `${r.pick(['postgres', 'postgresql', 'postgresql+psycopg2'])}://${r.pick(['app', 'svc_orders', 'etl'])}:${pw}@${r.pick(['db.internal', 'pg-primary.prod.svc', '10.0.3.17'])}:5432/${r.pick(['orders', 'app', 'analytics'])}`, secret: pw };
  }),
  V('mysql-url', 'keys', ['MYSQL_URL', 'DATABASE_URL'], (r) => {
    const pw = password(r, 12, 24).replace(/[@#%^&*+=]/g, '');
    return { value: `mysql://${r.pick(['root', 'wordpress', 'app'])}:${pw}@${r.pick(['mysql', 'db.prod.internal'])}:3306/${r.pick(['wp', 'shop'])}`, secret: pw };
  }),
  V('mongodb-url', 'keys', ['MONGODB_URI', 'MONGO_URL'], (r) => {
    const pw = password(r, 12, 24).replace(/[@#%^&*+=]/g, '');
    return { value: `mongodb+srv://${r.pick(['admin', 'api-user'])}:${pw}@cluster0.${r.str(5, LOWER_ALNUM)}.mongodb.net/${r.pick(['prod', 'events'])}?retryWrites=true&w=majority`, secret: pw };
  }),
  V('redis-url', 'keys', ['REDIS_URL', 'CACHE_URL'], (r) => {
    const pw = r.str(r.int(20, 32));
    return { value: `${r.pick(['redis', 'rediss'])}://${r.pick(['', 'default'])}:${pw}@${r.pick(['redis-master.cache.svc', 'cache.internal'])}:6379/0`, secret: pw };
  }),
  V('amqp-url', 'keys', ['AMQP_URL', 'RABBITMQ_URL', 'CELERY_BROKER_URL'], (r) => {
    const pw = password(r, 12, 20).replace(/[@#%^&*+=]/g, '');
    return { value: `amqp://${r.pick(['guest-ops', 'worker'])}:${pw}@${r.pick(['rabbitmq', 'mq.internal'])}:5672/${r.pick(['', 'jobs'])}`, secret: pw };
  }),
  V('mssql-ado-string', 'keys', ['SQL_CONNECTION_STRING', 'DEFAULT_CONNECTION'], (r) => {
    const pw = password(r, 12, 20);
    return { value: `Server=tcp:${r.str(8, LOWER)}.database.windows.net,1433;Initial Catalog=${r.pick(['Orders', 'Crm'])};User ID=${r.pick(['sqladmin', 'appuser'])};Password=${pw};Encrypt=True;Connection Timeout=30;`, secret: pw };
  }),
  V('jdbc-url', 'keys', ['JDBC_URL', 'SPRING_DATASOURCE_URL'], (r) => {
    const pw = password(r, 12, 20).replace(/[&;#%]/g, '');
    return { value: `jdbc:postgresql://${r.pick(['db', 'pg.internal'])}:5432/${r.pick(['app', 'ledger'])}?user=${r.pick(['app', 'ledger_rw'])}&password=${pw}&ssl=true`, secret: pw };
  }),
  V('url-basic-credentials', 'keys', ['ARTIFACT_REPO_URL', 'PROXY_URL', 'WEBDAV_URL'], (r) => {
    const pw = password(r, 12, 20).replace(/[@#%^&*+=]/g, '');
    return { value: `https://${r.pick(['deploy', 'ci-bot', 'backup'])}:${pw}@${r.pick(['nexus.corp.internal', 'proxy.acme.io', 'files.globex.net'])}/${r.pick(['repository/maven-releases/', 'dav/', ''])}`, secret: pw };
  }),
  // generic: secrets with no provider format, found by the name they are stored under
  V('generic-password', 'generic', ['DB_PASSWORD', 'SMTP_PASSWORD', 'ADMIN_PASSWORD', 'REDIS_PASSWORD', 'LDAP_BIND_PASSWORD', 'KEYSTORE_PASS'], (r) => password(r)),
  V('generic-secret', 'generic', ['APP_SECRET', 'JWT_SECRET', 'SESSION_SECRET', 'CLIENT_SECRET', 'WEBHOOK_SECRET', 'SECRET_KEY_BASE'], (r) => r.pick([r.str(r.int(32, 64)), r.hex(64), b64(r.bytes(32))])),
  V('generic-token', 'generic', ['API_TOKEN', 'ACCESS_TOKEN', 'AUTH_TOKEN', 'INTERNAL_SERVICE_TOKEN', 'REFRESH_TOKEN'], (r) => r.pick([r.str(r.int(32, 48)), r.hex(40)])),
  V('generic-api-key', 'generic', ['API_KEY', 'WEATHER_API_KEY', 'GEOCODER_API_KEY', 'X_API_KEY', 'PARTNER_ACCESS_KEY'], (r) => r.pick([r.str(32), r.hex(32), r.str(40, ALNUM)])),
];

// ---- kinds that are whole files or blocks ----------------------------------------------------------
/**
 * A private key in PEM, of one of PEM_TYPES.
 * @param {Rng} r
 * @param {string} type
 * @returns {string}
 */
export function pemKey(r, type) {
  switch (type) {
    case 'rsa':
      return String(rsaKey(r, 1024).export({ type: 'pkcs1', format: 'pem' }));
    case 'rsa-pkcs8':
      return String(rsaKey(r, 1024).export({ type: 'pkcs8', format: 'pem' }));
    case 'ec':
      return String(ecKey(r).export({ type: 'sec1', format: 'pem' }));
    case 'ec-pkcs8':
      return String(ecKey(r).export({ type: 'pkcs8', format: 'pem' }));
    case 'ed25519':
      return String(ed25519Key(r).key.export({ type: 'pkcs8', format: 'pem' }));
    case 'encrypted':
      return encryptedPkcs8(r);
    case 'openssh':
      return opensshEd25519(r, `${r.pick(['deploy', 'ci', 'jdoe'])}@${r.pick(['build-01', 'laptop', 'bastion'])}`);
    case 'pgp':
      return pgpSecretKey(r);
    default:
      throw new Error(type);
  }
}
export const PEM_TYPES = ['rsa', 'rsa-pkcs8', 'ec', 'ec-pkcs8', 'ed25519', 'encrypted', 'openssh', 'pgp'];
export const pemFamily = () => 'keys';
