// Component tests in a real headless Chromium (Debian's; npm tools cannot download browsers here).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every client module that calls msg(), found on disk (the catalogue test checks each one's ids). */
function msgSources(dir = 'client') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : msgSources(path);
    return entry.name.endsWith('.ts') && /\bmsg\(/.test(readFileSync(path, 'utf8')) ? [relative('client', path)] : [];
  });
}

/** Serves /__msg-sources.json: the list above, made when asked (a new page is found without a list to keep). */
const msgSourcesPlugin = {
  name: 'msg-sources',
  serve(context) {
    if (context.path === '/__msg-sources.json') return { body: JSON.stringify(msgSources()), type: 'application/json' };
    return undefined;
  },
};

export default {
  files: ['test/client/**/*.test.ts'],
  nodeResolve: { browser: true },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [msgSourcesPlugin, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'client/tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      },
    }),
  ],
};
