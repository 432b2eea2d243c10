/**
 * API benchmark (a script, not a test): `npm run bench:api [-- options]`.
 *
 * Starts the real server as a child process on a store seeded directly (test/bench/seed-store.ts)
 * — real SQLite in a temp DATA_DIR; then two instances sharing one redis-server — and in the same
 * run a floor: a bare h3 app answering the same 20-loan snapshot JSON from memory
 * (floor-server.ts). autocannon (in this process) drives both with the same settings (64
 * connections; on Redis 32 to each instance), floor and target alternating, ROUNDS rounds after an
 * uncounted warm-up of each phase; the figures printed are the medians of the rounds, each beside
 * the floor's.
 *
 * Measured, at 1,000 patrons / 10,000 titles and at 100,000 patrons / 1,000,000 titles:
 *   login (10 live sessions, then 50,000), GET /api/account (20 loans), a durable hold change
 *   stream (PATCH /api/holds/:id), a durable renewal stream (each loan renewed once, with an
 *   Idempotency-Key, as the service worker sends it).
 *
 * Options: --engines sqlite,redis  --scales small,large  --rounds 3  --seconds 5  --profile
 * --phases login,account,holds,renew (the renewal stream has loans for 3 rounds of 5,000).
 * (--profile starts the servers with `node --cpu-prof`; the profiles land in ./bench-profiles).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openStorage } from '../../server/storage/open-storage.ts';
import { createStore, type Store } from '../../server/storage/store.ts';
import { hashPassword } from '../../server/auth/password-hash.ts';
import { seedSessions, seedStore } from './seed-store.ts';
import { startRedis, type RedisServer } from '../server/redis-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOW = '2026-04-27T01:00:00Z';
const TODAY = '2026-04-27';
const PASSWORD = 'bench123';
const CONNECTIONS = 64;
const BENCH_PATRONS = 1000;
const RENEWALS_PER_ROUND = 5000;

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ENGINES = arg('engines', 'sqlite,redis').split(',');
const SCALES = arg('scales', 'small,large').split(',');
const ROUNDS = Number(arg('rounds', '3'));
const SECONDS = Number(arg('seconds', '5'));
const PHASES = arg('phases', 'login,account,holds,renew').split(',');
const PROFILE = process.argv.includes('--profile');
const PROFILE_DIR = resolve(ROOT, 'bench-profiles');

const SCALE_PLANS = {
  small: { patrons: 1_000, titles: 10_000 },
  large: { patrons: 100_000, titles: 1_000_000 },
} as const;

interface Figure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU time (user + system, all instances) per answered request, µs. */
  cpuUs: number;
  /**
   * CPU time of the store's own process (redis-server, which every instance's reads and commits
   * also cost) per answered request, µs; 0 where the store is inside the server (SQLite) and for the floor.
   */
  storeCpuUs: number;
}

/** CPU time (ms) a process has used so far, from /proc (Linux). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 1/100 s
  } catch {
    return 0;
  }
}

interface Row {
  engine: string;
  scale: string;
  what: string;
  target: Figure;
  floor: Figure;
}

const rows: Row[] = [];
const notes: string[] = [];
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

function log(msg: string) {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// ---- processes -----------------------------------------------------------------------------

interface Proc {
  child: ChildProcess;
  url: string;
  startMs: number;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Waits until the process has printed something matching `pattern`; returns the match. */
async function waitForOutput(proc: Proc, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(proc.output());
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function startProcess(script: string, env: Record<string, string>, pattern: RegExp, name: string): Promise<Proc> {
  // Default profile names (pid and thread in them): main thread and tsx's loader thread each write one.
  const flags = PROFILE && name !== 'floor' ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, `${name}-${Date.now()}`)}`] : [];
  const started = Date.now();
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 15 min: ${out}`)), 15 * 60_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = pattern.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolvePromise({
        child,
        url: m[1]!.replace('localhost', '127.0.0.1').replace(/\/$/, ''),
        startMs: Date.now() - started,
        output: () => out,
        stop: () =>
          new Promise((r) => {
            if (child.exitCode !== null) return r();
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!pattern.test(out)) reject(new Error(`${name} exited (${code}): ${out}`));
    });
  });
}

/**
 * The bench's policy: every request comes from 127.0.0.1, and login counts an attempt as a failure
 * until its password checks out, so 64 logins in flight would trip the per-address limit (20);
 * the limit is raised for the load generator. Everything else is Koganei's.
 */
let policyFile = '';
const startServer = (env: Record<string, string>, name: string) =>
  startProcess('server/main.ts', { LIBRARY_NOW: NOW, LIBRARY_CONFIG: policyFile, ...env }, /serving (http:\/\/\S+?)\/? /, name);
const startFloor = (snapshotFile: string) => startProcess('test/bench/floor-server.ts', { SNAPSHOT_FILE: snapshotFile }, /floor serving (\S+)/, 'floor');

// ---- load ----------------------------------------------------------------------------------

type Target = { url: string; requests?: autocannon.Request[]; pid?: number | undefined };
interface LoadSpec {
  /** One per instance; connections are shared out between them. */
  targets: Target[];
  seconds?: number;
  amount?: number;
  /** The store's own process (redis-server), whose CPU time is counted apart. */
  storePid?: number | undefined;
}

async function load(spec: LoadSpec): Promise<Figure> {
  const perTarget = Math.floor(CONNECTIONS / spec.targets.length);
  const cpuBefore = spec.targets.map((t) => cpuMs(t.pid));
  const storeCpuBefore = cpuMs(spec.storePid);
  const results = await Promise.all(
    spec.targets.map((t) =>
      autocannon({
        url: t.url,
        connections: perTarget,
        pipelining: 1,
        ...(spec.amount ? { amount: Math.floor(spec.amount / spec.targets.length) } : { duration: spec.seconds ?? SECONDS }),
        ...(t.requests ? { requests: t.requests } : {}),
        timeout: 30,
        // autocannon notices the end of an `amount` only when it next samples (every second by
        // default), so a 2.3 s run would count as 3 s; sampling every 20 ms keeps the duration exact.
        sampleInt: 20,
      }),
    ),
  );
  const rps = results.reduce((sum, r) => sum + r['2xx'] / r.duration, 0);
  const answered = results.reduce((sum, r) => sum + r['2xx'], 0);
  const cpu = spec.targets.reduce((sum, t, i) => sum + cpuMs(t.pid) - cpuBefore[i]!, 0);
  const storeCpu = cpuMs(spec.storePid) - storeCpuBefore;
  return {
    rps,
    cpuUs: answered > 0 ? (cpu * 1000) / answered : 0,
    storeCpuUs: answered > 0 ? (storeCpu * 1000) / answered : 0,
    // Per instance percentiles: the median of the medians, the worst p99.
    p50: median(results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
  };
}

/**
 * The floor's requests are built like the targets' (a cookie set per request by setupRequest), so
 * the load generator, which shares the machine, spends the same on both.
 */
let floorPid: number | undefined;
/** The store's own process in the run under way (redis-server; none for SQLite). */
let storePid: number | undefined;
let floorCookie = 0;
const floorRequests: autocannon.Request[] = [
  { method: 'GET', path: '/api/account', setupRequest: (req) => ({ ...req, headers: { cookie: `shiori_session=${String(floorCookie++).padStart(40, 'a')}` } }) },
];

/**
 * What a phase's uncounted warm-up runs: the first seconds of a freshly started server (or of a
 * route it has not served yet) are compiled code and first reads, not the steady state a server
 * running for days is in — they made each phase's first round a third as fast as its last.
 * 15 s, because the first phase after a start also builds each bench patron's first account answer
 * on each instance (1,000 patrons, about 1.6 ms each once the code is compiled): after a 3 s
 * warm-up, a profile of a Redis instance still spent 11% of round 1's first second building answers
 * (5% over the round; round 1 ran at 0.28–0.37× where the later rounds ran at 0.5–0.6×), none in round 2.
 * Renewals come after the account and hold phases (the process is warm) and each loan can be
 * renewed once, so their warm-up is a number of renewals.
 */
const WARM_UP_SECONDS = 15;
const WARM_UP_RENEWALS = 2000;

/** An uncounted warm-up, then ROUNDS rounds of floor then target, same settings; medians. */
async function measure(engine: string, scale: string, what: string, floorUrl: string, target: (round: number) => LoadSpec): Promise<void> {
  const floors: Figure[] = [];
  const targets: Figure[] = [];
  const warm = target(-1);
  await load(warm.amount ? { ...warm, amount: WARM_UP_RENEWALS } : { ...warm, seconds: WARM_UP_SECONDS });
  for (let round = 0; round < ROUNDS; round++) {
    const spec = target(round);
    // The floor always runs for the round's seconds: a renewal round's fixed amount would be over
    // for the floor in about a second, mostly ramp-up.
    floors.push(await load({ targets: [{ url: `${floorUrl}/api/account`, requests: floorRequests, pid: floorPid }], ...(spec.seconds ? { seconds: spec.seconds } : {}) }));
    targets.push(await load({ ...spec, storePid }));
    log(`${engine} ${scale} ${what} round ${round + 1}: ${targets.at(-1)!.rps.toFixed(0)}/s vs floor ${floors.at(-1)!.rps.toFixed(0)}/s (p99 ${targets.at(-1)!.p99} ms)`);
  }
  const pick = (fs: Figure[]): Figure => ({
    rps: median(fs.map((f) => f.rps)),
    cpuUs: median(fs.map((f) => f.cpuUs)),
    storeCpuUs: median(fs.map((f) => f.storeCpuUs)),
    p50: median(fs.map((f) => f.p50)),
    p99: median(fs.map((f) => f.p99)),
    errors: fs.reduce((s, f) => s + f.errors, 0),
  });
  rows.push({ engine, scale, what, target: pick(targets), floor: pick(floors) });
}

function roundRobin<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

// ---- one store, one scale ------------------------------------------------------------------

interface Setup {
  engine: 'sqlite' | 'redis';
  scale: keyof typeof SCALE_PLANS;
  store: Store;
  /** Server env besides DATA_DIR. */
  env: Record<string, string>;
  instances: number;
  /** The store's own process (redis-server), if it has one. */
  storePid?: number | undefined;
  close(): Promise<void>;
}

async function run(setup: Setup, floorUrl: string, passwordHash: string): Promise<void> {
  const { engine, scale, store } = setup;
  storePid = setup.storePid;
  const plan = SCALE_PLANS[scale];
  let t = Date.now();
  const bench = await seedStore(store, { ...plan, benchPatrons: BENCH_PATRONS, today: TODAY, now: NOW, passwordHash });
  await seedSessions(store, bench.map((p) => p.id), 10, NOW, 'ten');
  notes.push(`${engine} ${scale}: seeded ${plan.patrons.toLocaleString()} patrons / ${plan.titles.toLocaleString()} titles in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  await store.close();

  t = Date.now();
  // SQLite: the seeded DATA_DIR. Redis: each instance its own DATA_DIR (its search index file).
  const dirs = engine === 'sqlite' ? [setup.env['DATA_DIR']!] : Array.from({ length: setup.instances }, () => mkdtempSync(join(tmpdir(), 'shiori-bench-')));
  const servers: Proc[] = [];
  for (const [i, dir] of dirs.entries()) servers.push(await startServer({ ...setup.env, DATA_DIR: dir }, `${engine}-${scale}-${i}`));
  notes.push(`${engine} ${scale}: first start on an empty search index ${servers.map((s) => (s.startMs / 1000).toFixed(1)).join(' s, ')} s`);
  for (const s of servers) {
    if (!/titles to index, in the background/.test(s.output())) continue;
    const done = await waitForOutput(s, /indexed in the background in (\d+) s/, 60 * 60_000);
    notes.push(`${engine} ${scale}: search index filled in the background in ${done[1]} s (the server answering meanwhile)`);
  }
  for (const s of servers) await s.stop();
  servers.length = 0;
  for (const [i, dir] of dirs.entries()) servers.push(await startServer({ ...setup.env, DATA_DIR: dir }, `${engine}-${scale}-${i}`));
  notes.push(`${engine} ${scale}: restart (index in step) ${servers.map((s) => (s.startMs / 1000).toFixed(1)).join(' s, ')} s`);
  if (engine === 'sqlite') notes.push(`${engine} ${scale}: store file ${(statSync(join(dirs[0]!, 'shiori.sqlite')).size / 1e6).toFixed(0)} MB`);
  const targets = (requests: autocannon.Request[]) => servers.map((s) => ({ url: s.url, requests, pid: s.child.pid }));

  // Login: the patrons' card numbers round robin, first with 10 live sessions, then with 50,000.
  const card = roundRobin(bench.map((p) => p.cardNumber));
  const login: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/api/session',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ cardNumber: card(), password: PASSWORD }) }),
    },
  ];
  if (PHASES.includes('login')) {
    await measure(engine, scale, 'login, 10 live sessions', floorUrl, () => ({ targets: targets(login), seconds: SECONDS + 3 }));
  }
  const seeding = await reopen(setup);
  const sessions = await seedSessions(seeding, bench.map((p) => p.id), 50_000, NOW, 'fifty');
  await seeding.close();
  if (PHASES.includes('login')) await measure(engine, scale, 'login, 50,000 live sessions', floorUrl, () => ({ targets: targets(login), seconds: SECONDS + 3 }));

  // Every bench patron has sessions among the 50,000: one each for the requests below.
  const cookieOf = new Map(bench.map((p, i) => [p.id, `shiori_session=${sessions[i]}`]));
  const patron = roundRobin(bench);
  const account: autocannon.Request[] = [{ method: 'GET', path: '/api/account', setupRequest: (req) => ({ ...req, headers: { cookie: cookieOf.get(patron().id)! } }) }];
  if (PHASES.includes('account')) await measure(engine, scale, 'GET /api/account (20 loans)', floorUrl, () => ({ targets: targets(account) }));

  // Hold changes: each request moves one of a patron's holds to the other branch, interleaved (hold 1
  // of every patron, then hold 2…) like the renewals, so concurrent changes are of different patrons
  // (one patron's own concurrent changes conflict and run again: the race tests cover that).
  let n = 0;
  const holdsPerPatron = Math.max(...bench.map((p) => p.holdIds.length));
  const holds: { id: string; cookie: string }[] = [];
  for (let j = 0; j < holdsPerPatron; j++) for (const p of bench) if (p.holdIds[j]) holds.push({ id: p.holdIds[j]!, cookie: cookieOf.get(p.id)! });
  const holdChange: autocannon.Request[] = [
    {
      method: 'PATCH',
      setupRequest: (req) => {
        const k = n++;
        const h = holds[k % holds.length]!;
        const branch = Math.floor(k / holds.length) % 2 ? 'central' : 'nishinodai';
        return { ...req, path: `/api/holds/${h.id}`, headers: { cookie: h.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ pickupBranch: branch }) };
      },
    },
  ];
  if (PHASES.includes('holds')) await measure(engine, scale, 'PATCH /api/holds/:id (durable)', floorUrl, () => ({ targets: targets(holdChange) }));

  // Renewals: every loan once, interleaved so that concurrent renewals are of different patrons.
  const loans: { id: string; cookie: string }[] = [];
  for (let j = 0; j < 20; j++) for (const p of bench) loans.push({ id: p.loanIds[j]!, cookie: cookieOf.get(p.id)! });
  let next = 0;
  const renew: autocannon.Request[] = [
    {
      method: 'POST',
      setupRequest: (req) => {
        const loan = loans[next++];
        if (!loan) return req; // out of loans: a renewal_limit 409 counts as an error
        return { ...req, path: `/api/loans/${loan.id}/renew`, headers: { cookie: loan.cookie, 'idempotency-key': `bench-${loan.id}` } };
      },
    },
  ];
  if (PHASES.includes('renew')) await measure(engine, scale, 'POST /api/loans/:id/renew (durable)', floorUrl, () => ({ targets: targets(renew), amount: RENEWALS_PER_ROUND }));
  if (next > loans.length) notes.push(`${engine} ${scale}: ran out of loans to renew`);

  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await setup.close();
}

async function reopen(setup: Setup): Promise<Store> {
  return createStore(await openStorage({ dataDir: setup.env['DATA_DIR'] ?? '', redisUrl: setup.env['REDIS_URL'] }));
}

async function snapshotFile(floorDir: string, passwordHash: string): Promise<string> {
  // The floor answers what the real server answers for a bench patron: fetch it once.
  const dataDir = mkdtempSync(join(tmpdir(), 'shiori-bench-snap-'));
  const store = await createStore(await openStorage({ dataDir }));
  const [patron] = await seedStore(store, { patrons: 1, titles: 100, benchPatrons: 1, today: TODAY, now: NOW, passwordHash });
  await store.close();
  const server = await startServer({ DATA_DIR: dataDir }, 'snapshot');
  const res = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cardNumber: patron!.cardNumber, password: PASSWORD }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const snapshot = await (await fetch(`${server.url}/api/account`, { headers: { cookie } })).text();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (JSON.parse(snapshot).loans.length !== 20) throw new Error(`snapshot: expected 20 loans: ${snapshot.slice(0, 200)}`);
  const file = join(floorDir, 'snapshot.json');
  writeFileSync(file, snapshot);
  return file;
}

function table(): string {
  const fmt = (f: Figure) =>
    `${f.rps.toFixed(0).padStart(7)}/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(5)} ms  ${f.cpuUs.toFixed(0).padStart(5)} µs CPU${f.storeCpuUs ? ` + ${f.storeCpuUs.toFixed(0)} µs redis-server` : ''}`;
  const lines = rows.map(
    (r) =>
      `${`${r.engine} ${r.scale}`.padEnd(13)} ${r.what.padEnd(38)} ${fmt(r.target)}   ${(r.target.rps / r.floor.rps).toFixed(2).padStart(5)}× floor (${fmt(r.floor)})${r.target.errors ? `  [${r.target.errors} non-2xx/errors]` : ''}`,
  );
  const ratio = (engine: string, what: string, a: string, b: string) => {
    const x = rows.find((r) => r.engine === engine && r.what === what && r.scale === a);
    const y = rows.find((r) => r.engine === engine && r.what === what && r.scale === b);
    return x && y ? `${engine} ${what}: large ${(y.target.rps / y.floor.rps).toFixed(3)}× vs small ${(x.target.rps / x.floor.rps).toFixed(3)}× floor → small/large ${(x.target.rps / x.floor.rps / (y.target.rps / y.floor.rps)).toFixed(2)}` : null;
  };
  const summary: string[] = [];
  for (const engine of ENGINES) {
    for (const what of ['GET /api/account (20 loans)', 'PATCH /api/holds/:id (durable)', 'POST /api/loans/:id/renew (durable)']) {
      const line = ratio(engine, what, 'small', 'large');
      if (line) summary.push(line);
    }
    for (const scale of SCALES) {
      const ten = rows.find((r) => r.engine === engine && r.scale === scale && r.what === 'login, 10 live sessions');
      const fifty = rows.find((r) => r.engine === engine && r.scale === scale && r.what === 'login, 50,000 live sessions');
      if (ten && fifty) summary.push(`${engine} ${scale} login: 10 sessions ${ten.target.rps.toFixed(1)}/s, 50,000 sessions ${fifty.target.rps.toFixed(1)}/s → ${(ten.target.rps / fifty.target.rps).toFixed(2)}×`);
    }
  }
  return [...lines, '', ...summary, '', ...notes].join('\n');
}

async function main(): Promise<void> {
  if (PROFILE) mkdirSync(PROFILE_DIR, { recursive: true });
  log(`${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; engines ${ENGINES}, scales ${SCALES}, ${ROUNDS} rounds`);
  const passwordHash = await hashPassword(PASSWORD);
  const floorDir = mkdtempSync(join(tmpdir(), 'shiori-bench-floor-'));
  policyFile = join(floorDir, 'bench-policy.json');
  writeFileSync(policyFile, JSON.stringify({ loginThrottle: { maxFailuresPerAddress: 1_000_000 } }));
  const floor = await startFloor(await snapshotFile(floorDir, passwordHash));
  floorPid = floor.child.pid;
  await load({ targets: [{ url: `${floor.url}/api/account`, requests: floorRequests }], seconds: 1 });
  let redis: RedisServer | null = null;
  try {
    for (const engine of ENGINES) {
      for (const scale of SCALES as (keyof typeof SCALE_PLANS)[]) {
        log(`${engine} ${scale}: seeding`);
        if (engine === 'sqlite') {
          const dataDir = mkdtempSync(join(tmpdir(), 'shiori-bench-data-'));
          await run(
            { engine, scale, instances: 1, env: { DATA_DIR: dataDir }, store: await createStore(await openStorage({ dataDir })), close: async () => rmSync(dataDir, { recursive: true, force: true }) },
            floor.url,
            passwordHash,
          );
        } else {
          redis = await startRedis();
          const r = redis;
          await run(
            { engine: 'redis', scale, instances: 2, env: { REDIS_URL: r.url }, storePid: r.pid, store: await createStore(await openStorage({ dataDir: '', redisUrl: r.url })), close: () => r.stop() },
            floor.url,
            passwordHash,
          );
          redis = null;
        }
      }
    }
  } finally {
    await floor.stop();
    rmSync(floorDir, { recursive: true, force: true });
    if (redis) await redis.stop();
  }
  console.log(`\nAPI benchmark (${cpus().length} cores, ${CONNECTIONS} connections, median of ${ROUNDS} rounds; floor = bare h3 answering the same snapshot)\n`);
  console.log(table());
  if (PROFILE) console.log(`\nCPU profiles: ${PROFILE_DIR}${existsSync(PROFILE_DIR) ? '' : ' (none written)'}`);
}

await main();
