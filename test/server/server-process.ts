/**
 * The real server as a child process (`node --import tsx server/main.ts`) on a free port, for the
 * tests that need the process itself: TZ, kill -9, the start-up checks and the log.
 *
 *   const s = await startServer({ DATA_DIR: await tempDir() });  // DEMO=0, STAFF_TOKEN set unless given
 *   const res = await s.call('POST', '/api/staff/patrons', {...}, { authorization: `Bearer ${TOKEN}` });
 *   s.output();                                                  // everything it logged so far
 * Pass `undefined` for a variable to leave it out of the child's environment.
 */
import { after } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TOKEN = 'process-test-token';
const dirs: string[] = [];
const children: ChildProcess[] = [];
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

export async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'shiori-proc-'));
  dirs.push(d);
  return d;
}

export interface Server {
  child: ChildProcess;
  base: string;
  /** stdout and stderr so far. */
  output(): string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
}

export function startServer(env: Record<string, string | undefined>): Promise<Server> {
  const childEnv: Record<string, string | undefined> = { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO: '0', STAFF_TOKEN: TOKEN, ...env };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
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
        async call(method, path, body, headers = {}) {
          const res = await fetch(base + path, {
            method,
            headers: { 'content-type': 'application/json', ...headers },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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
