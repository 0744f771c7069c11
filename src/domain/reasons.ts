// Why a comment was rejected, in words a commenter can be told. The codes are
// fixed; the sentences are the desk's and live in the store's settings.

export const REASON_CODES = ['spam', 'abuse', 'off-topic', 'personal-data', 'legal', 'duplicate', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const DEFAULT_REASON_MESSAGES: Record<ReasonCode, string> = {
  spam: 'Your comment was not published because it looks like advertising or spam.',
  abuse: 'Your comment was not published because it is abusive or insulting.',
  'off-topic': 'Your comment was not published because it is not about the article.',
  'personal-data': 'Your comment was not published because it contains personal information.',
  legal: 'Your comment was not published for legal reasons.',
  duplicate: 'Your comment was not published because it repeats an earlier one.',
  other: 'Your comment was not published because it breaks our Terms of Use.',
};

export const isReasonCode = (value: string): value is ReasonCode => (REASON_CODES as readonly string[]).includes(value);
