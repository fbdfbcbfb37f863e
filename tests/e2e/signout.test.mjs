// Signing out of the demo portal on a shared device: the page and the widget are then for
// nobody, and the page the service worker keeps for offline use is no longer the last
// person's, so whoever opens it next offline sees neither their name nor their data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addGoal,
  axeViolations,
  demoSuite,
  deviceOpIds,
  goalItems,
  metaOf,
  openAs,
  synced,
  waitReady,
  widget,
} from './harness.mjs';

/** Waits until the service worker controls the page (it caches the page from then on). */
async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
  });
}

/** The text of the page the service worker would answer offline, or null. */
const cachedPage = (page) =>
  page.evaluate(async () => {
    const cached = await caches.match('/');
    return cached ? cached.text() : null;
  });

/**
 * Has the portal refuse every change sent while `page`'s person rewrites the agreement with
 * Sofia (`fields`: label → text), and waits until "Changes not kept" lists each.
 */
async function refusedAgreement(page, fields) {
  const w = widget(page);
  await page.route('**/api/mentoring/v1/ops', (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    const rejected = request.postDataJSON().ops.map(({ id }) => ({ id, code: 'forbidden', message: 'not now' }));
    return route.fulfill({ json: { version: 1, acknowledged: [], rejected } });
  });
  await w.getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
  await w.getByRole('button', { name: 'Open Coaching with Sofia Marques' }).click();
  const agreement = w.getByRole('region', { name: 'Our agreement', exact: true });
  await agreement.getByRole('button', { name: 'Edit our agreement' }).click();
  await page.waitForFunction(
    () => document.querySelector('mentoring-widget').shadowRoot.activeElement?.id === 'mw-agreement-purpose',
  );
  for (const [label, text] of Object.entries(fields)) {
    await agreement.getByLabel(label, { exact: true }).fill(text);
  }
  await agreement.getByRole('button', { name: 'Save changes' }).click();
  await w.getByRole('navigation').getByRole('button', { name: 'My goals' }).click();
  for (const text of Object.values(fields)) {
    await w.locator('.mw-conflicts').getByText(text, { exact: false }).first().waitFor({ timeout: 20_000 });
  }
  assert.deepEqual(await deviceOpIds(page, 'amira', 'outbox'), []);
  await page.unroute('**/api/mentoring/v1/ops');
}

describe('signing out of the demo portal', () => {
  const demo = demoSuite();

  it('leaves the page for nobody, online and offline, with nothing of who signed out', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await controlled(page);
    await addGoal(page, 'Amira signs out after this');
    await page.reload();
    await waitReady(page);
    await goalItems(page, 'Amira signs out after this').waitFor();
    // The service worker holds Amira's page, as it should while she is signed in.
    assert.match((await cachedPage(page)) ?? '', /Amira Haddad/);
    await synced(page);
    assert.ok((await deviceOpIds(page, 'amira')).length > 0);
    assert.equal((await metaOf(page, 'person'))?.id, 'amira');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('.user').getByText('Not signed in').waitFor();
    // Nothing of Amira's stays in this browser: her records, her snapshot, her place in the
    // portal's log, her copy of the directory, and who she is.
    assert.deepEqual(await deviceOpIds(page, 'amira'), []);
    for (const key of ['person', 'snapshot:amira', 'cursor:amira', 'directory:amira']) {
      assert.equal(await metaOf(page, key), null, key);
    }
    assert.equal(await widget(page).getAttribute('person'), '');
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
    // The portal no longer knows anyone on this browser.
    const session = await page.evaluate(async () => (await fetch('/api/mentoring/v1/session')).status);
    assert.equal(session, 401);
    // The page kept for offline use is now the page for nobody.
    await page.waitForFunction(async () => {
      const cached = await caches.match('/');
      return cached && (await cached.text()).includes('Not signed in');
    });

    // The next person opens the portal with the network off: no name, no data of Amira's.
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    await page.locator('.user').getByText('Not signed in').waitFor();
    assert.equal(await widget(page).getAttribute('person'), '');
    // (The demo's sign-in list names everyone; the header and the widget name nobody.)
    const shown = `${await page.locator('.user').innerText()}\n${await widget(page).innerText()}`;
    assert.doesNotMatch(shown, /Amira|Signed in as/, shown);
    assert.equal(await goalItems(page, 'Amira signs out after this').count(), 0);
    await context.close();
  });

  it('drops the copy kept of every language\'s page, whichever language signs out', async () => {
    const context = await demo.browser.newContext();
    // Amira's Arabic page, kept for offline use from her first visit.
    const page = await openAs(context, demo.portal.url, 'amira', 'ar');
    await controlled(page);
    const arabicCopy = () =>
      page.evaluate(async () => {
        const cached = await caches.match('/?lang=ar');
        return cached ? cached.text() : null;
      });
    await page.waitForFunction(async () => (await (await caches.match('/?lang=ar'))?.text())?.includes('Amira Haddad'));
    // She signs out from the English page: the Arabic copy goes too.
    await page.goto(`${demo.portal.url}/`);
    await waitReady(page);
    await synced(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('.user').getByText('Not signed in').waitFor();
    assert.doesNotMatch((await arabicCopy()) ?? '', /Amira/);
    await context.close();
  });

  it('keeps changes that have not reached the portal, and lets the person choose', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'sofia');
    await controlled(page);
    await synced(page);
    await context.setOffline(true);
    await addGoal(page, 'Sofia saved this offline');
    await widget(page).getByRole('status').getByText('Saved on this device.').waitFor();
    const held = await deviceOpIds(page, 'sofia');

    const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
    await signOut.click();
    const notice = page.locator('.sign-out-notice[role=alert]');
    await notice.waitFor();
    // Offline, signing out cannot reach the portal: staying is the one choice offered.
    const said = await notice.innerText();
    assert.match(said, /1 change you made in the mentoring widget has not reached the portal yet/);
    assert.match(said, /Signing out needs the network/);
    assert.equal(await notice.getByRole('button').count(), 1);
    // Nothing was removed and she is still signed in, on the same page.
    assert.deepEqual(await deviceOpIds(page, 'sofia'), held);
    assert.equal(await widget(page).getAttribute('person'), 'sofia');
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    assert.equal(await notice.count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Sign out');

    // Online while the portal's sync cannot be reached, she may sign out keeping only that
    // change on the device, for her next sign-in here, and nothing else of hers.
    const unsent = await deviceOpIds(page, 'sofia', 'outbox');
    assert.ok(unsent.length > 0 && unsent.length < held.length, `${unsent.length} of ${held.length}`);
    await page.route('**/api/mentoring/v1/ops**', (route) => route.abort());
    await context.setOffline(false);
    await signOut.click();
    // What stays may be private: someone on a shared device is told so before choosing.
    assert.match(await notice.innerText(), /They may include private notes/);
    await page.getByRole('button', { name: 'Sign out, keeping only those changes here' }).click();
    await page.locator('.user').getByText('Not signed in').waitFor();
    assert.deepEqual(await deviceOpIds(page, 'sofia'), unsent);
    assert.equal(await metaOf(page, 'snapshot:sofia'), null);

    // Signed in again with the portal reachable, the widget sends it; signing out then
    // removes everything of hers.
    await page.unroute('**/api/mentoring/v1/ops**');
    await page.goto(`${demo.portal.url}/?as=sofia`);
    await waitReady(page);
    await synced(page);
    await goalItems(page, 'Sofia saved this offline').waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.locator('.user').getByText('Not signed in').waitFor();
    assert.deepEqual(await deviceOpIds(page, 'sofia'), []);
    await context.close();
  });

  it('lists nobody to sign in as while someone is signed in, and forgets whoever a host swapped out without forget()', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    // Signing in as someone else goes through Sign out, which has the widget forget her.
    assert.equal(await page.locator('a[href^="/?as="]').count(), 0);
    await page.getByText('Sign out to sign in as someone else.').waitFor();
    assert.ok((await deviceOpIds(page, 'amira')).length > 0);

    // A host that signs James in without asking the widget to forget Amira: once the host
    // confirms James, nothing of hers stays in this browser.
    await page.goto(`${demo.portal.url}/?as=james`);
    await waitReady(page);
    await synced(page);
    assert.deepEqual(await deviceOpIds(page, 'amira'), []);
    for (const key of ['snapshot:amira', 'cursor:amira', 'directory:amira']) {
      assert.equal(await metaOf(page, key), null, key);
    }
    assert.equal((await metaOf(page, 'person'))?.id, 'james');
    assert.ok((await deviceOpIds(page, 'james')).length > 0, 'his own are kept');

    // His change the portal has not taken stays when Amira is then signed in the same way,
    // and only it: the rest of his goes.
    await page.route('**/api/mentoring/v1/ops**', (route) =>
      route.request().method() === 'POST' ? route.abort() : route.continue(),
    );
    await addGoal(page, 'James saved this before Amira came');
    await widget(page).getByRole('status').getByText('Saved on this device.').waitFor();
    const unsent = await deviceOpIds(page, 'james', 'outbox');
    assert.ok(unsent.length > 0);
    await page.goto(`${demo.portal.url}/?as=amira`);
    await waitReady(page);
    // Forgotten before the widget is ready for her.
    assert.deepEqual(await deviceOpIds(page, 'james'), unsent);
    assert.equal(await goalItems(page, 'James saved this before Amira came').count(), 0);
    await page.unroute('**/api/mentoring/v1/ops**');
    await context.close();
  });

  it("keeps, when a host swaps someone in without forget(), the last person's changes the portal refused, for her to choose", async () => {
    const rules = 'KEPT-REFUSED: we meet on Sundays';
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    const w = widget(page);
    // The portal refuses every change she sends now.
    await refusedAgreement(page, { 'Ground rules': rules });
    const notKept = new RegExp(`Changes not kept[\\s\\S]*You wrote “${rules}”; the portal refused it`);
    assert.match(await w.locator('.mw-conflicts').innerText(), notKept);

    // James is signed in without forget(): the rest of hers goes, her refused change stays.
    await page.goto(`${demo.portal.url}/?as=james`);
    await waitReady(page);
    await synced(page);
    assert.equal((await metaOf(page, 'person'))?.id, 'james');
    assert.equal(await metaOf(page, 'cursor:amira'), null);

    // Signed in again, she finds it listed as before, to keep or to let go of.
    await page.goto(`${demo.portal.url}/?as=amira`);
    await waitReady(page);
    const listed = w.locator('.mw-conflicts');
    await listed.getByText(rules, { exact: false }).first().waitFor({ timeout: 20_000 });
    assert.match(await listed.innerText(), notKept);
    await listed.getByRole('button', { name: 'Use the portal’s value' }).click();
    await listed.waitFor({ state: 'detached', timeout: 20_000 });
    // Settled and synced, nothing is hers alone: the sign-out asks nothing.
    await synced(page);
    await w.locator('.mw[data-refused="0"]').waitFor({ state: 'attached' });
    assert.deepEqual(await page.evaluate(() => document.querySelector('mentoring-widget').onlyHere()), {
      unsent: 0,
      refused: 0,
    });
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.locator('.user').getByText('Not signed in').waitFor();
    await context.close();
  });

  it('forgets nobody a widget in another tab still works for when a host swaps people without forget()', async () => {
    const context = await demo.browser.newContext();
    const amira = await openAs(context, demo.portal.url, 'amira');
    await addGoal(amira, 'Amira goes on in her tab');
    await synced(amira);
    const hers = await deviceOpIds(amira, 'amira');

    // Another tab's host signs James in without forget(), the device having last worked for
    // Amira: her tab's widget stays up and nothing of hers is removed.
    const james = await openAs(context, demo.portal.url, 'james');
    await synced(james);
    assert.equal((await metaOf(james, 'person'))?.id, 'james');
    await amira.waitForTimeout(500);
    assert.equal(await goalItems(amira, 'Amira goes on in her tab').count(), 1);
    const kept = new Set(await deviceOpIds(amira, 'amira'));
    assert.ok(hers.every((id) => kept.has(id)), 'her ops are all kept');
    assert.notEqual(await metaOf(amira, 'cursor:amira'), null);

    // Once her tab lets go of her, the forget skipped then happens: nothing of hers stays,
    // and James's widget goes on.
    await amira.close();
    for (let tries = 0; (await metaOf(james, 'cursor:amira')) !== null; tries += 1) {
      assert.ok(tries < 50, 'her place in the portal\'s log is still kept');
      await james.waitForTimeout(200);
    }
    assert.deepEqual(await deviceOpIds(james, 'amira'), []);
    assert.equal((await metaOf(james, 'person'))?.id, 'james');
    await addGoal(james, 'James goes on after Amira left');
    await synced(james);
    await context.close();
  });

  it('forgets nobody once their tab lets go when another tab took them back meanwhile', async () => {
    const context = await demo.browser.newContext();
    const first = await openAs(context, demo.portal.url, 'amira');
    await synced(first);
    const hers = await deviceOpIds(first, 'amira');
    // James's tab skips forgetting her; then a tab of hers confirms her again, the one the
    // device remembers from then on.
    const james = await openAs(context, demo.portal.url, 'james');
    await synced(james);
    const again = await openAs(context, demo.portal.url, 'amira');
    await synced(again);
    assert.equal((await metaOf(again, 'person'))?.id, 'amira');
    // Her first tab lets go, then the other: she is the last one confirmed, and stays.
    await first.close();
    await again.waitForTimeout(500);
    await again.close();
    await james.waitForTimeout(1500);
    const kept = new Set(await deviceOpIds(james, 'amira'));
    assert.ok(hers.every((id) => kept.has(id)), 'her ops are all kept');
    assert.notEqual(await metaOf(james, 'cursor:amira'), null);
    await context.close();
  });

  it('asks before a sign-out lets go of changes the portal refused, keeps them for her alone, and deletes them only when she says', async () => {
    const rules = 'NOT-KEPT: we meet at dawn';
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    const w = widget(page);
    await refusedAgreement(page, { 'Ground rules': rules });
    const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
    const notice = page.locator('.sign-out-notice[role=alert]');

    await w.getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
    await signOut.click();
    await notice.waitFor();
    assert.match(
      await notice.innerText(),
      /1 change you made in the mentoring widget was not kept by the portal; it is listed under “Changes not kept” and exists only in this browser\. Stay signed in to review them/,
    );
    assert.deepEqual(await notice.getByRole('button').allInnerTexts(), [
      'Stay signed in',
      'Sign out, keeping them on this device',
      'Sign out, deleting the change not kept',
    ]);
    // Nothing goes while she chooses; staying opens the list in the widget, to review.
    assert.notEqual(await metaOf(page, 'cursor:amira'), null);
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    await page.waitForFunction(() =>
      Boolean(document.querySelector('mentoring-widget').shadowRoot.activeElement?.closest('.mw-conflicts')),
    );
    assert.equal(await w.getAttribute('person'), 'amira');

    // Kept, it alone stays on the device, under her name.
    await signOut.click();
    await page.getByRole('button', { name: 'Sign out, keeping them on this device' }).click();
    await page.locator('.user').getByText('Not signed in').waitFor();
    assert.notEqual(await metaOf(page, 'refused:amira'), null);
    assert.equal(await metaOf(page, 'cursor:amira'), null);
    const kept = await deviceOpIds(page, 'amira');
    assert.ok(kept.length > 0);

    // James, next on this browser, sees nothing of it, and signs out without a question.
    await page.goto(`${demo.portal.url}/?as=james`);
    await waitReady(page);
    await synced(page);
    assert.doesNotMatch(await w.innerText(), /NOT-KEPT/);
    assert.equal(await w.locator('.mw-conflicts').count(), 0);
    await signOut.click();
    await page.locator('.user').getByText('Not signed in').waitFor();
    assert.deepEqual(await deviceOpIds(page, 'amira'), kept);

    // Back here, she finds it listed again; deleting it at sign-out deletes it.
    await page.goto(`${demo.portal.url}/?as=amira`);
    await waitReady(page);
    await w.locator('.mw-conflicts').getByText(rules, { exact: false }).first().waitFor({ timeout: 20_000 });
    await signOut.click();
    await page.getByRole('button', { name: 'Sign out, deleting the change not kept' }).click();
    await page.locator('.user').getByText('Not signed in').waitFor();
    assert.deepEqual(await deviceOpIds(page, 'amira'), []);
    assert.equal(await metaOf(page, 'refused:amira'), null);
    await page.goto(`${demo.portal.url}/?as=amira`);
    await waitReady(page);
    await synced(page);
    await page.reload();
    await waitReady(page);
    await synced(page);
    assert.equal(await w.locator('.mw-conflicts').count(), 0);
    assert.doesNotMatch(await w.innerText(), /NOT-KEPT/);
    await context.close();
  });

  it('asks one question when changes wait for the portal and others were not kept', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    await refusedAgreement(page, { 'Ground rules': 'BOTH: kept or not' });
    await page.route('**/api/mentoring/v1/ops**', (route) =>
      route.request().method() === 'POST' ? route.abort() : route.continue(),
    );
    await addGoal(page, 'Amira saved this as she left');
    await widget(page).getByRole('status').getByText('Saved on this device.').waitFor();
    const unsent = await deviceOpIds(page, 'amira', 'outbox');
    assert.ok(unsent.length > 0);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    const notice = page.locator('.sign-out-notice[role=alert]');
    await notice.waitFor();
    assert.equal(await notice.count(), 1);
    const said = await notice.innerText();
    assert.match(said, /1 change you made in the mentoring widget has not reached the portal yet/);
    assert.match(said, /1 change you made in the mentoring widget was not kept by the portal/);
    assert.deepEqual(await notice.getByRole('button').allInnerTexts(), [
      'Stay signed in',
      'Sign out, keeping these changes on this device',
      'Sign out, deleting the change not kept',
    ]);
    // Deleting those not kept leaves the ones waiting, for her next sign-in here.
    await page.getByRole('button', { name: 'Sign out, deleting the change not kept' }).click();
    await page.locator('.user').getByText('Not signed in').waitFor();
    assert.deepEqual(await deviceOpIds(page, 'amira'), unsent);
    assert.equal(await metaOf(page, 'refused:amira'), null);
    await page.unroute('**/api/mentoring/v1/ops**');
    await context.close();
  });

  it('asks again, removing nothing, when a change begins to wait while the question is open', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    await refusedAgreement(page, { 'Ground rules': 'MEANWHILE: not kept' });
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    const notice = page.locator('.sign-out-notice[role=alert]');
    await notice.waitFor();
    // While she reads it, a goal she adds cannot reach the portal.
    await page.route('**/api/mentoring/v1/ops**', (route) =>
      route.request().method() === 'POST' ? route.abort() : route.continue(),
    );
    await addGoal(page, 'Amira added this while asked');
    await widget(page).getByRole('status').getByText('Saved on this device.').waitFor();
    const held = await deviceOpIds(page, 'amira');
    await page.getByRole('button', { name: 'Sign out, keeping them on this device' }).click();
    await notice.getByText(/1 change you made in the mentoring widget has not reached the portal yet/).waitFor();
    assert.equal(await widget(page).getAttribute('person'), 'amira');
    assert.deepEqual(await deviceOpIds(page, 'amira'), held);
    assert.notEqual(await metaOf(page, 'cursor:amira'), null);
    await page.unroute('**/api/mentoring/v1/ops**');
    await context.close();
  });

  it('names how many were not kept, in either language', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    await refusedAgreement(page, { Purpose: 'TWO: a purpose', 'Ground rules': 'TWO: and rules' });
    const notice = page.locator('.sign-out-notice[role=alert]');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await notice.waitFor();
    assert.match(await notice.innerText(), /^2 changes you made in the mentoring widget were not kept by the portal/);
    assert.equal(await notice.getByRole('button', { name: 'Sign out, deleting the 2 changes not kept' }).count(), 1);
    await page.getByRole('button', { name: 'Stay signed in' }).click();

    await page.goto(`${demo.portal.url}/?lang=ar`);
    await waitReady(page);
    await widget(page).locator('.mw[data-refused="2"]').waitFor({ state: 'attached', timeout: 20_000 });
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await notice.waitFor();
    assert.equal(await notice.getAttribute('dir'), 'rtl');
    const said = await notice.innerText();
    assert.match(said, /لم تعتمدها البوابة \(عددها 2\)/);
    assert.doesNotMatch(said, /[A-Za-z]/);
    await context.close();
  });

  it("says it in the widget's language", async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'james', 'ar');
    await widget(page).getByRole('status').getByText('تمت مزامنة كل التغييرات').first().waitFor();
    await context.setOffline(true);
    await widget(page).getByLabel('العنوان').fill('هدف حُفظ دون اتصال');
    await widget(page).getByRole('button', { name: 'إضافة هدف' }).click();
    await goalItems(page, 'هدف حُفظ دون اتصال').waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    const notice = page.locator('.sign-out-notice[role=alert]');
    await notice.waitFor();
    assert.equal(await notice.getAttribute('dir'), 'rtl');
    assert.match(await notice.innerText(), /لم يصل إلى البوابة بعد/);
    assert.doesNotMatch(await notice.innerText(), /[A-Za-z]/);
    await context.close();
  });

  it('takes the widget down before it forgets, so nothing of the person is written back', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'hr-admin');
    await synced(page);
    assert.ok((await deviceOpIds(page, 'hr-admin')).length > 0);
    const outcome = await page.evaluate(() => document.querySelector('mentoring-widget').forget());
    assert.deepEqual(outcome, { forgotten: true, unsent: 0, refused: 0 });
    const drawn = () => page.evaluate(() => document.querySelector('mentoring-widget').shadowRoot.childElementCount);
    assert.equal(await drawn(), 0);
    // A reconnect would wake a widget's sync: none is left to write anything back.
    await context.setOffline(true);
    await context.setOffline(false);
    await page.waitForTimeout(1500);
    assert.deepEqual(await deviceOpIds(page, 'hr-admin'), []);
    for (const key of ['person', 'snapshot:hr-admin', 'cursor:hr-admin']) {
      assert.equal(await metaOf(page, key), null, key);
    }
    // A host that mounts the widget again for them (no reload) gets a working widget.
    await page.evaluate(() => {
      const element = document.querySelector('mentoring-widget');
      element.setAttribute('person', 'hr-admin');
    });
    await page.waitForFunction(
      () => document.querySelector('mentoring-widget').shadowRoot.childElementCount > 0,
    );
    await synced(page);
    assert.ok((await deviceOpIds(page, 'hr-admin')).length > 0);
    await context.close();
  });

  it('takes down, in other tabs, a widget working for the person whatever its page says', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await addGoal(page, 'Amira reads this in another tab');
    await synced(page);
    const other = await openAs(context, demo.portal.url, 'amira');
    // A page for nobody in particular: the portal's session says whom the widget works for.
    await other.evaluate(() => document.querySelector('mentoring-widget').setAttribute('person', ''));
    await goalItems(other, 'Amira reads this in another tab').waitFor();
    await synced(other);
    const outcome = await page.evaluate(() => document.querySelector('mentoring-widget').forget());
    assert.deepEqual(outcome, { forgotten: true, unsent: 0, refused: 0 });
    // Its box says why it is empty, in the widget's language, and nothing of Amira's.
    const said = widget(other).getByRole('status');
    await said.getByText(
      'You signed out of the mentoring widget in another tab. Sign in again to go on.',
    ).waitFor();
    assert.equal(await widget(other).locator('.mw').innerText(), await said.innerText());
    assert.equal(await goalItems(other, 'Amira reads this in another tab').count(), 0);
    assert.deepEqual(await axeViolations(other), []);
    // Its sync, woken by a reconnect, has nothing left to write anything back with.
    await context.setOffline(true);
    await context.setOffline(false);
    await other.waitForTimeout(1500);
    assert.deepEqual(await deviceOpIds(other, 'amira'), []);
    await context.close();
  });

  it('drops the page kept for offline use even when the sign-out cannot reach the portal', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'james');
    await controlled(page);
    await page.reload();
    await waitReady(page);
    const [worker] = context.serviceWorkers();
    const kept = () =>
      worker.evaluate(async () => {
        const cached = await caches.match('/');
        return cached ? cached.text() : null;
      });
    assert.match((await kept()) ?? '', /James Whitfield/);

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    // He is told he is still signed in, not shown the browser's network error.
    await page.getByRole('heading', { name: 'Not signed out yet' }).waitFor();
    assert.match(await page.getByRole('alert').innerText(), /still signed in on this browser/);
    // The sign-out did not reach the portal, but James's page is no longer served offline.
    for (let tries = 0; (await kept()) !== null; tries += 1) {
      assert.ok(tries < 50, 'the page rendered for James is still kept');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await context.close();
  });
});
