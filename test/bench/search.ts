/**
 * Catalogue search benchmark (a script, not a test): `npm run bench:search [-- titles]`.
 *
 * Builds an index of 200,000 generated titles (realistic Japanese titles, authors and
 * publishers; fixed seed, so every run indexes the same catalogue) in a temp directory, then times
 * `search()` for many one-, two- and three-character words and author names taken from the
 * catalogue itself (so frequent characters such as の are asked often, as users would), and prints
 * median and p99 per kind, with the build time and the index size.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MaterialType } from '../../common/api.ts';
import { SqliteCatalogIndex, type IndexedTitle } from '../../server/catalog/sqlite-catalog-index.ts';
import { generateCatalogue, mulberry32 } from './catalogue-generator.ts';

const TITLES = Number(process.argv[2] ?? 200_000);
const QUERIES_PER_KIND = 400;
const PAGE_SIZE = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A substring of `length` characters (no spaces) at a random place of a random title's field. */
function sampleWord(titles: IndexedTitle[], rand: () => number, length: number): string {
  for (;;) {
    const t = titles[Math.floor(rand() * titles.length)]!;
    const chars = [...t.title];
    if (chars.length < length) continue;
    const start = Math.floor(rand() * (chars.length - length + 1));
    const word = chars.slice(start, start + length).join('');
    if (!/\s/u.test(word)) return word;
  }
}

function sampleAuthor(titles: IndexedTitle[], rand: () => number): string {
  for (;;) {
    const author = titles[Math.floor(rand() * titles.length)]!.author;
    if (author) return author;
  }
}

interface Kind {
  label: string;
  queries: { q: string; type?: MaterialType; page?: number }[];
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'shiori-bench-'));
  const file = join(dir, 'catalog-index.sqlite');
  try {
    const titles = generateCatalogue(TITLES, 20261128);

    const started = performance.now();
    const build = new SqliteCatalogIndex(file);
    build.replaceAll(titles);
    build.close();
    const buildMs = performance.now() - started;
    const bytes = ['', '-wal'].map((s) => (existsSync(file + s) ? statSync(file + s).size : 0)).reduce((a, b) => a + b, 0);

    const rand = mulberry32(7);
    const many = <T>(make: () => T) => Array.from({ length: QUERIES_PER_KIND }, make);
    const kinds: Kind[] = [
      { label: '1 character (e.g. 地)', queries: many(() => ({ q: sampleWord(titles, rand, 1) })) },
      { label: '2 characters (e.g. 地底)', queries: many(() => ({ q: sampleWord(titles, rand, 2) })) },
      { label: '3 characters', queries: many(() => ({ q: sampleWord(titles, rand, 3) })) },
      { label: 'author name', queries: many(() => ({ q: sampleAuthor(titles, rand) })) },
      { label: '2 words (2 + 1 chars)', queries: many(() => ({ q: `${sampleWord(titles, rand, 2)} ${sampleWord(titles, rand, 1)}` })) },
      { label: '1 character, type=cd', queries: many(() => ({ q: sampleWord(titles, rand, 1), type: 'cd' as const })) },
      { label: '3 characters, type=book', queries: many(() => ({ q: sampleWord(titles, rand, 3), type: 'book' as const })) },
      { label: '1 character, page 50', queries: many(() => ({ q: sampleWord(titles, rand, 1), page: 50 })) },
    ];

    const index = new SqliteCatalogIndex(file);
    // Warm the page cache once, as a running server would be.
    for (const { q } of kinds[0]!.queries.slice(0, 20)) index.search({ q, page: 1, pageSize: PAGE_SIZE });

    const rows: string[][] = [];
    for (const kind of kinds) {
      const times: number[] = [];
      const cpuTimes: number[] = [];
      const hits: number[] = [];
      for (const { q, type, page } of kind.queries) {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const { total } = index.search({ q, type, page: page ?? 1, pageSize: PAGE_SIZE });
        times.push(performance.now() - t0);
        const cpu = process.cpuUsage(cpu0);
        cpuTimes.push((cpu.user + cpu.system) / 1000);
        hits.push(total);
      }
      for (const list of [times, cpuTimes, hits]) list.sort((a, b) => a - b);
      rows.push([
        kind.label,
        String(kind.queries.length),
        percentile(times, 50).toFixed(2),
        percentile(times, 99).toFixed(2),
        times[times.length - 1]!.toFixed(2),
        percentile(cpuTimes, 50).toFixed(2),
        percentile(cpuTimes, 99).toFixed(2),
        String(percentile(hits, 50)),
        String(hits[hits.length - 1]),
      ]);
    }
    index.close();

    console.log(`catalogue: ${titles.length.toLocaleString('en')} titles (seed 20261128)`);
    // Timings depend on what else the machine runs: say so next to them.
    console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min)`);
    console.log(`build: ${(buildMs / 1000).toFixed(1)} s   index size: ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
    // Wall time is what a patron waits; CPU time (this process) shows the cost without the wait
    // for a busy machine's cores.
    const header = ['query kind', 'queries', 'median ms', 'p99 ms', 'max ms', 'cpu median', 'cpu p99', 'median hits', 'max hits'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(line(header));
    for (const r of rows) console.log(line(r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
