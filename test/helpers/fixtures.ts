// The real export files other projects published, kept in shared/ beside the
// repository (CI lays it out that way); the project does not copy them.
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(__dirname, '../../../shared/fixtures');

export function fixture(name: string): string {
  const file = path.join(DIR, name);
  if (!fs.existsSync(file)) throw new Error(`test fixture ${file} is missing: the tests expect shared/fixtures beside the clone, as CI lays it out`);
  return file;
}

export const WXR = fixture('wordpress-theme-unit-test.wxr.xml');
export const DISQUS = fixture('disqus-sample.xml');
