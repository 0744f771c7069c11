// When a command fails in a way rfa did not foresee (a TypeError deep in a rule,
// say), the usual cause is a store edited by hand into something rfa cannot
// use. Look, and if so say which record and field, instead of passing on a
// JavaScript message such as "n.replace is not a function". Only on failure:
// the happy path never pays for the check.
import type { Context } from '../context.js';
import { everything } from '../domain/export-doc.js';
import { recordsProblem } from '../domain/records.js';
import { storeError } from '../errors.js';

export async function explainFailure(ctx: Context, err: unknown): Promise<unknown> {
  let problem: string | null;
  let location: string;
  try {
    const store = await ctx.openStore();
    location = store.location;
    problem = recordsProblem(await store.ask(everything, undefined));
  } catch {
    return err;
  }
  if (!problem) return err;
  return storeError(`the store ${location} holds a record rfa cannot use: ${problem}; it was left untouched`, 'fix that record by hand, or restore a backup', 'STORE_CORRUPT');
}
