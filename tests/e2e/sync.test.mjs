// Two devices of one person, the demo portal between them: what one saves reaches the other,
// including what was saved offline; each person sees only their part of the programme.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addGoal,
  axeViolations,
  demoSuite,
  deviceOpIds,
  goalItems as goal,
  metaOf,
  openAs,
  portalHead,
  portalOps,
  reloadReady,
  synced,
  waitOutboxEmpty,
  waitReady,
  widget,
} from './harness.mjs';

describe('sync through the demo portal', () => {
  const demo = demoSuite();

  it('brings the programme down on first open: milestones drive progress', async () => {
    const phone = await demo.browser.newContext();
    const page = await openAs(phone, demo.portal.url, 'amira');
    const gulf = goal(page, 'Win two new Gulf key accounts this quarter');
    await gulf.getByText('66%').waitFor();
    await synced(page);
    await phone.close();
  });

  it('carries a change from one device to another, also one made offline', async () => {
    const phone = await demo.browser.newContext();
    const laptop = await demo.browser.newContext();
    const onPhone = await openAs(phone, demo.portal.url, 'amira');
    await synced(onPhone);
    await addGoal(onPhone, 'Learn Gulf business etiquette');
    await waitOutboxEmpty(onPhone);

    const onLaptop = await openAs(laptop, demo.portal.url, 'amira');
    await goal(onLaptop, 'Learn Gulf business etiquette').waitFor();

    await laptop.setOffline(true);
    await addGoal(onLaptop, 'Written on the train');
    await widget(onLaptop).getByRole('status').getByText('Offline').waitFor();
    await laptop.setOffline(false);
    await onLaptop.evaluate(() => window.dispatchEvent(new Event('online')));
    await synced(onLaptop);

    await reloadReady(onPhone);
    await goal(onPhone, 'Written on the train').waitFor();
    await phone.close();
    await laptop.close();
  });

  it('on a shared device, never opens the last person\'s data for the next one while the portal is out of reach', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    await goal(page, 'Win two new Gulf key accounts this quarter').waitFor();
    // The next person's page is served, but the adapter cannot be reached.
    await context.route('**/api/mentoring/**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${demo.portal.url}/?as=james`);
    await waitReady(page);
    await widget(page).getByText('last used by someone else').waitFor();
    assert.equal(await widget(page).getByText('Win two new Gulf key accounts').count(), 0, 'Amira\'s goals stay closed');
    assert.equal(await widget(page).getByRole('button', { name: /Download my data/ }).count(), 0, 'nothing of hers to export');
    await context.unroute('**/api/mentoring/**');
    await context.close();
  });

  it('keeps each person to their own goals', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'james');
    await synced(page);
    assert.equal(await widget(page).getByText('Win two new Gulf key accounts').count(), 0, 'a mentee\'s goal is not in the mentor\'s own list');
    await context.close();
  });
});

describe('concurrent edits on two devices', () => {
  const demo = demoSuite();

  const board = (page) =>
    widget(page).getByRole('listitem').filter({ hasText: 'Present the Gulf budget to the board' });

  // Each step is its own save; the status line says "saved" once the last has been written,
  // so an empty outbox after it means everything was pushed.
  async function stepProgress(page, steps) {
    const slider = board(page).getByRole('slider', { name: 'Progress' });
    await slider.focus();
    for (let i = 0; i < steps; i++) await slider.press('ArrowRight');
    await widget(page).getByRole('status').getByText('Saved on this device.').waitFor();
  }

  // Steps the board goal's slider up until it shows `percent`, whatever one step is.
  async function stepTo(page, percent) {
    const slider = board(page).getByRole('slider', { name: 'Progress' });
    const shown = board(page).locator('.mw-goal-percent');
    await slider.focus();
    for (let i = 0; i < 100 && (await shown.textContent()) !== percent; i++) {
      await slider.press('ArrowRight');
    }
    assert.equal(await shown.textContent(), percent);
    await widget(page).getByRole('status').getByText('Saved on this device.').waitFor();
  }

  it('keeps the losing value visible and restorable, on both devices', async () => {
    const phone = await demo.browser.newContext();
    const laptop = await demo.browser.newContext();
    const onPhone = await openAs(phone, demo.portal.url, 'amira');
    const onLaptop = await openAs(laptop, demo.portal.url, 'amira');
    await synced(onPhone);
    await synced(onLaptop);

    await phone.setOffline(true);
    await stepTo(onPhone, '30%'); // from 20, offline
    await stepTo(onLaptop, '70%'); // from 20, online, later
    await waitOutboxEmpty(onLaptop);

    await phone.setOffline(false);
    await onPhone.evaluate(() => window.dispatchEvent(new Event('online')));
    await synced(onPhone);
    // The later write wins; the other is kept as a visible conflict, said the same way on
    // the device whose value lost and on the one whose value stayed.
    const note = 'Changed on two of your devices: the later change, “70%”, was kept; “30%” was not.';
    await board(onPhone).locator('.mw-goal-percent').getByText('70%').waitFor();
    await board(onPhone).getByText(note).waitFor();
    // The notice keeps its contrast in the dark scheme (its pale yellow is the light theme's).
    await onPhone.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(onPhone), [], 'the conflict notice, dark');
    await onPhone.emulateMedia({ colorScheme: 'light' });
    await reloadReady(onLaptop);
    await board(onLaptop).getByText(note).waitFor();
    await board(onLaptop).getByRole('button', { name: 'Keep “70%”' }).waitFor();

    await board(onPhone).getByRole('button', { name: 'Use “30%”' }).click();
    await board(onPhone).getByText('Changed on two of your devices').waitFor({ state: 'detached' });
    await waitOutboxEmpty(onPhone);
    await reloadReady(onLaptop);
    await board(onLaptop).locator('.mw-goal-percent').getByText('30%').waitFor();
    assert.equal(await board(onLaptop).getByText('Changed on two of your devices').count(), 0);
    await phone.close();
    await laptop.close();
  });

  it('merges 20 offline edits with a concurrent one: one state on both, the conflict shown, each op once on the portal', async () => {
    const phone = await demo.browser.newContext();
    const laptop = await demo.browser.newContext();
    const onPhone = await openAs(phone, demo.portal.url, 'amira');
    const onLaptop = await openAs(laptop, demo.portal.url, 'amira');
    await synced(onPhone);
    await synced(onLaptop);
    const before = await board(onPhone).locator('.mw-goal-percent').textContent();

    await phone.setOffline(true);
    await widget(onPhone).getByRole('status').getByText('Offline').waitFor();
    // The laptop changes the board goal's progress while the phone is offline.
    await stepProgress(onLaptop, 1);
    await waitOutboxEmpty(onLaptop);
    const laptopValue = await board(onLaptop).locator('.mw-goal-percent').textContent();
    assert.notEqual(laptopValue, before);
    // Twenty edits on the phone: ten new goals, ten steps of the same progress field.
    for (let n = 1; n <= 10; n++) await addGoal(onPhone, `Phone goal ${n}`);
    await stepProgress(onPhone, 10);

    await phone.setOffline(false);
    await onPhone.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitOutboxEmpty(onPhone);
    await synced(onPhone);
    await reloadReady(onLaptop);
    await synced(onLaptop);

    const kept = await board(onPhone).locator('.mw-goal-percent').textContent();
    const conflict = `Changed on two of your devices: the later change, “${kept}”, was kept; “${laptopValue}” was not.`;
    for (const page of [onPhone, onLaptop]) {
      await board(page).getByText(conflict).waitFor();
      for (let n = 1; n <= 10; n++) await goal(page, `Phone goal ${n}`).waitFor();
    }
    assert.equal(
      await board(onPhone).locator('.mw-goal-percent').textContent(),
      await board(onLaptop).locator('.mw-goal-percent').textContent(),
    );
    // The slider's Undo is offered on the device that moved it alone.
    const list = async (page) =>
      (await goal(page).allTextContents()).map((row) => row.replace(/Progress set to [^.]*\. Undo/, ''));
    assert.deepEqual(
      await list(onPhone),
      await list(onLaptop),
      'both devices show the same list',
    );

    const onPortal = (await portalOps(demo.portal.url, 'amira')).map((op) => op.id);
    assert.equal(new Set(onPortal).size, onPortal.length, 'the portal holds each op once');
    const phoneIds = await deviceOpIds(onPhone, 'amira');
    assert.deepEqual(await deviceOpIds(onLaptop, 'amira'), phoneIds, 'both devices hold the same ops');
    assert.deepEqual([...onPortal].sort(), phoneIds, 'and so does the portal');

    // The laptop, whose value lost, keeps the phone's: the note leaves both devices and the
    // value stays as it was.
    await board(onLaptop).getByRole('button', { name: `Keep “${kept}”` }).click();
    await board(onLaptop).getByText('Changed on two of your devices').waitFor({ state: 'detached' });
    await waitOutboxEmpty(onLaptop);
    await reloadReady(onPhone);
    await synced(onPhone);
    assert.equal(await board(onPhone).getByText('Changed on two of your devices').count(), 0);
    assert.equal(await board(onPhone).locator('.mw-goal-percent').textContent(), kept);
    await phone.close();
    await laptop.close();
  });
});

describe('a device that was offline, a crashing portal, two tabs', () => {
  const demo = demoSuite();

  it('loses nothing when the portal dies during a push, and stores each op once', async () => {
    // No service worker, so the test sees the widget's own requests.
    const context = await demo.browser.newContext({ serviceWorkers: 'block' });
    const page = await openAs(context, demo.portal.url, 'lena');
    await context.setOffline(true);
    for (let n = 1; n <= 20; n++) await addGoal(page, `Offline goal ${n}`);

    // The first push reaches the portal, which stores it and dies before the reply leaves:
    // the device never hears back, so the ops stay in its outbox.
    let pushesSeen = 0;
    let crashed;
    await page.route('**/api/mentoring/v1/ops', async (route) => {
      if (route.request().method() !== 'POST' || pushesSeen++ > 0) return route.continue();
      await route.fetch();
      crashed = demo.portal.crash();
      await crashed;
      await route.abort('connectionreset');
    });
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    while (!crashed) await new Promise((resolve) => setTimeout(resolve, 50));
    await crashed;
    // The browser is online: it is the portal that does not answer.
    await widget(page).getByRole('status').getByText('The portal cannot be reached just now').waitFor();

    await demo.portal.restart();
    await page.unroute('**/api/mentoring/v1/ops');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitOutboxEmpty(page, 30_000);

    const ops = await portalOps(demo.portal.url, 'lena');
    const ids = ops.map((op) => op.id);
    assert.equal(new Set(ids).size, ids.length, 'no op stored twice');
    assert.deepEqual([...ids].sort(), await deviceOpIds(page, 'lena'), 'every op of the device is on the portal');
    const titles = ops.filter((op) => op.field === 'title').map((op) => op.value);
    for (let n = 1; n <= 20; n++) assert.ok(titles.includes(`Offline goal ${n}`), `goal ${n} reached the portal`);
    await context.close();
  });

  it('lets two tabs of one device share what either saves, without duplicates', async () => {
    const context = await demo.browser.newContext();
    const first = await openAs(context, demo.portal.url, 'george');
    const second = await openAs(context, demo.portal.url, 'george');
    await addGoal(first, 'Saved in the first tab');
    await goal(second, 'Saved in the first tab').waitFor();
    await addGoal(second, 'Saved in the second tab');
    await goal(first, 'Saved in the second tab').waitFor();
    await waitOutboxEmpty(first);
    const ops = await portalOps(demo.portal.url, 'george');
    const ids = ops.map((op) => op.id);
    assert.equal(new Set(ids).size, ids.length, 'no op stored twice');
    const titles = ops.filter((op) => op.field === 'title').map((op) => op.value);
    assert.deepEqual(titles.sort(), ['Saved in the first tab', 'Saved in the second tab']);
    for (const tab of [first, second]) {
      assert.equal(await goal(tab, 'Saved in the first tab').count(), 1, 'listed once in each tab');
      assert.equal(await goal(tab, 'Saved in the second tab').count(), 1, 'listed once in each tab');
    }
    await context.close();
  });
});

describe('a portal restored from an older backup', () => {
  const demo = demoSuite();

  it('gets back from the device what it had acknowledged after the backup', async () => {
    const phone = await demo.browser.newContext();
    const page = await openAs(phone, demo.portal.url, 'george');
    await synced(page);
    await addGoal(page, 'Kept by the backup');
    await waitOutboxEmpty(page);
    const copy = await demo.portal.backUp();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await synced(page);
    await addGoal(page, 'Lost in the restore');
    await waitOutboxEmpty(page);
    await synced(page);
    const titles = async () =>
      (await portalOps(demo.portal.url, 'george')).filter((op) => op.field === 'title').map((op) => op.value);
    assert.ok((await titles()).includes('Lost in the restore'));

    await demo.portal.restoreFrom(copy);
    assert.deepEqual(await titles(), ['Kept by the backup'], 'the restore lost the later goal');
    // George's laptop writes before the phone syncs again, until the restored log reaches past
    // the phone's cursor: read on from there, the phone would miss ops and send nothing again.
    const laptop = await demo.browser.newContext();
    const onLaptop = await openAs(laptop, demo.portal.url, 'george');
    await synced(onLaptop);
    const position = (cursor) => Number(String(cursor).split(/[.~]/)[0]);
    const phoneCursor = position(await metaOf(page, 'cursor:george'));
    for (let n = 1; position(await portalHead(demo.portal.url, 'george')) < phoneCursor; n++) {
      assert.ok(n <= 5, 'the log grows past the cursor');
      await addGoal(onLaptop, `Written on the laptop ${n}`);
      await waitOutboxEmpty(onLaptop);
    }
    // The phone's next sync: the restored portal did not give out its cursor.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const deadline = Date.now() + 30_000;
    while (!(await titles()).includes('Lost in the restore')) {
      assert.ok(Date.now() < deadline, `never sent again: ${await titles()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await waitOutboxEmpty(page);
    const ops = await portalOps(demo.portal.url, 'george');
    const ids = ops.map((op) => op.id);
    assert.equal(new Set(ids).size, ids.length, 'no op stored twice');
    const onPortal = new Set(ids);
    const missing = (await deviceOpIds(page, 'george')).filter((id) => !onPortal.has(id));
    assert.deepEqual(missing, [], 'the portal holds every op of the phone again');

    await synced(page);
    await goal(page, 'Written on the laptop 1').waitFor();
    // His other device reads both goals from the portal, with no conflict.
    await reloadReady(onLaptop);
    await synced(onLaptop);
    await goal(onLaptop, 'Kept by the backup').waitFor();
    await goal(onLaptop, 'Lost in the restore').waitFor();
    assert.equal(await widget(onLaptop).getByText('Changed on two of your devices').count(), 0);
    await phone.close();
    await laptop.close();
  });
});
