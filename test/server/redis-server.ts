/**
 * A real redis-server for a test file: a free loopback port, its own temp dir, append-only with an
 * fsync on every write (how a library should run it).
 *
 *   const redis = await startRedis();   after(() => redis.stop());
 *   redis.url                          // redis://127.0.0.1:<port>
 *   const client = await redis.client(); … client.disconnect();
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';

export const REDIS_SERVER = process.env['REDIS_SERVER_PATH'] ?? '/usr/bin/redis-server';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export interface RedisServer {
  url: string;
  dir: string;
  /** The redis-server process (its CPU time is read from /proc by the API benchmark). */
  pid: number | undefined;
  /** A new ioredis client on it (disconnect it when done). */
  client(): Promise<Redis>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'shiori-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'], {
    stdio: 'ignore',
  });
  const { default: RedisClient } = await import('ioredis');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new RedisClient(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    // Refused while redis-server is still starting: the catch below waits and tries again (without a
    // listener ioredis would also print it as an "Unhandled error event").
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    dir,
    pid: child.pid,
    async client() {
      const c = new RedisClient(url);
      await c.ping();
      return c;
    },
    async stop() {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
