/**
 * Where Exhibit keeps things per user. The app and the CLI use these same functions,
 * so both see the same default case.
 */
import os from 'node:os';
import path from 'node:path';

type Env = Record<string, string | undefined>;

/** The per-user data folder: $XDG_DATA_HOME/exhibit on Linux, the platform's usual place elsewhere. */
export function userDataDir(env: Env = process.env, platform = process.platform): string {
  const home = env.HOME ?? os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Exhibit');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Exhibit');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'exhibit');
}

/** The per-user settings folder ($XDG_CONFIG_HOME/exhibit on Linux). */
export function userConfigDir(env: Env = process.env, platform = process.platform): string {
  if (platform !== 'linux') return userDataDir(env, platform);
  const home = env.HOME ?? os.homedir();
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'exhibit');
}

/** The case used when none is named: EXHIBIT_CASE, else `cases/default` in the data folder. */
export function defaultCaseDir(env: Env = process.env, platform = process.platform): string {
  if (env.EXHIBIT_CASE) return path.resolve(env.EXHIBIT_CASE);
  return path.join(userDataDir(env, platform), 'cases', 'default');
}
