// How the widget behaves as a guest on someone else's page: every screen at phone and desktop
// widths (no horizontal scroll, no accessibility violations, screenshots kept), hostile host
// CSS, two instances on one page, mount/unmount cycles without leaks, and keyboard-only use.
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  axeViolations,
  demoSuite,
  keepScreenshot,
  openAs,
  overflow,
  smallTargets,
  waitReady,
  widget,
} from './harness.mjs';

const SHOTS = 'test-results/screenshots';

/** Clicks a button of the widget by its accessible name. */
const press = (page, name) => widget(page).getByRole('button', { name, exact: true }).first().click();

async function synced(page) {
  await widget(page).getByRole('status').getByText('All changes synced').waitFor();
}

/** The participant's screens, each reached from the previous one as a person would. */
const SCREENS = [
  // amira has reminders: the dark-scheme check covers the Needs-your-attention panel.
  { name: 'my-goals', open: async () => {}, shows: 'Needs your attention' },
  { name: 'relationships', open: (page) => press(page, 'My relationships'), shows: 'Coaching with Sofia Marques' },
  { name: 'relationship', open: (page) => press(page, 'Open Coaching with Sofia Marques'), shows: 'Win and grow Gulf key accounts' },
  { name: 'goal-editor', open: (page) => press(page, 'New goal in this relationship'), shows: 'New SMART goal' },
  { name: 'session-log', open: async (page) => { await press(page, 'Back to the relationship'); await press(page, 'Log a session'); }, shows: 'Save session' },
  // In coaching, feedback comes from the coach: amira gives hers in her mentoring relationship.
  { name: 'feedback', open: async (page) => { await press(page, 'Back to the relationship'); await press(page, 'Back to my relationships'); await press(page, 'Open Mentoring with James Whitfield'); await press(page, 'Give feedback'); }, shows: 'Save feedback' },
  { name: 'learning', open: async (page) => { await press(page, 'Back to the relationship'); await press(page, 'Write in the learning log'); }, shows: 'Add to learning log' },
];

describe('the widget as a guest on the host page', () => {
  const demo = demoSuite();
  before(() => {
    mkdirSync(SHOTS, { recursive: true });
  });

  it('fits every screen at 360 px and 1280 px, with no axe violations at either width or in dark, and keeps screenshots', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    const problems = [];
    for (const screen of SCREENS) {
      await page.setViewportSize({ width: 360, height: 640 });
      await screen.open(page);
      await widget(page).getByText(screen.shows, { exact: true }).first().waitFor();
      const csp = await page.evaluate(() => window.__cspViolations.splice(0));
      if (csp.length) problems.push(`${screen.name}: CSP violations ${csp.join('; ')}`);
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: width === 360 ? 640 : 800 });
        const { scroll, outside } = await overflow(page);
        if (scroll > 0 || outside.length) {
          problems.push(`${screen.name} at ${width} px: scrolls ${scroll} px; outside: ${outside.slice(0, 5).join(', ')}`);
        }
        await keepScreenshot(page, `${SHOTS}/${screen.name}-${width}.png`);
        for (const small of await smallTargets(page)) problems.push(`${screen.name} at ${width} px: ${small}`);
        for (const small of await smallRatingChoices(page)) problems.push(`${screen.name} at ${width} px: ${small}`);
        // A phone's layout hides some text from sight: what it hides must still name controls.
        for (const violation of await axeViolations(page)) problems.push(`${screen.name} (light, ${width} px): ${violation}`);
      }
      // The rating's five choices side by side are the narrowest targets: at 320 px too.
      if (screen.name === 'feedback') {
        await page.setViewportSize({ width: 320, height: 640 });
        const { scroll, outside } = await overflow(page);
        if (scroll > 0 || outside.length) problems.push(`feedback at 320 px: scrolls ${scroll} px; outside: ${outside.slice(0, 5).join(', ')}`);
        const choices = await widget(page).locator('.mw-rating-option').count();
        if (choices < 6) problems.push(`feedback at 320 px: ${choices} rating choices shown`);
        for (const small of await smallRatingChoices(page)) problems.push(`feedback at 320 px: ${small}`);
        await page.setViewportSize({ width: 360, height: 640 });
      }
      await page.emulateMedia({ colorScheme: 'dark' });
      for (const violation of await axeViolations(page)) problems.push(`${screen.name} (dark): ${violation}`);
      await page.emulateMedia({ colorScheme: 'light' });
      // The screenshot and axe inject styles of their own, which the page's CSP reports: they
      // are the test's, not the widget's.
      await page.evaluate(() => window.__cspViolations.splice(0));
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('lays out by its own width, not the viewport\'s: in a 340-px column of a 1280-px page every screen fits and is narrow', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    // The layout the widget chose: facts beside their labels, two fields to a row, the SMART
    // steps' names shown, each counted where the screen has them.
    const layout = () =>
      page.evaluate(() => {
        const root = document.querySelector('mentoring-widget').shadowRoot;
        const columns = (selector) =>
          [...root.querySelectorAll(selector)]
            .filter((el) => el.getClientRects().length > 0)
            .map((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
        const stepNames = [...root.querySelectorAll('.mw-step-name')].map((el) => el.getBoundingClientRect().width > 1);
        return { facts: columns('.mw-facts'), pairs: columns('.mw-row-pair'), stepNamesShown: stepNames };
      });
    const column = (width) =>
      page.evaluate((width) => {
        // The element that holds the widget becomes the column, through the CSSOM (which the
        // page's style-src policy allows).
        const column = document.querySelector('mentoring-widget').parentElement.style;
        column.width = width ? `${width}px` : '';
        column.padding = width ? '0' : '';
        column.border = width ? '0' : '';
        column.boxSizing = width ? 'content-box' : '';
      }, width);
    // What sticks out of the widget's own box (not the viewport's), and the page's scroll.
    const outsideWidget = () =>
      page.evaluate(() => {
        const host = document.querySelector('mentoring-widget');
        const edge = host.getBoundingClientRect();
        const outside = [...host.shadowRoot.querySelectorAll('*')]
          .filter((el) => {
            const box = el.getBoundingClientRect();
            return box.width > 1 && (box.right > edge.right + 0.5 || box.left < edge.left - 0.5);
          })
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        return { width: Math.round(edge.width), outside, scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      });

    const problems = [];
    const seen = { facts: 0, pairs: 0, steps: 0 };
    for (const screen of SCREENS) {
      await column(null);
      await screen.open(page);
      await widget(page).getByText(screen.shows, { exact: true }).first().waitFor();
      // An action item's owner and due date share a row when there is room.
      if (screen.name === 'session-log') await press(page, 'Add action item');
      const wide = await layout();
      await column(340);
      const { width, outside, scroll } = await outsideWidget();
      assert.equal(width, 340, `${screen.name}: the widget is in a 340-px column`);
      if (scroll > 0 || outside.length) problems.push(`${screen.name}: scrolls ${scroll} px; outside the widget: ${outside.slice(0, 5).join(', ')}`);
      const narrow = await layout();
      if (narrow.facts.some((n) => n !== 1)) problems.push(`${screen.name}: facts in ${narrow.facts} columns at 340 px`);
      if (narrow.pairs.some((n) => n !== 1)) problems.push(`${screen.name}: paired fields in ${narrow.pairs} columns at 340 px`);
      if (narrow.stepNamesShown.some(Boolean)) problems.push(`${screen.name}: SMART step names shown at 340 px`);
      // The same screen across the page's full width takes the wide layout: the check tells them apart.
      if (wide.facts.some((n) => n !== 2)) problems.push(`${screen.name}: facts in ${wide.facts} columns at full width`);
      if (wide.pairs.some((n) => n !== 2)) problems.push(`${screen.name}: paired fields in ${wide.pairs} columns at full width`);
      if (wide.stepNamesShown.some((shown) => !shown)) problems.push(`${screen.name}: SMART step names hidden at full width`);
      seen.facts += narrow.facts.length;
      seen.pairs += narrow.pairs.length;
      seen.steps += narrow.stepNamesShown.length;
      if (screen.name === 'session-log') await press(page, 'Remove action item 1');
    }
    assert.deepEqual(problems, []);
    for (const [what, count] of Object.entries(seen)) assert.ok(count > 0, `some screen has ${what}`);
    await context.close();
  });

  it('looks the same under hostile host CSS, and its own CSS does not leak out', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    // The goal list arrives with the first sync; measure once the screen holds still.
    await synced(page);
    const probes = ['input', 'button', 'h2', 'label', 'nav button', '.mw-panel', 'ul', 'p'];
    const PROPS = [
      'font-size', 'font-weight', 'font-style', 'line-height', 'letter-spacing', 'word-spacing',
      'text-transform', 'text-align', 'text-indent', 'color', 'background-color', 'box-sizing',
      'padding-top', 'padding-left', 'margin-top', 'margin-left', 'border-top-width',
      'border-top-style', 'display', 'visibility', 'opacity', 'white-space',
    ];
    const styles = () =>
      page.evaluate(
        ({ probes, props }) => {
          const root = document.querySelector('mentoring-widget').shadowRoot;
          const out = {};
          for (const probe of probes) {
            const el = root.querySelector(probe);
            if (!el) {
              out[probe] = 'missing';
              continue;
            }
            const style = getComputedStyle(el);
            out[probe] = Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
          }
          return out;
        },
        { probes, props: PROPS },
      );
    const hostStyles = () =>
      page.evaluate(() =>
        ['body', 'header', 'h1', 'nav a'].map((selector) => {
          const el = document.querySelector(selector);
          if (!el) return `${selector}: missing`;
          const s = getComputedStyle(el);
          return `${selector}: ${s.fontSize} ${s.color} ${s.backgroundColor} ${s.padding} ${s.margin} ${s.boxSizing}`;
        }),
      );

    const before = await styles();
    for (const probe of probes) assert.notEqual(before[probe], 'missing', `${probe} is on the first screen`);
    const hostWith = await hostStyles();
    // A constructed stylesheet: the strict CSP forbids inline <style>, as a real host would
    // too, but a host's own stylesheets can say anything.
    await page.evaluate(() => {
      const hostile = new CSSStyleSheet();
      hostile.replaceSync(`
        * { box-sizing: content-box !important; font-size: 31px !important; font-weight: 900 !important;
            font-style: italic !important; line-height: 3 !important; letter-spacing: 4px !important;
            word-spacing: 9px !important; text-transform: uppercase !important; text-align: right !important;
            text-indent: 20px !important; color: #f0f !important; background-color: #0f0 !important;
            padding: 13px !important; margin: 7px !important; border: 5px dashed red !important;
            white-space: pre !important; visibility: visible !important; opacity: 1 !important; }
        input, button, label, h2, ul, li, p, div, nav { display: inline !important; width: 10px !important;
            height: 10px !important; all: unset !important; }
      `);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, hostile];
    });
    const after = await styles();
    // The font family follows the host's font by design (theming: --mw-font), and sizes follow
    // the room the host gives; nothing else may move.
    assert.deepEqual(after, before);

    // And the widget's own CSS stays in its shadow root: remove the hostile sheet, then the
    // widget, and the host page looks as it did with the widget on it.
    await page.evaluate(() => {
      document.adoptedStyleSheets = [];
      document.querySelector('mentoring-widget').remove();
    });
    assert.deepEqual(await hostStyles(), hostWith);
    await context.close();
  });

  it('comes compressed on a first visit: the module, wasm and stylesheet cross the network as brotli or gzip', async () => {
    const context = await demo.browser.newContext();
    // The page's own requests, first of each file (the service worker fetches them again).
    const sent = new Map();
    context.on('response', (response) => {
      const file = /\/pkg\/(mentoring-widget[^/]*\.(?:js|wasm|css))$/.exec(new URL(response.url()).pathname)?.[1];
      if (file && !response.request().serviceWorker() && !sent.has(file)) sent.set(file, response);
    });
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    const pkg = join(process.env.PORTAL_ROOT ?? process.cwd(), 'pkg');
    const lines = [];
    let transferred = 0;
    let raw = 0;
    for (const file of ['mentoring-widget.js', 'mentoring-widget.wasm', 'mentoring-widget.css']) {
      const response = sent.get(file);
      assert.ok(response, `the page downloaded ${file}: ${[...sent.keys()].join(', ')}`);
      const encoding = (await response.allHeaders())['content-encoding'];
      const { responseBodySize } = await response.request().sizes();
      const size = statSync(join(pkg, file)).size;
      assert.ok(['br', 'gzip'].includes(encoding), `${file} came as ${encoding ?? 'it is'}, not compressed`);
      // Brotli sends about 28 % of the wasm, gzip about 38 %: the whole file would be 100 %.
      assert.ok(responseBodySize < size / 2, `${file}: ${responseBodySize} bytes sent for ${size}`);
      lines.push(`${file} ${(responseBodySize / 1024).toFixed(1)} KiB ${encoding}`);
      transferred += responseBodySize;
      raw += size;
    }
    console.log(`first visit, the widget's files: ${(transferred / 1024).toFixed(1)} KiB sent for ${(raw / 1024).toFixed(1)} KiB (${lines.join(', ')})`);
    await context.close();
  });

  it('says it is loading while its wasm is slow to come, in the page\'s language, and not once ready', async () => {
    for (const [lang, text] of [['en', 'Loading the mentoring widget…'], ['ar', 'جارٍ تحميل أداة الإرشاد…']]) {
      const context = await demo.browser.newContext();
      // A phone's first visit: the wasm takes seconds to arrive.
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await context.route('**/pkg/mentoring-widget.wasm', async (route) => {
        await held;
        await route.continue();
      });
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__widgetReady = new Promise((resolve) => document.addEventListener('ready', resolve, { once: true }));
      });
      await page.goto(`${demo.portal.url}/?as=amira${lang === 'ar' ? '&lang=ar' : ''}`);
      const loading = widget(page).getByRole('status').filter({ hasText: text });
      await loading.waitFor();
      assert.equal(await loading.getAttribute('lang'), lang === 'ar' ? 'ar' : null);
      assert.equal(await widget(page).locator('.mw[aria-busy="true"]').count(), 1);
      release();
      await page.evaluate(() => window.__widgetReady);
      assert.equal(await loading.count(), 0, 'the loading line goes once the widget is drawn');
      assert.equal(await widget(page).locator('[aria-busy="true"]').count(), 0);
      await context.close();
    }
  });

  it('runs two instances on one page, each working on its own', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    await page.evaluate(() => {
      const first = document.querySelector('mentoring-widget');
      const second = document.createElement('mentoring-widget');
      for (const { name, value } of first.attributes) second.setAttribute(name, value);
      second.id = 'second-widget';
      window.__secondReady = new Promise((resolve) => second.addEventListener('ready', resolve, { once: true }));
      first.after(second);
    });
    await page.evaluate(() => window.__secondReady);
    const first = page.locator('mentoring-widget').first();
    const second = page.locator('#second-widget');
    await second.getByRole('status').getByText('All changes synced').waitFor();

    // Navigating one does not move the other.
    await second.getByRole('button', { name: 'My relationships', exact: true }).click();
    await second.getByRole('button', { name: 'Open Coaching with Sofia Marques' }).waitFor();
    assert.equal(await first.getByLabel('Title').count(), 1, 'the first stays on My goals');

    // A goal added in one reaches the other (they share the device's store).
    await first.getByLabel('Title').fill('Shared between instances');
    await first.getByRole('button', { name: 'Add goal' }).click();
    await first.getByText('Shared between instances', { exact: true }).waitFor();
    await second.getByRole('button', { name: 'My goals', exact: true }).click();
    await second.getByText('Shared between instances', { exact: true }).waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('leaves no listeners, nodes or memory behind over 50 mount/unmount cycles', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    const cdp = await context.newCDPSession(page);
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const counters = await cdp.send('Memory.getDOMCounters');
      const heap = await cdp.send('Runtime.getHeapUsage');
      return { listeners: counters.jsEventListeners, nodes: counters.nodes, heap: heap.usedSize };
    };
    const cycle = (count) =>
      page.evaluate(async (count) => {
        for (let n = 0; n < count; n += 1) {
          const old = document.querySelector('mentoring-widget');
          const parent = old.parentElement;
          const fresh = old.cloneNode(false);
          old.remove();
          const ready = new Promise((resolve) => fresh.addEventListener('ready', resolve, { once: true }));
          parent.append(fresh);
          await ready;
        }
      }, count);
    await cycle(5);
    const warm = await measure();
    await cycle(50);
    const done = await measure();
    console.log(`50 cycles: listeners ${warm.listeners} → ${done.listeners}, DOM nodes ${warm.nodes} → ${done.nodes}, JS heap ${(warm.heap / 1e6).toFixed(2)} → ${(done.heap / 1e6).toFixed(2)} MB`);
    // A leak of one instance per cycle shows as +50 or more; a sync or timer under way at the
    // moment of measuring accounts for a handful.
    assert.ok(done.listeners <= warm.listeners + 10, `event listeners grew: ${warm.listeners} → ${done.listeners}`);
    assert.ok(done.nodes <= warm.nodes + 50, `DOM nodes grew: ${warm.nodes} → ${done.nodes}`);
    assert.ok(done.heap - warm.heap < 2e6, `JS heap grew by ${((done.heap - warm.heap) / 1e6).toFixed(2)} MB`);
    await waitReady(page);
    await context.close();
  });

  it('has the browser ask before the page closes while a form holds unsaved text, and only then', async () => {
    const context = await demo.browser.newContext();
    /** Closes `page` as a person closing the tab would: what dialog the browser showed, if any. */
    const closing = async (page) => {
      let asked = null;
      page.on('dialog', async (dialog) => {
        asked = dialog.type();
        await dialog.accept();
      });
      const closed = new Promise((resolve) => page.once('close', resolve));
      await page.close({ runBeforeUnload: true });
      await closed;
      return asked;
    };
    // The widget marks its box while a form holds unsaved text: closing is tried once the mark
    // says the listener is on the page, and once no sync is running, since a page too busy to
    // answer the browser's question in time is closed without it.
    const unsavedMarked = async (page) => {
      await widget(page).locator('.mw[data-unsaved]').waitFor({ state: 'attached' });
      await synced(page);
    };
    const learningLog = async () => {
      const page = await openAs(context, demo.portal.url, 'amira');
      await synced(page);
      await press(page, 'My relationships');
      await press(page, 'Open Coaching with Sofia Marques');
      await press(page, 'Write in the learning log');
      return page;
    };
    // Clicked into (the browser asks only on a page someone used), nothing typed: no question.
    let page = await learningLog();
    await widget(page).getByLabel('What I learned').click();
    assert.equal(await closing(page), null, 'asked with nothing typed');
    page = await learningLog();
    await widget(page).getByLabel('What I learned').fill('Budgets are read from the bottom line up');
    await unsavedMarked(page);
    assert.equal(await closing(page), 'beforeunload', 'a learning entry being typed');
    // A session's notes being typed.
    page = await learningLog();
    await press(page, 'Back to the relationship');
    await press(page, 'Log a session');
    await widget(page).getByLabel('Reality', { exact: true }).fill('Procurement is slow');
    await unsavedMarked(page);
    assert.equal(await closing(page), 'beforeunload', "a session's Reality being typed");
    // Added, the entry is kept: nothing left to ask about.
    page = await learningLog();
    await widget(page).getByLabel('What I learned').fill('Ask for the decision date first');
    await press(page, 'Add to learning log');
    await widget(page).getByText('Added to the learning log.', { exact: true }).waitFor();
    assert.equal(await closing(page), null, 'asked after the entry was added');
    // Unmounted with text typed, the widget leaves no listener behind to ask.
    page = await learningLog();
    await widget(page).getByLabel('What I learned').fill('Not kept');
    await page.evaluate(() => document.querySelector('mentoring-widget').remove());
    assert.equal(await closing(page), null, 'asked after the widget was removed');
    await context.close();
  });

  it('adds a goal and gives feedback by keyboard alone, with focus always visible', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    const focusedIn = (locator) => locator.evaluate((el) => el.getRootNode().activeElement === el);
    const focusVisible = () =>
      page.evaluate(() => {
        const el = document.querySelector('mentoring-widget').shadowRoot.activeElement;
        if (!el) return 'nothing focused';
        const s = getComputedStyle(el);
        const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        return ring ? 'visible' : `no focus ring on ${el.tagName.toLowerCase()}`;
      });
    /** Presses Tab until `locator` has the focus, checking the focus ring on the way. */
    const tabTo = async (locator, what) => {
      for (let n = 0; n < 80; n += 1) {
        await page.keyboard.press('Tab');
        if (await focusedIn(locator)) {
          assert.equal(await focusVisible(), 'visible', `focus ring on ${what}`);
          return;
        }
      }
      throw new Error(`${what} cannot be reached with Tab`);
    };
    const w = widget(page);

    await tabTo(w.getByLabel('Title'), 'the goal title');
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await w.getByText('Typed without a mouse', { exact: true }).waitFor();

    await tabTo(w.getByRole('button', { name: 'My relationships', exact: true }), 'My relationships');
    await page.keyboard.press('Enter');
    await tabTo(w.getByRole('button', { name: 'Open Mentoring with James Whitfield' }), 'the mentoring relationship');
    await page.keyboard.press('Enter');
    await tabTo(w.getByRole('button', { name: 'Give feedback', exact: true }), 'Give feedback');
    await page.keyboard.press('Enter');
    await tabTo(w.getByLabel('Strength 1', { exact: true }), 'the first strength');
    await page.keyboard.type('Opens doors for me with clients');
    await tabTo(w.getByLabel('Example for strength 1', { exact: true }), 'its example');
    await page.keyboard.type('Introduced me to the Dubai retail team');
    await tabTo(w.getByLabel('Development area 1', { exact: true }), 'the first development area');
    await page.keyboard.type('Sessions overrun');
    await tabTo(w.getByLabel('Example for development area 1', { exact: true }), 'its example');
    await page.keyboard.type('Our last two sessions ran 30 minutes over');
    await tabTo(w.getByRole('button', { name: 'Save feedback', exact: true }), 'Save feedback');
    await page.keyboard.press('Enter');
    // Saved, the form closes on the feedback as the relationship's page lists it, and the
    // keyboard goes with it rather than to the host page.
    await w.locator('.mw-card:focus').getByText('Opens doors for me with clients').waitFor();
    await context.close();
  });
});

/** Contrast ratio of two computed colours (`rgb(…)`/`rgba(…)`, alpha ignored). */
/** The rating's choices (each a label around its radio) smaller than 44×44 px. */
function smallRatingChoices(page) {
  return page.evaluate(() => {
    const root = document.querySelector('mentoring-widget').shadowRoot;
    return [...root.querySelectorAll('.mw-rating-option')]
      .filter((el) => el.checkVisibility())
      .map((el) => [el.textContent.trim(), el.getBoundingClientRect()])
      .filter(([, box]) => box.width < 43.5 || box.height < 43.5)
      .map(([text, box]) => `rating choice "${text}" ${Math.round(box.width)}×${Math.round(box.height)} px`);
  });
}

function contrast(a, b) {
  const luminance = (css) => {
    const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Injects a stylesheet into the widget's shadow root (a constructed one: the CSP allows it). */
const injectStyles = (page, css) =>
  page.evaluate((css) => {
    const root = document.querySelector('mentoring-widget').shadowRoot;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }, css);

/**
 * Text of the widget drawn outside a box around it: each line of text, against every rounded
 * ancestor (its corners as the browser draws them, radii scaled down to fit) and its parent.
 */
const textOutsideBoxes = (page, selector = '.mw-panel') =>
  page.evaluate((selector) => {
    const root = document.querySelector('mentoring-widget').shadowRoot;
    const radius = (s, corner) => parseFloat(s.getPropertyValue(`border-${corner}-radius`)) || 0;
    const inside = (el, x, y) => {
      const b = el.getBoundingClientRect();
      if (x < b.left - 0.5 || x > b.right + 0.5 || y < b.top - 0.5 || y > b.bottom + 0.5) return false;
      const s = getComputedStyle(el);
      const [tl, tr, br, bl] = ['top-left', 'top-right', 'bottom-right', 'bottom-left'].map((c) => radius(s, c));
      const f = Math.min(1, b.width / (tl + tr || 1), b.width / (bl + br || 1), b.height / (tl + bl || 1), b.height / (tr + br || 1));
      const corners = [
        [tl * f, b.left + tl * f, b.top + tl * f, x < b.left + tl * f && y < b.top + tl * f],
        [tr * f, b.right - tr * f, b.top + tr * f, x > b.right - tr * f && y < b.top + tr * f],
        [br * f, b.right - br * f, b.bottom - br * f, x > b.right - br * f && y > b.bottom - br * f],
        [bl * f, b.left + bl * f, b.bottom - bl * f, x < b.left + bl * f && y > b.bottom - bl * f],
      ];
      return corners.every(([r, cx, cy, inCorner]) => !inCorner || Math.hypot(x - cx, y - cy) <= r + 0.5);
    };
    const problems = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.textContent.trim() || !parent.closest(selector) || !parent.checkVisibility()) continue;
      // Read out, never seen (a clipped one-pixel box): nothing of it is drawn.
      if (getComputedStyle(parent).clipPath === 'inset(50%)') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const boxes = [];
      for (let el = parent; el && el !== root.host; el = el.parentElement ?? el.getRootNode().host) {
        if (el === parent || parseFloat(getComputedStyle(el).borderTopLeftRadius) > 0 || parseFloat(getComputedStyle(el).borderBottomRightRadius) > 0) boxes.push(el);
        if (el.matches(selector)) break;
      }
      for (const line of range.getClientRects()) {
        if (line.width < 1) continue;
        // The text's own box, inset by half a pixel: glyphs' side bearings reach its edge.
        const points = [[line.left + 1, line.top + 1], [line.right - 1, line.top + 1], [line.left + 1, line.bottom - 1], [line.right - 1, line.bottom - 1]];
        for (const box of boxes) {
          if (points.some(([x, y]) => !inside(box, x, y))) {
            problems.push(`"${node.textContent.trim().slice(0, 30)}" outside ${box.tagName.toLowerCase()}.${box.className}`);
          }
        }
      }
    }
    return problems;
  }, selector);

describe('the widget under the person\'s and the host\'s settings', () => {
  const demo = demoSuite();

  it('keeps every control focused by Tab clear of the status line while the portal fails, at 360×640 and 320×256', async () => {
    for (const viewport of [{ width: 360, height: 640 }, { width: 320, height: 256 }]) {
      const context = await demo.browser.newContext({ viewport });
      const page = await openAs(context, demo.portal.url, 'amira');
      await synced(page);
      await context.route('**/api/mentoring/v1/**', (route) => route.fulfill({ status: 500, body: '{}' }));
      await widget(page).getByLabel('Title').fill('Kept while the portal fails');
      await press(page, 'Add goal');
      await widget(page).locator('.mw-retry').waitFor();
      await widget(page).getByRole('button', { name: 'My goals', exact: true }).focus();
      const covered = [];
      let seen = 0;
      for (let n = 0; n < 150; n += 1) {
        await page.keyboard.press('Tab');
        const check = await page.evaluate(() => {
          const root = document.querySelector('mentoring-widget').shadowRoot;
          const el = root.activeElement;
          if (!el) return null;
          const bar = root.querySelector('.mw-status-bar');
          if (bar.contains(el)) return { covered: false };
          const a = el.getBoundingClientRect();
          const b = bar.getBoundingClientRect();
          const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5 && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5;
          return { covered: overlap, what: `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 30)}"` };
        });
        if (!check) break;
        seen += 1;
        if (check.covered) covered.push(check.what);
      }
      assert.ok(seen > 10, `Tab went through the widget's controls (${seen})`);
      assert.deepEqual(covered, [], `${viewport.width}×${viewport.height}: focused behind the status line`);
      await context.close();
    }
  });

  it('takes odd theme values (a 999-px radius, a dark accent, a wide font): text stays in its boxes, dark mode keeps contrast, in English and Arabic', async () => {
    let accentsSeen = 0;
    for (const lang of [undefined, 'ar']) {
      const context = await demo.browser.newContext({ viewport: { width: 360, height: 640 }, colorScheme: 'dark' });
      const page = await openAs(context, demo.portal.url, 'amira', lang);
      // Her goals arrive with the first sync (the status line is in the page's language).
      await widget(page).locator('.mw-goal').first().waitFor();
      await page.evaluate(() => {
        const style = document.querySelector('mentoring-widget').style;
        style.setProperty('--mw-radius', '999px');
        style.setProperty('--mw-accent', '#0b1d3a');
        style.setProperty('--mw-font', '"DejaVu Sans Mono", monospace');
      });
      const problems = [];
      const screens = [
        ['my goals', async () => {}],
        ['relationships', () => widget(page).locator('button.mw-tab').nth(1).click()],
        ['a relationship', () => widget(page).locator('.mw-card button').first().click()],
      ];
      for (const [name, open] of screens) {
        await open();
        await widget(page).locator('#mw-heading').waitFor();
        await page.waitForTimeout(200);
        for (const outside of await textOutsideBoxes(page)) problems.push(`${lang ?? 'en'} ${name}: ${outside}`);
        for (const violation of await axeViolations(page)) problems.push(`${lang ?? 'en'} ${name}: ${violation}`);
        // A primary button's edge (its fill, or failing that its border) stands 3:1 against the panel.
        const faint = await page.evaluate(() => {
          const root = document.querySelector('mentoring-widget').shadowRoot;
          const panel = getComputedStyle(root.querySelector('.mw-panel')).backgroundColor;
          return [...root.querySelectorAll('button:not(.mw-secondary, .mw-tab, .mw-step)')]
            .filter((el) => el.checkVisibility())
            .map((el) => {
              const s = getComputedStyle(el);
              const border = parseFloat(s.borderTopWidth) > 0 && !s.borderTopColor.startsWith('rgba(0, 0, 0, 0)') ? s.borderTopColor : null;
              return { text: el.textContent.trim(), panel, background: s.backgroundColor, border };
            });
        });
        for (const { text, panel, background, border } of faint) {
          const edge = Math.max(contrast(background, panel), border ? contrast(border, panel) : 1);
          if (edge < 3) problems.push(`${lang ?? 'en'} ${name}: button "${text}" ${edge.toFixed(2)}:1 against the panel`);
        }
        // A radio's, a checkbox's or a slider's colour (its fill and thumb) likewise.
        const accents = await page.evaluate(() => {
          const root = document.querySelector('mentoring-widget').shadowRoot;
          const panel = getComputedStyle(root.querySelector('.mw-panel')).backgroundColor;
          return [...root.querySelectorAll("input:is([type='radio'], [type='checkbox'], [type='range'])")]
            .filter((el) => el.checkVisibility())
            .map((el) => ({ label: el.getAttribute('aria-label') ?? el.id ?? el.type, panel, accent: getComputedStyle(el).accentColor }));
        });
        accentsSeen += accents.length;
        for (const { label, panel, accent } of accents) {
          const ratio = accent.startsWith('rgb') ? contrast(accent, panel) : 0;
          if (ratio < 3) problems.push(`${lang ?? 'en'} ${name}: "${label}" drawn in ${accent}, ${ratio.toFixed(2)}:1 against the panel`);
        }
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
    assert.ok(accentsSeen > 0, 'the screens have sliders (My goals) to check');
  });

  it('marks the current tab, the current SMART step, primary buttons and the progress fill in forced colours', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    await widget(page).getByRole('button', { name: 'Edit' }).first().click();
    await widget(page).locator('.mw-bar-fill').waitFor();
    await page.emulateMedia({ forcedColors: 'active' });
    const seen = await page.evaluate(() => {
      const root = document.querySelector('mentoring-widget').shadowRoot;
      const style = (el) => getComputedStyle(el);
      const split = (selector, current) => {
        const all = [...root.querySelectorAll(selector)].filter((el) => el.checkVisibility());
        return [all.filter((el) => el.matches(current)), all.filter((el) => !el.matches(current))];
      };
      const [tab, tabs] = split('button.mw-tab', "[aria-current='page']");
      const [step, steps] = split('button.mw-step', "[aria-current='step']");
      const primary = [...root.querySelectorAll('button:not(.mw-secondary, .mw-tab, .mw-step)')].filter((el) => el.checkVisibility());
      const bar = root.querySelector('.mw-bar');
      const fill = root.querySelector('.mw-bar-fill');
      return {
        counts: [tab.length, tabs.length, step.length, steps.length, primary.length],
        tab: tab.map((el) => style(el).borderBottomColor),
        tabs: tabs.map((el) => style(el).borderBottomColor),
        step: step.map((el) => style(el).backgroundColor),
        steps: steps.map((el) => style(el).backgroundColor),
        unbordered: primary
          .filter((el) => !(parseFloat(style(el).borderTopWidth) >= 1 && style(el).borderTopStyle !== 'none'))
          .map((el) => el.textContent.trim()),
        fill: [style(fill).backgroundColor, style(bar).backgroundColor, fill.getBoundingClientRect().width],
      };
    });
    assert.ok(seen.counts.every((n) => n > 0), `tabs, steps and primary buttons on the goal editor: ${seen.counts}`);
    for (const other of seen.tabs) assert.notEqual(seen.tab[0], other, 'the current tab\'s underline differs from the others\'');
    for (const other of seen.steps) assert.notEqual(seen.step[0], other, 'the current step\'s fill differs from the others\'');
    assert.deepEqual(seen.unbordered, [], 'primary buttons without a border');
    const [fill, track, width] = seen.fill;
    assert.ok(width > 0, 'the goal has some progress');
    assert.notEqual(fill, track, 'the progress fill differs from its track');
    await context.close();
  });

  it('keeps the tabs\' and the rating\'s text inside their boxes with WCAG 1.4.12 text spacing at 320 px', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    await press(page, 'My relationships');
    await press(page, 'Open Mentoring with James Whitfield');
    await press(page, 'Give feedback');
    await widget(page).locator('.mw-rating').first().waitFor();
    await injectStyles(page, `
      * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
      p { margin-bottom: 2em !important; }
    `);
    const problems = await page.evaluate(() => {
      const root = document.querySelector('mentoring-widget').shadowRoot;
      const out = [];
      const within = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
      for (const control of root.querySelectorAll('.mw-nav, .mw-rating')) {
        for (const el of [control, ...control.querySelectorAll('*')]) {
          if (!el.checkVisibility()) continue;
          const box = el.getBoundingClientRect();
          const parent = el.parentElement.getBoundingClientRect();
          if (!within(box, parent)) out.push(`${el.tagName.toLowerCase()}.${el.className} sticks out of its parent`);
          for (const node of el.childNodes) {
            if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const line of range.getClientRects()) {
              if (!within(line, box)) out.push(`"${node.textContent.trim()}" overflows ${el.tagName.toLowerCase()}.${el.className}`);
            }
          }
        }
      }
      return out;
    });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows a session\'s whole date and time at 320 px, wrapping it rather than hiding its end under the calendar icon', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    await press(page, 'My relationships');
    await press(page, 'Open Coaching with Sofia Marques');
    await press(page, 'Log a session');
    const when = widget(page).locator('input[type=datetime-local]').first();
    await when.fill('2026-12-01T10:30');
    const { need, width, height, single } = await when.evaluate((el) => {
      // The width its date and time need on one line: the same field, sized by its content.
      const probe = el.cloneNode();
      probe.style.fieldSizing = 'content';
      probe.style.width = 'auto';
      probe.style.position = 'absolute';
      el.after(probe);
      const need = probe.getBoundingClientRect().width;
      probe.remove();
      const box = el.getBoundingClientRect();
      return { need, width: box.width, height: box.height, single: parseFloat(getComputedStyle(el).minHeight) };
    });
    assert.ok(width >= need || height > single + 4, `the field is ${width} px wide for ${need} px of text, on one line`);
    await context.close();
  });
});
