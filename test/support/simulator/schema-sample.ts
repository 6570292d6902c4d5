// Generates a small JSON value that is valid against a JSON schema, for structured-output requests:
// objects get all their properties, arrays one item (or minItems), strings/numbers respect
// enum/const/min bounds, unions take their first branch, local $refs are followed.
import { isObject } from './prompt';

type Schema = Record<string, unknown>;

export function sampleFromSchema(schema: unknown, root: unknown = schema, name = 'value', depth = 0): unknown {
  if (!isObject(schema) || depth > 12) return null;
  const s: Schema = schema;
  if (typeof s['$ref'] === 'string') return sampleFromSchema(resolveRef(root, s['$ref']), root, name, depth + 1);
  if ('const' in s) return s['const'];
  if (Array.isArray(s['enum']) && s['enum'].length > 0) return s['enum'][0];
  for (const key of ['anyOf', 'oneOf']) {
    const branches = s[key];
    if (Array.isArray(branches) && branches.length > 0) return sampleFromSchema(branches[0], root, name, depth + 1);
  }
  if (Array.isArray(s['allOf'])) {
    const merged: Schema = {};
    for (const part of s['allOf']) if (isObject(part)) mergeInto(merged, part);
    return sampleFromSchema(merged, root, name, depth + 1);
  }
  switch (typeOf(s)) {
    case 'object':
      return sampleObject(s, root, depth);
    case 'array':
      return sampleArray(s, root, name, depth);
    case 'string':
      return sampleString(s, name);
    case 'integer':
      return Math.ceil(typeof s['minimum'] === 'number' ? s['minimum'] : 0);
    case 'number':
      return typeof s['minimum'] === 'number' ? s['minimum'] : 0;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function typeOf(s: Schema): string {
  const t = s['type'];
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return String(t.find((x) => x !== 'null') ?? 'null');
  if (isObject(s['properties'])) return 'object';
  if (s['items'] !== undefined) return 'array';
  return 'null';
}

function sampleObject(s: Schema, root: unknown, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = isObject(s['properties']) ? s['properties'] : {};
  for (const [key, sub] of Object.entries(props)) out[key] = sampleFromSchema(sub, root, key, depth + 1);
  const required = Array.isArray(s['required']) ? s['required'] : [];
  for (const key of required) if (typeof key === 'string' && !(key in out)) out[key] = `example ${key}`;
  return out;
}

function sampleArray(s: Schema, root: unknown, name: string, depth: number): unknown[] {
  const min = typeof s['minItems'] === 'number' ? s['minItems'] : 1;
  const max = typeof s['maxItems'] === 'number' ? s['maxItems'] : Infinity;
  const count = Math.min(Math.max(min, 1), max);
  return Array.from({ length: count }, () => sampleFromSchema(s['items'], root, name, depth + 1));
}

function sampleString(s: Schema, name: string): string {
  const format = s['format'];
  let value =
    format === 'date-time'
      ? '2026-01-01T00:00:00Z'
      : format === 'date'
        ? '2026-01-01'
        : format === 'uri'
          ? 'https://example.invalid/'
          : format === 'email'
            ? 'someone@example.invalid'
            : `example ${name}`;
  const minLength = typeof s['minLength'] === 'number' ? s['minLength'] : 0;
  const maxLength = typeof s['maxLength'] === 'number' ? s['maxLength'] : Infinity;
  while (value.length < minLength) value += 'x';
  return value.slice(0, maxLength);
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref
    .slice(1)
    .split('/')
    .filter((p) => p !== '')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[part] : undefined;
  }
  return node;
}

function mergeInto(target: Schema, part: Schema): void {
  for (const [key, value] of Object.entries(part)) {
    if (key === 'properties' && isObject(value)) {
      target['properties'] = { ...(isObject(target['properties']) ? target['properties'] : {}), ...value };
    } else if (key === 'required' && Array.isArray(value)) {
      target['required'] = [
        ...(Array.isArray(target['required']) ? (target['required'] as unknown[]) : []),
        ...(value as unknown[]),
      ];
    } else {
      target[key] = value;
    }
  }
}
