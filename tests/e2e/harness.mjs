// Shared by the end-to-end tests: a portal on a free port with its own data folder, and the
// machine's Chromium driven by playwright-core (no browser is downloaded).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { after, before } from 'node:test';

const AXE_SOURCE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

function spawnPortal(port, dataDir) {
  const bin = process.env.PORTAL_BIN ?? 'target/debug/portal';
  const child = spawn(bin, [], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, PORTAL_ROOT: process.env.PORTAL_ROOT ?? process.cwd() },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the portal did not start within 10 s')), 10_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /serving (http:\/\/\S+?)\/? /.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with code ${code} before serving`));
    });
  });
  return { child, url };
}

function stopChild(child, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill(signal);
  });
}

/**
 * A portal on a free port with a data folder of its own. `crash()` kills it (SIGKILL, as a
 * crash would) and `restart()` brings it back on the same port and data. `backUp()` copies its
 * data (stopped for the copy, then started again) and `restoreFrom(copy)` starts it again on
 * that copy, as an operator restoring an older backup would.
 */
export async function startPortal() {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
  let running = spawnPortal(0, dataDir);
  const url = await running.url;
  const port = new URL(url).port;
  let stopped = false;
  return {
    url,
    async crash() {
      await stopChild(running.child, 'SIGKILL');
    },
    async restart() {
      await stopChild(running.child);
      running = spawnPortal(port, dataDir);
      await running.url;
    },
    async backUp() {
      await stopChild(running.child);
      const copy = mkdtempSync(join(tmpdir(), 'portal-backup-'));
      cpSync(dataDir, copy, { recursive: true });
      running = spawnPortal(port, dataDir);
      await running.url;
      return copy;
    },
    async restoreFrom(copy) {
      await stopChild(running.child);
      rmSync(dataDir, { recursive: true, force: true });
      cpSync(copy, dataDir, { recursive: true });
      rmSync(copy, { recursive: true, force: true });
      running = spawnPortal(port, dataDir);
      await running.url;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopChild(running.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Saves a full-page screenshot (a test artefact). Headless Chromium now and then never
 * delivers the frame a screenshot waits for; the page itself is fine (the checks after it run
 * on it), so one such miss is retried once before it counts as a failure.
 */
export async function keepScreenshot(page, path) {
  const options = { path, fullPage: true, caret: 'initial', timeout: 10_000 };
  try {
    await page.screenshot(options);
  } catch (error) {
    if (error?.name !== 'TimeoutError') throw error;
    await page.screenshot(options);
  }
}

/**
 * The demo portal and Chromium for one `describe`: started before its tests, stopped after.
 * Read `demo.portal` and `demo.browser` inside the tests.
 */
export function demoSuite() {
  const demo = { portal: undefined, browser: undefined };
  before(async () => {
    demo.portal = await startPortal();
    demo.browser = await launchBrowser();
  });
  after(async () => {
    await demo.browser?.close();
    await demo.portal?.stop();
  });
  return demo;
}

/** Waits until the widget's status line says everything is synced. */
export const synced = (page) => widget(page).getByRole('status').getByText('All changes synced').first().waitFor();

/**
 * Chromium leaves folders in its temporary directory (a singleton socket's on every run, large
 * scratch ones when killed mid-run); each browser gets a temporary directory of its own, removed
 * once the browser is gone.
 */
export async function launchBrowser() {
  const scratch = mkdtempSync(join(tmpdir(), 'mw-chromium-'));
  const browser = await chromium.launch({
    env: { ...process.env, TMPDIR: scratch },
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  browser.on('disconnected', () => rmSync(scratch, { recursive: true, force: true }));
  return browser;
}

/**
 * Opens the portal signed in as `person` and waits for the widget's `ready` event; `lang`
 * (e.g. `ar`) picks the widget's language as the demo page's switch does.
 */
export async function openAs(context, baseUrl, person, lang) {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`uncaught error in the page: ${error.message}`);
  });
  await page.addInitScript(() => {
    window.__widgetReady = new Promise((resolve) =>
      document.addEventListener('ready', resolve, { once: true }),
    );
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  await page.goto(`${baseUrl}/?as=${person}${lang ? `&lang=${lang}` : ''}`);
  await waitReady(page);
  return page;
}

/** Waits for the widget's `ready` event, and fails on any Content-Security-Policy violation. */
export async function waitReady(page) {
  await page.evaluate(() => window.__widgetReady);
  const violations = await page.evaluate(() => window.__cspViolations);
  if (violations.length) throw new Error(`CSP violations: ${violations.join('; ')}`);
}

/** Reloads and waits for the widget's `ready` event again. */
export async function reloadReady(page) {
  await page.reload();
  await waitReady(page);
}

/**
 * The goals IndexedDB holds for the page's origin, read without the widget: the stored ops
 * folded per field by their clock (a deliberately simple, independent fold).
 */
export async function storedGoals(page) {
  const ops = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('mentoring-widget');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('ops')) return resolve([]);
          const all = db.transaction('ops').objectStore('ops').getAll();
          all.onsuccess = () => resolve(all.result.map((row) => ({ ...row.op, owner: row.owner })));
          all.onerror = () => reject(all.error);
        };
      }),
  );
  const goals = new Map();
  for (const op of ops.filter((o) => o.entity === 'goal').sort((a, b) => (a.hlc < b.hlc ? -1 : 1))) {
    const goal = goals.get(op.record) ?? { id: op.record };
    goal[op.field] = op.value;
    goals.set(op.record, goal);
  }
  return [...goals.values()];
}

/** A whole pull of `person`'s from the portal, page by page: its ops and its last cursor. */
async function pullWhole(baseUrl, person) {
  const ops = [];
  for (let cursor = '0'; ; ) {
    const response = await fetch(`${baseUrl}/api/mentoring/v1/ops?since=${cursor}`, {
      headers: { cookie: `mentoring_demo_person=${person}` },
    });
    const page = await response.json();
    ops.push(...page.ops);
    cursor = page.cursor;
    if (!page.more) return { ops, cursor };
  }
}

/** Every op the portal gives `person` (each op once if the portal stores it once). */
export const portalOps = async (baseUrl, person) => (await pullWhole(baseUrl, person)).ops;

/** The cursor of a whole pull of `person`'s: where the portal's log ends for them. */
export const portalHead = async (baseUrl, person) => (await pullWhole(baseUrl, person)).cursor;

/**
 * What this origin's IndexedDB keeps under `key` in `meta` (a person's as `<key>:<person>`),
 * or null.
 */
export function metaOf(page, key) {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('mentoring-widget');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('meta').objectStore('meta').get(key);
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result ?? null);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    key,
  );
}

/**
 * The ids of every op this origin's IndexedDB holds for `owner`, sorted: in `ops` (all it
 * knows), or in `outbox` (those still waiting for the host).
 */
export function deviceOpIds(page, owner, store = 'ops') {
  return page.evaluate(
    ([owner, store]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('mentoring-widget');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction(store).objectStore(store).index('owner').getAllKeys(owner);
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result.map(([, id]) => id).sort());
          };
          all.onerror = () => reject(all.error);
        };
      }),
    [owner, store],
  );
}

/** Waits until this origin's outbox in IndexedDB is empty: every saved change reached the host. */
export async function waitOutboxEmpty(page, timeoutMs = 20_000) {
  const count = () =>
    page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('mentoring-widget');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('outbox').objectStore('outbox').count();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          };
        }),
    );
  const deadline = Date.now() + timeoutMs;
  for (let waiting = await count(); waiting > 0; waiting = await count()) {
    if (Date.now() > deadline) throw new Error(`${waiting} op(s) still in the outbox after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The widget on a page. */
export const widget = (page) => page.locator('mentoring-widget');

/** The widget's goal rows, or the one whose text includes `title`. */
export const goalItems = (page, title) => {
  const items = widget(page).getByRole('listitem');
  // Match the title exactly: "Offline goal 2" followed by "0%" reads "Offline goal 20%".
  return title === undefined ? items : items.filter({ has: page.getByText(title, { exact: true }) });
};

/** Adds a goal through the form and waits until it is listed (that is, saved). */
export async function addGoal(page, title) {
  await widget(page).getByLabel('Title').fill(title);
  await widget(page).getByRole('button', { name: 'Add goal' }).click();
  await goalItems(page, title).waitFor();
}

/** Widths the page can scroll to beyond the viewport, and the widget's elements that stick out. */
export function overflow(page) {
  return page.evaluate(() => {
    const root = document.querySelector('mentoring-widget').shadowRoot;
    const width = document.documentElement.clientWidth;
    const outside = [...root.querySelectorAll('*')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scroll: document.documentElement.scrollWidth - width, outside };
  });
}

/**
 * The widget's touch targets under 44 px tall (the stylesheet's rule): buttons, fields, toggles
 * (`summary`) and links shown, a check box or radio measured as its label. axe's target-size
 * rule asks only 24 px, and a toggle as wide as the screen passes it at 20 px tall.
 */
export function smallTargets(page) {
  return page.evaluate(() => {
    const root = document.querySelector('mentoring-widget').shadowRoot;
    return [...root.querySelectorAll('button, input, select, textarea, summary, a[href]')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => (['checkbox', 'radio'].includes(el.type) ? el.closest('label') ?? el : el))
      .filter((el) => el.getBoundingClientRect().height < 43.5)
      .map((el) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}" ${Math.round(el.getBoundingClientRect().height)} px`);
  });
}

/** axe-core's WCAG 2.x A/AA violations inside the widget. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('mentoring-widget'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      // WCAG 2.5.3 (label in name): axe files it as experimental, so it runs only when named.
      rules: { 'label-content-name-mismatch': { enabled: true } },
    });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}
