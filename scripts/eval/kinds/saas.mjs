// Eval kinds for the rules of this area (issue 13): identity providers, SaaS/CRM/CMS, social media,
// maps and data APIs. Each generator is written from the provider's token format (prefix, alphabet,
// length), not from the rule packs. Families: identity, saas, social-media, infrastructure.
import { V } from '../secrets.mjs';
import { ALNUM, B64, B64URL, DIGITS, LOWER, UPPER } from '../../rng.mjs';

/** @typedef {import('../../rng.mjs').Rng} Rng */
/** @typedef {import('../corpus.mjs').SecretDocumentSpec} SecretDocumentSpec */
/** @typedef {import('../corpus.mjs').NegativeDocument} NegativeDocument */

const UPPER_ALNUM = UPPER + DIGITS;
const LOWER_ALNUM = LOWER + DIGITS;
const B32 = UPPER + '234567';
/** A random string that neither starts nor ends with a separator. @param {Rng} r @param {number} n @param {string} alphabet */
const body = (r, n, alphabet) => {
  for (;;) {
    const value = r.str(n, alphabet);
    if (/^[A-Za-z0-9]/.test(value) && /[A-Za-z0-9]$/.test(value)) return value;
  }
};
/** @param {Rng} r @param {string} prefix */
const mapboxToken = (r, prefix) => {
  const payload = Buffer.from(JSON.stringify({ u: r.str(8, LOWER_ALNUM), a: r.str(25, LOWER_ALNUM) })).toString('base64url');
  return `${prefix}.${payload}.${body(r, 22, B64URL)}`;
};
/** An X (Twitter) app-only bearer token: URL-encoded base64 that starts with a run of zero bytes. @param {Rng} r */
const twitterBearer = (r) => `${'A'.repeat(21)}${r.str(10)}AAAAAAA${r.str(1, DIGITS)}%2B${r.str(20)}%3D${r.str(50)}`;

export const kinds = [
  // identity
  V('okta-client-secret', 'identity', ['OKTA_CLIENT_SECRET', 'OKTA_OAUTH2_CLIENT_SECRET'], (r) => `${r.str(1, UPPER + LOWER)}${body(r, r.pick([39, 63]), B64URL)}`),
  V('onelogin-client-secret', 'identity', ['ONELOGIN_CLIENT_SECRET', 'ONELOGIN_API_CLIENT_SECRET'], (r) => r.hex(64)),
  V('pingone-client-secret', 'identity', ['PINGONE_CLIENT_SECRET', 'PINGFEDERATE_CLIENT_SECRET'], (r) => body(r, 64, ALNUM + '._~-')),
  V('keycloak-client-secret', 'identity', ['KEYCLOAK_CLIENT_SECRET', 'KEYCLOAK_SECRET'], (r) => (r.chance(0.5) ? r.str(32) : r.uuid())),
  V('stytch-secret', 'identity', ['STYTCH_SECRET', 'STYTCH_PROJECT_SECRET'], (r) => `secret-${r.pick(['test', 'live'])}-${body(r, 35, B64URL)}=`),
  V('frontegg-api-key', 'identity', ['FRONTEGG_API_KEY', 'FRONTEGG_CLIENT_SECRET'], (r) => r.uuid()),

  // CRM, support, productivity
  V('salesforce-access-token', 'saas', ['SALESFORCE_ACCESS_TOKEN', 'SF_SESSION_ID'], (r) => `00D${r.str(12)}!AQ${r.str(r.pick([94, 110]), ALNUM + '._')}`.replace(/[._]+$/, 'x')),
  V('salesforce-refresh-token', 'saas', ['SALESFORCE_REFRESH_TOKEN', 'SFDC_REFRESH_TOKEN'], (r) => `5Aep86${r.str(81, ALNUM + '._')}`.replace(/[._]+$/, 'x')),
  V('salesforce-consumer-secret', 'saas', ['SALESFORCE_CONSUMER_SECRET', 'SFDC_CLIENT_SECRET'], (r) => r.str(64, '0123456789ABCDEF')),
  V('hubspot-private-app-token', 'saas', ['HUBSPOT_ACCESS_TOKEN', 'HUBSPOT_PRIVATE_APP_TOKEN'], (r) => `pat-${r.pick(['na1', 'eu1', 'na2', 'ap1'])}-${r.uuid()}`),
  V('hubspot-legacy-api-key', 'saas', ['HUBSPOT_API_KEY', 'HAPIKEY'], (r) => r.uuid()),
  V('pipedrive-api-token', 'saas', ['PIPEDRIVE_API_TOKEN', 'PIPEDRIVE_TOKEN'], (r) => r.hex(40)),
  V('zoho-oauth-token', 'saas', ['ZOHO_REFRESH_TOKEN', 'ZOHO_ACCESS_TOKEN'], (r) => `1000.${r.hex(32)}.${r.hex(32)}`),
  V('zoho-client-secret', 'saas', ['ZOHO_CLIENT_SECRET'], (r) => r.hex(42)),
  V('freshdesk-api-key', 'saas', ['FRESHDESK_API_KEY'], (r) => r.str(20)),
  V('freshworks-api-key', 'saas', ['FRESHSERVICE_API_KEY', 'FRESHSALES_API_KEY'], (r) => body(r, 22, B64URL)),
  V('helpscout-app-secret', 'saas', ['HELPSCOUT_APP_SECRET', 'HELPSCOUT_CLIENT_SECRET'], (r) => r.str(32)),
  V('asana-client-secret', 'saas', ['ASANA_CLIENT_SECRET'], (r) => r.hex(32)),
  V('trello-api-token', 'saas', ['TRELLO_TOKEN', 'TRELLO_API_TOKEN'], (r) => `ATTA${r.hex(64)}${r.str(8, '0123456789ABCDEF')}`),
  V('trello-legacy-token', 'saas', ['TRELLO_TOKEN', 'TRELLO_OAUTH_TOKEN'], (r) => r.hex(64)),
  V('clickup-api-token', 'saas', ['CLICKUP_API_TOKEN', 'CLICKUP_TOKEN'], (r) => `pk_${r.str(r.int(7, 9), DIGITS)}_${r.str(32, UPPER_ALNUM)}`),
  V('jira-data-center-pat', 'saas', ['JIRA_PAT', 'CONFLUENCE_PERSONAL_TOKEN'], (r) => Buffer.concat([Buffer.from(`${r.str(12, DIGITS)}:`), r.bytes(20)]).toString('base64').slice(0, 44)),
  V('smartsheet-access-token', 'saas', ['SMARTSHEET_ACCESS_TOKEN', 'SMARTSHEET_API_TOKEN'], (r) => r.str(r.pick([26, 37]))),
  V('typeform-token', 'saas', ['TYPEFORM_TOKEN', 'TYPEFORM_API_TOKEN'], (r) => `tfp_${body(r, 44, B64URL)}_${r.str(14)}`),
  V('surveymonkey-access-token', 'saas', ['SURVEYMONKEY_ACCESS_TOKEN'], (r) => body(r, 60, ALNUM + '.-')),
  V('docusign-secret-key', 'saas', ['DOCUSIGN_SECRET_KEY', 'DOCUSIGN_CLIENT_SECRET'], (r) => r.uuid()),
  V('adobe-client-secret', 'saas', ['ADOBE_CLIENT_SECRET', 'AEM_CLIENT_SECRET'], (r) => `p8e-${body(r, 32, B64URL)}`),
  V('frameio-token', 'saas', ['FRAMEIO_TOKEN'], (r) => `fio-u-${body(r, 64, B64URL)}`),
  V('zapier-webhook-url', 'saas', ['ZAPIER_WEBHOOK_URL', 'ZAPIER_HOOK'], (r) => `https://hooks.zapier.com/hooks/catch/${r.str(r.int(7, 8), DIGITS)}/${r.str(7, LOWER_ALNUM)}/`),
  V('make-webhook-url', 'saas', ['MAKE_WEBHOOK_URL', 'INTEGROMAT_WEBHOOK'], (r) => `https://hook.${r.pick(['eu1', 'eu2', 'us1', 'us2'])}.make.com/${r.str(32, LOWER_ALNUM)}`),
  V('webflow-api-token', 'saas', ['WEBFLOW_API_TOKEN', 'WEBFLOW_TOKEN'], (r) => r.hex(64)),
  V('squarespace-api-key', 'saas', ['SQUARESPACE_API_KEY'], (r) => r.uuid()),
  V('contentstack-token', 'saas', ['CONTENTSTACK_MANAGEMENT_TOKEN', 'CONTENTSTACK_DELIVERY_TOKEN'], (r) => `cs${r.hex(r.pick([24, 32]))}`),
  V('sanity-api-token', 'saas', ['SANITY_API_TOKEN', 'SANITY_AUTH_TOKEN'], (r) => `sk${r.str(180)}`),
  V('storyblok-token', 'saas', ['STORYBLOK_TOKEN', 'STORYBLOK_PREVIEW_TOKEN'], (r) => `${r.str(22)}tt`),
  V('prismic-access-token', 'saas', ['PRISMIC_ACCESS_TOKEN'], (r) => `MC5${r.str(33, ALNUM)}.${body(r, 40, B64URL)}`),
  V('strapi-api-token', 'saas', ['STRAPI_API_TOKEN', 'STRAPI_TOKEN'], (r) => r.hex(256)),
  V('ghost-admin-api-key', 'saas', ['GHOST_ADMIN_API_KEY'], (r) => `${r.hex(24)}:${r.hex(64)}`),
  V('datocms-api-token', 'saas', ['DATOCMS_API_TOKEN', 'DATO_API_TOKEN'], (r) => r.hex(30)),
  V('harvest-pat', 'saas', ['HARVEST_ACCESS_TOKEN'], (r) => `${r.str(7, DIGITS)}.pt.${body(r, 86, B64URL)}`),
  V('toggl-api-token', 'saas', ['TOGGL_API_TOKEN'], (r) => r.hex(32)),
  V('jotform-api-key', 'saas', ['JOTFORM_API_KEY'], (r) => r.hex(32)),

  // social media
  V('twitter-api-secret', 'social-media', ['TWITTER_API_SECRET', 'TWITTER_CONSUMER_SECRET'], (r) => r.str(50)),
  V('twitter-access-token-secret', 'social-media', ['TWITTER_ACCESS_TOKEN_SECRET', 'TWITTER_ACCESS_SECRET'], (r) => r.str(45)),
  V('twitter-access-token', 'social-media', ['TWITTER_ACCESS_TOKEN'], (r) => `${r.str(r.pick([10, 18, 19]), DIGITS)}-${r.str(40)}`),
  V('facebook-access-token', 'social-media', ['FACEBOOK_ACCESS_TOKEN', 'FB_PAGE_ACCESS_TOKEN', 'WHATSAPP_TOKEN'], (r) => `EAA${r.pick(['B', 'G', 'J', 'I'])}${r.str(r.pick([120, 180, 240]))}`),
  V('facebook-app-secret', 'social-media', ['FACEBOOK_APP_SECRET', 'FB_APP_SECRET', 'INSTAGRAM_APP_SECRET'], (r) => r.hex(32)),
  V('instagram-access-token', 'social-media', ['INSTAGRAM_ACCESS_TOKEN', 'IG_ACCESS_TOKEN'], (r) => `${r.pick(['IGQVJ', 'IGAA'])}${body(r, r.pick([140, 180]), B64URL)}`),
  V('linkedin-client-secret', 'social-media', ['LINKEDIN_CLIENT_SECRET'], (r) => `WPL_AP1.${r.str(16)}.${r.str(6, B64)}==`),
  V('linkedin-legacy-client-secret', 'social-media', ['LINKEDIN_CLIENT_SECRET', 'LINKEDIN_SECRET_KEY'], (r) => r.str(16)),
  V('spotify-client-secret', 'social-media', ['SPOTIFY_CLIENT_SECRET'], (r) => r.hex(32)),
  V('reddit-client-secret', 'social-media', ['REDDIT_CLIENT_SECRET', 'REDDIT_SECRET'], (r) => body(r, 27, B64URL)),
  V('pinterest-access-token', 'social-media', ['PINTEREST_ACCESS_TOKEN', 'PINTEREST_TOKEN'], (r) => `pina_AMA${r.str(93, B32)}`),
  V('tiktok-client-secret', 'social-media', ['TIKTOK_CLIENT_SECRET'], (r) => r.str(32)),
  V('tiktok-access-token', 'social-media', ['TIKTOK_ACCESS_TOKEN', 'TIKTOK_REFRESH_TOKEN'], (r) => `${r.pick(['act', 'rft'])}.${r.str(56)}!${r.str(4, DIGITS)}.va`),
  V('snapchat-client-secret', 'social-media', ['SNAPCHAT_CLIENT_SECRET'], (r) => body(r, 43, B64URL)),
  V('vimeo-access-token', 'social-media', ['VIMEO_ACCESS_TOKEN'], (r) => r.hex(32)),
  V('unsplash-api-key', 'social-media', ['UNSPLASH_ACCESS_KEY', 'UNSPLASH_SECRET_KEY'], (r) => body(r, 43, B64URL)),
  V('yelp-api-key', 'social-media', ['YELP_API_KEY'], (r) => body(r, 128, B64URL)),

  // maps and data APIs
  V('mapbox-public-token', 'infrastructure', ['MAPBOX_ACCESS_TOKEN', 'NEXT_PUBLIC_MAPBOX_TOKEN'], (r) => mapboxToken(r, 'pk')),
  V('mapbox-temporary-token', 'infrastructure', ['MAPBOX_TEMP_TOKEN'], (r) => mapboxToken(r, 'tk')),
  V('here-api-key', 'infrastructure', ['HERE_API_KEY', 'HERE_MAPS_API_KEY'], (r) => body(r, 43, B64URL)),
  V('tomtom-api-key', 'infrastructure', ['TOMTOM_API_KEY'], (r) => r.str(32)),
  V('openweathermap-api-key', 'infrastructure', ['OPENWEATHERMAP_API_KEY', 'OWM_API_KEY'], (r) => r.hex(32)),
  V('apilayer-access-key', 'infrastructure', ['IPSTACK_ACCESS_KEY', 'CURRENCYLAYER_API_KEY', 'WEATHERSTACK_ACCESS_KEY', 'APILAYER_API_KEY'], (r) => (r.chance(0.5) ? r.hex(32) : r.str(32))),
  V('ipinfo-token', 'infrastructure', ['IPINFO_TOKEN'], (r) => r.hex(14)),
  V('ipgeolocation-api-key', 'infrastructure', ['IPGEOLOCATION_API_KEY'], (r) => r.hex(32)),
  V('newsapi-key', 'infrastructure', ['NEWSAPI_KEY', 'NEWS_API_KEY'], (r) => r.hex(32)),
  V('alpha-vantage-api-key', 'infrastructure', ['ALPHA_VANTAGE_API_KEY', 'ALPHAVANTAGE_KEY'], (r) => r.str(16, UPPER_ALNUM)),
  V('finnhub-api-key', 'infrastructure', ['FINNHUB_API_KEY'], (r) => r.str(20, LOWER_ALNUM)),
  V('polygon-api-key', 'infrastructure', ['POLYGON_API_KEY'], (r) => r.str(32)),
  V('rapidapi-key', 'infrastructure', ['RAPIDAPI_KEY', 'X_RAPIDAPI_KEY'], (r) => `${r.hex(10)}msh${r.hex(15)}p${r.hex(6)}jsn${r.hex(12)}`),
  V('serpapi-key', 'infrastructure', ['SERPAPI_API_KEY'], (r) => r.hex(64)),
  V('scrapingbee-api-key', 'infrastructure', ['SCRAPINGBEE_API_KEY'], (r) => r.str(80, UPPER_ALNUM)),
  V('abstract-api-key', 'infrastructure', ['ABSTRACT_API_KEY'], (r) => r.hex(32)),
  V('foursquare-api-key', 'infrastructure', ['FOURSQUARE_API_KEY'], (r) => `fsq3${r.str(43, B64)}=`),
  V('locationiq-token', 'infrastructure', ['LOCATIONIQ_TOKEN'], (r) => `pk.${r.hex(32)}`),
  V('maxmind-license-key', 'infrastructure', ['MAXMIND_LICENSE_KEY', 'GEOIPUPDATE_LICENSE_KEY'], (r) => `${r.str(6)}_${r.str(29)}_mmk`),
  V('opencage-api-key', 'infrastructure', ['OPENCAGE_API_KEY'], (r) => r.hex(32)),
  V('bing-maps-key', 'infrastructure', ['BING_MAPS_KEY'], (r) => body(r, 64, B64URL)),
  V('mapquest-api-key', 'infrastructure', ['MAPQUEST_API_KEY'], (r) => r.str(32)),
  V('tiingo-api-token', 'infrastructure', ['TIINGO_API_KEY'], (r) => r.hex(40)),
  V('algolia-search-key', 'infrastructure', ['ALGOLIA_SEARCH_KEY', 'ALGOLIA_SEARCH_API_KEY'], (r) => r.hex(32)),
];

/** @type {Record<string, SecretDocumentSpec>} */
export const documents = {
  // A bearer token holds %2B/%3D: the percent-decoded text holds the same token, so both spellings are the secret.
  'twitter-bearer': {
    count: 3,
    make: (r) => {
      const token = twitterBearer(r);
      return {
        path: r.pick(['bots/x_client.py', 'scripts/fetch_mentions.sh', '.env.twitter']),
        content: `# X API v2, app-only auth\nTWITTER_BEARER_TOKEN=${token}\nTWITTER_API_BASE=https://api.x.com/2\n`,
        labels: [{ kind: 'twitter-bearer-token', family: 'social-media', secrets: [token, decodeURIComponent(token)] }],
      };
    },
  },
  'ghost-admin-client': {
    count: 2,
    make: (r) => {
      const key = `${r.hex(24)}:${r.hex(64)}`;
      return {
        path: r.pick(['scripts/publish.js', 'src/ghost.js']),
        content: `const GhostAdminAPI = require('@tryghost/admin-api');\n\nconst api = new GhostAdminAPI({\n  url: 'https://blog.acme.io',\n  key: '${key}',\n  version: 'v5.0',\n});\n`,
        labels: [{ kind: 'ghost-admin-api-key', family: 'saas', secrets: [key] }],
      };
    },
  },
  'webhook-calls': {
    count: 2,
    make: (r) => {
      const ifttt = body(r, 22, B64URL);
      const rapid = `${r.hex(10)}msh${r.hex(15)}p${r.hex(6)}jsn${r.hex(12)}`;
      return {
        path: r.pick(['automation/notify.py', 'tools/hooks.py']),
        content: `import requests\n\nrequests.post("https://maker.ifttt.com/trigger/door_open/with/key/${ifttt}", json={"value1": "front"})\nheaders = {"x-rapidapi-key": "${rapid}", "x-rapidapi-host": "weatherapi-com.p.rapidapi.com"}\n`,
        labels: [{ kind: 'ifttt-webhooks-key', family: 'iot', secrets: [ifttt] }, { kind: 'rapidapi-key', family: 'infrastructure', secrets: [rapid] }],
      };
    },
  },
};

/** @type {Record<string, (r: Rng) => NegativeDocument>} */
export const negativeDocuments = {
  'saas-placeholders': (r) => ({
    path: r.pick(['docs/integrations.md', 'README.md']),
    content:
      '## Integrations\n\n' +
      'Set these in `.env`:\n\n' +
      '```\nHUBSPOT_ACCESS_TOKEN=pat-na1-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\nSALESFORCE_REFRESH_TOKEN=5Aep861...\nTYPEFORM_TOKEN=tfp_...\n' +
      'LINKEDIN_CLIENT_SECRET=WPL_AP1.xxxxxxxx...\nPINTEREST_ACCESS_TOKEN=pina_...\nOKTA_CLIENT_SECRET=${OKTA_CLIENT_SECRET}\nSPOTIFY_CLIENT_SECRET=<your client secret>\n' +
      'MAPBOX_TOKEN=pk.eyJ...\nMAXMIND_LICENSE_KEY=xxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx_mmk\nZAPIER_WEBHOOK_URL=https://hooks.zapier.com/hooks/catch/\n```\n\n' +
      `Organisation: 00D${r.str(12)} (org ID, not a session)\nOpen https://www.make.com/en/help/tools/webhooks for hook setup.\n`,
    negatives: 11,
  }),
  'saas-lookalikes': (r) => ({
    path: r.pick(['src/geometry.py', 'lib/encoder.c']),
    content:
      `polygon = Polygon(points)\npolygon_area = ${r.int(10, 999)}.5\nencoderPinA_prev = 0\nprice = 1000.${r.int(10, 99)}\n` +
      `locale = "pt.BR"\nattachment_id = "ATTACHMENT_${r.str(10, DIGITS)}"\nstatus = "act.user.login"\n`,
    negatives: 7,
  }),
};
