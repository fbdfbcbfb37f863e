// Matching over the demo: a mentee asks a suggested mentor once; as hr-admin, run matching for the mentoring programme, pin one pair,
// forbid another, run again, publish. The pinned pair is kept, the forbidden one absent, and
// the published relationships reach the portal and the people paired. Also: a progress bar
// shows while a run works, and the page stays responsive (long tasks measured and reported).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  demoSuite,
  openAs,
  waitOutboxEmpty,
  widget,
} from './harness.mjs';

// A long task is one over 50 ms. On a loaded shared 2-core machine a single task (a garbage
// collection, a large render) can exceed that for reasons other than the run's slices, so
// the assertion is generous and the measured figure is printed.
const LONGEST_TASK_BOUND_MS = 250;

/** Starts recording, inside the page, long tasks and whether the run's progress bar showed. */
async function watchRun(page) {
  await page.evaluate(() => {
    const root = document.querySelector('mentoring-widget').shadowRoot;
    window.__longTasks = [];
    window.__progressSeen = 0;
    window.__longTaskObserver?.disconnect();
    window.__longTaskObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    });
    window.__longTaskObserver.observe({ type: 'longtask' });
    window.__progressObserver?.disconnect();
    window.__progressObserver = new MutationObserver(() => {
      if (root.querySelector('[role="progressbar"][aria-label="Matching progress"]')) window.__progressSeen++;
    });
    window.__progressObserver.observe(root, { childList: true, subtree: true, attributes: true });
  });
}

async function runResult(page) {
  return page.evaluate(() => ({ longTasks: window.__longTasks, progressSeen: window.__progressSeen }));
}

/** The titles of the proposed pairs ("Mentor: … · Mentee: …"), and which are pinned. */
async function pairs(page) {
  return page.evaluate(() =>
    [...document.querySelector('mentoring-widget').shadowRoot.querySelectorAll('.mw-pair .mw-card-title')].map(
      (h) => {
        const badge = h.querySelector('.mw-badge');
        return { title: h.firstChild.textContent.trim(), pinned: Boolean(badge) };
      },
    ),
  );
}

/** A pair's title as [mentee, mentor]. */
const sides = (title) => title.replace(/^(Mentor|Coach): /, '').split(/ · (?:Mentee|Coachee): /).reverse();

async function waitRunDone(page) {
  await widget(page).getByRole('button', { name: 'Run again' }).and(widget(page).locator(':not([aria-disabled="true"])')).waitFor();
}

describe('matching over the demo programme', () => {
  const demo = demoSuite();

  it('lets a mentee ask a suggested mentor once, with a clear confirmation', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'tom');
    await widget(page).getByRole('status').getByText('All changes synced').waitFor();
    await widget(page).getByRole('navigation').getByRole('button', { name: 'Find a mentor or coach' }).click();
    await widget(page).getByLabel('Programme').selectOption({ label: 'Leadership mentoring 2026–27' });
    const asks = widget(page).getByRole('button', { name: /^Ask to be mentored by / });
    await asks.first().waitFor();
    const count = await asks.count();
    assert.ok(count >= 1 && count <= 5, `one to five suggestions, got ${count}`);
    // The mentee reads their own explanation: rank and reasons, addressed to them.
    await widget(page).getByText(/^Rank 1 of the \d+ mentor/).waitFor();
    const name = (await asks.first().getAttribute('aria-label')).replace(/^Ask to be mentored by /, '');
    await asks.first().click();
    // Asked first, saying who is asked and who starts the pairing.
    await widget(page).getByText(`Ask ${name} to mentor you? ${name} is told of your request, and the programme's admins start the pairing`, { exact: false }).waitFor();
    await widget(page).getByRole('button', { name: 'Yes, send the request' }).click();
    await widget(page).getByText(`Request sent to ${name}.`, { exact: false }).waitFor();
    // No second request: the screen now says the request waits instead of offering more.
    await widget(page).getByText(`You have asked ${name} in this programme and wait for the answer`, { exact: false }).waitFor();
    assert.equal(await asks.count(), 0);
    await waitOutboxEmpty(page);
    await widget(page).getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
    await widget(page).getByRole('listitem').filter({ hasText: `Mentoring with ${name}` }).getByText('Proposed').waitFor();

    await context.close();
  });

  it('runs, pins, forbids, runs again and publishes proposed relationships the pair then sees', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'hr-admin');
    await widget(page).getByRole('status').getByText('All changes synced').waitFor();
    const nav = widget(page).getByRole('navigation');
    await nav.getByRole('button', { name: 'Matching' }).click();
    await widget(page).getByLabel('Programme').selectOption({ label: 'Leadership mentoring 2026–27' });
    await widget(page).getByLabel(/^Skills/).waitFor();

    await watchRun(page);
    await widget(page).getByRole('button', { name: 'Run matching' }).click();
    await waitRunDone(page);
    const first = await runResult(page);
    const before = await pairs(page);
    assert.ok(before.length >= 2, `at least two pairs proposed, got ${JSON.stringify(before)}`);
    assert.ok(first.progressSeen > 0, 'the progress bar showed while the run worked');
    // Amira and Priya already have mentors in this programme, and Tom asked for one (the test
    // before): they are left out of the run.
    for (const name of ['Amira Haddad', 'Priya Nair', 'Tom Ashworth']) {
      assert.ok(!before.some((p) => sides(p.title)[0] === name), `${name} is left out`);
    }
    await widget(page).getByText(/already paired and left out/).waitFor();
    // Each pair is explained: its score, the mentor's rank, a line per criterion.
    const card = widget(page).locator('.mw-pair').first();
    // Numbers come grouped the en-GB way ("… 1,250 of 2,400, …").
    await card.getByText(/^\d+% of the highest score possible here: \d{1,3}(,\d{3})* of \d{1,3}(,\d{3})*, the sum/).waitFor();
    await card.getByText(/^Rank \d+ of the \d+ mentor/).waitFor();
    await card.getByText(/^Skills: /).waitFor();
    await card.getByText(/^Opt-in preferences: private to the mentee/).waitFor();

    const pinned = before[before.length - 1].title;
    const forbidden = before[0].title;
    await widget(page).getByRole('button', { name: `Pin ${pinned}` }).click();
    await widget(page).getByRole('button', { name: `Unpin ${pinned}` }).waitFor();
    await widget(page).getByRole('button', { name: `Forbid ${forbidden}` }).click();
    await widget(page).getByText('Forbidden pairs (1 pair)').waitFor();

    await watchRun(page);
    await widget(page).getByRole('button', { name: 'Run again' }).click();
    await page.waitForFunction(() => window.__progressSeen > 0);
    await waitRunDone(page);
    const second = await runResult(page);
    const after = await pairs(page);
    assert.ok(
      after.some((p) => p.title === pinned && p.pinned),
      `the pinned pair ${pinned} is kept, marked pinned: ${JSON.stringify(after)}`,
    );
    assert.ok(!after.some((p) => p.title === forbidden), `the forbidden pair ${forbidden} is absent`);
    assert.equal(after.filter((p) => p.pinned).length, 1);

    const longTasks = [...first.longTasks, ...second.longTasks];
    const longest = Math.max(0, ...longTasks);
    console.log(
      `matching in the page (30-person demo directory): ${longTasks.length} long task(s) during two runs, longest ${longest.toFixed(0)} ms`,
    );
    assert.ok(longest <= LONGEST_TASK_BOUND_MS, `no main-thread task near ${LONGEST_TASK_BOUND_MS} ms: ${longTasks}`);

    const published = after.length;
    const proposed = `${published} proposed relationship${published === 1 ? '' : 's'}`;
    await widget(page).getByRole('button', { name: `Publish ${proposed}` }).click();
    await widget(page).getByRole('button', { name: 'Yes, publish' }).click();
    await widget(page).getByText(`${proposed} created`, { exact: false }).waitFor();
    await waitOutboxEmpty(page);

    // The portal holds them: the paired mentee sees the proposal after sync.
    const directory = await page.evaluate(async () => (await fetch('/api/mentoring/v1/directory')).json());
    const idOf = (name) => directory.people.find((p) => p.name === name).id;
    const [menteeName, mentorName] = sides(pinned);
    const menteeContext = await demo.browser.newContext();
    const mentee = await openAs(menteeContext, demo.portal.url, idOf(menteeName));
    await widget(mentee).getByRole('status').getByText('All changes synced').waitFor();
    await widget(mentee).getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
    const proposal = widget(mentee).getByRole('listitem').filter({ hasText: `Mentoring with ${mentorName}` });
    await proposal.getByText('Proposed').waitFor();
    // Running again leaves everyone just published out: nobody is paired twice.
    await widget(page).getByRole('button', { name: 'Run matching' }).click();
    await waitRunDone(page);
    const again = await pairs(page);
    assert.ok(!again.some((p) => after.some((q) => sides(q.title)[0] === sides(p.title)[0])));
    await menteeContext.close();
    await context.close();
  });

  it('shows the matching screen to programme admins only', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'james');
    await widget(page).getByRole('status').getByText('All changes synced').waitFor();
    const nav = widget(page).getByRole('navigation');
    await nav.getByRole('button', { name: 'Find a mentor or coach' }).waitFor();
    assert.equal(await nav.getByRole('button', { name: 'Matching' }).count(), 0);
    await context.close();
  });
});
