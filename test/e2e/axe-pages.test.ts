/**
 * Every page of the built app, whole (shell + page, as a patron gets it), is axe-clean in the
 * display modes that change what is drawn: standard Japanese, CUD + こども + 大, and English.
 * Component tests check each element alone; this checks them together, with real data.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { loginThroughPage, serverAndBrowserForFile, type TestServer } from './harness.ts';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const MODES = [
  { name: '標準', display: { palette: 'standard', audience: 'adult', size: 'm', lang: 'ja' } },
  { name: 'CUD + こども + 大', display: { palette: 'cud', audience: 'kids', size: 'l', lang: 'ja' } },
  { name: 'English', display: { palette: 'standard', audience: 'adult', size: 'm', lang: 'en' } },
] as const;

const PUBLIC_PATHS = ['/login', '/password-issuance', '/library', '/search?q=守り人', '/no-such-page'];
const PATRON_PATHS = ['/account/loans', '/account/holds', '/account/wishlist', '/account/cancelled', '/cart', '/password', '/email', '/preferences', '/card'];

let server: TestServer;
let browser: Browser;
let titlePath: string;

serverAndBrowserForFile(async (s, b) => {
  server = s;
  browser = b;
  const found = (await (await fetch(`${server.url}/api/catalog/search?q=${encodeURIComponent('夢の守り人')}`)).json()) as { results: { bibId: string }[] };
  titlePath = `/titles/${found.results[0]!.bibId}`;
});

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, WCAG_TAGS);
  return violations;
}

/** Opens a path and waits until the page has drawn its data. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.waitForLoadState('networkidle');
  await page.getByRole('main').getByRole('heading').first().waitFor();
}

for (const mode of MODES) {
  describe(`axe, whole pages, ${mode.name}`, () => {
    test('pages without login', async () => {
      // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
      const context = await browser.newContext({ bypassCSP: true });
      await context.addInitScript((d) => localStorage.setItem('shiori.display', JSON.stringify(d)), mode.display);
      const page = await context.newPage();
      try {
        for (const path of PUBLIC_PATHS) {
          await open(page, path);
          assert.deepEqual(await axeViolations(page), [], `${path} (${mode.name})`);
        }
      } finally {
        await context.close();
      }
    });

    test("the patron's pages", async () => {
      // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      try {
        await loginThroughPage(page, server.url, '2000000326', 'library1');
        await page.evaluate((d) => localStorage.setItem('shiori.display', JSON.stringify(d)), mode.display);
        for (const path of [...PATRON_PATHS, titlePath]) {
          await open(page, path);
          assert.deepEqual(await axeViolations(page), [], `${path} (${mode.name})`);
        }
      } finally {
        await context.close();
      }
    });
  });
}
