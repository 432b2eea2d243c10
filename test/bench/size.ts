/**
 * `npm run size` (after `npm run build`): the gzip size of what the loans page (/account) loads
 * first — index.html, prepaint.js, app.css, the entry chunk and every chunk it imports statically,
 * plus the chunk that holds the account page (the build's source maps say which: the entry itself,
 * or a lazy chunk) and its static imports. Each file is gzipped on its own, as it travels. Exits 1
 * over the budget (35 KB).
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = 'dist/app';
const BUDGET_BYTES = 35 * 1024;
/** The routed page the loans view needs. */
const PAGE_MODULE = /client\/pages\/account\/account-page\.ts$/;

const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["']([^"']+\.js)["']\s*\)/g;

function resolveFrom(file: string, spec: string): string {
  return spec.startsWith('/') ? join(DIST, spec) : posix.normalize(posix.join(dirname(file), spec));
}

async function staticClosure(start: string, seen: Set<string>): Promise<void> {
  if (seen.has(start)) return;
  seen.add(start);
  const code = await readFile(start, 'utf8');
  for (const m of code.matchAll(STATIC_IMPORT)) await staticClosure(resolveFrom(start, m[1]!), seen);
}

/** The built files (among the entry's static and dynamic imports) whose source map lists the page's module. */
async function chunksHolding(module: RegExp, entryClosure: Set<string>): Promise<string[]> {
  const candidates = new Set(entryClosure);
  for (const f of entryClosure) {
    for (const m of (await readFile(f, 'utf8')).matchAll(DYNAMIC_IMPORT)) candidates.add(resolveFrom(f, m[1]!));
  }
  const out: string[] = [];
  for (const f of candidates) {
    const map = JSON.parse(await readFile(`${f}.map`, 'utf8')) as { sources: string[] };
    if (map.sources.some((src) => module.test(src))) out.push(f);
  }
  return out;
}

async function main(): Promise<void> {
  const indexPath = join(DIST, 'index.html');
  if (!existsSync(indexPath)) {
    console.error('size: dist/app/index.html is missing — run `npm run build` first.');
    process.exit(2);
  }
  const html = await readFile(indexPath, 'utf8');
  const entrySrc = /<script type="module" src="([^"]+)"/.exec(html)?.[1];
  if (!entrySrc) throw new Error('no module script in index.html');
  const classic = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => join(DIST, m[1]!));
  const styles = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => join(DIST, m[1]!));

  const js = new Set<string>();
  await staticClosure(join(DIST, entrySrc), js);
  const pageChunks = await chunksHolding(PAGE_MODULE, js);
  if (pageChunks.length === 0) throw new Error('no chunk the entry loads holds the account page');
  for (const p of pageChunks) await staticClosure(p, js);

  const files = [indexPath, ...classic, ...styles, ...js];
  let total = 0;
  const rows: string[] = [];
  for (const f of files) {
    const gz = gzipSync(await readFile(f), { level: 9 }).length;
    total += gz;
    rows.push(`${(gz / 1024).toFixed(1).padStart(7)} KB  ${relative(DIST, f)}`);
  }
  console.log('First load of the loans page (/account), gzip per file:');
  console.log(rows.join('\n'));
  console.log(`${(total / 1024).toFixed(1).padStart(7)} KB  total (budget ${(BUDGET_BYTES / 1024).toFixed(0)} KB)`);
  if (total > BUDGET_BYTES) {
    console.error(`size: over budget by ${((total - BUDGET_BYTES) / 1024).toFixed(1)} KB`);
    process.exit(1);
  }
}

await main();
