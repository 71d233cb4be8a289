import type { MethodInput, MethodName, MethodResult } from '../../shared/contract.ts';
import type { NotebookFailure } from '../../shared/result.ts';

export class NotebookCallError extends Error {
  readonly code: NotebookFailure['code'];
  constructor(failure: NotebookFailure) {
    super(failure.message);
    this.name = 'NotebookCallError';
    this.code = failure.code;
  }
}

/** Call a contract method and unwrap its Result: the value, or a NotebookCallError to show. */
export async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodResult<M>> {
  const fn = window.notebook[method] as (
    i: MethodInput<M>,
  ) => Promise<{ ok: true; value: MethodResult<M> } | { ok: false; error: NotebookFailure }>;
  const result = await fn(input);
  if (!result.ok) throw new NotebookCallError(result.error);
  return result.value;
}
