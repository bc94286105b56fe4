/**
 * A validator for the subset of JSON Schema our published schemas use. The schemas in rules/ are
 * the single source of truth: editors complete from them and the loader enforces them, so the two
 * cannot drift apart.
 */
export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  required?: string[];
  items?: SchemaNode;
  minItems?: number;
  oneOf?: SchemaNode[];
  enum?: unknown[];
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  description?: string;
}

export type JsonPath = readonly (string | number)[];

export interface SchemaError {
  /** Where the value is, for finding its line. */
  path: JsonPath;
  /**
   * The same path for messages: keys the schema names and array indices, with a key the file
   * chose (a rule id under `override`, an unknown key) shown as <key>, since it may be anything.
   */
  where: string;
  /** Never quotes the value: a config may hold anything, even a secret. */
  message: string;
}

const CHOSEN_KEY = '<key>';

export function validateSchema(value: unknown, root: SchemaNode): SchemaError[] {
  const errors: SchemaError[] = [];
  check(value, root, root, { path: [], where: [] }, errors);
  return errors;
}

/** A value's position: its real path, and the path as messages show it. */
interface At {
  path: JsonPath;
  where: readonly (string | number)[];
}

function child(at: At, key: string | number, shown: string | number = key): At {
  return { path: [...at.path, key], where: [...at.where, shown] };
}

function error(at: At, message: string): SchemaError {
  return { path: at.path, where: at.where.join('.'), message };
}

function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace(/^#\/\$defs\//, '');
  const target = root.$defs?.[name];
  if (!target) throw new Error(`schema reference ${node.$ref} is undefined`);
  return resolve(target, root);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: NonNullable<SchemaNode['type']>): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function describe(node: SchemaNode): string {
  if (node.enum) return `one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  return node.type === 'integer' ? 'an integer' : `a${/^[aeiou]/.test(node.type ?? '') ? 'n' : ''} ${node.type ?? 'value'}`;
}

function check(value: unknown, raw: SchemaNode, root: SchemaNode, at: At, errors: SchemaError[]): void {
  const node = resolve(raw, root);
  if (node.oneOf) {
    const fits = node.oneOf.filter((alt) => validateSubtree(value, alt, root, at).length === 0);
    if (fits.length !== 1) {
      const alternatives = node.oneOf.map((alt) => describe(resolve(alt, root))).join(' or ');
      // When exactly one alternative has the right type, its specific complaint is the useful one.
      const sameType = node.oneOf.map((alt) => resolve(alt, root)).filter((alt) => alt.type && matchesType(value, alt.type));
      if (fits.length === 0 && sameType.length === 1 && sameType[0]) check(value, sameType[0], root, at, errors);
      else errors.push(error(at, `must be ${alternatives}`));
    }
    return;
  }
  if (node.enum && !node.enum.includes(value)) {
    errors.push(error(at, `must be ${describe(node)}`));
    return;
  }
  if (node.type && !matchesType(value, node.type)) {
    errors.push(error(at, `must be ${describe(node)}, not ${typeOf(value)}`));
    return;
  }
  if (typeof value === 'string') {
    if (node.minLength !== undefined && value.length < node.minLength) {
      errors.push(error(at, node.minLength === 1 ? 'must not be empty' : `must be at least ${node.minLength} characters`));
    }
    if (node.pattern && !new RegExp(node.pattern, 'u').test(value)) {
      errors.push(error(at, `does not match ${node.pattern}`));
    }
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) errors.push(error(at, `must be at least ${node.minimum}`));
    if (node.maximum !== undefined && value > node.maximum) errors.push(error(at, `must be at most ${node.maximum}`));
  }
  if (Array.isArray(value)) {
    if (node.minItems !== undefined && value.length < node.minItems) {
      errors.push(error(at, `needs at least ${node.minItems} item${node.minItems === 1 ? '' : 's'}`));
    }
    if (node.items) value.forEach((item, i) => check(item, node.items as SchemaNode, root, child(at, i), errors));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of node.required ?? []) {
      if (!(key in object)) errors.push(error(at, `is missing required key "${key}"`));
    }
    for (const [key, item] of Object.entries(object)) {
      const propertySchema = Object.hasOwn(node.properties ?? {}, key) ? node.properties?.[key] : undefined;
      if (propertySchema) check(item, propertySchema, root, child(at, key), errors);
      else if (node.additionalProperties === false) {
        // The key itself is not shown (it may be anything); its line is.
        const known = Object.keys(node.properties ?? {}).join(', ');
        errors.push({ path: [...at.path, key], where: at.where.join('.'), message: `has an unknown key (expected one of: ${known})` });
      } else if (typeof node.additionalProperties === 'object') check(item, node.additionalProperties, root, child(at, key, CHOSEN_KEY), errors);
    }
  }
}

function validateSubtree(value: unknown, node: SchemaNode, root: SchemaNode, at: At): SchemaError[] {
  const errors: SchemaError[] = [];
  check(value, node, root, at, errors);
  return errors;
}
