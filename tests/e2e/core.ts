import type { MethodInput, MethodName, MethodResult } from '../../shared/contract.ts';
import type { Harness } from './harness.ts';

/** Call the real core as the app does, and unwrap its answer. */
export async function core<M extends MethodName>(
  harness: Harness,
  method: M,
  input: MethodInput<M>,
): Promise<MethodResult<M>> {
  const result = (await harness.notebook.dispatch(method, input)) as
    | { ok: true; value: MethodResult<M> }
    | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}
