import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { changeList as changeListOp, currentSettings, setSetting } from '../domain/policy.js';
import type { POLICY_LISTS, Settings } from '../domain/settings.js';
import { safeLine } from '../render/safe-text.js';
import { wrapParagraph } from '../render/wrap.js';

/** `policy show --json`: the rules keyed by their names, and the reason messages under "reasons". */
const policyDocument = (settings: Settings) => ({ ...settings.policy, reasons: settings.reasonMessages });

/** What each number counts, for people. */
const UNITS: Record<string, string> = {
  'max-links': 'links per comment',
  'flood-max': 'comments',
  'flood-window': 'minutes',
  'auto-close-days': 'days',
  'rate-limit': 'posts per web sender',
  'rate-window': 'minutes',
  'form-min-seconds': 'seconds',
  'form-max-hours': 'hours',
};

function renderPolicy(settings: Settings, width: number): string {
  const lines: string[] = [];
  const keyWidth = Math.max(...Object.keys(settings.policy).map((k) => k.length)) + 1;
  for (const [key, value] of Object.entries(settings.policy)) {
    const shown = Array.isArray(value) ? (value.length ? value.map((v) => safeLine(v)).join(', ') : '(none)') : String(value);
    const off = (value === 0 || value === false) && !Array.isArray(value) ? '  (off)' : '';
    const unit = typeof value === 'number' && value > 0 ? ` ${UNITS[key] ?? ''}`.trimEnd() : '';
    lines.push(`${key.padEnd(keyWidth)} ${shown}${unit}${off}`);
  }
  lines.push('', 'Reason messages (rfa policy set reason.<code> <text>):');
  for (const [code, text] of Object.entries(settings.reasonMessages)) {
    wrapParagraph(safeLine(text), Math.max(20, width - 17)).forEach((l, i) => lines.push(`  ${(i ? '' : code).padEnd(14)} ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

export async function showPolicy(ctx: Context): Promise<Output> {
  const settings = await (await ctx.openStore()).ask(currentSettings, undefined);
  return ctx.json ? jsonOut(policyDocument(settings)) : { stdout: renderPolicy(settings, ctx.width()) };
}

export async function setPolicy(ctx: Context, key: string, value: string): Promise<Output> {
  const store = await ctx.openStore();
  const settings = await store.run(setSetting, { key, value }, ctx.now);
  // The flood rule needs both numbers: one without the other does nothing, which deserves a word.
  const { 'flood-max': max, 'flood-window': window } = settings.policy;
  const warning =
    (key === 'flood-max' && max > 0 && window <= 0) || (key === 'flood-window' && window > 0 && max <= 0)
      ? `warning: the flood rule is off until both flood-max (comments) and flood-window (minutes) are above 0; now ${max} in ${window} minutes\n`
      : undefined;
  return ctx.json ? { ...jsonOut(policyDocument(settings)), stderr: warning } : { stdout: `${key} = ${safeLine(value)}\n`, stderr: warning };
}

export async function changeList(ctx: Context, how: 'add' | 'remove', key: string, entries: string[]): Promise<Output> {
  const store = await ctx.openStore();
  const { settings, touched } = await store.run(changeListOp, { how, key, entries }, ctx.now);
  if (ctx.json) return jsonOut(policyDocument(settings));
  const list = settings.policy[key as (typeof POLICY_LISTS)[number]];
  const verb = how === 'add' ? 'Added' : 'Removed';
  const head = touched.length ? `${verb} ${touched.length} ${touched.length === 1 ? 'entry' : 'entries'}` : 'Nothing to add: every entry was there already';
  return { stdout: `${head}; ${key} now has ${list.length}.\n` };
}
