// The offline recipe (pkg/mentoring-widget-sw.js) in a host that is not the demo portal: a
// plain server that sends no `Cache-Control`, as many intranet servers do. The widget's files
// come from the recipe's cache first (offline, or on a network that passes nothing, at once);
// a new build, whose recipe names another cache, reaches the page once the browser has
// installed it, whole, never one the browser's HTTP cache kept unasked, nor a file of each,
// nor files of another build than its recipe's (a deployment half copied).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './harness.mjs';

const PKG = join(process.env.PORTAL_ROOT ?? process.cwd(), 'pkg');
const DAY = 86_400_000;

describe('the offline recipe in a host that sends no Cache-Control', () => {
  // What the host serves as the widget's files now (`version`), since when, and the build its
  // recipe describes (`recipe`: the two differ while a deployment is half copied).
  // `stalled`: the network passes nothing (a phone's connection that is up but dead).
  const files = { version: 'v1', recipe: 'v1', modified: new Date(Date.now() - DAY), stalled: false };
  const body = (path, version) => `${path} ${version}`;
  let server;
  let url;
  let browser;

  before(async () => {
    const recipe = readFileSync(join(PKG, 'mentoring-widget-sw.js'), 'utf8');
    assert.match(recipe, /'mentoring-widget-\d[^']*'/, 'the recipe names its cache after its build');
    const slot = /const integrity = \{"mentoring-widget\.js":"sha256-[^"]+"[^\n]*\};/;
    assert.match(recipe, slot, 'and holds each file\'s hash');
    // A build's recipe as `make build` writes it: its own cache, its own files' hashes.
    const recipeOf = (version) => {
      const hashes = Object.fromEntries(
        ['mentoring-widget.js', 'mentoring-widget.wasm', 'mentoring-widget.css'].map((file) => [
          file,
          `sha256-${createHash('sha256').update(body(`/pkg/${file}`, version)).digest('base64')}`,
        ]),
      );
      return recipe
        .replace(/'mentoring-widget-\d[^']*'/, (name) => `${name.slice(0, -1)}-${version}'`)
        .replace(slot, `const integrity = ${JSON.stringify(hashes)};`);
    };
    server = createServer((request, response) => {
      const path = new URL(request.url, 'http://host').pathname;
      const send = (type, body, headers = {}) => {
        response.writeHead(200, { 'Content-Type': type, ...headers });
        response.end(body);
      };
      if (path === '/') {
        send('text/html', "<!doctype html><title>Host</title><script>navigator.serviceWorker.register('/sw.js')</script>");
      } else if (path === '/sw.js') {
        send(
          'text/javascript',
          `importScripts('/pkg/mentoring-widget-sw.js');
           self.mentoringWidgetOffline({ base: '/pkg/' });
           self.addEventListener('install', () => self.skipWaiting());
           self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));`,
        );
      } else if (path === '/pkg/mentoring-widget-sw.js') {
        send('text/javascript', recipeOf(files.recipe));
      } else if (files.stalled && path.startsWith('/pkg/')) {
        // Never answered.
      } else if (/^\/pkg\/mentoring-widget\.(js|wasm|css)$/.test(path)) {
        // Validators but no freshness: a browser may keep the file for a tenth of its age.
        const lastModified = files.modified.toUTCString();
        if (request.headers['if-modified-since'] === lastModified) {
          response.writeHead(304, { 'Last-Modified': lastModified });
          response.end();
          return;
        }
        send('text/plain', body(path, files.version), { 'Last-Modified': lastModified });
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('serves a build whole from its cache, at once on a dead network, and the next build once installed', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}/`);
    const controlled = () =>
      page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
        }
      });
    await controlled();
    const fetched = (file) => page.evaluate((file) => fetch(`/pkg/${file}`).then((r) => r.text()), file);
    const build = async () => [await fetched('mentoring-widget.js'), await fetched('mentoring-widget.css')];
    assert.deepEqual(await build(), ['/pkg/mentoring-widget.js v1', '/pkg/mentoring-widget.css v1']);

    // A deployment half copied: the new recipe is out, the files are still the old build's.
    // The browser finds the recipe (as at a later visit) but its install fails on the files'
    // hashes: the page keeps to the build it cached, every file of it.
    files.recipe = 'v2';
    const installed = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      await registration.update();
      const worker = registration.installing;
      if (!worker) return 'no new worker';
      return new Promise((resolve) => {
        const settled = () => {
          if (['redundant', 'installed', 'activating', 'activated'].includes(worker.state)) resolve(worker.state);
        };
        worker.addEventListener('statechange', settled);
        settled();
      });
    });
    assert.equal(installed, 'redundant', 'no install of a build whose files are not there');
    assert.deepEqual(await build(), ['/pkg/mentoring-widget.js v1', '/pkg/mentoring-widget.css v1']);

    // The deployment completes: until its recipe is installed, the page keeps to the build it
    // cached, every file of it.
    Object.assign(files, { version: 'v2', modified: new Date() });
    assert.deepEqual(await build(), ['/pkg/mentoring-widget.js v1', '/pkg/mentoring-widget.css v1']);
    // A module asked for with a query (a host's own cache-busting) is the cached build's too.
    assert.equal(await fetched('mentoring-widget.js?v=2'), '/pkg/mentoring-widget.js v1');
    // The browser installs it: the new build, fetched from the server, not the copy a day's
    // age lets the browser keep for hours.
    await page.evaluate(async () => {
      const changed = new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      await (await navigator.serviceWorker.ready).update();
      await changed;
    });
    assert.deepEqual(await build(), ['/pkg/mentoring-widget.js v2', '/pkg/mentoring-widget.css v2']);
    // The old build's cache goes as the new worker activates (claimed first, here).
    const widgetCaches = () =>
      page.evaluate(() => caches.keys().then((keys) => keys.filter((key) => key.startsWith('mentoring-widget-'))));
    for (let tries = 0; (await widgetCaches()).length > 1; tries++) {
      assert.ok(tries < 50, `the old build's cache goes: ${await widgetCaches()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // A network that passes nothing: the cached build, at once.
    files.stalled = true;
    const started = Date.now();
    assert.deepEqual(await build(), ['/pkg/mentoring-widget.js v2', '/pkg/mentoring-widget.css v2']);
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    files.stalled = false;

    // Offline, the same.
    Object.assign(files, { version: 'v3', recipe: 'v3', modified: new Date() });
    await context.setOffline(true);
    assert.deepEqual(await build(), ['/pkg/mentoring-widget.js v2', '/pkg/mentoring-widget.css v2']);
    await context.close();
  });
});
