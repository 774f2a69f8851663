/**
 * The H5 build in headless Chromium against a real local server (PGlite, sandboxes) seeded with the
 * demo county. The browser: Debian's Chromium where present (.ci/run installs it with
 * fonts-wqy-microhei), otherwise the one the npm package @sparticuz/chromium unpacks, with a CJK
 * font from npm (@fontsource/noto-sans-sc) served to each page — so `npm install && npm test`
 * alone runs every journey. playwright-core only drives it. Screenshots go to .artifacts/e2e/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { basename, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoCounty } from '../../src/server/demo-county';
import { createLocalServer } from '../../src/server/http-server';
import { localSystem, type LocalSystem } from '../../src/server/local-deps';
import { PgliteStorage } from '../../src/server/pglite-storage';
import { seedHouseholds, type MemberSeed } from '../../src/server/seed';
import { ShanghaiDayClock } from '../../src/server/simulated-clock';

const DEBIAN_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const H5 = resolve('dist-h5');
const FONTSOURCE = resolve('node_modules/@fontsource/noto-sans-sc');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Which browser this machine can run: Debian's, or npm's (YIBAO_BROWSER=npm forces npm's). */
async function launchBrowser(): Promise<{ browser: Browser; npmFont: boolean }> {
  if (process.env.YIBAO_BROWSER !== 'npm' && existsSync(DEBIAN_CHROMIUM)) {
    return { browser: await chromium.launch({ executablePath: DEBIAN_CHROMIUM, args: FLAGS }), npmFont: false };
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  // Not the package's own args: they are for AWS Lambda (--single-process shares one renderer, and
  // with it localStorage, between the phones a test opens).
  return { browser: await chromium.launch({ executablePath, args: FLAGS }), npmFont: true };
}

/**
 * Noto Sans SC from npm for a browser without a CJK font: fontsource's @font-face rules (one file
 * per unicode range, loaded as needed) served from node_modules under /__cjk/, used for all text.
 */
async function useNpmFont(context: BrowserContext): Promise<void> {
  const css = ['400', '700'].map((w) => readFileSync(`${FONTSOURCE}/${w}.css`, 'utf8').replaceAll('./files/', '/__cjk/')).join('\n');
  await context.route('**/__cjk/*', (route) => route.fulfill({ path: `${FONTSOURCE}/files/${basename(new URL(route.request().url()).pathname)}` }));
  await context.addInitScript((rules: string) => {
    const style = document.createElement('style');
    style.textContent = `${rules}\n*{font-family:'Noto Sans SC',sans-serif !important}`;
    // Init scripts run before the document has an element to hang it on.
    if (document.documentElement) document.documentElement.appendChild(style);
    else document.addEventListener('DOMContentLoaded', () => document.head.appendChild(style));
  }, css);
}
export const SHOTS = resolve('.artifacts/e2e');

export interface App {
  base: string;
  browser: Browser;
  system: LocalSystem;
  /** A fresh phone: its own storage (so its own OPENID), 375×812. */
  phone(): Promise<Page>;
  setToday(date: string): void;
  close(): Promise<void>;
}

export async function startApp(): Promise<App> {
  if (!existsSync(`${H5}/index.html`)) throw new Error('dist-h5/ is missing: run `npm run build:h5` (npm test does) before the browser tests');
  mkdirSync(SHOTS, { recursive: true });
  const clock = new ShanghaiDayClock('2020-12-01');
  let base = '';
  const system = await localSystem({
    template: await PgliteStorage.schemaTemplate(),
    clock,
    notifyUrl: 'http://127.0.0.1/api/payNotify',
    deliver: async ({ headers, body }) => (await fetch(`${base}/api/payNotify`, { method: 'POST', headers, body })).ok,
    deliverVoucher: async ({ headers, body }) => (await fetch(`${base}/api/voucherNotify`, { method: 'POST', headers, body })).ok,
    deliverRefund: async ({ headers, body }) => (await fetch(`${base}/api/refundNotify`, { method: 'POST', headers, body })).ok,
  });
  await seedHouseholds(system.storage, demoCounty());
  // As npm start does: the demo operator, whom a browser in the sandbox can act as.
  await system.storage.sql.query(`insert into operators values ('demo-operator', '演示经办人', '{"*": ["drafter", "approver"]}')`);
  const server = createLocalServer({ deps: system.deps, sandbox: system.sandbox, voucherSandbox: system.voucherSandbox, files: system.files, outbox: system.messenger, staticDir: H5, setToday: (d) => clock.setToday(d) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { browser, npmFont } = await launchBrowser();
  return {
    base,
    browser,
    system,
    async phone() {
      const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
      if (npmFont) await useNpmFont(context);
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error(`[browser] ${e.message} ${e.stack ?? ""}`));
      page.on('console', (m) => m.type() === 'error' && console.error(`[browser console] ${m.text()}`));
      return page;
    },
    setToday: (d) => void clock.setToday(d),
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
      await system.close();
    },
  };
}

/** A demo-county member, by household and name. */
export function resident(householdId: string, name: string): MemberSeed {
  const m = demoCounty().find((h) => h.householdId === householdId)?.members.find((x) => x.name === name);
  if (!m) throw new Error(`no ${name} in ${householdId}`);
  return m;
}

export const input = (page: Page, id: string) => page.locator(`#${id} input, input#${id}`).first();

/** A phone on the staff page as the sandbox's demo operator. */
export async function asDemoOperator(page: Page, base: string): Promise<void> {
  await page.goto(base);
  await consent(page);
  await page.getByText('经办人员入口').click();
  await page.getByText('以演示经办人身份进入（本地沙箱）').click();
}

/** On the home page: agrees to the privacy guide if this phone has not yet (a fresh phone has not). */
export async function consent(page: Page): Promise<void> {
  await page.locator('#agree-privacy, #name').first().waitFor();
  if ((await page.locator('#agree-privacy').count()) > 0) await page.locator('#agree-privacy').click();
  await page.locator('#name').waitFor();
}

/** Looks a household up from the home page, as a resident types it. */
export async function lookUp(page: Page, base: string, who: MemberSeed): Promise<void> {
  await page.goto(base);
  await consent(page);
  await input(page, 'name').fill(who.name);
  await input(page, 'id-number').fill(who.idNumber);
  await page.getByText('查询', { exact: true }).click();
  await page.locator('.member').first().waitFor();
}

/**
 * A screenshot of the page as it stands, after the accessibility check: every page a journey
 * shows, in whichever mode it is in, has no serious problem axe-core can see (accessibilityProblems).
 */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const problems = await accessibilityProblems(page);
  if (problems.length > 0) throw new Error(`${name}: ${problems.join('\n')}`);
}

/**
 * What axe-core (the accessibility engine browsers' own audits use) finds on the page at WCAG 2 A
 * and AA — contrast of at least 4.5:1 among them — at impact "serious" or "critical": one line per
 * rule with the elements it names.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[]; failureSummary?: string }> }> }> } }).axe;
    // Not scrollable-region-focusable: it names Taro's H5 page container, which scrolls itself;
    // in WeChat the page scroll is the platform's own (the H5 build is the local stand-in).
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, rules: { 'scrollable-region-focusable': { enabled: false } }, resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()})`).slice(0, 5).join('; ')}`);
}
