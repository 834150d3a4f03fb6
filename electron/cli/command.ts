/** What every CLI command shares: its signature, parsed option values, usage errors. */
import type { Services } from '../services/services.ts';
import type { Output } from './output.ts';
import type { OPTION_SPEC } from './usage.ts';

/** A mistake in how the command was called: exit status 2. */
export class UsageError extends Error {}

export type Values = Partial<Record<keyof typeof OPTION_SPEC, string | boolean | string[]>>;

export type Command = (s: Services, args: string[], values: Values, out: Output) => Promise<number>;

/** A whole number of 1 or more from an option, or undefined when it was not given. */
export function positiveInt(value: string | boolean | string[] | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number of 1 or more, not "${String(value)}"`);
  return n;
}

/** A string option, or undefined. */
export const str = (values: Values, key: keyof typeof OPTION_SPEC): string | undefined =>
  typeof values[key] === 'string' ? (values[key] as string) : undefined;
