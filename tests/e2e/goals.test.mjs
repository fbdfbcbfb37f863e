// The thin slice end to end: the demo portal, the widget in its page, IndexedDB, the service
// worker, in the machine's Chromium.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  axeViolations,
  demoSuite,
  goalItems as goals,
  openAs,
  reloadReady,
  storedGoals,
  widget,
} from './harness.mjs';

describe('goals in the demo portal', () => {
  const demo = demoSuite();

  async function addGoal(page, title) {
    await page.getByLabel('Title').fill(title);
    await page.getByRole('button', { name: 'Add goal' }).click();
  }

  it('shows an empty state and refuses empty and over-long titles without saving', async () => {
    const context = await demo.browser.newContext();
    // tom has no goals in the demo programme.
    const page = await openAs(context, demo.portal.url, 'tom');
    await page.getByRole('heading', { name: 'My goals' }).waitFor();
    await page.getByText('No goals yet').waitFor();

    await page.getByRole('button', { name: 'Add goal' }).click();
    await page.getByRole('alert').getByText('Give the goal a title').waitFor();

    await addGoal(page, 'x'.repeat(121));
    await page.getByRole('alert').getByText('Shorten the title to 120 characters or fewer (it has 121)').waitFor();
    assert.equal(await page.getByLabel('Title').getAttribute('aria-invalid'), 'true');
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      assert.deepEqual(await axeViolations(page), [], `the refusal beside its field, ${colorScheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    assert.deepEqual(await storedGoals(page), []);
    await reloadReady(page);
    await page.getByText('No goals yet').waitFor();
    assert.equal(await goals(page).count(), 0);
    await context.close();
  });

  it('keeps a SMART draft when the page changes the language, and changes it once saved', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await page.getByRole('status').getByText('All changes synced').waitFor();
    // What was typed in quick add is where the SMART form starts.
    await page.getByLabel('Title').fill('Mentor two new starters');
    await page.getByRole('button', { name: 'New SMART goal' }).click();
    const title = widget(page).locator('#mw-goal-title');
    assert.equal(await title.inputValue(), 'Mentor two new starters');
    await title.fill('Mentor three new starters');
    await page.evaluate(() => document.querySelector('mentoring-widget').setAttribute('locale', 'ar'));
    await page.waitForTimeout(500);
    assert.equal(await title.inputValue(), 'Mentor three new starters', 'the draft stays');
    assert.equal(await widget(page).locator('[dir="rtl"]').count(), 0, 'in English until saved');
    await page.getByRole('button', { name: 'Save goal' }).click();
    await widget(page).locator('[dir="rtl"][lang="ar"]').first().waitFor();
    // In Arabic on the screen the save opened (the goal to edit), not back on My goals.
    await title.waitFor({ timeout: 5000 });
    assert.equal(await title.inputValue(), 'Mentor three new starters', 'the saved goal, open to edit');
    assert.equal(await widget(page).getByRole('button', { name: 'إضافة هدف' }).count(), 0, 'not My goals');
    await context.close();
  });

  it('adds a goal, sets its progress, and keeps both across a reload', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    // Start once the first sync has brought amira's programme down: this test is about saving
    // and reloading (sync.test.mjs moves a slider while a sync lands).
    await page.getByRole('status').getByText('All changes synced').waitFor();
    await addGoal(page, '  Present the Q3 budget to the board  ');
    const goal = goals(page).filter({ hasText: 'Present the Q3 budget to the board' });
    await goal.getByText('0%').waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), '', 'the form is cleared after saving');

    const slider = goal.getByRole('slider', { name: 'Progress' });
    await slider.focus();
    for (let i = 0; i < 12; i++) await slider.press('ArrowRight');
    await goal.getByText('60%', { exact: true }).waitFor();
    // Steps taken one after another go back together.
    await goal.getByRole('button', { name: 'Undo: set the progress of “Present the Q3 budget to the board” back to 0%' }).waitFor();
    // Each step is its own save; the status line says "saved" only once the last has finished.
    await page.getByRole('status').getByText('Saved on this device.').waitFor();

    const stored = (await storedGoals(page)).find((g) => g.title === 'Present the Q3 budget to the board');
    assert.ok(stored, 'the goal is in IndexedDB');
    assert.equal(stored.progress, 60);
    assert.equal(stored.owner, 'amira');

    await reloadReady(page);
    const reloaded = goals(page).filter({ hasText: 'Present the Q3 budget to the board' });
    await reloaded.getByText('60%').waitFor();
    assert.equal(await reloaded.getByRole('slider', { name: 'Progress' }).inputValue(), '60');
    await context.close();
  });

  it('keeps one person\'s goals out of view of the next on a shared browser', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'tom');
    await addGoal(page, 'Tom only');
    await goals(page).filter({ hasText: 'Tom only' }).waitFor();
    const aisha = await openAs(context, demo.portal.url, 'aisha');
    await aisha.getByText('No goals yet').waitFor();
    assert.equal(await widget(aisha).getByText('Tom only').count(), 0);
    await context.close();
  });

  // Last: it stops the portal.
  it('works offline once loaded, in English and in Arabic: adds a goal and reloads with the network and portal gone', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await addGoal(page, 'Online goal');
    await goals(page).filter({ hasText: 'Online goal' }).waitFor();
    // The service worker has cached the shell once it controls the page.
    const controlled = (page) =>
      page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) =>
            navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
          );
        }
      });
    await controlled(page);
    // The Arabic page (`/?as=amira&lang=ar` lands on `/?lang=ar`) on a browser of its own,
    // visited once: the page that installed the service worker opens offline too.
    const arabicContext = await demo.browser.newContext();
    const arabic = await openAs(arabicContext, demo.portal.url, 'amira', 'ar');
    assert.equal(new URL(arabic.url()).search, '?lang=ar');
    await controlled(arabic);
    // Its records are on the device once its first sync has brought them.
    await goals(arabic).filter({ hasText: 'Present the Gulf budget to the board' }).waitFor();

    await demo.portal.stop();
    await context.setOffline(true);
    await arabicContext.setOffline(true);
    await reloadReady(arabic);
    assert.equal(await widget(arabic).getAttribute('locale'), 'ar');
    assert.equal(await widget(arabic).locator('.mw-panel').getAttribute('lang'), 'ar');
    await goals(arabic).filter({ hasText: 'Present the Gulf budget to the board' }).waitFor();
    await arabicContext.close();

    await reloadReady(page);
    await page.getByRole('status').getByText('Offline').waitFor();
    await addGoal(page, 'Offline goal');
    await goals(page).filter({ hasText: 'Offline goal' }).waitFor();

    await reloadReady(page);
    await goals(page).filter({ hasText: 'Online goal' }).waitFor();
    await goals(page).filter({ hasText: 'Offline goal' }).waitFor();
    const titles = (await storedGoals(page)).map((g) => g.title);
    assert.ok(titles.includes('Online goal') && titles.includes('Offline goal'), titles.join(', '));
    await context.close();
  });
});
