// Measures start → ready with the CPU throttled 4× (a mid-range phone), and opening with
// 20,000 ops in IndexedDB; writes the figures to test-results/timing.json and
// test-results/timing-20k.json. A measurement, not a pass/fail threshold: targets live in
// docs/performance.md.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openAs, startPortal, waitOutboxEmpty } from './harness.mjs';

describe('time to interactive', () => {
  let portal;
  let browser;
  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('measures script start → ready with the CPU throttled 4×', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${portal.url}/?as=amira`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const runs = [];
    for (let run = 0; run < 5; run++) {
      await page.addInitScript(() => {
        window.__readyAt = new Promise((resolve) =>
          document.addEventListener('ready', () => resolve(performance.now()), { once: true }),
        );
      });
      await page.reload();
      const timing = await page.evaluate(async () => {
        const readyAt = await window.__readyAt;
        const script = performance
          .getEntriesByType('resource')
          .find((entry) => entry.name.endsWith('/pkg/mentoring-widget.js'));
        return { readyAt, scriptStart: script ? script.startTime : 0 };
      });
      assert.ok(timing.readyAt > 0, 'the widget became ready');
      runs.push(Math.round(timing.readyAt - timing.scriptStart));
    }
    runs.sort((a, b) => a - b);
    const median = runs[Math.floor(runs.length / 2)];
    console.log(`time to ready, CPU 4x: median ${median} ms (runs: ${runs.join(', ')})`);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/timing.json', JSON.stringify({ cpuThrottle: 4, runsMs: runs, medianMs: median }, null, 2));
    await context.close();
  });

  it('measures opening with 20,000 ops in IndexedDB: to ready and to the goal list shown', async () => {
    const context = await browser.newContext();
    const page = await openAs(context, portal.url, 'ben');
    await waitOutboxEmpty(page);
    // 200 goals (15 fields each) and 17,000 later progress edits, each replacing the last
    // value of its goal's progress: a long-used account, written in js/store.js's layout.
    const stored = await page.evaluate(
      ({ goals, total }) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('mentoring-widget');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('ops', 'readwrite');
            const store = tx.objectStore('ops');
            const start = Date.now() - 30 * 86_400_000;
            let n = 0;
            // Rows are numbered on from ben's highest `seq`, as js/store.js's addOps does.
            let seq = 0;
            const put = (record, field, value, supersedes = []) => {
              n += 1;
              seq += 1;
              const op = {
                id: `seeded-${n}`, actor: 'ben', device: 'dev-seeded',
                hlc: `${start + n}-00000`, entity: 'goal', record, field, value, supersedes,
              };
              store.put({ owner: 'ben', id: op.id, op, seq });
              return op.id;
            };
            const highest = store
              .index('seq')
              .openCursor(IDBKeyRange.bound(['ben', -Infinity], ['ben', Infinity]), 'prev');
            highest.onsuccess = () => {
              seq = highest.result ? highest.result.value.seq : 0;
              seed();
            };
            const seed = () => {
              const lastProgress = [];
              for (let g = 1; g <= goals; g++) {
                const record = `goal-seeded-${g}`;
                const fields = {
                  owner: 'ben', relationship: null, title: `Seeded goal ${g}`, 'measure-what': null,
                  'measure-baseline': null, 'measure-target': null, 'measure-current': null, due: null,
                  objective: null, aspiration: '', status: 'on-track', history: [],
                  'created-at': start, 'updated-at': start,
                };
                for (const [field, value] of Object.entries(fields)) put(record, field, value);
                lastProgress.push(put(record, 'progress', 0));
              }
              for (let edit = 0; n < total; edit++) {
                const g = edit % goals;
                lastProgress[g] = put(`goal-seeded-${g + 1}`, 'progress', edit % 101, [lastProgress[g]]);
              }
            };
            tx.oncomplete = () => resolve({ n, seq });
            tx.onerror = () => reject(tx.error);
          };
        }),
      { goals: 200, total: 20_000 },
    );
    assert.equal(stored.n, 20_000);

    // The first opening after the 20,000 rows were stored reads all of them; the sync that
    // follows it keeps a snapshot of the replica, and later openings read the snapshot and
    // only the rows stored after it. That first opening is timed on its own.
    const readyAndList = async () => {
      const timing = await page.evaluate(async () => {
        const readyAt = await window.__readyAt;
        const root = document.querySelector('mentoring-widget').shadowRoot;
        // The list is shown when the last goal's row is in the document.
        for (;;) {
          if (root.textContent.includes('Seeded goal 200')) break;
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        const listAt = performance.now();
        const script = performance
          .getEntriesByType('resource')
          .find((entry) => entry.name.endsWith('/pkg/mentoring-widget.js'));
        return { readyAt, listAt, scriptStart: script ? script.startTime : 0 };
      });
      return {
        ready: Math.round(timing.readyAt - timing.scriptStart),
        list: Math.round(timing.listAt - timing.scriptStart),
      };
    };
    const markReady = () =>
      page.addInitScript(() => {
        window.__readyAt = new Promise((resolve) =>
          document.addEventListener('ready', () => resolve(performance.now()), { once: true }),
        );
      });
    await markReady();
    await page.reload();
    const withoutSnapshot = await readyAndList();
    for (;;) {
      const upTo = await page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const open = indexedDB.open('mentoring-widget');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('meta').objectStore('meta').get('snapshot:ben');
              get.onsuccess = () => {
                resolve(get.result?.upTo ?? 0);
                open.result.close();
              };
            };
          }),
      );
      if (upTo >= stored.seq) break;
      await page.waitForTimeout(100);
    }
    console.log(
      `20,000 ops, first opening (no snapshot covers them), CPU 1x: ready ${withoutSnapshot.ready} ms, ` +
        `goal list ${withoutSnapshot.list} ms`,
    );

    const cdp = await context.newCDPSession(page);
    const figures = { firstOpeningCpu1x: withoutSnapshot };
    for (const rate of [1, 4]) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      const runs = [];
      for (let run = 0; run < 5; run++) {
        await markReady();
        await page.reload();
        runs.push(await readyAndList());
      }
      const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[2];
      figures[`cpu${rate}x`] = { runs, readyMedianMs: median('ready'), listMedianMs: median('list') };
      console.log(
        `20,000 ops, CPU ${rate}x: ready median ${median('ready')} ms, goal list ${median('list')} ms ` +
          `(runs: ${runs.map((r) => `${r.ready}/${r.list}`).join(', ')})`,
      );
    }
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/timing-20k.json', JSON.stringify(figures, null, 2));
    await context.close();
  });
});
