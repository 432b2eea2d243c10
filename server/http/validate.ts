/**
 * Reading and validating request input with valibot — the one place a request body is read.
 * Every failure is an API error:
 * - a body over the limit → 413 payload_too_large;
 * - a body that is not `Content-Type: application/json` (a `charset=utf-8` parameter is fine) →
 *   415 unsupported_media_type; a request without a body needs no content type;
 * - malformed JSON or UTF-8, wrong types, unknown fields → 400 invalid_input.
 * A 413 or 415 is answered before the body was read to its end, so it says `Connection: close`:
 * the client then sends its next request on a new connection instead of after bytes the server
 * never read (on a reused connection those would be taken for the next request, or reset it).
 * Use strict object schemas (`v.strictObject`) so unknown fields are refused.
 */
import type { Readable } from 'node:stream';
import { getQuery, getRouterParam, type H3Event } from 'h3';
import * as v from 'valibot';
import { apiError } from './errors.ts';
import { SERVER_ID } from '../domain/key-shapes.ts';

/** Largest JSON body any route accepts. */
export const BODY_LIMIT_BYTES = 16 * 1024;

type Schema = v.GenericSchema | v.GenericSchemaAsync;

function invalid(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): never {
  const issue = issues[0];
  const field = v.getDotPath(issue) ?? '';
  apiError('invalid_input', { fields: { field, detail: issue.message } });
}

export async function parseWith<S extends Schema>(schema: S, data: unknown): Promise<v.InferOutput<S>> {
  const result = await v.safeParseAsync(schema, data);
  if (!result.success) invalid(result.issues);
  return result.output;
}

/** An answer given while (part of) the body is still unread: the connection is not reused. */
function refuseUnread(code: 'invalid_input' | 'payload_too_large' | 'unsupported_media_type'): never {
  apiError(code, { headers: { Connection: 'close' } });
}

/**
 * `application/json`, with no parameter or `charset=utf-8` (the body is decoded as UTF-8, so
 * another charset would be misread). Pure.
 */
export function isJsonContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const [essence, ...params] = contentType.split(';');
  if (essence!.trim().toLowerCase() !== 'application/json') return false;
  return params.every((p) => {
    const [name, value = ''] = p.split('=');
    if (name!.trim().toLowerCase() !== 'charset') return true;
    return value.trim().replace(/^"(.*)"$/, '$1').toLowerCase() === 'utf-8';
  });
}

/**
 * What the request's framing headers say about its body: its length (Content-Length), 'chunked'
 * (Transfer-Encoding), or 'unknown' (neither: none on the wire; a Request built in-process).
 */
function declaredBody(event: H3Event): number | 'chunked' | 'unknown' {
  const length = event.req.headers.get('content-length');
  if (length !== null) {
    if (!/^\s*\d+\s*$/.test(length)) refuseUnread('invalid_input');
    return Number(length);
  }
  return event.req.headers.get('transfer-encoding') !== null ? 'chunked' : 'unknown';
}

/** Why reading a body stopped short: too big, or broken off (the client went away mid-request). */
type BodyRefusal = 'payload_too_large' | 'invalid_input';

/**
 * The body's bytes from Node's own request stream, when the request came in over Node's HTTP
 * server and nothing has read it yet: the same bytes as `event.req.body`, without building a web
 * ReadableStream around the socket (that wrapping cost more than the rest of a small PATCH). Past
 * the limit it stops listening and pauses the stream (no destroy, which would reset the
 * connection under the answer).
 */
function readNodeBytes(req: Readable & { readonly complete: boolean }, limit: number): Promise<Buffer | BodyRefusal> {
  if (req.readableEnded || req.destroyed) return Promise.resolve('invalid_input');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: Buffer | BodyRefusal) => {
      req.off('data', onData).off('end', onEnd).off('error', onBroken).off('close', onClose);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        req.pause();
        settle('payload_too_large');
      } else chunks.push(chunk);
    };
    const onEnd = () => settle(Buffer.concat(chunks, size));
    const onBroken = () => settle('invalid_input');
    const onClose = () => {
      if (!req.complete) settle('invalid_input');
    };
    req.on('data', onData).on('end', onEnd).on('error', onBroken).on('close', onClose);
  });
}

/** The same from the web stream, for a Request built in-process (tests, `app.fetch`). */
async function readStreamBytes(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | BodyRefusal> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch {
        return 'invalid_input';
      }
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > limit) return 'payload_too_large';
      chunks.push(chunk.value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, size);
}

/**
 * The body's bytes, at most `limit` of them. Past the limit it stops reading (without cancelling
 * the stream, which would reset the connection under the answer) and refuses with 413. A body that
 * breaks off (the client went away mid-request) is a bad request, not a server error.
 */
async function readBytes(event: H3Event, limit: number): Promise<Uint8Array> {
  const method = event.req.method;
  if (method === 'GET' || method === 'HEAD') return new Uint8Array(0);
  const node = event.runtime?.node?.req;
  const outcome = node && !event.req.bodyUsed ? await readNodeBytes(node, limit) : event.req.body ? await readStreamBytes(event.req.body, limit) : new Uint8Array(0);
  if (typeof outcome === 'string') refuseUnread(outcome);
  return outcome;
}

/**
 * Reads the JSON body (at most `limit` bytes) and validates it. An empty body is validated as
 * `undefined` (so `v.optional(...)` schemas accept a missing body).
 */
export async function readJsonBody<S extends Schema>(event: H3Event, schema: S, limit = BODY_LIMIT_BYTES): Promise<v.InferOutput<S>> {
  const declared = declaredBody(event);
  const json = isJsonContentType(event.req.headers.get('content-type'));
  // A body of the wrong type is refused whatever its size; then a declared size over the limit.
  if ((declared === 'chunked' || (typeof declared === 'number' && declared > 0)) && !json) refuseUnread('unsupported_media_type');
  if (typeof declared === 'number' && declared > limit) refuseUnread('payload_too_large');
  const bytes = declared === 0 ? new Uint8Array(0) : await readBytes(event, limit);
  // A body no header announced (a Request built in-process) is held to the same rule once read.
  if (bytes.byteLength > 0 && !json) refuseUnread('unsupported_media_type');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    apiError('invalid_input', { fields: { detail: 'malformed UTF-8' } });
  }
  let data: unknown = undefined;
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      apiError('invalid_input', { fields: { detail: 'malformed JSON' } });
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
  if (!raw || !pattern.test(raw)) apiError('not_found');
  return raw;
}

export function readQuery<S extends Schema>(event: H3Event, schema: S): Promise<v.InferOutput<S>> {
  return parseWith(schema, { ...(getQuery(event) as Record<string, unknown>) });
}
