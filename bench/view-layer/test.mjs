// node test.mjs <out dir> <screens>: mounts the build in headless Chromium and drives every
// screen: refusal of an empty form, typing, submit adds a row, toggle, delete.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [dir, n] = [process.argv[2], Number(process.argv[3])];
const page_html = `<!doctype html><meta charset="utf-8"><div id="host"></div><script type="module">
import init, { mount } from './sizelab.js'; await init(); mount(document.getElementById('host')); window.mounted = true;
</script>`;
const server = createServer((req, res) => {
  if (req.url === '/favicon.ico') { res.statusCode = 204; return res.end(); }
  if (req.url === '/') { res.setHeader('content-type', 'text/html'); return res.end(page_html); }
  try {
    const body = readFileSync(join(dir, req.url.slice(1)));
    res.setHeader('content-type', req.url.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
    res.end(body);
  } catch { res.statusCode = 404; res.end(); }
}).listen(0);
const port = server.address().port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox'] });
const page = await browser.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForFunction(() => window.mounted === true, null, { timeout: 10000 });

const SCREENS = [
  { k: 'a', title: 'Goals', texts: ['title', 'description'], required: ['title'], select: ['kind', 'Career'], check: ['shared', ' · shared'] },
  { k: 'b', title: 'Sessions', texts: ['topic', 'place', 'notes'], required: ['topic'], select: ['mode', 'Video call'] },
  { k: 'c', title: 'Feedback', texts: ['strength', 'example', 'tag'], required: ['strength', 'example'], select: ['rating', '4'], check: ['anonymous', ' · anonymous'] },
].slice(0, n);

const result = await page.evaluate(async (screens) => {
  const tick = () => new Promise((r) => setTimeout(r, 30));
  const root = document.getElementById('host').shadowRoot;
  const $ = (s) => root.querySelector(s);
  const fails = [];
  const snaps = [];
  // elements with sorted attributes and non-empty text, comments left out: the same DOM in every variant
  const norm = (n) => n.nodeType === 3 ? (n.data.trim() ? JSON.stringify(n.data) : '') : n.nodeType !== 1 ? '' :
    `<${n.localName}${[...n.attributes].map((a) => ` ${a.name}="${a.value}"`).sort().join('')}>` + [...n.childNodes].map(norm).join('') + `</${n.localName}>`;
  let checks = 0;
  const eq = (what, got, want) => { checks++; if (got !== want) fails.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`); };
  await tick();
  for (const s of screens) {
    const sec = $(`#s-${s.k}`);
    if (!sec) { fails.push(`screen ${s.k} not mounted`); continue; }
    const id = (f) => `#s-${s.k}-${f}`;
    const type = async (f, v) => { const e = $(id(f)); e.value = v; e.dispatchEvent(new Event('input', { bubbles: true })); await tick(); };
    const submit = async () => { sec.querySelector('button[type=submit]').click(); await tick(); };
    eq(`${s.k} header`, sec.querySelector('h3').textContent, `${s.title} (0)`);
    eq(`${s.k} empty shown`, !!sec.querySelector('.mw-empty'), true);
    eq(`${s.k} saved hidden`, !!sec.querySelector('.mw-saved'), false);
    await submit();
    for (const f of s.required) {
      eq(`${s.k} ${f} invalid`, $(id(f)).getAttribute('aria-invalid'), 'true');
      eq(`${s.k} ${f} describedby`, $(id(f)).getAttribute('aria-describedby'), `s-${s.k}-${f}-error`);
      if (!$(`${id(f)}-error`).textContent.endsWith('is required')) fails.push(`${s.k} ${f} error text: ${$(`${id(f)}-error`).textContent}`);
    }
    eq(`${s.k} no row after refusal`, sec.querySelectorAll('li').length, 0);
    await type(s.texts[0], 'Hello <b>&');
    eq(`${s.k} error cleared by typing`, $(id(s.texts[0])).getAttribute('aria-invalid'), 'false');
    eq(`${s.k} error text cleared`, $(`${id(s.texts[0])}-error`).textContent, '');
    for (const f of s.texts.slice(1)) await type(f, `some ${f}`);
    const sel = $(id(s.select[0])); sel.value = s.select[1]; sel.dispatchEvent(new Event('change', { bubbles: true })); await tick();
    if (s.check) { const c = $(id(s.check[0])); c.checked = true; c.dispatchEvent(new Event('change', { bubbles: true })); await tick(); }
    await submit();
    eq(`${s.k} one row`, sec.querySelectorAll('li').length, 1);
    eq(`${s.k} header after add`, sec.querySelector('h3').textContent, `${s.title} (1)`);
    eq(`${s.k} saved shown`, !!sec.querySelector('.mw-saved'), true);
    eq(`${s.k} empty gone`, !!sec.querySelector('.mw-empty'), false);
    eq(`${s.k} field cleared`, $(id(s.texts[0])).value, '');
    if (s.check) eq(`${s.k} checkbox cleared`, $(id(s.check[0])).checked, false);
    const li = sec.querySelector('li');
    eq(`${s.k} row title`, li.querySelector('.mw-card-title').textContent, 'Hello <b>&');
    eq(`${s.k} row prose`, li.querySelector('.mw-prose').textContent, `some ${s.texts[1]}`);
    eq(`${s.k} row line`, li.querySelector('.mw-card-line').textContent, s.select[1] + (s.check ? s.check[1] : ''));
    eq(`${s.k} row status`, li.querySelector('.mw-card-status').textContent, 'Open');
    await type(s.texts[0], 'Second');
    for (const f of s.required.slice(1)) await type(f, 'x');
    eq(`${s.k} saved hidden after typing`, !!sec.querySelector('.mw-saved'), false);
    await submit();
    eq(`${s.k} two rows`, sec.querySelectorAll('li').length, 2);
    sec.querySelector('li .mw-toggle').click(); await tick();
    const first = sec.querySelector('li');
    eq(`${s.k} toggled status`, first.querySelector('.mw-card-status').textContent, 'Done');
    eq(`${s.k} toggled class`, first.getAttribute('class'), 'mw-card mw-done');
    eq(`${s.k} toggled pressed`, first.querySelector('.mw-toggle').getAttribute('aria-pressed'), 'true');
    eq(`${s.k} toggled text`, first.querySelector('.mw-toggle').textContent.trim(), 'Reopen');
    eq(`${s.k} other row untouched`, sec.querySelectorAll('li')[1].querySelector('.mw-card-status').textContent, 'Open');
    snaps.push(norm(sec));
    first.querySelector('.mw-delete').click(); await tick();
    eq(`${s.k} one row left`, sec.querySelectorAll('li').length, 1);
    eq(`${s.k} the second left`, sec.querySelector('li .mw-card-title').textContent, 'Second');
    eq(`${s.k} header after delete`, sec.querySelector('h3').textContent, `${s.title} (1)`);
    sec.querySelector('li .mw-delete').click(); await tick();
    eq(`${s.k} empty again`, !!sec.querySelector('.mw-empty'), true);
  }
  return { fails, checks, snaps };
}, SCREENS);
await browser.close();
writeFileSync(join(dir, 'dom.txt'), result.snaps.join('\n') + '\n');
server.close();
const ok = result.fails.length === 0 && errors.length === 0;
console.log(`${dir}: ${ok ? 'PASS' : 'FAIL'} (${SCREENS.length} screens, ${result.checks} checks)` + (ok ? '' : '\n  ' + [...result.fails, ...errors].join('\n  ')));
process.exit(ok ? 0 : 1);
