/** `exhibit export --out FILE.zip` and `exhibit verify FILE.zip`. */
import path from 'node:path';
import { exportBundle } from '../services/bundle/export.ts';
import { verifyBundle } from '../services/bundle/verify.ts';
import { userConfigDir } from '../services/case/paths.ts';
import { reviewerName } from '../services/case/settings.ts';
import { str, UsageError, type Command } from './command.ts';
import type { Output } from './output.ts';

const exportCommand: Command = async (s, args, values, out) => {
  if (args.length > 0) throw new UsageError('export takes --out FILE.zip');
  const file = str(values, 'out');
  if (!file) throw new UsageError('export needs --out FILE.zip');
  const configDir = userConfigDir(out.io.env);
  const result = await exportBundle(s.store, {
    out: path.resolve(out.io.cwd, file),
    reviewer: reviewerName(out.io.env, configDir),
    configDir,
  });
  out.record(result, () => `Exported ${result.files} file(s) to ${result.out} (${Math.round(result.bytes / 1024)} KiB), signed.`);
  return 0;
};

/** Verification needs no case: it is run by whoever receives the bundle. */
export async function verifyCommand(args: string[], out: Output): Promise<number> {
  if (args.length !== 1) throw new UsageError('verify takes one bundle: exhibit verify FILE.zip');
  const report = await verifyBundle(path.resolve(out.io.cwd, args[0]!));
  if (out.json) out.record(report, () => '');
  else if (report.ok) out.say('ok');
  else for (const p of report.problems) out.io.stdout.write(`${p}\n`);
  return report.ok ? 0 : 1;
}

export const bundleCommands: Record<string, Command> = { export: exportCommand };
