// How the widget behaves as a guest on someone else's page: every screen at phone and desktop
// widths (no horizontal scroll, no accessibility violations, screenshots kept), hostile host
// CSS, two instances on one page, mount/unmount cycles without leaks, and keyboard-only use.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
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
        // A phone's layout hides some text from sight: what it hides must still name controls.
        for (const violation of await axeViolations(page)) problems.push(`${screen.name} (light, ${width} px): ${violation}`);
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
    assert.equal(await closing(page), 'beforeunload', 'a learning entry being typed');
    // A session's notes being typed.
    page = await learningLog();
    await press(page, 'Back to the relationship');
    await press(page, 'Log a session');
    await widget(page).getByLabel('Reality', { exact: true }).fill('Procurement is slow');
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
