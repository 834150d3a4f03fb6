/**
 * Which files and folders the Electron window may name. The UI never picks a path by
 * itself: it gets one from a native dialog, from a file dropped on the window, or from
 * the recent-cases list, and this module remembers each such answer for the session.
 * A message naming any other path is refused before the engine sees it, so a page that
 * was somehow taken over cannot read, import or overwrite arbitrary files. Saving a
 * bundle needs a path from the save dialog; opening a case, a folder from the case dialog
 * or the recent list; importing, a chosen file, or a file inside a chosen folder (whose
 * real location, after links, is still inside it).
 *
 * The CLI and the end-to-end tests' bridge call the router directly and do not use this.
 * Tested in tests/unit/electron-paths.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ExhibitError, toErrorPayload } from '../../shared/errors.ts';
import { channelsWhere, specOf, type ChannelFacts, type GrantPurpose } from '../../shared/ipc/contract.ts';
import type { Router } from '../services/router.ts';

export type { GrantPurpose };

/** The host channels whose answers the reviewer chose, and what each answer may then be used for (from the contract). */
export const DIALOG_GRANTS: Readonly<Record<string, GrantPurpose>> = Object.fromEntries(
  channelsWhere((spec) => spec.host === true && spec.grants !== undefined).map((c) => [c, specOf(c)!.grants!.purpose]),
);

type PathRule = NonNullable<ChannelFacts['path']>;

/** Every channel whose arguments name a file or folder, and the grant it needs (from the contract). */
export const PATH_RULES: Readonly<Record<string, PathRule>> = Object.fromEntries(
  channelsWhere((spec) => spec.path !== undefined).map((c) => [c, specOf(c)!.path!]),
);

const refusal: Record<GrantPurpose, (p: string) => string> = {
  read: (p) => `Exhibit only reads files you chose in this window: "${p}" was not chosen in a dialog or dropped on the window.`,
  'save-bundle': (p) => `Exhibit only saves a bundle where you chose in the save dialog: "${p}" was not chosen there.`,
  case: (p) => `Exhibit only opens case folders you chose in a dialog or from the recent cases: "${p}" was not chosen there.`,
};

export interface PathGrantsOptions {
  /** Path rules of this platform (win32: backslashes, drive letters, case-insensitive). */
  platform?: NodeJS.Platform;
}

type PathApi = typeof path.posix;

interface Rules {
  path: PathApi;
  /** Windows: paths compare without regard to case. */
  foldCase: boolean;
}

/** The comparable form of an absolute path, or null for anything that is not one. */
function keyOf(r: Rules, p: string): string | null {
  if (p === '' || p.includes('\0') || !r.path.isAbsolute(p)) return null;
  const resolved = r.path.resolve(p);
  return r.foldCase ? resolved.toLowerCase() : resolved;
}

/** True when `key` lies strictly inside the folder `folderKey` (both comparable absolute paths). */
function contains(r: Rules, folderKey: string, key: string): boolean {
  const rel = r.path.relative(folderKey, key);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${r.path.sep}`) && !r.path.isAbsolute(rel);
}

/** The real location of `p`, after symbolic links, is inside the real folder (or `p` does not exist: nothing to read). */
function stillInside(r: Rules, folderKey: string, p: string): boolean {
  let realFile: string;
  let realFolder: string;
  try {
    realFile = fs.realpathSync.native(p);
  } catch {
    return true;
  }
  try {
    realFolder = fs.realpathSync.native(folderKey);
  } catch {
    return false;
  }
  const a = keyOf(r, realFolder);
  const b = keyOf(r, realFile);
  return a !== null && b !== null && contains(r, a, b);
}

/** The paths the reviewer chose in this session, per purpose. */
export class PathGrants {
  readonly #granted = new Map<GrantPurpose, Set<string>>();
  readonly #rules: Rules;

  constructor(options: PathGrantsOptions = {}) {
    const win = (options.platform ?? process.platform) === 'win32';
    this.#rules = { path: win ? path.win32 : path.posix, foldCase: win };
  }

  /** Remember that the reviewer chose `p` for `purpose`. Anything not an absolute path is ignored. */
  grant(purpose: GrantPurpose, p: string): void {
    const key = keyOf(this.#rules, p);
    if (!key) return;
    let set = this.#granted.get(purpose);
    if (!set) this.#granted.set(purpose, (set = new Set()));
    set.add(key);
  }

  /** Remember the answers of a call that hands the UI paths the reviewer chose (the contract's `grants`). */
  record(channel: string, value: unknown): void {
    const grants = specOf(channel)?.grants;
    if (!grants || !Array.isArray(value)) return;
    for (const answer of value as unknown[]) {
      const p = grants.field ? (answer as Record<string, unknown> | null)?.[grants.field] : answer;
      if (typeof p === 'string') this.grant(grants.purpose, p);
    }
  }

  /** True when `p` may be used for `purpose` (with `inside`, also a path inside a granted folder). */
  allows(purpose: GrantPurpose, p: string, inside = false): boolean {
    const key = keyOf(this.#rules, p);
    const set = this.#granted.get(purpose);
    if (!key || !set) return false;
    if (set.has(key)) return true;
    if (!inside) return false;
    for (const folder of set) if (contains(this.#rules, folder, key) && stillInside(this.#rules, folder, p)) return true;
    return false;
  }

  /** Throw a 'forbidden' error naming the first path in `args` that `channel` may not use. */
  check(channel: string, args: unknown): void {
    if (!Object.hasOwn(PATH_RULES, channel)) return;
    const rule = PATH_RULES[channel]!;
    const value = (args as Record<string, unknown> | null | undefined)?.[rule.field];
    // Anything not a string (or a list of strings) is left to the router, which refuses it as invalid.
    const paths = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((p) => typeof p === 'string') : [];
    for (const p of paths) {
      if (!this.allows(rule.need, p, rule.inside)) throw new ExhibitError('forbidden', refusal[rule.need](p), p);
    }
  }
}

/**
 * The router as the Electron window may use it: a call naming a path the reviewer did not
 * choose is refused (nothing runs), and the answers of the dialogs are remembered.
 */
export function withPathGrants(router: Router, grants: PathGrants): Router {
  return {
    async call(channel, args) {
      try {
        grants.check(channel, args);
      } catch (err) {
        return { ok: false, error: toErrorPayload(err) };
      }
      const res = await router.call(channel, args);
      if (res.ok) grants.record(channel, res.value);
      return res;
    },
  };
}
