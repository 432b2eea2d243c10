// One Rollup build for the page and the service worker (the architecture: README).
// The page: ES modules with code splitting, so every routed page is its own lazy chunk.
// The SW: one IIFE bundle, then workbox-build injectManifest writes the precache list into it.
import { readFile, writeFile, mkdir, cp, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import minifyTemplates from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultStrategy as templateStrategy } from '@lit-labs/rollup-plugin-minify-html-literals/lib/strategy.js';
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

/** Copies client/index.html and client/public/* and points the page at its entry chunk. */
function pageAssets() {
  return {
    name: 'shiori-page-assets',
    async writeBundle(_options, bundle) {
      builtPageFiles = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      const html = (await readFile('client/index.html', 'utf8')).replace('%ENTRY%', `/${entry.fileName}`);
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

/**
 * Lit's templates without the whitespace and comments of the source (HTML by html-minifier-next, CSS
 * by LightningCSS), as Lit recommends for production. LightningCSS reads a template's expressions as
 * an at-rule, which cannot stand in a media query's condition (`@media screen and ${narrowScreen}`):
 * there it reads a stand-in condition instead, put back after minifying. A template that still fails
 * to parse fails the build rather than shipping unminified unnoticed.
 */
function minifiedTemplates() {
  const placeholderInMedia = /(@media[^{;]*?)(@TEMPLATE_EXPRESSION_*\(\);)/g;
  const standInCondition = (n) => `(--shiori-expression-${n})`;
  const strategy = {
    ...templateStrategy,
    minifyCSS(css, options) {
      const placeholders = [];
      const readable = css.replace(placeholderInMedia, (_, media, placeholder) => media + standInCondition(placeholders.push(placeholder) - 1));
      return placeholders.reduce((out, placeholder, n) => {
        if (!out.includes(standInCondition(n))) throw new Error(`a media query's expression was lost in: ${css}`);
        return out.replace(standInCondition(n), placeholder);
      }, templateStrategy.minifyCSS(readable, options));
    },
  };
  return minifyTemplates({ include: ['client/**/*.ts'], failOnError: true, options: { strategy } });
}

/**
 * The start page (利用状況一覧: `/` leads there, and most starts are a patron's) is part of the entry
 * chunk, with everything it imports statically: one file instead of the entry, the page's chunk and
 * the four small chunks it shares with other pages (gzip packs one file better than six: 1.5 KB less
 * on this page's first load). Its tabs' panels stay chunks of their own.
 */
function startPageWithEntry() {
  let withEntry = null;
  return (id, { getModuleIds, getModuleInfo }) => {
    if (!withEntry) {
      withEntry = new Set();
      const visit = (m) => {
        if (withEntry.has(m)) return;
        withEntry.add(m);
        for (const i of getModuleInfo(m)?.importedIds ?? []) visit(i);
      };
      const ids = [...getModuleIds()];
      const page = ids.find((m) => /client[\\/]pages[\\/]account[\\/]account-page\.ts$/.test(m));
      if (!page) throw new Error('no account page module for the start page chunk');
      visit(page);
      for (const m of ids) if (getModuleInfo(m)?.isEntry) withEntry.add(m);
    }
    // Rollup makes the manual chunk that holds the entry module (input name `main`) the entry chunk.
    return withEntry.has(id) ? 'main' : undefined;
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
      manualChunks: startPageWithEntry(),
    },
    plugins: [
      cleanOutDir(),
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') } }),
      lighterModules(),
      production && minifiedTemplates(),
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
