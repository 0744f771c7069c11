import fs from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { dismissDialogs, launchBrowser } from '../helpers/browser';
import { newStore, readStore, rfa, rfaJson, tempDir } from '../helpers/rfa';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "<a href='javascript:alert(3)'>click</a> & <b>bold</b>"];

/** A store whose approved comments are hostile HTML, one of them a reply. */
async function hostileStore() {
  const store = await newStore();
  for (const [i, text] of HOSTILE.entries()) await rfaJson(store, ['comment', 'add', '--author', `Mallory ${i} <i>`, text]);
  await rfa(['moderate', 'approve', '1', '2', '3', '--store', store]);
  const reply = await rfaJson(store, ['comment', 'add', '--author', 'Ken', '--reply-to', '1', 'A reply\n\nin two paragraphs']);
  await rfa(['moderate', 'approve', String(reply.id), '--store', store]);
  await rfaJson(store, ['comment', 'add', '--author', 'Pending', 'not yet approved']);
  return store;
}

async function page(store: string, ...args: string[]) {
  const file = path.join(tempDir(), 'page.html');
  const r = await rfa(['show', '--format', 'html', '--output', file, ...args, '--store', store]);
  expect(r.code, r.stderr).toBe(0);
  return file;
}

describe('show --format html', () => {
  it('is valid HTML with every stored string escaped', async () => {
    const file = await page(await hostileStore());
    const html = fs.readFileSync(file, 'utf8');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('not yet approved');
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off' } }).validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.ruleId} ${m.message}`))).toEqual([]);
  });

  it('in a real browser: hostile comments are literal text, no dialog, no request; threaded, with <time>', async () => {
    const file = await page(await hostileStore());
    const browser = await launchBrowser();
    try {
      const tab = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      const dialogs = dismissDialogs(tab);
      const requests: string[] = [];
      tab.on('request', (r) => requests.push(r.url()));
      await tab.goto(`file://${file}`);
      await tab.waitForTimeout(300);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([`file://${file}`]);
      expect(await tab.locator('script').count()).toBe(0);
      expect(await tab.locator('img').count()).toBe(0);
      const texts = await tab.locator('.comment > p').allTextContents();
      for (const h of HOSTILE) expect(texts).toContain(h);
      expect(await tab.locator('#comment-1 ol.replies .comment .author').textContent()).toBe('Ken');
      expect(await tab.locator('#comment-1 time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await tab.locator('h1').textContent()).toBe('Japan tight-lipped on report of meeting with North Korea in Mongolia');
      expect(await tab.locator('form textarea[name=text]').count()).toBe(1);
      // npm run screenshot keeps this one for the README.
      const shot = process.env.RFA_SCREENSHOT ? path.resolve(process.env.RFA_SCREENSHOT) : path.join(tempDir(), 'page.png');
      await tab.screenshot({ path: shot, fullPage: true });
      expect(fs.statSync(shot).size).toBeGreaterThan(20_000);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('says comments are closed, with no form, when they are', async () => {
    const store = await newStore();
    await rfa(['article', 'close', 'japan-tight-lipped-on-report-of', '--store', store]);
    const html = fs.readFileSync(await page(store), 'utf8');
    expect(html).toContain('Comments are closed.');
    expect(html).not.toContain('<form');
  });
});

describe('show --format markdown', () => {
  it('carries the same content, escaped', async () => {
    const store = await hostileStore();
    const r = await rfa(['show', '--format', 'markdown', '--store', store]);
    expect(r.stdout).toMatch(/^# Japan tight-lipped/);
    expect(r.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.stdout).toContain('>> **Ken** ·');
    expect(r.stdout).not.toMatch(/<script|<img/);
    expect(readStore(store).comments).toHaveLength(5);
  });
});
