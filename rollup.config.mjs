// One Rollup build for the page and the service worker (the architecture: README).
// The page: ES modules with code splitting, so every routed page is its own lazy chunk.
// The SW: one IIFE bundle, then workbox-build injectManifest writes the precache list into it.
import { readFile, writeFile, mkdir, cp, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { injectManifest } from 'workbox-build';

const outDir = 'dist/app';
const production = process.env.NODE_ENV !== 'development';

/** This build's page files (entry + chunks): the SW precaches these, not stale ones left in dist/. */
let builtPageFiles = [];

/** Starts from an empty dist/app, so old chunks are neither served nor precached. (Rollup builds the configs in order: page first.) */
function cleanOutDir() {
  return {
    name: 'shiori-clean-out-dir',
    async buildStart() {
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * `<link rel="modulepreload">` for the start page (利用状況一覧: `/` leads there) and the chunks it imports
 * beyond the entry's: fetched beside the entry instead of after it has run and the router has asked.
 */
function startPagePreloads(bundle, entry) {
  const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
  const page = chunks.find((c) => c.moduleIds.some((id) => id.endsWith('client/pages/account/account-page.ts')));
  if (!page) throw new Error('no account page chunk to preload');
  const withEntry = new Set([entry.fileName, ...entry.imports]);
  const files = new Set();
  const visit = (c) => {
    if (withEntry.has(c.fileName) || files.has(c.fileName)) return;
    files.add(c.fileName);
    for (const i of c.imports) visit(bundle[i]);
  };
  visit(page);
  return [...files].map((f) => `<link rel="modulepreload" href="/${f}">`).join('\n');
}

/** Copies client/index.html and client/public/* and points the page at its entry chunk. */
function pageAssets() {
  return {
    name: 'shiori-page-assets',
    async writeBundle(_options, bundle) {
      builtPageFiles = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      const html = (await readFile('client/index.html', 'utf8'))
        .replace('%ENTRY%', `/${entry.fileName}`)
        .replace('%PRELOAD%', startPagePreloads(bundle, entry));
      await writeFile(`${outDir}/index.html`, html);
      await cp('client/public', outDir, { recursive: true }).catch((e) => {
        if (e.code !== 'ENOENT') throw e;
      });
    },
  };
}

/** What the SW precaches: this build's page files, index.html and client/public/* (all of it when built alone). */
async function precachePatterns() {
  if (builtPageFiles.length === 0) return ['**/*.{html,js,css,svg,png,webmanifest,json}'];
  const publicFiles = (await readdir('client/public', { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  return [...builtPageFiles, 'index.html', ...publicFiles.map((d) => relative('client/public', join(d.parentPath, d.name)))];
}

/** Writes the precache manifest into the bundled SW (it must contain exactly one self.__WB_MANIFEST). */
function workboxInject() {
  return {
    name: 'shiori-workbox-inject',
    async writeBundle() {
      const { count, size, warnings } = await injectManifest({
        swSrc: `${outDir}/sw.js`,
        swDest: `${outDir}/sw.js`,
        globDirectory: outDir,
        globPatterns: await precachePatterns(),
        globIgnores: ['sw.js', '**/*.map'],
        // index.html is the navigation fallback; hashed chunks need no revision.
        dontCacheBustURLsMatching: /-[A-Za-z0-9_-]{8}\.js$/,
      });
      for (const w of warnings) console.warn('workbox:', w);
      console.log(`sw: precached ${count} files, ${(size / 1024).toFixed(1)} KiB`);
    },
  };
}

/**
 * Lighter builds of dependencies, for the first load:
 * - @vaadin/router imports Vaadin's usage statistics (it phones home from localhost); the package
 *   ships an opt-out module with the same export.
 * - workbox-window's "module" field is its ES5 build; its ES2017 build is ~40 % smaller.
 * - @lit/localize hashes a message's text into an id when a msg() has none. Every msg() here has an
 *   explicit id (test/client/catalogues.test.ts checks), so the hashing (~1 KB gz) is never needed:
 *   the stand-in fails loudly should one ever lack it.
 * - @vaadin/router's route transitions (`animate` on a route): no route here animates.
 * - @vaadin/router's URL generation for named routes (`urlForName`): no code here names a route.
 */
function lighterModules() {
  const swaps = {
    '@vaadin/vaadin-usage-statistics/vaadin-usage-statistics.js': '@vaadin/vaadin-usage-statistics/vaadin-usage-statistics-optout.js',
    'workbox-window': 'workbox-window/build/workbox-window.prod.mjs',
  };
  const standIns = {
    './id-generation.js': {
      importer: /@lit[\\/]localize[\\/]internal[\\/]runtime-msg\.js$/,
      code: "export const generateMsgId = () => { throw new Error('every msg() needs an explicit id (client/i18n/localize.ts)'); };",
    },
    // Router#urlForName only (named routes → URLs): every link here is written as a path.
    './resolver/generateUrls.js': {
      importer: /@vaadin[\\/]router[\\/]dist[\\/]router\.js$/,
      code: "export default function generateUrls() { throw new Error('Router#urlForName is not in this build (rollup.config.mjs)'); }",
    },
    './transitions/animate.js': {
      importer: /@vaadin[\\/]router[\\/]dist[\\/]router\.js$/,
      code: 'export default async function animate() {}',
    },
  };
  return {
    name: 'shiori-lighter-modules',
    resolveId(source, importer) {
      const standIn = standIns[source];
      if (standIn && importer && standIn.importer.test(importer)) return `\0shiori-stand-in:${source}`;
      const swap = swaps[source];
      return swap ? this.resolve(swap, importer, { skipSelf: true }) : null;
    },
    load(id) {
      if (!id.startsWith('\0shiori-stand-in:')) return null;
      return standIns[id.slice('\0shiori-stand-in:'.length)].code;
    },
  };
}

const tsPlugins = [
  nodeResolve({ browser: true }),
  commonjs(),
  esbuild({ target: 'es2022', tsconfig: 'client/tsconfig.json' }),
];

export default [
  {
    input: 'client/main.ts',
    output: {
      dir: outDir,
      format: 'es',
      entryFileNames: 'app-[hash].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
    plugins: [
      cleanOutDir(),
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') } }),
      lighterModules(),
      ...tsPlugins,
      // ES modules: terser may drop what no chunk imports; two passes inline a little more.
      production && terser({ module: true, compress: { passes: 2 }, format: { comments: false } }),
      pageAssets(),
    ],
    preserveEntrySignatures: false,
  },
  {
    input: 'sw/sw.ts',
    output: { file: `${outDir}/sw.js`, format: 'iife', sourcemap: false },
    plugins: [
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') } }),
      nodeResolve({ browser: true }),
      commonjs(),
      esbuild({ target: 'es2022', tsconfig: 'sw/tsconfig.json' }),
      production && terser({ format: { comments: false } }),
      workboxInject(),
    ],
  },
];
