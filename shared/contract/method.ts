import { z } from 'zod';

/**
 * How a method of the IPC contract is declared: its input schema, and its result type carried
 * as a phantom (nothing at run time). `shared/contract.ts` gathers every group of methods.
 */
declare const resultBrand: unique symbol;
export interface MethodSpec<I extends z.ZodType, R> {
  input: I;
  readonly [resultBrand]?: R;
}

export const method =
  <R>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, R> => ({ input });

export const empty = z.object({}).strict();
export const tokenSchema = z.string().min(1).max(100);
