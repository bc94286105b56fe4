// Scores findings against labels. A finding is a true positive when its secret is a labelled secret
// of its file (for multi-line keys: contains it or is contained by it); anything else it reports is a
// false positive; a labelled secret no finding matched is a false negative. A label may also name the
// context (test, docs, example; null for none) its finding must carry.

/** @typedef {import('./corpus.mjs').Label} Label */
/** A finding of the JSON report, as far as scoring reads it. @typedef {{ ruleId: string, path: string, secret: string, startLine?: number, context?: string }} Finding */

/** @param {string} s */
const normal = (s) => s.replace(/\\r\\n|\\n|\\r/g, '').replace(/\s+/g, '');

/** @param {Label} label @param {string} secret */
function matches(label, secret) {
  const found = normal(secret);
  return label.secrets.some((expected) => {
    const want = normal(expected);
    if (want === found) return true;
    return label.block === true && found.length >= 40 && (want.includes(found) || found.includes(want));
  });
}

/** @param {number} num @param {number} den */
export function ratio(num, den) {
  return den === 0 ? 1 : num / den;
}

/** @param {number} tp @param {number} fp @param {number} fn */
export function metrics(tp, fp, fn) {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp - 0, tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * files: [{ path, labels }]; findings: [{ ruleId, path, secret }]; familyOf: ruleId → family;
 * informational: findings below --fail-on, which can find a label but are never false positives.
 * Returns per-family counts and the lists of misses and false positives.
 * @param {{ path: string, labels: Label[] }[]} files
 * @param {Finding[]} findings
 * @param {(ruleId: string) => string} familyOf
 * @param {Finding[]} [informational]
 */
export function score(files, findings, familyOf, informational = []) {
  /** @type {Map<string, Finding[]>} */
  const byPath = new Map();
  for (const finding of findings) {
    const list = byPath.get(finding.path) ?? [];
    list.push(finding);
    byPath.set(finding.path, list);
  }
  /** @type {Map<string, Finding[]>} */
  const infoByPath = new Map();
  for (const finding of informational) infoByPath.set(finding.path, [...(infoByPath.get(finding.path) ?? []), finding]);
  /** @type {Map<string, { tpFindings: number, fpFindings: number, labels: number, found: number }>} */
  const families = new Map();
  /** @param {string} name */
  const fam = (name) => {
    let counts = families.get(name);
    if (!counts) families.set(name, (counts = { tpFindings: 0, fpFindings: 0, labels: 0, found: 0 }));
    return counts;
  };
  /** @type {{ kind: string, family: string, path: string, secret: string | undefined }[]} */
  const misses = [];
  /** @type {{ ruleId: string, path: string, line: number | undefined, secret: string }[]} */
  const falsePositives = [];
  /** @type {{ ruleId: string, path: string, expected: string | null, got: string | null }[]} */
  const contextMismatches = [];
  let tpFindings = 0;
  let fpFindings = 0;
  let labels = 0;
  let found = 0;
  let crossFamily = 0;
  for (const file of files) {
    const fileFindings = byPath.get(file.path) ?? [];
    const hit = new Set();
    for (const finding of fileFindings) {
      const family = familyOf(finding.ruleId);
      const index = file.labels.findIndex((label) => matches(label, finding.secret));
      const label = file.labels[index];
      if (label === undefined) {
        fpFindings++;
        fam(family).fpFindings++;
        falsePositives.push({ ruleId: finding.ruleId, path: file.path, line: finding.startLine, secret: finding.secret });
        continue;
      }
      tpFindings++;
      fam(family).tpFindings++;
      // A label that names a context (null: none) expects the finding to carry it.
      const wanted = label.context;
      if (wanted !== undefined && (finding.context ?? null) !== wanted) {
        contextMismatches.push({ ruleId: finding.ruleId, path: file.path, expected: wanted, got: finding.context ?? null });
      }
      hit.add(index);
      if (label.family !== family) crossFamily++;
    }
    for (const finding of infoByPath.get(file.path) ?? []) {
      const index = file.labels.findIndex((label) => matches(label, finding.secret));
      if (index !== -1) hit.add(index);
    }
    file.labels.forEach((label, index) => {
      labels++;
      fam(label.family).labels++;
      if (hit.has(index)) {
        found++;
        fam(label.family).found++;
      } else misses.push({ kind: label.kind, family: label.family, path: file.path, secret: label.secrets[0] });
    });
  }
  const perFamily = [...families.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, c]) => {
    const precision = ratio(c.tpFindings, c.tpFindings + c.fpFindings);
    const recall = ratio(c.found, c.labels);
    return { family: name, ...c, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
  });
  const precision = ratio(tpFindings, tpFindings + fpFindings);
  const recall = ratio(found, labels);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { overall: { tpFindings, fpFindings, labels, found, precision, recall, f1, crossFamily }, perFamily, misses, falsePositives, contextMismatches };
}
