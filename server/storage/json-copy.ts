/**
 * Deep copies of JSON data without a trip through text: about a quarter of the time of
 * `JSON.parse(JSON.stringify(value))` for a patron record, because the copy shares the strings.
 *
 * `jsonCopy(value)` is exactly what that round trip gives — an `undefined`, function or symbol is
 * left out of an object and is null in an array (as is a hole), NaN and ±Infinity are null, -0 is
 * 0 — or NOT_JSON for what it would not copy faithfully this way: a Date or any other non-plain
 * object, a `toJSON` method, an own `__proto__` key, a bigint. The Store uses it where a parse of
 * the text it has just written or read would otherwise be the only way to a second copy, and
 * falls back to that parse on NOT_JSON.
 */
export const NOT_JSON: unique symbol = Symbol('not plain JSON');

/** What JSON leaves out of an object (and writes as null in an array). */
const OMITTED: unique symbol = Symbol('left out');

export function jsonCopy(value: unknown): unknown {
  const copy = copyValue(value);
  return copy === OMITTED ? NOT_JSON : copy;
}

function copyValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) return null;
      return value === 0 ? 0 : value; // -0 is written as 0
    case 'object':
      if (value === null) return null;
      return Array.isArray(value) ? copyArray(value) : copyObject(value);
    case 'bigint':
      return NOT_JSON;
    default:
      return OMITTED; // undefined, a function, a symbol
  }
}

function copyArray(source: readonly unknown[]): unknown {
  if (Object.getPrototypeOf(source) !== Array.prototype) return NOT_JSON;
  const out = new Array<unknown>(source.length);
  for (let i = 0; i < source.length; i++) {
    const item = copyValue(source[i]);
    if (item === NOT_JSON) return NOT_JSON;
    out[i] = item === OMITTED ? null : item;
  }
  return out;
}

function copyObject(source: object): unknown {
  const proto = Object.getPrototypeOf(source);
  if (proto !== Object.prototype && proto !== null) return NOT_JSON;
  if (typeof (source as { toJSON?: unknown }).toJSON === 'function') return NOT_JSON;
  const out: Record<string, unknown> = {};
  // for…in over a plain object: its own enumerable string keys, in the order JSON.stringify writes
  // them (faster than Object.keys, which builds an array first).
  for (const key in source) {
    if (key === '__proto__') return NOT_JSON;
    const item = copyValue((source as Record<string, unknown>)[key]);
    if (item === NOT_JSON) return NOT_JSON;
    if (item !== OMITTED) out[key] = item;
  }
  return out;
}
