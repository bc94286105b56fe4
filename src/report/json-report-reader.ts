import { JSON_REPORT_VERSION } from './json.js';
import { isSeverity, MergeError, type ErrorRecord, type FindingRecord, type ReportRecord, type StatsRecord } from './merge-reports.js';

/**
 * Reads a JSON report for `secretsift merge`, checking the fields merging relies on. A report is
 * data someone handed us: anything missing or of the wrong type is an error naming the file and the
 * field, never a crash and never a guess.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Fields {
  constructor(
    private readonly file: string,
    private readonly where: string,
  ) {}

  fail(field: string, wanted: string): never {
    throw new MergeError(`${this.file}: ${this.where}${field} is not ${wanted}: not a secretsift JSON report merge can read (make it with -f json)`);
  }

  object(value: unknown, field: string): Json {
    return isObject(value) ? value : this.fail(field, 'an object');
  }

  text(value: unknown, field: string): string {
    return typeof value === 'string' ? value : this.fail(field, 'text');
  }

  count(value: unknown, field: string): number {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : this.fail(field, 'a whole number');
  }

  list(value: unknown, field: string): unknown[] {
    return Array.isArray(value) ? value : this.fail(field, 'a list');
  }

  counts(value: unknown, field: string): Record<string, number> {
    const object = this.object(value, field);
    return Object.fromEntries(Object.entries(object).map(([key, count]) => [key, this.count(count, `${field}.<key>`)]));
  }

  at(where: string): Fields {
    return new Fields(this.file, where);
  }
}

function location(value: unknown, fields: Fields): FindingRecord['locations'] extends (infer L)[] | undefined ? L : never {
  const object = fields.object(value, 'location');
  place(object, fields);
  fields.text(object.blob, 'blob');
  if (object.order !== undefined) fields.count(object.order, 'order');
  return object as ReturnType<typeof location>;
}

/** Where a finding or one of its locations is: path, start, and the commit that brought it, if any. */
function place(object: Json, fields: Fields): void {
  fields.text(object.path, 'path');
  fields.count(object.startLine, 'startLine');
  fields.count(object.startColumn, 'startColumn');
  if (object.commit !== undefined) commit(object.commit, fields);
}

function commit(value: unknown, fields: Fields): void {
  const object = fields.object(value, 'commit');
  fields.text(object.sha, 'commit.sha');
  fields.text(object.date, 'commit.date');
}

function finding(value: unknown, fields: Fields): FindingRecord {
  const object = fields.object(value, '');
  fields.text(object.ruleId, 'ruleId');
  if (!isSeverity(object.severity)) fields.fail('severity', 'a severity');
  place(object, fields);
  fields.text(object.foundIn, 'foundIn');
  fields.text(object.secret, 'secret');
  if (object.mergeId !== undefined) fields.text(object.mergeId, 'mergeId');
  if (object.locations !== undefined) fields.list(object.locations, 'locations').forEach((item) => location(item, fields));
  if (object.exposure !== undefined) {
    const exposure = fields.object(object.exposure, 'exposure');
    if (typeof exposure.stillExposed !== 'boolean') fields.fail('exposure.stillExposed', 'true or false');
    fields.list(exposure.refs, 'exposure.refs').forEach((ref) => fields.text(ref, 'exposure.refs[]'));
  }
  return object as FindingRecord;
}

function errors(value: unknown, fields: Fields, field: string): ErrorRecord[] {
  if (value === undefined) return [];
  return fields.list(value, field).map((item) => {
    const object = fields.object(item, field);
    return { path: fields.text(object.path, `${field}[].path`), message: fields.text(object.message, `${field}[].message`), ...(object.object !== undefined && { object: fields.text(object.object, `${field}[].object`) }) };
  });
}

export function readReport(file: string, text: string): ReportRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MergeError(`${file}: not JSON: not a secretsift JSON report (make it with -f json)`);
  }
  const fields = new Fields(file, '');
  const root = fields.object(parsed, 'the report');
  if (root.version !== JSON_REPORT_VERSION) fields.fail('version', `${JSON_REPORT_VERSION}`);
  const tool = fields.object(root.tool, 'tool');
  if (tool.name !== 'secretsift') fields.fail('tool.name', '"secretsift"');
  if (root.ruleSet === undefined) throw new MergeError(`${file}: has no ruleSet: made by a secretsift before merge existed; make it again with this version`);
  const scan = fields.object(root.scan, 'scan');
  const kind = scan.kind === 'history' || scan.kind === 'scan' ? scan.kind : fields.fail('scan.kind', 'history or scan');
  const rawStats = fields.object(root.stats, 'stats');
  const stats: StatsRecord = {
    files: fields.count(rawStats.files, 'stats.files'),
    bytes: fields.count(rawStats.bytes, 'stats.bytes'),
    ...(rawStats.commits !== undefined && { commits: fields.count(rawStats.commits, 'stats.commits') }),
    skipped: fields.counts(rawStats.skipped, 'stats.skipped'),
    suppressed: fields.counts(rawStats.suppressed, 'stats.suppressed'),
  };
  const failOn = isSeverity(root.failOn) ? root.failOn : fields.fail('failOn', 'a severity');
  const findings = fields.list(root.findings, 'findings').map((item, index) => finding(item, fields.at(`findings[${index}].`)));
  const suppressed =
    root.suppressed === undefined
      ? undefined
      : fields.list(root.suppressed, 'suppressed').map((item, index) => {
          const at = fields.at(`suppressed[${index}].`);
          const record = finding(item, at);
          at.text(record.reason, 'reason');
          return record as FindingRecord & { reason: string };
        });
  const shard = root.shard === undefined ? undefined : fields.text(root.shard, 'shard');
  if (shard !== undefined && !/^\d+\/\d+$/.test(shard)) fields.fail('shard', 'K/N');
  const all = [...findings, ...(suppressed ?? [])];
  return {
    file,
    toolVersion: fields.text(tool.version, 'tool.version'),
    kind,
    target: fields.list(scan.target, 'scan.target').map((item) => fields.text(item, 'scan.target[]')),
    ...(scan.snapshot !== undefined && { snapshot: fields.text(scan.snapshot, 'scan.snapshot') }),
    ruleSet: fields.text(root.ruleSet, 'ruleSet'),
    ...(shard !== undefined && { shard }),
    failOn,
    // A report made with --show-secrets says so on every finding.
    redacted: all.every((item) => item.redacted !== false),
    findings,
    ...(suppressed && { suppressed }),
    stats,
    errors: errors(root.errors, fields, 'errors'),
    warnings: errors(root.warnings, fields, 'warnings'),
  };
}
