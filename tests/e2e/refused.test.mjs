// A change the portal refuses for good is not kept as if it were saved: it is listed under
// "Changes not kept" on the person's device, with why, until they take the portal's value.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoSuite, openAs, synced, widget } from './harness.mjs';

describe('a change the portal refuses', () => {
  const demo = demoSuite();

  it('is listed under Changes not kept when the pair ended while it waited offline', async () => {
    const rules = 'REFUSED-RULES: a monthly check-in as well';
    const amiraContext = await demo.browser.newContext();
    const amira = await openAs(amiraContext, demo.portal.url, 'amira');
    await synced(amira);
    const w = widget(amira);
    await w.getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
    await w.getByRole('button', { name: 'Open Coaching with Sofia Marques' }).click();

    // Offline, Amira rewrites the pair's ground rules.
    await amiraContext.setOffline(true);
    const agreement = w.getByRole('region', { name: 'Our agreement', exact: true });
    await agreement.getByRole('button', { name: 'Edit our agreement' }).click();
    // The form puts the keyboard in its first field once drawn: typing elsewhere waits for it.
    await amira.waitForFunction(
      () => document.querySelector('mentoring-widget').shadowRoot.activeElement?.id === 'mw-agreement-purpose',
    );
    await agreement.getByLabel('Ground rules', { exact: true }).fill(rules);
    await agreement.getByRole('button', { name: 'Save changes' }).click();
    await agreement.getByText(rules).waitFor();

    // Meanwhile Sofia ends the pair early.
    const sofiaContext = await demo.browser.newContext();
    const sofia = await openAs(sofiaContext, demo.portal.url, 'sofia');
    await synced(sofia);
    const s = widget(sofia);
    await s.getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
    await s.getByRole('button', { name: 'Open Coaching with Amira Haddad' }).click();
    const lifecycle = s.getByRole('region', { name: 'Change the status', exact: true });
    await lifecycle.getByRole('button', { name: 'End early' }).click();
    await lifecycle.getByLabel('Reason for ending').fill('Amira moved to the Riyadh office');
    await lifecycle.getByRole('button', { name: 'Yes, end it early' }).click();
    await synced(sofia);

    // Back online, Amira's change is refused and listed, with the portal's value to take.
    await amiraContext.setOffline(false);
    // Listed on My goals, with the rule it broke and the portal's value to take; the
    // status line counts it as one change.
    await w.getByRole('navigation').getByRole('button', { name: 'My goals' }).click();
    const listed = w.locator('.mw-conflicts');
    await listed.waitFor({ timeout: 20_000 });
    const said = await listed.innerText();
    assert.match(said, /You wrote “REFUSED-RULES: a monthly check-in as well”; the portal refused it: This relationship is over/, said);
    // Once the sync under way settles ("Syncing…" meanwhile, as another may follow the one
    // that brought the refusal).
    const status = w.getByRole('status').filter({ hasText: /Synced \(last at [^)]*\)\. The portal did not keep 1 change: This relationship is over/ });
    await status.first().waitFor({ timeout: 20_000 });
    await listed.getByRole('button', { name: 'Use the portal’s value' }).click();
    await listed.waitFor({ state: 'detached', timeout: 20_000 });
    await w.getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
    await w.getByRole('button', { name: 'Open Coaching with Sofia Marques' }).click();
    await agreement.getByText('Fortnightly, an hour', { exact: false }).waitFor();
    assert.equal(await agreement.getByText(rules).count(), 0);
    await Promise.all([amiraContext.close(), sofiaContext.close()]);
  });
});
