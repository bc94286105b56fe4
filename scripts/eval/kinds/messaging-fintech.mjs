// Eval kinds for the rules of this area (issue 13). Same shapes as ../secrets.mjs and ../corpus.mjs:
//   kinds: V(kind, family, names, make) entries; documents: { name: { count, make(r) → { path, content, labels } } };
//   negativeDocuments: { name: make(r) → { path, content, negatives } }.
export const kinds = [];
export const documents = {};
export const negativeDocuments = {};
