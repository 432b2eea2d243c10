/** One JSON request through a test client (core's PatronClient or TestApp): status and parsed body. */
export interface JsonAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = any>(
  client: { fetch(path: string, init?: RequestInit): Promise<Response> },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json', ...headers };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await client.fetch(path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) };
}
