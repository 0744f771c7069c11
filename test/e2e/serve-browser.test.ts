// A reader in a real browser (Chromium, through playwright-core): loads the
// article from rfa serve, fills in the form, lands on the receipt; a moderator
// approves from the CLI; the reloaded page shows the comment. The page's own
// CSS applies under its Content-Security-Policy, and nothing runs a script.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends';
import { dismissDialogs, launchBrowser } from '../helpers/browser';
import { rfa, rfaJson, tempDir } from '../helpers/rfa';
import { serve } from '../helpers/server';

const ARTICLE = 'japan-tight-lipped-on-report-of';
const NAME = '<b>Mallory</b> "Quote"';
const TEXT = 'Thank you for this report.\n\n<script>alert(1)</script> stays text.';

/** `npm run screenshot` keeps the shots for the README. */
const shotPath = (name: string) => (process.env.RFA_SCREENSHOT_DIR ? path.resolve(process.env.RFA_SCREENSHOT_DIR, name) : path.join(tempDir(), name));

describe.each(BACKENDS)('a reader in a browser, rfa serve on $name', (backend) => {
  it('sends a comment through the form, sees the receipt, and after approval the comment on the page', async () => {
    const store = await backend.newStore();
    const s = await serve(store);
    const browser = await launchBrowser();
    try {
      const tab = await browser.newPage({ viewport: { width: 900, height: 1100 } });
      const dialogs = dismissDialogs(tab);
      const problems: string[] = [];
      tab.on('console', (m) => problems.push(m.text()));
      tab.on('pageerror', (e) => problems.push(e.message));

      await tab.goto(`${s.url}/articles/${ARTICLE}`);
      // The CSS applies (its hash is in the CSP): the honeypot is off-screen, the button styled.
      expect(await tab.locator('.trap').evaluate((el) => (globalThis as any).getComputedStyle(el).position)).toBe('absolute');
      expect(await tab.locator('button').evaluate((el) => (globalThis as any).getComputedStyle(el).color)).toBe('rgb(255, 255, 255)');
      // Present for bots, off-screen for people.
      expect((await tab.locator('#website').boundingBox())!.x).toBeLessThan(0);

      await tab.fill('#author', NAME);
      await tab.fill('#email', 'mallory@example.org');
      await tab.fill('#text', TEXT);
      // A person takes more than form-min-seconds (3) to write a comment.
      await tab.waitForTimeout(3_200);
      await Promise.all([tab.waitForURL(/\/receipts\/[A-Za-z0-9_-]{24}\?sent=1$/), tab.click('button[type=submit]')]);
      expect(await tab.locator('h1').textContent()).toBe('Thank you: your comment was received');
      expect(await tab.locator('.notice').textContent()).toContain('waiting for a moderator');
      expect(await tab.locator('blockquote .author').textContent()).toBe(NAME);
      if (backend.name === 'JSON file') await tab.screenshot({ path: shotPath('serve-receipt.png'), fullPage: true });
      const receipt = tab.url().replace('?sent=1', '');

      const [queued] = await rfaJson(store, ['moderate', 'queue']);
      expect(queued).toMatchObject({ author: NAME, body: TEXT, email: 'mallory@example.org', status: 'pending' });
      await tab.goto(`${s.url}/articles/${ARTICLE}`);
      expect(await tab.locator('.comment').count()).toBe(0);

      expect((await rfa(['moderate', 'approve', String(queued.id), '--store', store])).code).toBe(0);
      await tab.reload();
      expect(await tab.locator('#comments-heading').textContent()).toBe('1 comment');
      expect(await tab.locator(`#comment-${queued.id} .author`).textContent()).toBe(NAME);
      expect(await tab.locator(`#comment-${queued.id} > article > p[dir=auto]`).allTextContents()).toEqual(['Thank you for this report.', '<script>alert(1)</script> stays text.']);
      expect(await tab.locator('script').count()).toBe(0);
      if (backend.name === 'JSON file') {
        // The comments and the form: the part of the page the server adds.
        await tab.evaluate(() => (globalThis as any).document.getElementById('comments-heading').scrollIntoView());
        await tab.screenshot({ path: shotPath('serve-page.png') });
      }

      await tab.goto(receipt);
      expect(await tab.locator('.notice').textContent()).toContain('approved and is published');
      await tab.click('text=See it under the article');
      expect(tab.url()).toBe(`${s.url}/articles/${ARTICLE}#comment-${queued.id}`);

      expect(dialogs).toEqual([]);
      expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
    } finally {
      await browser.close();
      await s.stop();
    }
  }, 60_000);
});
