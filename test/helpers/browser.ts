// A real headless Chromium for the browser tests, from the @sparticuz/chromium
// npm package (a compressed Chromium inside the package), driven by
// playwright-core. Nothing depends on a browser the machine happens to have;
// RFA_CHROMIUM=/path/to/chrome runs the tests against another one.
import fs from 'node:fs';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import { type Browser, type Page, chromium as playwright } from 'playwright-core';

/**
 * The package unpacks into os.tmpdir() and reuses whatever `chromium` it finds
 * there: in a shared /tmp that may be another user's (unreadable) or anyone's.
 * Unpack into this clone's own cache instead (about a second, the first time).
 */
async function packagedChromium(): Promise<string> {
  const dir = path.resolve(__dirname, '../../node_modules/.cache/rfa-chromium');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await chromium.executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

export async function launchBrowser(): Promise<Browser> {
  const own = process.env.RFA_CHROMIUM;
  return playwright.launch({
    executablePath: own || (await packagedChromium()),
    args: [
      ...(own ? ['--no-sandbox', '--disable-gpu'] : chromium.args),
      // The machine's network is closed: no background connections.
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
    headless: true,
  });
}

/** Dismisses every dialog the page opens (alert, confirm, prompt) and keeps its message: a page that runs no script opens none. */
export function dismissDialogs(tab: Page): string[] {
  const dialogs: string[] = [];
  tab.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return dialogs;
}
