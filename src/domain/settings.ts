// The shape of a desk's settings (house rules and reason messages) and their
// defaults: every list empty, every house rule off (the web form's defences on). The rules that read and change
// them are in policy.ts.
import { DEFAULT_REASON_MESSAGES, type ReasonCode } from './reasons.js';

export const POLICY_LISTS = ['banned-words', 'suspect-words', 'blocked-authors', 'trusted-authors'] as const;
export const POLICY_NUMBERS = ['max-links', 'flood-max', 'flood-window', 'auto-close-days', 'rate-limit', 'rate-window', 'form-min-seconds', 'form-max-hours'] as const;
export const POLICY_FLAGS = ['trust-returning'] as const;

export type PolicyList = (typeof POLICY_LISTS)[number];
export type PolicyNumber = (typeof POLICY_NUMBERS)[number];
export type PolicyFlag = (typeof POLICY_FLAGS)[number];

export type Policy = Record<PolicyList, string[]> & Record<PolicyNumber, number> & Record<PolicyFlag, boolean>;

export interface Settings {
  policy: Policy;
  reasonMessages: Record<ReasonCode, string>;
}

export const defaultPolicy = (): Policy => ({
  'banned-words': [],
  'suspect-words': [],
  'blocked-authors': [],
  'trusted-authors': [],
  'max-links': 0,
  'flood-max': 0,
  'flood-window': 0,
  'trust-returning': false,
  'auto-close-days': 0,
  // The web form's defences (rfa serve), on unless turned off: posts per sender
  // in rate-window minutes, and how soon after and how long after showing the form it may be sent.
  'rate-limit': 5,
  'rate-window': 1,
  'form-min-seconds': 3,
  'form-max-hours': 24,
});

/** The store's settings with defaults filled in; never written unless a setting changes. */
export function readSettings(data: { settings?: Settings }): Settings {
  const stored = data.settings;
  return {
    policy: { ...defaultPolicy(), ...(stored?.policy ?? {}) },
    reasonMessages: { ...DEFAULT_REASON_MESSAGES, ...(stored?.reasonMessages ?? {}) },
  };
}
