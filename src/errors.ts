// The typed errors every layer throws. Only main.ts turns them into exit codes.

export type ErrorCode = 'USAGE' | 'INVALID_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'STORE';

export const EXIT_CODES: Record<ErrorCode, number> = {
  STORE: 1,
  USAGE: 2,
  INVALID_INPUT: 2,
  NOT_FOUND: 3,
  CONFLICT: 4,
};

export class RfaError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'RfaError';
    this.code = code;
    this.hint = hint;
  }
}

export const usageError = (message: string, hint?: string) => new RfaError('USAGE', message, hint);
export const invalidInput = (message: string, hint?: string) => new RfaError('INVALID_INPUT', message, hint);
export const notFound = (message: string, hint?: string) => new RfaError('NOT_FOUND', message, hint);
export const conflict = (message: string, hint?: string) => new RfaError('CONFLICT', message, hint);
export const storeError = (message: string, hint?: string) => new RfaError('STORE', message, hint);
