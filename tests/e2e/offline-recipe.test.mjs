// The offline recipe (pkg/mentoring-widget-sw.js) in a host that is not the demo portal: a
// plain server that sends no `Cache-Control`, as many intranet servers do. A new version of the
// widget's files must reach the page while the network is up, never one the browser's HTTP
// cache kept unasked; offline, the last copy fetched is served.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './harness.mjs';

const PKG = join(process.env.PORTAL_ROOT ?? process.cwd(), 'pkg');
const DAY = 86_400_000;

describe('the offline recipe in a host that sends no Cache-Control', () => {
  // What the host serves as the widget's files now, and since when.
  const files = { version: 'v1', modified: new Date(Date.now() - DAY) };
  let server;
  let url;
  let browser;

  before(async () => {
    const recipe = readFileSync(join(PKG, 'mentoring-widget-sw.js'));
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
        send('text/javascript', recipe);
      } else if (/^\/pkg\/mentoring-widget\.(js|wasm|css)$/.test(path)) {
        // Validators but no freshness: a browser may keep the file for a tenth of its age.
        const lastModified = files.modified.toUTCString();
        if (request.headers['if-modified-since'] === lastModified) {
          response.writeHead(304, { 'Last-Modified': lastModified });
          response.end();
          return;
        }
        send('text/plain', `${path} ${files.version}`, { 'Last-Modified': lastModified });
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

  it('gets a new version of the widget\'s files while online, and the last one offline', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
    });
    const stylesheet = () => page.evaluate(() => fetch('/pkg/mentoring-widget.css').then((r) => r.text()));
    assert.equal(await stylesheet(), '/pkg/mentoring-widget.css v1');

    // The host deploys a new version: the next load gets it, not the copy a day's age lets
    // the browser keep for over two hours.
    Object.assign(files, { version: 'v2', modified: new Date() });
    assert.equal(await stylesheet(), '/pkg/mentoring-widget.css v2');

    // Offline, the copy last fetched: not what the host has deployed since.
    Object.assign(files, { version: 'v3', modified: new Date() });
    await context.setOffline(true);
    assert.equal(await stylesheet(), '/pkg/mentoring-widget.css v2');
    await context.close();
  });
});
