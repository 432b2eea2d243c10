/**
 * The real server as a child process (`node --import tsx server/main.ts` on a free port), for tests
 * that need a process: time zones, kill -9, kill -STOP / -CONT, several instances on one Redis.
 *
 *   const s = await startServer({ DATA_DIR: dir, LIBRARY_NOW: '…' });
 *   await s.call('POST', '/api/staff/patrons', {...}, STAFF);
 *   s.child.kill('SIGKILL');
 * Pass `undefined` for a variable to leave it out of the child's environment. Children still running
 * and temp dirs from `tempDir()` are cleaned up when the test file ends (or at `stopAllServers()`).
 */
import { after } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PROCESS_STAFF_TOKEN = 'process-test-token';
export const STAFF = { authorization: `Bearer ${PROCESS_STAFF_TOKEN}` };

export interface JsonAnswer {
  status: number;
  body: any;
  headers: Headers;
}

export interface Server {
  child: ChildProcess;
  base: string;
  /** Everything the process printed so far. */
  output(): string;
  /**
   * One JSON request. `newConnection`: its own TCP connection, closed after the answer (a request
   * sent on a kept-alive connection to a frozen process is dropped when it resumes: Node closes the
   * connections it last saw idle before reading them; browsers send such a request again).
   */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>, opts?: { timeoutMs?: number; newConnection?: boolean }): Promise<JsonAnswer>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
after(async () => {
  stopAllServers();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh temp directory, removed when the test file ends. */
export async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'shiori-proc-'));
  dirs.push(d);
  return d;
}

export function startServer(env: Record<string, string | undefined>): Promise<Server> {
  const childEnv: Record<string, string | undefined> = { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO: '0', STAFF_TOKEN: PROCESS_STAFF_TOKEN, ...env };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving (http:\/\/\S+?)\/? /.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const base = m[1]!.replace('localhost', '127.0.0.1');
      resolve({
        child,
        base,
        output: () => out,
        async call(method, path, body, headers = {}, opts = {}) {
          if (opts.newConnection) return callOnNewConnection(base + path, method, body, headers, opts.timeoutMs ?? 30_000);
          const res = await fetch(base + path, {
            method,
            headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
          });
          const text = await res.text();
          return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${out}`));
    });
  });
}

function callOnNewConnection(url: string, method: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        agent: false,
        timeout: timeoutMs,
        headers: { connection: 'close', ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null, headers: h });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export function stopAllServers(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** Logs in and returns the cookie header to send. */
export async function loginCookie(s: Server, cardNumber: string, password: string): Promise<Record<string, string>> {
  const res = await s.call('POST', '/api/session', { cardNumber, password });
  if (res.status !== 200) throw new Error(`login ${cardNumber}: ${res.status} ${JSON.stringify(res.body)}`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]! };
}
