import { contract, type MethodName, type NotebookHandlers } from '../../shared/contract.ts';
import { fail, NotebookError, ok, type Result } from '../../shared/result.ts';

const isMethod = (name: string): name is MethodName => Object.hasOwn(contract, name);

/**
 * The one entry point for every transport (Electron IPC, the browser test harness, a command
 * line): look the method up in the contract, parse the input with its schema, call the handler,
 * and turn every outcome into a Result. Nothing reaches a handler unparsed, and nothing thrown
 * escapes to crash the caller.
 */
export function createDispatcher(handlers: NotebookHandlers) {
  return async function dispatch(method: string, rawInput: unknown): Promise<Result<unknown>> {
    if (typeof method !== 'string' || !isMethod(method)) {
      return fail(
        'unknown-method',
        `There is no notebook method called ${JSON.stringify(method)}.`,
      );
    }
    const parsed = contract[method].input.safeParse(rawInput);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(input)',
        message: issue.message,
      }));
      return fail(
        'invalid-input',
        `Invalid input for ${method}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof NotebookError) return fail(error.code, error.message);
      console.error(`[notebook] ${method} failed`, error);
      return fail(
        'internal',
        `${method} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
