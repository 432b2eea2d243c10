/**
 * Reading and validating request input with valibot. Every failure is an API error:
 * malformed JSON / wrong types / unknown fields → 400 invalid_input, body over the limit → 413.
 * Use strict object schemas (`v.strictObject`) so unknown fields are refused.
 */
import { assertBodySize, getQuery, getRouterParam, type H3Event } from 'h3';
import * as v from 'valibot';
import { apiError } from './errors.ts';
import { SERVER_ID } from '../domain/key-shapes.ts';

/** Largest JSON body any route accepts. */
export const BODY_LIMIT_BYTES = 16 * 1024;

type Schema = v.GenericSchema | v.GenericSchemaAsync;

function invalid(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): never {
  const issue = issues[0];
  const field = v.getDotPath(issue) ?? '';
  apiError(400, 'invalid_input', { fields: { field, detail: issue.message } });
}

export async function parseWith<S extends Schema>(schema: S, data: unknown): Promise<v.InferOutput<S>> {
  const result = await v.safeParseAsync(schema, data);
  if (!result.success) invalid(result.issues);
  return result.output;
}

/**
 * Reads the JSON body (at most `limit` bytes) and validates it. An empty body is validated as
 * `undefined` (so `v.optional(...)` schemas accept a missing body).
 */
export async function readJsonBody<S extends Schema>(event: H3Event, schema: S, limit = BODY_LIMIT_BYTES): Promise<v.InferOutput<S>> {
  assertBodySize(event, limit);
  const text = await event.req.text();
  if (new TextEncoder().encode(text).byteLength > limit) apiError(413, 'payload_too_large');
  let data: unknown = undefined;
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      apiError(400, 'invalid_input', { fields: { detail: 'malformed JSON' } });
    }
  }
  return parseWith(schema, data);
}

/**
 * A route parameter; a missing or malformed id is `404 not_found` (as unknown ids are). The
 * default shape is the server's own id alphabet (domain/key-shapes.ts).
 */
export function idParam(event: H3Event, name: string, pattern: RegExp = SERVER_ID): string {
  const raw = getRouterParam(event, name, { decode: true });
  if (!raw || !pattern.test(raw)) apiError(404, 'not_found');
  return raw;
}

export function readQuery<S extends Schema>(event: H3Event, schema: S): Promise<v.InferOutput<S>> {
  return parseWith(schema, { ...(getQuery(event) as Record<string, unknown>) });
}
