// The README's pictures: the widget inside the demo portal, in English and in Arabic, as
// amira. Needs `make build` and `cargo build -p portal`.
// Usage: node scripts/readme-screenshots.mjs  (writes docs/images/*.png)
import { launchBrowser, startPortal, widget } from '../tests/e2e/harness.mjs';

const portal = await startPortal();
const browser = await launchBrowser();
try {
  for (const [lang, query] of [['en', ''], ['ar', '&lang=ar']]) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
    const page = await context.newPage();
    await page.goto(`${portal.url}/?as=amira${query}`);
    await page.locator('mentoring-widget').waitFor();
    await widget(page).locator('.mw-status').waitFor();
    // Let the first sync bring the programme down.
    await page.waitForTimeout(3000);
    await page.screenshot({ path: `docs/images/widget-${lang}.png` });
    await context.close();
  }
} finally {
  await browser.close();
  await portal.stop();
}
console.log('docs/images/widget-en.png and widget-ar.png written');
