// Two devices of one person, the demo portal between them: what one saves reaches the other,
// including what was saved offline; each person sees only their part of the programme.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addGoal,
  goalItems as goal,
  launchBrowser,
  openAs,
  reloadReady,
  startPortal,
  waitOutboxEmpty,
  widget,
} from './harness.mjs';

describe('sync through the demo portal', () => {
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

  const synced = (page) => widget(page).getByRole('status').getByText('All changes synced').waitFor();

  it('brings the programme down on first open: milestones drive progress', async () => {
    const phone = await browser.newContext();
    const page = await openAs(phone, portal.url, 'amira');
    const gulf = goal(page, 'Win two new Gulf key accounts this quarter');
    await gulf.getByText('66%').waitFor();
    await synced(page);
    await phone.close();
  });

  it('carries a change from one device to another, also one made offline', async () => {
    const phone = await browser.newContext();
    const laptop = await browser.newContext();
    const onPhone = await openAs(phone, portal.url, 'amira');
    await synced(onPhone);
    await addGoal(onPhone, 'Learn Gulf business etiquette');
    await waitOutboxEmpty(onPhone);

    const onLaptop = await openAs(laptop, portal.url, 'amira');
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

  it('keeps each person to their own goals', async () => {
    const context = await browser.newContext();
    const page = await openAs(context, portal.url, 'james');
    await synced(page);
    assert.equal(await widget(page).getByText('Win two new Gulf key accounts').count(), 0, 'a mentee\'s goal is not in the mentor\'s own list');
    await context.close();
  });
});

describe('concurrent edits on two devices', () => {
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

  const board = (page) =>
    widget(page).getByRole('listitem').filter({ hasText: 'Present the Gulf budget to the board' });
  const synced = (page) => widget(page).getByRole('status').getByText('All changes synced').waitFor();

  async function stepProgress(page, steps) {
    const slider = board(page).getByRole('slider', { name: 'Progress' });
    await slider.focus();
    for (let i = 0; i < steps; i++) await slider.press('ArrowRight');
  }

  it('keeps the losing value visible and restorable, on both devices', async () => {
    const phone = await browser.newContext();
    const laptop = await browser.newContext();
    const onPhone = await openAs(phone, portal.url, 'amira');
    const onLaptop = await openAs(laptop, portal.url, 'amira');
    await synced(onPhone);
    await synced(onLaptop);

    await phone.setOffline(true);
    await stepProgress(onPhone, 2); // 20 → 30, offline
    await board(onPhone).getByText('30%').waitFor();
    await stepProgress(onLaptop, 10); // 20 → 70, online, later
    await board(onLaptop).getByText('70%').waitFor();
    await waitOutboxEmpty(onLaptop);

    await phone.setOffline(false);
    await onPhone.evaluate(() => window.dispatchEvent(new Event('online')));
    await synced(onPhone);
    // The later write wins; the other is kept as a visible conflict.
    await board(onPhone).getByText('70%').waitFor();
    await board(onPhone).getByText('Changed on another device at the same time to “30%”').waitFor();
    await reloadReady(onLaptop);
    await board(onLaptop).getByText('Changed on another device at the same time to “30%”').waitFor();

    await board(onPhone).getByRole('button', { name: 'Use “30%”' }).click();
    await board(onPhone).getByText('Changed on another device').waitFor({ state: 'detached' });
    await waitOutboxEmpty(onPhone);
    await reloadReady(onLaptop);
    await board(onLaptop).locator('.mw-goal-percent').getByText('30%').waitFor();
    assert.equal(await board(onLaptop).getByText('Changed on another device').count(), 0);
    await phone.close();
    await laptop.close();
  });
});

describe('a device that was offline, a crashing portal, two tabs', () => {
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


  async function opsOnPortal(person) {
    const response = await fetch(`${portal.url}/api/mentoring/v1/ops?since=0`, {
      headers: { cookie: `mentoring_demo_person=${person}` },
    });
    return (await response.json()).ops;
  }

  it('loses nothing when the portal crashes mid-sync, and stores each op once', async () => {
    const context = await browser.newContext();
    const page = await openAs(context, portal.url, 'lena');
    await context.setOffline(true);
    for (let n = 1; n <= 20; n++) await addGoal(page, `Offline goal ${n}`);
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await portal.crash();
    await portal.restart();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitOutboxEmpty(page, 30_000);

    const ops = await opsOnPortal('lena');
    const ids = ops.map((op) => op.id);
    assert.equal(new Set(ids).size, ids.length, 'no op stored twice');
    const titles = ops.filter((op) => op.field === 'title').map((op) => op.value);
    for (let n = 1; n <= 20; n++) assert.ok(titles.includes(`Offline goal ${n}`), `goal ${n} reached the portal`);
    await context.close();
  });

  it('lets two tabs of one device share what either saves, without duplicates', async () => {
    const context = await browser.newContext();
    const first = await openAs(context, portal.url, 'george');
    const second = await openAs(context, portal.url, 'george');
    await addGoal(first, 'Saved in the first tab');
    await goal(second, 'Saved in the first tab').waitFor();
    await addGoal(second, 'Saved in the second tab');
    await goal(first, 'Saved in the second tab').waitFor();
    await waitOutboxEmpty(first);
    const titles = (await opsOnPortal('george')).filter((op) => op.field === 'title').map((op) => op.value);
    assert.deepEqual(titles.sort(), ['Saved in the first tab', 'Saved in the second tab']);
    await context.close();
  });
});
