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
  path: JsonPath;
  message: string;
}

export function validateSchema(value: unknown, root: SchemaNode): SchemaError[] {
  const errors: SchemaError[] = [];
  check(value, root, root, [], errors);
  return errors;
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

function check(value: unknown, raw: SchemaNode, root: SchemaNode, path: JsonPath, errors: SchemaError[]): void {
  const node = resolve(raw, root);
  if (node.oneOf) {
    const fits = node.oneOf.filter((alt) => validateSubtree(value, alt, root, path).length === 0);
    if (fits.length !== 1) {
      const alternatives = node.oneOf.map((alt) => describe(resolve(alt, root))).join(' or ');
      // When exactly one alternative has the right type, its specific complaint is the useful one.
      const sameType = node.oneOf.map((alt) => resolve(alt, root)).filter((alt) => alt.type && matchesType(value, alt.type));
      if (fits.length === 0 && sameType.length === 1 && sameType[0]) check(value, sameType[0], root, path, errors);
      else errors.push({ path, message: `must be ${alternatives}` });
    }
    return;
  }
  if (node.enum && !node.enum.includes(value)) {
    errors.push({ path, message: `must be ${describe(node)}, not ${JSON.stringify(value)}` });
    return;
  }
  if (node.type && !matchesType(value, node.type)) {
    errors.push({ path, message: `must be ${describe(node)}, not ${typeOf(value)}` });
    return;
  }
  if (typeof value === 'string') {
    if (node.minLength !== undefined && value.length < node.minLength) {
      errors.push({ path, message: node.minLength === 1 ? 'must not be empty' : `must be at least ${node.minLength} characters` });
    }
    if (node.pattern && !new RegExp(node.pattern, 'u').test(value)) {
      errors.push({ path, message: `${JSON.stringify(value)} does not match ${node.pattern}` });
    }
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) errors.push({ path, message: `must be at least ${node.minimum}` });
    if (node.maximum !== undefined && value > node.maximum) errors.push({ path, message: `must be at most ${node.maximum}` });
  }
  if (Array.isArray(value)) {
    if (node.minItems !== undefined && value.length < node.minItems) {
      errors.push({ path, message: `needs at least ${node.minItems} item${node.minItems === 1 ? '' : 's'}` });
    }
    if (node.items) value.forEach((item, i) => check(item, node.items as SchemaNode, root, [...path, i], errors));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of node.required ?? []) {
      if (!(key in object)) errors.push({ path, message: `is missing required key "${key}"` });
    }
    for (const [key, child] of Object.entries(object)) {
      const propertySchema = node.properties?.[key];
      if (propertySchema) check(child, propertySchema, root, [...path, key], errors);
      else if (node.additionalProperties === false) {
        const known = Object.keys(node.properties ?? {}).join(', ');
        errors.push({ path: [...path, key], message: `unknown key "${key}" (expected one of: ${known})` });
      } else if (typeof node.additionalProperties === 'object') check(child, node.additionalProperties, root, [...path, key], errors);
    }
  }
}

function validateSubtree(value: unknown, node: SchemaNode, root: SchemaNode, path: JsonPath): SchemaError[] {
  const errors: SchemaError[] = [];
  check(value, node, root, path, errors);
  return errors;
}
