/**
 * Telling an option's value from the next option. Node's parseArgs refuses a value that
 * starts with '-' unless it is written `--note=-1`, yet a reviewer's note, quote or
 * rationale may well start with one ("-1 + 2 = 1", "- see p. 3", "-"). The rule: after
 * an option that takes a value, the next word is that value, whatever it starts with,
 * unless it starts with `--` or is `-h`; those are options (or the end of the options),
 * so the value is missing, and that is a usage error naming the option that wanted it.
 * A value that does start with `--` is written `--note=--draft`.
 */
import { UsageError } from './command.ts';

interface OptionSpec {
  readonly type: 'string' | 'boolean';
}

/** True when a word is an option (or `--`) rather than a value. */
const looksLikeOption = (word: string) => word.startsWith('--') || word === '-h';

/**
 * Rewrite `--name value` as `--name=value` for every option that takes a value, so parseArgs
 * takes values starting with '-'; a missing value is a UsageError naming the option.
 */
export function attachOptionValues(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    // Everything after a lone `--` is an argument, not an option.
    if (word === '--') return [...out, ...argv.slice(i)];
    const name = word.startsWith('--') && !word.includes('=') ? word.slice(2) : null;
    if (name === null || spec[name]?.type !== 'string') {
      out.push(word);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined) throw new UsageError(`${word} needs a value`);
    if (looksLikeOption(value))
      throw new UsageError(
        `${word} needs a value, but is followed by ${value} (to give a value starting with "--", write ${word}=${value})`,
      );
    out.push(`${word}=${value}`);
    i++;
  }
  return out;
}
