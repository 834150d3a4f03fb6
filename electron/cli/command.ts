/** What every CLI command shares: its signature, parsed option values, usage errors. */
import type { Services } from '../services/services.ts';
import type { Output } from './output.ts';
import type { OPTION_SPEC } from './usage.ts';

/** A mistake in how the command was called: exit status 2. */
export class UsageError extends Error {}

export type Values = Partial<Record<keyof typeof OPTION_SPEC, string | boolean | string[]>>;

/** An option as given, in command-line order (for commands where order matters: sections and their documents). */
export interface OptionToken {
  name: string;
  value: string | undefined;
}

export type Command = (
  s: Services,
  args: string[],
  values: Values,
  out: Output,
  order?: readonly OptionToken[],
) => Promise<number>;

/** A whole number of 1 or more from an option, or undefined when it was not given. */
export function positiveInt(value: string | boolean | string[] | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number of 1 or more, not "${String(value)}"`);
  return n;
}

/** A string option (the last one, when it was given several times), or undefined. */
export function str(values: Values, key: keyof typeof OPTION_SPEC): string | undefined {
  const v = values[key];
  if (Array.isArray(v)) return v.at(-1);
  return typeof v === 'string' ? v : undefined;
}
