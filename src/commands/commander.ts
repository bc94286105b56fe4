import { createRequire } from 'node:module';

/**
 * commander, required rather than imported: it is CommonJS, and `import` would wrap it in an ES
 * module after scanning its source for exports, a few milliseconds of every start. Types come
 * from `import type` as usual.
 */
export const commander = createRequire(import.meta.url)('commander') as typeof import('commander');
