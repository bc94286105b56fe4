// Eval kinds for the rules of this area (issue 13). Same shapes as ../secrets.mjs and ../corpus.mjs:
//   kinds: V(kind, family, names, make) entries; documents: { name: { count, make(r) → { path, content, labels } } };
//   negativeDocuments: { name: make(r) → { path, content, negatives } }.
// Each generator follows the provider's published token format (prefix, alphabet, length), not the rules.
import { V } from '../secrets.mjs';
import { ALNUM, B64URL, DIGITS, LOWER, UPPER } from '../../rng.mjs';

/** @typedef {import('../../rng.mjs').Rng} Rng */
/** @typedef {import('../corpus.mjs').SecretDocumentSpec} SecretDocumentSpec */
/** @typedef {import('../corpus.mjs').NegativeDocument} NegativeDocument */

const UPPER_HEX = '0123456789ABCDEF';
const LOWER_ALNUM = LOWER + DIGITS;
const BASE32_LOWER = LOWER + '234567';
/** @param {Buffer} bytes */
const b64u = (bytes) => bytes.toString('base64url');
/** A value that starts with a letter or digit (no leading "-", "_", "+", "/"). @param {Rng} r @param {number} n @param {string} alphabet */
const lead = (r, n, alphabet) => r.str(1, ALNUM) + r.str(n - 1, alphabet);
/** @param {Rng} r @param {number} n */
const digits = (r, n) => r.str(1, '123456789') + r.str(n - 1, DIGITS);
/** @param {Rng} r @param {object} payload */
const jwt = (r, payload, alg = 'HS256') => `${b64u(Buffer.from(JSON.stringify({ alg, typ: 'JWT' })))}.${b64u(Buffer.from(JSON.stringify(payload)))}.${b64u(r.bytes(32))}`;

export const kinds = [
  // ---- email and SMS (family email-sms)
  V('vonage-api-secret', 'email-sms', ['VONAGE_API_SECRET', 'NEXMO_API_SECRET'], (r) => r.str(16)),
  V('messagebird-access-key', 'email-sms', ['MESSAGEBIRD_ACCESS_KEY', 'MESSAGEBIRD_API_KEY'], (r) => r.str(25)),
  V('plivo-auth-token', 'email-sms', ['PLIVO_AUTH_TOKEN'], (r) => r.str(40)),
  V('sinch-api-token', 'email-sms', ['SINCH_API_TOKEN', 'SINCH_SERVICE_PLAN_TOKEN'], (r) => r.hex(32)),
  V('telnyx-api-key', 'email-sms', ['TELNYX_API_KEY'], (r) => `KEY01${r.str(30, UPPER_HEX)}_${r.str(22)}`),
  V('twilio-api-key-secret', 'email-sms', ['TWILIO_API_SECRET', 'TWILIO_API_KEY_SECRET'], (r) => r.str(32)),
  V('mailjet-secret-key', 'email-sms', ['MAILJET_SECRET_KEY', 'MJ_APIKEY_PRIVATE'], (r) => r.hex(32)),
  V('mandrill-api-key', 'email-sms', ['MANDRILL_API_KEY', 'MANDRILL_KEY'], (r) => `md-${lead(r, 22, B64URL)}`),
  V('sparkpost-api-key', 'email-sms', ['SPARKPOST_API_KEY'], (r) => r.hex(40)),
  V('brevo-api-key', 'email-sms', ['BREVO_API_KEY', 'SENDINBLUE_API_KEY'], (r) => `xkeysib-${r.hex(64)}-${r.str(16)}`),
  V('brevo-smtp-key', 'email-sms', ['BREVO_SMTP_KEY', 'SMTP_PASSWORD'], (r) => `xsmtpsib-${r.hex(64)}-${r.str(16)}`),
  V('mailersend-api-token', 'email-sms', ['MAILERSEND_API_KEY', 'MAILERSEND_API_TOKEN'], (r) => `mlsn.${r.hex(64)}`),
  V('resend-api-key', 'email-sms', ['RESEND_API_KEY'], (r) => `re_${r.str(8)}_${r.str(24)}`),
  V('loops-api-key', 'email-sms', ['LOOPS_API_KEY'], (r) => r.hex(32)),
  V('customerio-app-api-key', 'email-sms', ['CUSTOMERIO_APP_API_KEY', 'CUSTOMER_IO_API_KEY'], (r) => r.hex(32)),
  V('mailtrap-api-token', 'email-sms', ['MAILTRAP_API_TOKEN', 'MAILTRAP_TOKEN'], (r) => r.hex(32)),
  V('infobip-api-key', 'email-sms', ['INFOBIP_API_KEY'], (r) => `${r.hex(32)}-${r.uuid()}`),
  // ---- chat, realtime, push (family messaging)
  V('pusher-app-secret', 'messaging', ['PUSHER_APP_SECRET', 'PUSHER_SECRET'], (r) => r.hex(20)),
  V('ably-api-key', 'messaging', ['ABLY_API_KEY', 'ABLY_KEY'], (r) => `${lead(r, 6, B64URL)}.${lead(r, 6, B64URL)}:${lead(r, 43, B64URL)}`),
  V('pubnub-secret-key', 'messaging', ['PUBNUB_SECRET_KEY'], (r) => `sec-c-${Buffer.from(r.uuid()).toString('base64')}`),
  V('pubnub-publish-key', 'messaging', ['PUBNUB_PUBLISH_KEY', 'PUBNUB_PUB_KEY'], (r) => `pub-c-${r.uuid()}`),
  V('pubnub-subscribe-key', 'messaging', ['PUBNUB_SUBSCRIBE_KEY', 'PUBNUB_SUB_KEY'], (r) => `sub-c-${r.uuid()}`),
  V('onesignal-api-key', 'messaging', ['ONESIGNAL_REST_API_KEY', 'ONESIGNAL_API_KEY'], (r) => `os_v2_${r.pick(['app', 'org'])}_${r.str(103, BASE32_LOWER)}`),
  V('onesignal-legacy-key', 'messaging', ['ONESIGNAL_REST_API_KEY', 'ONESIGNAL_USER_AUTH_KEY'], (r) => Buffer.from(r.uuid()).toString('base64')),
  V('expo-access-token', 'messaging', ['EXPO_TOKEN', 'EXPO_ACCESS_TOKEN'], (r) => lead(r, 40, B64URL)),
  V('line-channel-access-token', 'messaging', ['LINE_CHANNEL_ACCESS_TOKEN'], (r) => `${r.bytes(128).toString('base64').replace(/=+$/, '')}=`),
  V('line-channel-secret', 'messaging', ['LINE_CHANNEL_SECRET'], (r) => r.hex(32)),
  V('viber-auth-token', 'messaging', ['VIBER_AUTH_TOKEN', 'VIBER_BOT_TOKEN'], (r) => `${r.str(16, LOWER_ALNUM)}-${r.str(16, LOWER_ALNUM)}-${r.str(16, LOWER_ALNUM)}`),
  V('zoom-client-secret', 'messaging', ['ZOOM_CLIENT_SECRET', 'ZOOM_SDK_SECRET', 'ZOOM_API_SECRET'], (r) => r.str(32)),
  V('webex-bot-token', 'messaging', ['WEBEX_BOT_TOKEN', 'WEBEX_ACCESS_TOKEN'], (r) => `${r.str(64)}_${r.str(4, UPPER + DIGITS)}_${r.uuid()}`),
  V('ringcentral-client-secret', 'messaging', ['RINGCENTRAL_CLIENT_SECRET', 'RC_CLIENT_SECRET'], (r) => lead(r, r.pick([22, 32, 44]), B64URL)),
  V('ringcentral-jwt', 'messaging', ['RINGCENTRAL_JWT', 'RC_JWT'], (r) => jwt(r, { aud: 'https://platform.ringcentral.com/restapi/oauth/token', sub: digits(r, 10), iss: 'https://platform.ringcentral.com', exp: 3845000000, iat: 1700000000 + r.int(0, 60000000), jti: r.str(22, B64URL) }, 'RS256')),
  V('mattermost-access-token', 'messaging', ['MATTERMOST_TOKEN', 'MATTERMOST_ACCESS_TOKEN', 'MM_BOT_TOKEN'], (r) => r.str(26, LOWER_ALNUM)),
  V('rocketchat-access-token', 'messaging', ['ROCKETCHAT_AUTH_TOKEN', 'ROCKET_CHAT_TOKEN'], (r) => lead(r, 43, B64URL)),
  V('bot-framework-app-password', 'messaging', ['MICROSOFT_APP_PASSWORD', 'MicrosoftAppPassword'], (r) => lead(r, r.int(28, 34), ALNUM + '._-:[]@=?')),
  // ---- other forms of Slack, Discord, Telegram (family communication)
  V('slack-signing-secret', 'communication', ['SLACK_SIGNING_SECRET'], (r) => r.hex(32)),
  V('slack-client-secret', 'communication', ['SLACK_CLIENT_SECRET'], (r) => r.hex(32)),
  V('slack-client-session-token', 'communication', ['SLACK_XOXC_TOKEN', 'SLACK_SESSION_TOKEN'], (r) => `xoxc-${digits(r, 12)}-${digits(r, 13)}-${digits(r, 13)}-${r.hex(64)}`),
  V('slack-session-cookie', 'communication', ['SLACK_D_COOKIE', 'SLACK_COOKIE'], (r) => `xoxd-${encodeURIComponent(r.bytes(r.int(100, 140)).toString('base64'))}`),
  V('discord-client-secret', 'communication', ['DISCORD_CLIENT_SECRET'], (r) => lead(r, 32, B64URL)),
  V('telegram-api-hash', 'communication', ['TELEGRAM_API_HASH', 'TG_API_HASH'], (r) => r.hex(32)),
  // ---- other forms of payment providers (family payments)
  V('adyen-hmac-key', 'payments', ['ADYEN_HMAC_KEY', 'ADYEN_WEBHOOK_HMAC_KEY'], (r) => r.str(64, UPPER_HEX)),
  V('square-sandbox-oauth-secret', 'payments', ['SQUARE_SANDBOX_APPLICATION_SECRET'], (r) => `sandbox-sq0csb-${lead(r, 43, B64URL)}`),
  V('paypal-access-token', 'payments', ['PAYPAL_ACCESS_TOKEN'], (r) => `A21AA${lead(r, 92, B64URL)}`),
  // ---- payment processors, billing, banking (family fintech-crypto)
  V('checkout-secret-key', 'fintech-crypto', ['CKO_SECRET_KEY', 'CHECKOUT_SECRET_KEY'], (r) => `sk_${r.pick([r.str(27, BASE32_LOWER), r.uuid()])}`),
  V('checkout-sandbox-secret-key', 'fintech-crypto', ['CKO_SANDBOX_SECRET_KEY'], (r) => `sk_sbox_${r.str(27, BASE32_LOWER)}`),
  V('mollie-live-api-key', 'fintech-crypto', ['MOLLIE_API_KEY', 'MOLLIE_LIVE_KEY'], (r) => `live_${r.str(30)}`),
  V('mollie-test-api-key', 'fintech-crypto', ['MOLLIE_TEST_API_KEY'], (r) => `test_${r.str(30)}`),
  V('gocardless-live-access-token', 'fintech-crypto', ['GOCARDLESS_ACCESS_TOKEN'], (r) => `live_${lead(r, 40, B64URL)}`),
  V('gocardless-sandbox-access-token', 'fintech-crypto', ['GOCARDLESS_SANDBOX_TOKEN'], (r) => `sandbox_${lead(r, 40, B64URL)}`),
  V('wise-api-token', 'fintech-crypto', ['WISE_API_TOKEN', 'TRANSFERWISE_API_TOKEN'], (r) => r.uuid()),
  V('klarna-live-api-key', 'fintech-crypto', ['KLARNA_API_KEY', 'KLARNA_API_PASSWORD'], (r) => `klarna_live_api_${b64u(Buffer.concat([r.bytes(24), Buffer.from(`,${r.uuid()},1,`), r.bytes(24)]))}`),
  V('klarna-test-api-key', 'fintech-crypto', ['KLARNA_TEST_API_KEY'], (r) => `klarna_test_api_${b64u(Buffer.concat([r.bytes(24), Buffer.from(`,${r.uuid()},1,`), r.bytes(24)]))}`),
  V('authorize-net-transaction-key', 'fintech-crypto', ['AUTHORIZE_NET_TRANSACTION_KEY', 'AUTHNET_TRANSACTION_KEY'], (r) => r.str(16)),
  V('lemon-squeezy-api-key', 'fintech-crypto', ['LEMONSQUEEZY_API_KEY', 'LEMON_SQUEEZY_API_KEY'], (r) => jwt(r, { aud: r.uuid(), jti: r.hex(64), iat: 1700000000, nbf: 1700000000, exp: 2000000000, sub: digits(r, 6), scopes: [] }, 'RS256')),
  V('paddle-api-key', 'fintech-crypto', ['PADDLE_API_KEY'], (r) => `pdl_${r.pick(['live', 'sdbx'])}_apikey_${r.str(26, LOWER_ALNUM)}_${r.str(22)}_${r.str(3)}`),
  V('recurly-api-key', 'fintech-crypto', ['RECURLY_API_KEY', 'RECURLY_PRIVATE_KEY'], (r) => r.hex(32)),
  V('xendit-secret-key', 'fintech-crypto', ['XENDIT_SECRET_KEY', 'XENDIT_API_KEY'], (r) => `xnd_${r.pick(['production', 'development'])}_${r.str(r.int(58, 62))}`),
  V('midtrans-server-key', 'fintech-crypto', ['MIDTRANS_SERVER_KEY'], (r) => `Mid-server-${lead(r, 24, B64URL)}`),
  V('midtrans-sandbox-server-key', 'fintech-crypto', ['MIDTRANS_SANDBOX_SERVER_KEY'], (r) => `SB-Mid-server-${lead(r, 24, B64URL)}`),
  // ---- crypto exchanges and blockchain APIs (family fintech-crypto)
  V('binance-api-secret', 'fintech-crypto', ['BINANCE_API_SECRET', 'BINANCE_SECRET_KEY'], (r) => r.str(64)),
  V('kraken-private-key', 'fintech-crypto', ['KRAKEN_PRIVATE_KEY', 'KRAKEN_API_SECRET'], (r) => r.bytes(64).toString('base64')),
  V('bitfinex-api-secret', 'fintech-crypto', ['BITFINEX_API_SECRET', 'BFX_API_SECRET'], (r) => r.str(43)),
  V('kucoin-api-secret', 'fintech-crypto', ['KUCOIN_API_SECRET', 'KUCOIN_SECRET'], (r) => r.uuid()),
  V('okx-api-secret', 'fintech-crypto', ['OKX_SECRET_KEY', 'OKX_API_SECRET'], (r) => r.str(32, UPPER_HEX)),
  V('bybit-api-secret', 'fintech-crypto', ['BYBIT_API_SECRET'], (r) => r.str(36)),
  V('etherscan-api-key', 'fintech-crypto', ['ETHERSCAN_API_KEY', 'BSCSCAN_API_KEY', 'POLYGONSCAN_API_KEY'], (r) => r.str(34, UPPER + DIGITS)),
  V('infura-api-key', 'fintech-crypto', ['INFURA_API_KEY', 'INFURA_PROJECT_ID', 'INFURA_API_KEY_SECRET'], (r) => r.hex(32)),
  V('infura-rpc-url', 'fintech-crypto', ['ETH_RPC_URL', 'MAINNET_RPC_URL'], (r) => { const key = r.hex(32); return { value: `https://${r.pick(['mainnet', 'sepolia', 'polygon-mainnet'])}.infura.io/v3/${key}`, secret: key }; }),
  V('alchemy-api-key', 'fintech-crypto', ['ALCHEMY_API_KEY', 'NEXT_PUBLIC_ALCHEMY_KEY'], (r) => lead(r, 32, B64URL)),
  V('alchemy-rpc-url', 'fintech-crypto', ['RPC_URL', 'MAINNET_RPC_URL'], (r) => { const key = lead(r, 32, B64URL); return { value: `https://${r.pick(['eth-mainnet', 'polygon-mainnet', 'arb-mainnet'])}.g.alchemy.com/v2/${key}`, secret: key }; }),
  V('moralis-api-key', 'fintech-crypto', ['MORALIS_API_KEY'], (r) => jwt(r, { nonce: r.uuid(), orgId: digits(r, 6), userId: r.uuid(), typeId: r.uuid(), type: 'PROJECT', iat: 1700000000, exp: 4855000000 })),
  V('blockcypher-token', 'fintech-crypto', ['BLOCKCYPHER_TOKEN', 'BLOCKCYPHER_API_TOKEN'], (r) => r.hex(32)),
  V('blockfrost-project-id', 'fintech-crypto', ['BLOCKFROST_PROJECT_ID', 'BLOCKFROST_API_KEY'], (r) => `${r.pick(['mainnet', 'preprod', 'preview', 'ipfs'])}${r.str(32)}`),
  V('quicknode-endpoint', 'fintech-crypto', ['QUICKNODE_URL', 'QUICKNODE_HTTP_ENDPOINT'], (r) => { const key = r.hex(40); return { value: `https://${r.str(6, LOWER)}-${r.str(6, LOWER)}-${r.str(5, LOWER)}.${r.pick(['', 'solana-mainnet.', 'bsc.', 'matic.'])}quiknode.pro/${key}/`, secret: key }; }),
  V('coinbase-commerce-api-key', 'fintech-crypto', ['COINBASE_COMMERCE_API_KEY'], (r) => r.uuid()),
  V('coinmarketcap-api-key', 'fintech-crypto', ['COINMARKETCAP_API_KEY', 'CMC_PRO_API_KEY'], (r) => r.uuid()),
  // ---- IoT, home and device platforms (family iot)
  V('blynk-auth-token', 'iot', ['BLYNK_AUTH_TOKEN', 'BLYNK_TOKEN'], (r) => lead(r, 32, B64URL)),
  V('adafruit-io-key', 'iot', ['ADAFRUIT_IO_KEY', 'AIO_KEY'], (r) => `aio_${r.str(28)}`),
  V('thingsboard-access-token', 'iot', ['THINGSBOARD_ACCESS_TOKEN', 'TB_DEVICE_TOKEN'], (r) => r.str(20)),
  V('particle-access-token', 'iot', ['PARTICLE_ACCESS_TOKEN', 'PARTICLE_TOKEN'], (r) => r.hex(40)),
  V('truenas-api-key', 'iot', ['TRUENAS_API_KEY', 'FREENAS_API_KEY'], (r) => `${r.int(1, 99)}-${r.str(64)}`),
  V('home-assistant-token', 'iot', ['HASS_TOKEN', 'HOME_ASSISTANT_TOKEN', 'HA_TOKEN'], (r) => jwt(r, { iss: r.hex(32), iat: 1700000000 + r.int(0, 9000000), exp: 2015000000 + r.int(0, 9000000) })),
  V('smartthings-token', 'iot', ['SMARTTHINGS_TOKEN', 'SMARTTHINGS_PAT'], (r) => r.uuid()),
  V('tuya-access-secret', 'iot', ['TUYA_ACCESS_SECRET', 'TUYA_CLIENT_SECRET'], (r) => r.str(32, LOWER_ALNUM)),
  V('ubidots-token', 'iot', ['UBIDOTS_TOKEN'], (r) => `${r.pick(['BBFF', 'BBUS'])}-${r.str(30)}`),
  V('thingspeak-api-key', 'iot', ['THINGSPEAK_WRITE_API_KEY', 'THINGSPEAK_API_KEY'], (r) => r.str(16, UPPER + DIGITS)),
  V('ifttt-webhooks-key', 'iot', ['IFTTT_WEBHOOK_KEY', 'IFTTT_KEY'], (r) => lead(r, 22, B64URL)),
  V('balena-api-key', 'iot', ['BALENA_API_KEY', 'BALENA_TOKEN'], (r) => r.str(32)),
];

/** @type {Record<string, SecretDocumentSpec>} */
export const documents = {
  // An Arduino sketch: Blynk's #define form and Adafruit IO / ThingSpeak credentials in the firmware.
  'iot-sketch': {
    count: 3,
    make: (r) => {
      const blynk = lead(r, 32, B64URL);
      const aio = `aio_${r.str(28)}`;
      const speak = r.str(16, UPPER + DIGITS);
      return {
        path: r.pick(['firmware/main.ino', 'src/sketch.ino']),
        content: `#define BLYNK_TEMPLATE_ID "TMPL${r.str(8)}"\n#define BLYNK_AUTH_TOKEN "${blynk}"\n#include <BlynkSimpleEsp32.h>\n\nconst char* ssid = "lab";\n#define IO_KEY "${aio}"\n\nvoid loop() {\n  http.begin("http://api.thingspeak.com/update?api_key=${speak}&field1=" + String(readTemp()));\n}\n`,
        labels: [
          { kind: 'blynk-auth-token', family: 'iot', secrets: [blynk] },
          { kind: 'adafruit-io-key', family: 'iot', secrets: [aio] },
          { kind: 'thingspeak-api-key', family: 'iot', secrets: [speak] },
        ],
      };
    },
  },
  // A LINE bot's config and a Pusher/Twilio notifier: secrets in the shapes the SDK docs show.
  'line-bot-config': {
    count: 2,
    make: (r) => {
      const token = `${r.bytes(128).toString('base64').replace(/=+$/, '')}=`;
      const secret = r.hex(32);
      return {
        path: r.pick(['bot/config.js', 'src/line/config.js']),
        content: `'use strict';\n\nmodule.exports = {\n  channelAccessToken: '${token}',\n  channelSecret: '${secret}',\n  port: 3000,\n};\n`,
        labels: [{ kind: 'line-channel-access-token', family: 'messaging', secrets: [token] }, { kind: 'line-channel-secret', family: 'messaging', secrets: [secret] }],
      };
    },
  },
  'telethon-client': {
    count: 2,
    make: (r) => {
      const hash = r.hex(32);
      return {
        path: r.pick(['scripts/tg_export.py', 'bot/client.py']),
        content: `from telethon import TelegramClient\n\nclient = TelegramClient("export", ${digits(r, 7)}, api_hash="${hash}")\n\nwith client:\n    client.loop.run_until_complete(main())\n`,
        labels: [{ kind: 'telegram-api-hash', family: 'communication', secrets: [hash] }],
      };
    },
  },
};

/** @type {Record<string, (r: Rng) => NegativeDocument>} */
export const negativeDocuments = {
  // Client-side identifiers next to credential-looking names: none of these is a secret.
  'messaging-identifiers': (r) => ({
    path: r.pick(['src/notifications/config.ts', 'app/messaging.ts']),
    content: `export const config = {\n  twilioAccountSid: 'AC${r.hex(32)}',\n  twilioApiKeySid: 'SK${r.hex(32)}',\n  oneSignalAppId: '${r.uuid()}',\n  lineChannelId: '${digits(r, 10)}',\n  pusherCluster: 'eu',\n  expoPushToken: 'ExponentPushToken[${r.str(22, B64URL)}]',\n  telnyxPublicKey: '${r.bytes(32).toString('base64')}',\n  md: 'md-${r.pick(['button', 'raised', 'primary', 'autocomplete-wrapper', 'virtual-repeat-container'])}',\n};\n`,
    negatives: 7,
  }),
};
