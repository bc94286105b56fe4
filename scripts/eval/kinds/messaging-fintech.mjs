// Eval kinds for the rules of this area (issue 13). Same shapes as ../secrets.mjs and ../corpus.mjs:
//   kinds: V(kind, family, names, make) entries; documents: { name: { count, make(r) → { path, content, labels } } };
//   negativeDocuments: { name: make(r) → { path, content, negatives } }.
// Each generator follows the provider's published token format (prefix, alphabet, length), not the rules.
import { V } from '../secrets.mjs';
import { ALNUM, B64, B64URL, DIGITS, HEX, LOWER, UPPER } from '../../rng.mjs';

const UPPER_HEX = '0123456789ABCDEF';
const LOWER_ALNUM = LOWER + DIGITS;
const BASE32_LOWER = LOWER + '234567';
const b64u = (bytes) => bytes.toString('base64url');
/** A value that starts with a letter or digit (no leading "-", "_", "+", "/"). */
const lead = (r, n, alphabet) => r.str(1, ALNUM) + r.str(n - 1, alphabet);
const digits = (r, n) => r.str(1, '123456789') + r.str(n - 1, DIGITS);
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
];

export const documents = {
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

export const negativeDocuments = {
  // Client-side identifiers next to credential-looking names: none of these is a secret.
  'messaging-identifiers': (r) => ({
    path: r.pick(['src/notifications/config.ts', 'app/messaging.ts']),
    content: `export const config = {\n  twilioAccountSid: 'AC${r.hex(32)}',\n  twilioApiKeySid: 'SK${r.hex(32)}',\n  oneSignalAppId: '${r.uuid()}',\n  lineChannelId: '${digits(r, 10)}',\n  pusherCluster: 'eu',\n  expoPushToken: 'ExponentPushToken[${r.str(22, B64URL)}]',\n  telnyxPublicKey: '${r.bytes(32).toString('base64')}',\n  md: 'md-${r.pick(['button', 'raised', 'primary', 'autocomplete-wrapper', 'virtual-repeat-container'])}',\n};\n`,
    negatives: 7,
  }),
};
