// Small fixtures for unit tests of the domain rules.
import { addArticle } from '../../src/domain/catalog';
import { defaultPolicy, readSettings, type Policy } from '../../src/domain/settings';
import type { RfaError } from '../../src/errors';
import { emptyStoreData } from '../../src/domain/store-data';

export const T0 = new Date('2026-11-28T10:00:00.000Z');

/** A store holding one article, id "a", with the given house rules (all off by default). */
export function storeWithArticle(policy?: Partial<Policy>) {
  const data = emptyStoreData();
  addArticle(data, { title: 'A', subtitle: null, byline: null, dateline: null, image: null, body: ['b'], editorNote: null, commentPolicy: null }, T0, 'a');
  if (policy) data.settings = { ...readSettings(data), policy: { ...defaultPolicy(), ...policy } };
  return data;
}

/** The error code a call throws, or "none". */
export const errorCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as RfaError).code;
  }
  return 'none';
};
