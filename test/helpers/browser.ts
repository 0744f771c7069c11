// A real headless Chromium for the browser tests, from the @sparticuz/chromium
// npm package (a compressed Chromium inside the package, unpacked into the
// temporary folder on first use), driven by playwright-core. Nothing depends
// on a browser the machine happens to have; RFA_CHROMIUM=/path/to/chrome
// runs the tests against another one.
import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

export async function launchBrowser(): Promise<Browser> {
  const own = process.env.RFA_CHROMIUM;
  return playwright.launch({
    executablePath: own || (await chromium.executablePath()),
    args: [
      ...(own ? ['--no-sandbox', '--disable-gpu'] : chromium.args),
      // The machine's network is closed: no background connections.
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
    headless: true,
  });
}
