// Eval kinds for the rules of this area (issue 13): cloud platforms (AWS/Amazon, Google, Azure,
// Kubernetes, IBM, Tencent, Huawei, Yandex, Volcengine) and hosting, storage and CDN providers.
// Each generator is written from the provider's token format (prefix, alphabet, length, Microsoft's
// identifiable-key layout), not from the rule packs. Families: cloud, cloud-platforms, hosting-cdn.
import { V } from '../secrets.mjs';
import { ALNUM, B64, B64URL, DIGITS, LOWER, UPPER } from '../../rng.mjs';

/** @typedef {import('../../rng.mjs').Rng} Rng */
/** @typedef {import('../corpus.mjs').SecretDocumentSpec} SecretDocumentSpec */
/** @typedef {import('../corpus.mjs').NegativeDocument} NegativeDocument */

const CP = 'cloud-platforms';
const HC = 'hosting-cdn';
const UPPER_ALNUM = UPPER + DIGITS;
const LOWER_ALNUM = LOWER + DIGITS;
const B32_LOWER = LOWER + '234567';
const AWS_ID = UPPER + '234567';

/** Microsoft identifiable keys: random base64, a 4-character service signature, checksum characters. @param {Rng} r @param {string} sig */
const azure32 = (r, sig) => `${r.str(33, B64)}${sig}${r.str(1, 'ABCDEFGHIJKLMNOP')}${r.str(5, B64)}=`;
/** @param {Rng} r @param {string} sig */
const azure64 = (r, sig) => `${r.str(76, B64)}${sig}${r.str(5, B64)}${r.pick(['A', 'Q', 'g', 'w'])}==`;
/** @param {Rng} r @param {string} sig */
const azure39 = (r, sig) => `${r.str(42, B64)}${sig}${r.str(1, 'ABCD')}${r.str(5, B64)}`;
/** @param {Rng} r */
const azureFunction = (r) => `${r.str(44, B64URL)}AzFu${r.str(5, B64URL)}${r.pick(['A', 'Q', 'g', 'w'])}==`;
/** Common annotated security key (84 characters): random, the JQQJ99 marker, a date/region block, a provider signature. @param {Rng} r @param {string} sig */
const cask = (r, sig) => `${r.str(52)}JQQJ99${r.str(18)}${sig}${r.str(4)}`;
/** @param {Rng} r */
const uuid = (r) => r.uuid();
/** @param {Rng} r */
const bunnyKey = (r) => `${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(20)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`;
/** A Cloudflare Tunnel token: base64 of {"a": account tag, "t": tunnel ID, "s": base64 tunnel secret}. @param {Rng} r */
const tunnelToken = (r) => Buffer.from(JSON.stringify({ a: r.hex(32), t: r.uuid(), s: r.bytes(32).toString('base64') })).toString('base64');
/** A value that neither starts nor ends with a base64url separator. @param {Rng} r @param {number} n @param {string} alphabet */
const clean = (r, n, alphabet) => {
  for (;;) {
    const value = r.str(n, alphabet);
    if (/^[A-Za-z0-9]/.test(value) && /[A-Za-z0-9]$/.test(value)) return value;
  }
};

export const kinds = [
  // AWS and Amazon
  V('aws-appsync-api-key', CP, ['APPSYNC_API_KEY', 'AWS_APPSYNC_API_KEY'], (r) => `da2-${r.str(26, B32_LOWER)}`),
  V('aws-ses-smtp-password', CP, ['SES_SMTP_PASSWORD', 'AWS_SES_SMTP_PASSWORD'], (r) => `B${r.str(43, B64)}`),
  V('amazon-lwa-client-secret', CP, ['LWA_CLIENT_SECRET', 'SP_API_CLIENT_SECRET'], (r) => `amzn1.oa2-cs.v1.${r.hex(64)}`),
  V('amazon-lwa-refresh-token', CP, ['LWA_REFRESH_TOKEN', 'SP_API_REFRESH_TOKEN'], (r) => `Atzr|IwEBI${r.str(r.int(280, 340), B64URL)}`),
  V('aws-cognito-client-secret', CP, ['COGNITO_CLIENT_SECRET', 'COGNITO_APP_CLIENT_SECRET'], (r) => r.str(r.pick([51, 52]), LOWER_ALNUM)),
  // Google and Firebase
  V('gcp-hmac-access-id', CP, ['GCS_HMAC_ACCESS_ID', 'GCS_HMAC_KEY_ID'], (r) => `GOOG1${r.str(56, UPPER_ALNUM)}`),
  V('firebase-database-secret', CP, ['FIREBASE_DATABASE_SECRET', 'FIREBASE_SECRET'], (r) => r.str(40)),
  // Azure identifiable keys
  V('azure-storage-identifiable-key', CP, ['AZURE_STORAGE_KEY', 'STORAGE_ACCOUNT_KEY'], (r) => azure64(r, '+ASt')),
  V('azure-cosmosdb-identifiable-key', CP, ['COSMOS_DB_KEY', 'COSMOS_PRIMARY_KEY'], (r) => azure64(r, 'ACDb')),
  V('azure-batch-identifiable-key', CP, ['AZURE_BATCH_ACCESS_KEY', 'BATCH_ACCOUNT_KEY'], (r) => azure64(r, '+ABa')),
  V('azure-apim-identifiable-key', CP, ['APIM_SUBSCRIPTION_KEY', 'APIM_GATEWAY_KEY'], (r) => azure64(r, 'APIM')),
  V('azure-service-bus-identifiable-key', CP, ['SERVICE_BUS_KEY', 'SERVICEBUS_SHARED_ACCESS_KEY'], (r) => azure32(r, '+ASb')),
  V('azure-event-hub-identifiable-key', CP, ['EVENTHUB_KEY', 'EVENT_HUB_SEND_KEY'], (r) => azure32(r, '+AEh')),
  V('azure-relay-identifiable-key', CP, ['RELAY_KEY', 'AZURE_RELAY_KEY'], (r) => azure32(r, '+ARm')),
  V('azure-iot-identifiable-key', CP, ['IOTHUB_DEVICE_KEY', 'DPS_ENROLLMENT_KEY'], (r) => azure32(r, 'AIoT')),
  V('azure-cache-redis-identifiable-key', CP, ['AZURE_REDIS_KEY', 'REDIS_ACCESS_KEY'], (r) => azure32(r, 'AzCa')),
  V('azure-event-grid-identifiable-key', CP, ['EVENTGRID_TOPIC_KEY', 'EVENT_GRID_KEY'], (r) => (r.chance(0.5) ? azure32(r, 'AZEG') : cask(r, 'AZEG'))),
  V('azure-function-identifiable-key', CP, ['FUNCTION_KEY', 'AZURE_FUNCTIONS_HOST_KEY'], (r) => azureFunction(r)),
  V('azure-container-registry-identifiable-key', CP, ['ACR_PASSWORD', 'ACR_TOKEN_PASSWORD'], (r) => azure39(r, '+ACR')),
  V('azure-search-identifiable-key', CP, ['AZURE_SEARCH_ADMIN_KEY', 'SEARCH_QUERY_KEY'], (r) => azure39(r, 'AzSe')),
  V('azure-ai-services-key', CP, ['SPEECH_KEY', 'VISION_KEY', 'DOCUMENT_INTELLIGENCE_KEY'], (r) => cask(r, 'ACOG')),
  // Azure: connection strings, URLs and named keys
  V('azure-shared-access-signature-token', CP, ['SERVICEBUS_SAS_TOKEN', 'IOT_SAS_TOKEN'], (r) => {
    const sig = `${r.str(40)}%2B${r.str(3)}%3D`;
    return { value: `SharedAccessSignature sr=https%3A%2F%2F${r.pick(['orders', 'telemetry'])}.servicebus.windows.net%2F${r.pick(['queue', 'events'])}&sig=${sig}&se=${r.int(1700000000, 1900000000)}&skn=${r.pick(['send', 'listen'])}`, secret: sig };
  }),
  V('azure-cosmosdb-key', CP, ['COSMOS_DB_KEY', 'COSMOS_PRIMARY_KEY'], (r) => `${r.str(86, B64)}==`),
  V('azure-storage-key', CP, ['AZURE_STORAGE_KEY', 'AZURE_STORAGE_ACCESS_KEY'], (r) => `${r.str(86, B64)}==`),
  V('azure-function-key-url', CP, ['FUNCTION_URL', 'INGEST_WEBHOOK_URL'], (r) => {
    const code = `${clean(r, 54, B64URL)}==`;
    return { value: `https://${r.pick(['orders-api', 'thumbs', 'hooks'])}.azurewebsites.net/api/${r.pick(['ingest', 'resize', 'github'])}?code=${code}`, secret: code };
  }),
  V('azure-container-registry-password', CP, ['ACR_PASSWORD', 'ACR_ADMIN_PASSWORD'], (r) => r.str(32, ALNUM + '+/')),
  // Kubernetes, Tencent, Huawei, Yandex, Volcengine
  V('kubernetes-bootstrap-token', CP, ['KUBEADM_BOOTSTRAP_TOKEN', 'K8S_BOOTSTRAP_TOKEN'], (r) => `${r.str(6, LOWER_ALNUM)}.${r.str(16, LOWER_ALNUM)}`),
  V('tencent-cloud-secret-id', CP, ['TENCENTCLOUD_SECRET_ID', 'TENCENT_SECRET_ID'], (r) => `AKID${r.str(32)}`),
  V('tencent-cloud-secret-key', CP, ['TENCENTCLOUD_SECRET_KEY', 'QCLOUD_SECRET_KEY'], (r) => r.str(32)),
  V('huawei-cloud-secret-access-key', CP, ['HUAWEICLOUD_SECRET_KEY', 'HUAWEI_SECRET_KEY'], (r) => r.str(40)),
  V('yandex-cloud-api-key', CP, ['YC_API_KEY', 'YANDEX_CLOUD_API_KEY'], (r) => `AQVN${clean(r, r.int(35, 38), B64URL)}`),
  V('yandex-cloud-iam-token', CP, ['YC_IAM_TOKEN', 'YANDEX_IAM_TOKEN'], (r) => `t1.${r.str(r.int(60, 80), B64URL)}${r.pick(['', '=', '=='])}.${r.str(86, B64URL)}==`),
  V('yandex-cloud-static-access-key-id', CP, ['YC_ACCESS_KEY_ID', 'YANDEX_STORAGE_ACCESS_KEY'], (r) => `YCAJE${clean(r, 20, B64URL)}`),
  V('yandex-cloud-static-secret-key', CP, ['YANDEX_STORAGE_SECRET_KEY', 'YANDEX_SECRET'], (r) => `YC${clean(r, 38, B64URL)}`),
  V('yandex-oauth-token', CP, ['YANDEX_OAUTH_TOKEN', 'YANDEX_DISK_TOKEN'], (r) => `y0_Ag${clean(r, 53, B64URL)}`),
  V('volcengine-access-key-id', CP, ['VOLCENGINE_ACCESS_KEY', 'VOLC_ACCESSKEY'], (r) => `AKLT${r.str(43)}`),
  V('volcengine-secret-access-key', CP, ['VOLCENGINE_SECRET_KEY', 'VOLC_SECRETKEY'], (r) => `${r.str(66, B64)}==`),

  // hosting, storage and CDN
  V('backblaze-b2-application-key', HC, ['B2_APPLICATION_KEY', 'B2_APP_KEY'], (r) => `K00${r.int(1, 5)}${r.str(27, B64)}`),
  V('wasabi-secret-key', HC, ['WASABI_SECRET_KEY', 'WASABI_SECRET'], (r) => r.str(40, B64)),
  V('digitalocean-spaces-access-key', HC, ['SPACES_ACCESS_KEY_ID', 'DO_SPACES_KEY'], (r) => `DO00${r.str(16, UPPER_ALNUM)}`),
  V('digitalocean-spaces-secret-key', HC, ['SPACES_SECRET_ACCESS_KEY', 'DO_SPACES_SECRET'], (r) => r.str(43, B64)),
  V('vultr-api-key', HC, ['VULTR_API_KEY'], (r) => r.str(36, UPPER_ALNUM)),
  V('ovh-api-credentials', HC, ['OVH_APPLICATION_SECRET', 'OVH_CONSUMER_KEY'], (r) => r.str(32)),
  V('exoscale-api-key', HC, ['EXOSCALE_API_KEY', 'EXOSCALE_KEY'], (r) => `EXO${r.hex(24)}`),
  V('exoscale-api-secret', HC, ['EXOSCALE_API_SECRET', 'EXOSCALE_SECRET'], (r) => clean(r, 43, B64URL)),
  V('hetzner-dns-api-token', HC, ['HETZNER_DNS_API_TOKEN', 'HETZNER_DNS_TOKEN'], (r) => r.str(32)),
  V('koyeb-api-token', HC, ['KOYEB_TOKEN', 'KOYEB_API_TOKEN'], (r) => r.str(64, LOWER_ALNUM)),
  V('railway-token', HC, ['RAILWAY_TOKEN', 'RAILWAY_API_TOKEN'], uuid),
  V('deno-deploy-token', HC, ['DENO_DEPLOY_TOKEN'], (r) => `${r.pick(['ddp_', 'ddo_'])}${r.str(36)}`),
  V('vercel-blob-token', HC, ['BLOB_READ_WRITE_TOKEN'], (r) => `vercel_blob_rw_${r.str(16)}_${r.str(30)}`),
  V('vercel-deploy-hook-url', HC, ['VERCEL_DEPLOY_HOOK_URL', 'DEPLOY_HOOK'], (r) => {
    const path = `prj_${r.str(28)}/${r.str(10)}`;
    return { value: `https://api.vercel.com/v1/integrations/deploy/${path}`, secret: path };
  }),
  V('netlify-build-hook-url', HC, ['NETLIFY_BUILD_HOOK_URL', 'BUILD_HOOK'], (r) => {
    const id = r.hex(24);
    return { value: `https://api.netlify.com/build_hooks/${id}`, secret: id };
  }),
  V('render-deploy-hook-url', HC, ['RENDER_DEPLOY_HOOK_URL', 'DEPLOY_HOOK_URL'], (r) => {
    const path = `srv-${r.str(20, LOWER_ALNUM)}?key=${clean(r, 11, B64URL)}`;
    return { value: `https://api.render.com/deploy/${path}`, secret: path };
  }),
  V('cloudflare-tunnel-token', HC, ['CLOUDFLARE_TUNNEL_TOKEN', 'TUNNEL_TOKEN'], tunnelToken),
  V('cloudflare-r2-secret-access-key', HC, ['R2_SECRET_ACCESS_KEY', 'CLOUDFLARE_R2_SECRET_KEY'], (r) => r.hex(64)),
  V('cloudflare-access-service-token-secret', HC, ['CF_ACCESS_CLIENT_SECRET'], (r) => r.hex(64)),
  V('cloudinary-url', HC, ['CLOUDINARY_URL'], (r) => {
    const secret = clean(r, 27, B64URL);
    return { value: `cloudinary://${r.str(15, DIGITS)}:${secret}@${r.pick(['acme-media', 'shop', 'dxyz123'])}`, secret };
  }),
  V('cloudinary-api-secret', HC, ['CLOUDINARY_API_SECRET', 'CLOUDINARY_SECRET'], (r) => clean(r, 27, B64URL)),
  V('imgix-api-key', HC, ['IMGIX_API_KEY'], (r) => `ak_${r.hex(64)}`),
  V('akamai-edgegrid-token', HC, ['AKAMAI_ACCESS_TOKEN', 'AKAMAI_CLIENT_TOKEN'], (r) => `akab-${r.str(16, LOWER_ALNUM)}-${r.str(16, LOWER_ALNUM)}`),
  V('bunny-api-key', HC, ['BUNNY_API_KEY', 'BUNNYCDN_API_KEY'], bunnyKey),
];

/** @param {string} kind @param {string} family @param {string} secret */
const label = (kind, family, secret) => ({ kind, family, secrets: [secret] });

/** @type {Record<string, SecretDocumentSpec>} */
export const documents = {
  'akamai-edgerc': {
    count: 3,
    make: (r) => {
      const secret = `${r.str(43, B64)}=`;
      const token = () => `akab-${r.str(16, LOWER_ALNUM)}-${r.str(16, LOWER_ALNUM)}`;
      const access = token();
      const client = token();
      return {
        path: r.pick(['.edgerc', 'config/akamai/.edgerc']),
        content: `[default]\nclient_secret = ${secret}\nhost = akab-${r.str(16, LOWER_ALNUM)}-${r.str(16, LOWER_ALNUM)}.luna.akamaiapis.net\naccess_token = ${access}\nclient_token = ${client}\nmax-body = 131072\n`,
        labels: [label('akamai-edgegrid-client-secret', HC, secret), label('akamai-edgegrid-token', HC, access), label('akamai-edgegrid-token', HC, client)],
      };
    },
  },
  'google-client-secret-json': {
    count: 2,
    make: (r) => {
      const secret = clean(r, 24, B64URL);
      const doc = { installed: { client_id: `${r.str(12, DIGITS)}-${r.str(32, LOWER_ALNUM)}.apps.googleusercontent.com`, project_id: `sheets-sync-${r.int(100, 999)}`, auth_uri: 'https://accounts.google.com/o/oauth2/auth', token_uri: 'https://oauth2.googleapis.com/token', auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs', client_secret: secret, redirect_uris: ['http://localhost'] } };
      return { path: r.pick(['client_secret.json', 'credentials/oauth-client.json']), content: JSON.stringify(doc) + '\n', labels: [label('gcp-oauth-client-secret-legacy', CP, secret)] };
    },
  },
  'ibm-service-credentials': {
    count: 2,
    make: (r) => {
      const apikey = clean(r, 44, B64URL);
      const doc = { apikey, endpoints: 'https://control.cloud-object-storage.cloud.ibm.com/v2/endpoints', iam_apikey_description: `Auto-generated for key crn:v1:bluemix:public:cloud-object-storage:global:a/${r.hex(32)}::`, iam_apikey_name: r.pick(['reader', 'writer', 'Service credentials-1']), iam_role_crn: 'crn:v1:bluemix:public:iam::::serviceRole:Writer', iam_serviceid_crn: `crn:v1:bluemix:public:iam-identity::a/${r.hex(32)}::serviceid:ServiceId-${r.uuid()}`, resource_instance_id: `crn:v1:bluemix:public:cloud-object-storage:global:a/${r.hex(32)}:${r.uuid()}::` };
      return { path: r.pick(['credentials/cos.json', 'ibm-credentials.json']), content: JSON.stringify(doc, null, 2) + '\n', labels: [label('ibm-cloud-service-credentials-apikey', CP, apikey)] };
    },
  },
  'aws-sdk-credentials-code': {
    count: 3,
    make: (r) => {
      const id = `AKIA${r.str(16, AWS_ID)}`;
      const secret = r.str(40, B64);
      const java = () => ({ path: 'src/main/java/com/acme/storage/S3Config.java', content: `package com.acme.storage;\n\nimport com.amazonaws.auth.BasicAWSCredentials;\n\npublic class S3Config {\n    static BasicAWSCredentials credentials() {\n        return new BasicAWSCredentials("${id}", "${secret}");\n    }\n}\n` });
      const go = () => ({ path: 'internal/storage/s3.go', content: `package storage\n\nimport "github.com/aws/aws-sdk-go/aws/credentials"\n\nvar creds = credentials.NewStaticCredentials("${id}", "${secret}", "")\n` });
      const js = () => ({ path: 'lib/s3.js', content: `const AWS = require('aws-sdk');\nAWS.config.credentials = new AWS.Credentials('${id}', '${secret}');\nmodule.exports = new AWS.S3();\n` });
      const { path, content } = r.pick([java, go, js])();
      return { path, content, labels: [label('aws-access-key-id', 'cloud', id), label('aws-secret-key-after-access-key-id', CP, secret)] };
    },
  },
  'kubeadm-join-script': {
    count: 2,
    make: (r) => {
      const token = `${r.str(6, LOWER_ALNUM)}.${r.str(16, LOWER_ALNUM)}`;
      return { path: r.pick(['scripts/join-node.sh', 'ansible/files/join.sh']), content: `#!/bin/sh\nset -e\nkubeadm join 10.0.${r.int(0, 9)}.10:6443 --token ${token} \\\n  --discovery-token-ca-cert-hash sha256:${r.hex(64)}\n`, labels: [label('kubernetes-bootstrap-token', CP, token)] };
    },
  },
  'yandex-access-key-output': {
    count: 2,
    make: (r) => {
      const id = `YCAJE${clean(r, 20, B64URL)}`;
      const secret = `YC${clean(r, 38, B64URL)}`;
      return {
        path: r.pick(['docs/yc-keys.txt', 'notes/storage-key.yaml']),
        content: `access_key:\n  id: aje${r.str(17, LOWER_ALNUM)}\n  service_account_id: aje${r.str(17, LOWER_ALNUM)}\n  created_at: "2024-03-05T20:10:50.015Z"\n  key_id: ${id}\nsecret: ${secret}\n`,
        labels: [label('yandex-cloud-static-access-key-id', CP, id), label('yandex-cloud-static-secret-key', CP, secret)],
      };
    },
  },
  'ses-mail-env': {
    count: 2,
    make: (r) => {
      const id = `AKIA${r.str(16, AWS_ID)}`;
      const password = `B${r.str(43, B64)}`;
      return {
        path: r.pick(['.env.mail', 'config/mail.env']),
        content: `MAIL_MAILER=smtp\nMAIL_HOST=email-smtp.${r.pick(['eu-west-1', 'us-east-1'])}.amazonaws.com\nMAIL_PORT=587\nMAIL_USERNAME=${id}\nMAIL_PASSWORD=${password}\nMAIL_ENCRYPTION=tls\n`,
        labels: [label('aws-access-key-id', 'cloud', id), label('aws-ses-smtp-password', CP, password)],
      };
    },
  },
  'ovh-conf': {
    count: 2,
    make: (r) => {
      const secret = r.str(32);
      const consumer = r.str(32);
      return {
        path: 'ovh.conf',
        content: `[default]\nendpoint=ovh-eu\n\n[ovh-eu]\napplication_secret=${secret}\nconsumer_key=${consumer}\n`,
        labels: [label('ovh-conf-credentials', HC, secret), label('ovh-conf-credentials', HC, consumer)],
      };
    },
  },
};

/** @type {Record<string, (r: Rng) => NegativeDocument>} */
export const negativeDocuments = {
  // Public, documented emulator keys and identifiers that are not credentials.
  'azure-emulator-settings': (r) => ({
    path: r.pick(['local.settings.json', 'config/emulator.json']),
    content: `${JSON.stringify({
      IsEncrypted: false,
      Values: {
        AzureWebJobsStorage: 'UseDevelopmentStorage=true',
        StorageConnection: ['DefaultEndpointsProtocol=http', 'AccountName=devstoreaccount1', `AccountKey=${['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq', '/K1SZFPTOtr/KBHBeksoGMGw=='].join('')}`, 'BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1'].join(';'),
        CosmosEmulatorKey: ['C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGy', 'PMbIZnqyMsEcaGQy67XIw/Jw=='].join(''),
        CosmosEndpoint: 'https://localhost:8081/',
        KeyVaultSecretUri: `https://kv-${r.str(6, LOWER)}.vault.azure.net/secrets/db-password/${r.hex(32)}`,
      },
    }, null, 2)}\n`,
    negatives: 3,
  }),
  // ARNs, KMS ciphertext, IAM unique IDs and OAuth client IDs: identifiers and encrypted blobs.
  'aws-identifiers': (r) => {
    const account = r.str(12, DIGITS);
    const region = r.pick(['eu-west-1', 'us-east-1']);
    return {
      path: r.pick(['infra/outputs.json', 'deploy/identifiers.yaml']),
      content: [
        `kms_key_arn: arn:aws:kms:${region}:${account}:key/${r.uuid()}`,
        `ciphertext_blob: AQICAH${r.str(r.int(180, 240), B64)}==`,
        `role_unique_id: AROA${r.str(16, AWS_ID)}`,
        `user_unique_id: AIDA${r.str(16, AWS_ID)}`,
        `cognito_identity_pool_id: ${region}:${r.uuid()}`,
        `google_oauth_client_id: ${r.str(12, DIGITS)}-${r.str(32, LOWER_ALNUM)}.apps.googleusercontent.com`,
        `appsync_endpoint: https://${r.str(26, LOWER)}.appsync-api.${region}.amazonaws.com/graphql`,
        '',
      ].join('\n'),
      negatives: 7,
    };
  },
};
