// Eval kinds for the rules of this area (issue 13): AI/ML providers and data platforms (databases,
// analytics, pipelines). Same shapes as ../secrets.mjs and ../corpus.mjs:
//   kinds: V(kind, family, names, make) entries; documents: { name: { count, make(r) → { path, content, labels } } };
//   negativeDocuments: { name: make(r) → { path, content, negatives } }.
// Values are written from each provider's token format (prefix, alphabet, length), not from the rule packs.
import { V } from '../secrets.mjs';
import { ALNUM, B64, B64URL, DIGITS, LOWER } from '../../rng.mjs';

/** @typedef {import('../../rng.mjs').Rng} Rng */
/** @typedef {import('../corpus.mjs').SecretDocumentSpec} SecretDocumentSpec */
/** @typedef {import('../corpus.mjs').NegativeDocument} NegativeDocument */

const LOWER_ALNUM = LOWER + DIGITS;
const BASE32_LOWER = 'abcdefghijklmnopqrstuvwxyz234567';
/** @param {Buffer} bytes */
const b64u = (bytes) => bytes.toString('base64url');
/** @param {Buffer} bytes */
const b64 = (bytes) => bytes.toString('base64');
/** A random string that starts with a letter or digit (tokens never start with "-" or "_"). @param {Rng} r @param {number} n */
const word = (r, n, alphabet = B64URL) => r.str(1, ALNUM) + r.str(n - 1, alphabet);
/** @param {Rng} r */
const helicone = (r) => Array.from({ length: 4 }, () => r.str(7, BASE32_LOWER)).join('-');

export const kinds = [
  // ai.yaml: further forms of providers already covered there
  V('openai-user-key', 'ai', ['OPENAI_API_KEY'], (r) => `sk-None-${r.str(74, B64URL)}T3BlbkFJ${r.str(74, B64URL)}`),
  V('anthropic-oauth-token', 'ai', ['CLAUDE_CODE_OAUTH_TOKEN'], (r) => `sk-ant-${r.pick(['oat01', 'ort01'])}-${r.str(93, B64URL)}AA`),
  V('anthropic-session-key', 'ai', ['CLAUDE_SESSION_KEY'], (r) => `sk-ant-sid01-${r.str(93, B64URL)}AA`),
  V('pinecone-legacy-api-key', 'ai', ['PINECONE_API_KEY'], (r) => r.uuid()),
  V('elevenlabs-legacy-api-key', 'ai', ['ELEVENLABS_API_KEY', 'ELEVEN_LABS_API_KEY'], (r) => r.hex(32)),

  // ai-platforms.yaml
  V('together-api-key', 'ai-platforms', ['TOGETHER_API_KEY'], (r) => `tgp_v1_${word(r, 43)}`),
  V('together-legacy-api-key', 'ai-platforms', ['TOGETHER_API_KEY', 'TOGETHER_AI_API_KEY'], (r) => r.hex(64)),
  V('fireworks-api-key', 'ai-platforms', ['FIREWORKS_API_KEY'], (r) => `fw_${r.str(24)}`),
  V('deepinfra-api-key', 'ai-platforms', ['DEEPINFRA_API_KEY', 'DEEPINFRA_API_TOKEN'], (r) => r.str(32)),
  V('ai21-api-key', 'ai-platforms', ['AI21_API_KEY'], (r) => r.str(32)),
  V('voyage-api-key', 'ai-platforms', ['VOYAGE_API_KEY'], (r) => `pa-${word(r, 43)}`),
  V('jina-api-key', 'ai-platforms', ['JINA_API_KEY'], (r) => `jina_${r.hex(32)}${r.str(28)}`),
  V('assemblyai-api-key', 'ai-platforms', ['ASSEMBLYAI_API_KEY'], (r) => r.hex(32)),
  V('deepgram-api-key', 'ai-platforms', ['DEEPGRAM_API_KEY'], (r) => r.hex(40)),
  V('stability-api-key', 'ai-platforms', ['STABILITY_API_KEY'], (r) => `sk-${r.str(48)}`),
  V('runway-api-key', 'ai-platforms', ['RUNWAYML_API_SECRET'], (r) => `key_${r.hex(128)}`),
  V('leonardo-api-key', 'ai-platforms', ['LEONARDO_API_KEY'], (r) => r.uuid()),
  V('clarifai-pat', 'ai-platforms', ['CLARIFAI_PAT'], (r) => r.hex(32)),
  V('wandb-api-key', 'ai-platforms', ['WANDB_API_KEY'], (r) => (r.chance(0.3) ? `local-${r.hex(40)}` : r.hex(40))),
  V('comet-api-key', 'ai-platforms', ['COMET_API_KEY'], (r) => r.str(25)),
  V('langfuse-secret-key', 'ai-platforms', ['LANGFUSE_SECRET_KEY'], (r) => `sk-lf-${r.uuid()}`),
  V('langfuse-public-key', 'ai-platforms', ['LANGFUSE_PUBLIC_KEY'], (r) => `pk-lf-${r.uuid()}`),
  V('helicone-api-key', 'ai-platforms', ['HELICONE_API_KEY'], (r) => `sk-helicone-${r.chance(0.3) ? 'eu-' : ''}${helicone(r)}`),
  V('helicone-read-key', 'ai-platforms', ['HELICONE_READ_KEY'], (r) => `pk-helicone-${helicone(r)}`),
  V('nvidia-api-key', 'ai-platforms', ['NVIDIA_API_KEY', 'NGC_API_KEY'], (r) => `nvapi-${word(r, 64)}`),
  V('cerebras-api-key', 'ai-platforms', ['CEREBRAS_API_KEY'], (r) => `csk-${r.str(48, LOWER_ALNUM)}`),
  V('sambanova-api-key', 'ai-platforms', ['SAMBANOVA_API_KEY'], (r) => r.uuid()),
  V('novita-api-key', 'ai-platforms', ['NOVITA_API_KEY'], (r) => `sk_${word(r, 43)}`),
  V('fal-api-key', 'ai-platforms', ['FAL_KEY', 'FAL_API_KEY'], (r) => `${r.uuid()}:${r.hex(32)}`),
  V('modal-token-secret', 'ai-platforms', ['MODAL_TOKEN_SECRET'], (r) => `as-${r.str(22)}`),
  V('baseten-api-key', 'ai-platforms', ['BASETEN_API_KEY'], (r) => `${r.str(8)}.${r.str(32)}`),
  V('chroma-cloud-api-key', 'ai-platforms', ['CHROMA_API_KEY'], (r) => `ck-${r.str(44)}`),
  V('tavily-api-key', 'ai-platforms', ['TAVILY_API_KEY'], (r) => `tvly-${r.pick(['', 'dev-', 'prod-'])}${r.str(32)}`),
  V('firecrawl-api-key', 'ai-platforms', ['FIRECRAWL_API_KEY'], (r) => `fc-${r.hex(32)}`),
  V('llamacloud-api-key', 'ai-platforms', ['LLAMA_CLOUD_API_KEY'], (r) => `llx-${r.str(48)}`),

  // databases.yaml
  V('mongodb-atlas-service-account-secret', 'databases', ['ATLAS_CLIENT_SECRET', 'MONGODB_ATLAS_CLIENT_SECRET'], (r) => `mdb_sa_sk_${word(r, 40, ALNUM + '_')}`),
  V('mongodb-atlas-api-private-key', 'databases', ['MONGODB_ATLAS_PRIVATE_KEY', 'ATLAS_PRIVATE_KEY'], (r) => r.uuid()),
  V('planetscale-service-token', 'databases', ['PLANETSCALE_SERVICE_TOKEN'], (r) => `pscale_tkn_${r.str(43)}`),
  V('planetscale-password', 'databases', ['DATABASE_PASSWORD', 'PLANETSCALE_DB_PASSWORD'], (r) => `pscale_pw_${r.str(43)}`),
  V('planetscale-oauth-token', 'databases', ['PLANETSCALE_OAUTH_TOKEN'], (r) => `pscale_oauth_${r.str(43)}`),
  V('neon-api-key', 'databases', ['NEON_API_KEY'], (r) => `napi_${r.str(64, LOWER_ALNUM)}`),
  V('upstash-redis-rest-token', 'databases', ['UPSTASH_REDIS_REST_TOKEN'], (r) => `A${r.pick(['X', 'Y', 'Z', 'p'])}${r.str(2, ALNUM)}${b64u(r.bytes(r.int(40, 60)))}`),
  V('upstash-qstash-signing-key', 'databases', ['QSTASH_CURRENT_SIGNING_KEY', 'QSTASH_NEXT_SIGNING_KEY'], (r) => `sig_${r.str(28)}`),
  V('fauna-secret', 'databases', ['FAUNA_SECRET', 'FAUNADB_SECRET'], (r) => `fnA${r.pick(['D', 'E', 'F'])}${word(r, 36)}`),
  V('elastic-api-key', 'databases', ['ELASTIC_API_KEY', 'ELASTICSEARCH_API_KEY'], (r) => b64(Buffer.from(`${word(r, 20)}:${word(r, 22)}`))),
  V('confluent-cloud-api-secret', 'databases', ['CONFLUENT_CLOUD_API_SECRET'], (r) => r.str(64, B64)),
  V('clickhouse-cloud-api-secret', 'databases', ['CLICKHOUSE_KEY_SECRET'], (r) => `4b1d${r.str(38)}`),
  V('databricks-oauth-secret', 'databases', ['DATABRICKS_CLIENT_SECRET'], (r) => `dose${r.hex(32)}`),
  V('cockroachdb-cloud-api-key', 'databases', ['COCKROACH_API_KEY'], (r) => `CCDB1_${r.str(22)}_${r.str(40)}`),
  V('xata-api-key', 'databases', ['XATA_API_KEY'], (r) => `xau_${r.str(33)}`),
  V('supabase-publishable-key', 'databases', ['NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY', 'SUPABASE_PUBLISHABLE_KEY'], (r) => `sb_publishable_${word(r, 22)}_${r.str(8, ALNUM)}`),
  V('influxdb-token', 'databases', ['INFLUXDB_TOKEN', 'INFLUX_TOKEN'], (r) => b64u(r.bytes(64)) + '=='),

  // analytics.yaml
  V('posthog-personal-api-key', 'analytics', ['POSTHOG_PERSONAL_API_KEY'], (r) => `phx_${r.str(r.pick([43, 47]))}`),
  V('posthog-project-api-key', 'analytics', ['NEXT_PUBLIC_POSTHOG_KEY', 'POSTHOG_PROJECT_API_KEY'], (r) => `phc_${r.str(43)}`),
  V('segment-public-api-token', 'analytics', ['SEGMENT_PUBLIC_API_TOKEN'], (r) => `sgp_${r.str(64)}`),
  V('segment-write-key', 'analytics', ['SEGMENT_WRITE_KEY'], (r) => r.str(32)),
  V('mixpanel-api-secret', 'analytics', ['MIXPANEL_API_SECRET', 'MIXPANEL_SERVICE_ACCOUNT_SECRET'], (r) => (r.chance(0.5) ? r.hex(32) : r.str(32))),
  V('mixpanel-project-token', 'analytics', ['MIXPANEL_TOKEN', 'MIXPANEL_PROJECT_TOKEN'], (r) => r.hex(32)),
  V('amplitude-secret-key', 'analytics', ['AMPLITUDE_SECRET_KEY'], (r) => r.hex(32)),
  V('amplitude-api-key', 'analytics', ['AMPLITUDE_API_KEY'], (r) => r.hex(32)),
  V('tinybird-token', 'analytics', ['TINYBIRD_TOKEN'], (r) => `p.${b64u(Buffer.from(JSON.stringify({ u: r.uuid(), id: r.uuid(), host: r.pick(['gcp-europe-west3', 'aws-us-east-1']) })))}.${b64u(r.bytes(32))}`),
  V('prefect-api-key', 'analytics', ['PREFECT_API_KEY'], (r) => `${r.pick(['pnu_', 'pnb_'])}${r.str(36)}`),
  V('dagster-cloud-token', 'analytics', ['DAGSTER_CLOUD_API_TOKEN', 'DAGSTER_CLOUD_AGENT_TOKEN'], (r) => (r.chance(0.5) ? `user:${r.hex(32)}` : `agent:${r.pick(['hooli', 'acme'])}:${r.hex(32)}`)),
  V('dbt-cloud-token', 'analytics', ['DBT_CLOUD_API_TOKEN', 'DBT_CLOUD_TOKEN'], (r) => `${r.pick(['dbtc_', 'dbtu_'])}${word(r, 50)}`),
  V('fivetran-api-secret', 'analytics', ['FIVETRAN_API_SECRET'], (r) => r.str(32)),
  V('metabase-api-key', 'analytics', ['METABASE_API_KEY', 'MB_API_KEY'], (r) => `mb_${b64(r.bytes(32))}`),
  V('looker-client-secret', 'analytics', ['LOOKERSDK_CLIENT_SECRET', 'LOOKER_CLIENT_SECRET'], (r) => r.str(24)),
];

/** @type {Record<string, SecretDocumentSpec>} */
export const documents = {
  // A ~/.modal.toml profile: the token secret is the secret, the token id is not.
  modalToml: {
    count: 2,
    make: (r) => {
      const secret = `as-${r.str(22)}`;
      return {
        path: r.pick(['home/.modal.toml', 'devcontainer/.modal.toml']),
        content: `[${r.pick(['default', 'acme'])}]\ntoken_id = "ak-${r.str(22)}"\ntoken_secret = "${secret}"\nactive = true\n`,
        labels: [{ kind: 'modal-token-secret', family: 'ai-platforms', secrets: [secret] }],
      };
    },
  },
  // A .databrickscfg profile using OAuth machine-to-machine credentials.
  databricksCfg: {
    count: 2,
    make: (r) => {
      const secret = `dose${r.hex(32)}`;
      return {
        path: 'home/.databrickscfg',
        content: `[DEFAULT]\nhost          = https://dbc-${r.hex(8)}-${r.hex(4)}.cloud.databricks.com\nclient_id     = ${r.uuid()}\nclient_secret = ${secret}\n`,
        labels: [{ kind: 'databricks-oauth-secret', family: 'databases', secrets: [secret] }],
      };
    },
  },
  // Langfuse pair in a compose file: the secret key is a secret, the public key is reported as info.
  langfuseCompose: {
    count: 2,
    make: (r) => {
      const sk = `sk-lf-${r.uuid()}`;
      const pk = `pk-lf-${r.uuid()}`;
      return {
        path: 'docker-compose.yml',
        content: `services:\n  api:\n    image: acme/api:latest\n    environment:\n      LANGFUSE_PUBLIC_KEY: ${pk}\n      LANGFUSE_SECRET_KEY: ${sk}\n      LANGFUSE_HOST: https://cloud.langfuse.com\n`,
        labels: [
          { kind: 'langfuse-secret-key', family: 'ai-platforms', secrets: [sk] },
          { kind: 'langfuse-public-key', family: 'ai-platforms', secrets: [pk] },
        ],
      };
    },
  },
};

/** @type {Record<string, (r: Rng) => NegativeDocument>} */
export const negativeDocuments = {
  // Placeholders and public identifiers next to the provider names: nothing to report.
  aiPlaceholders: (r) => ({
    path: r.pick(['.env.example', 'docs/setup.md']),
    content: [
      'TOGETHER_API_KEY=tgp_v1_...',
      'FIREWORKS_API_KEY=fw_...',
      'VOYAGE_API_KEY=pa-your-voyage-key-here',
      'CEREBRAS_API_KEY=csk-...',
      'NVIDIA_API_KEY=nvapi-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'LANGFUSE_SECRET_KEY=sk-lf-...',
      'HELICONE_API_KEY=sk-helicone-...',
      `MODAL_TOKEN_ID=ak-${r.str(22)}`,
      'MODAL_TOKEN_SECRET=as-xxxxx',
      `DEEPGRAM_PROJECT_ID=${r.uuid()}`,
      `LEONARDO_MODEL_ID=${r.uuid()}`,
      'WANDB_MODE=offline',
      'CHROMA_API_KEY=ck-your-api-key',
      'TAVILY_API_KEY=tvly-YOUR_API_KEY',
      '',
    ].join('\n'),
    negatives: 14,
  }),
  dataPlaceholders: (r) => ({
    path: r.pick(['.env.sample', 'README.md']),
    content: [
      `MONGODB_ATLAS_PUBLIC_KEY=${r.str(8, LOWER)}`,
      `ATLAS_CLIENT_ID=mdb_sa_id_${r.hex(24)}`,
      'PLANETSCALE_SERVICE_TOKEN=pscale_tkn_...',
      'NEON_API_KEY=napi_...',
      `UPSTASH_REDIS_REST_URL=https://eu1-${r.str(10, LOWER)}.upstash.io`,
      `CLICKHOUSE_KEY_ID=${r.str(20)}`,
      'COCKROACH_API_KEY=CCDB1_...',
      'XATA_API_KEY=xau_YOUR_KEY_HERE',
      'POSTHOG_PERSONAL_API_KEY=phx_...',
      'DBT_CLOUD_API_TOKEN=dbtc_xxxxxxxxxxxxxxxxxxxx',
      'PREFECT_API_KEY=pnu_your_api_key_here',
      'DAGSTER_CLOUD_API_TOKEN=user:xxxxxxxx',
      'MB_API_KEY=mb_replace_me',
      `LOOKERSDK_CLIENT_ID=${r.str(20)}`,
      'TINYBIRD_TOKEN=p.eyJ...',
      '',
    ].join('\n'),
    negatives: 15,
  }),
};
