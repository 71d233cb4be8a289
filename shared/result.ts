/**
 * Every contract call resolves to a Result instead of throwing: errors thrown across Electron's
 * IPC lose their type and most of their message, and a renderer should be able to show a clear
 * reason without parsing strings.
 */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'forbidden'
  | 'unknown-method'
  /** Needs something this host does not have (a file dialog in a test, say). */
  | 'unavailable'
  | 'internal';

export interface NotebookFailure {
  code: ErrorCode;
  message: string;
  /** For invalid input: where in the payload and what was wrong. */
  issues?: { path: string; message: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: NotebookFailure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (
  code: ErrorCode,
  message: string,
  issues?: NotebookFailure['issues'],
): Result<never> => ({ ok: false, error: issues ? { code, message, issues } : { code, message } });

/** Thrown inside the core for expected failures; the dispatcher turns it into a Result. */
export class NotebookError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'NotebookError';
  }
}
