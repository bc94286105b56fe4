// One module per area of the rule packs, so areas grow without touching each other.
import * as cloud from './cloud.mjs';
import * as credentialFiles from './credential-files.mjs';
import * as dataAi from './data-ai.mjs';
import * as devtools from './devtools.mjs';
import * as messagingFintech from './messaging-fintech.mjs';
import * as saas from './saas.mjs';

const AREAS = [cloud, credentialFiles, dataAi, devtools, messagingFintech, saas];

export const EXTRA_VALUE_KINDS = AREAS.flatMap((area) => area.kinds);
/** @type {Record<string, import('../corpus.mjs').SecretDocumentSpec>} */
export const EXTRA_SECRET_DOCUMENTS = Object.assign({}, ...AREAS.map((area) => area.documents));
/** @type {Record<string, (r: import('../../rng.mjs').Rng) => import('../corpus.mjs').NegativeDocument>} */
export const EXTRA_NEGATIVE_DOCUMENTS = Object.assign({}, ...AREAS.map((area) => area.negativeDocuments));
