/**
 * The app:// origin and the mapping from its URLs to files in the renderer folder.
 * Pure (no Electron), so the rules that keep every request inside that folder are
 * unit-tested: tests/unit/electron-paths.test.ts.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'exhibit';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True when `rel` (from path.relative) leads out of its base folder or is the folder itself. */
const outside = (rel: string): boolean => rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);

/**
 * Map a request URL to a file under `root`, or null when it names anything else
 * (another scheme or host, a `..` written plainly or encoded, a backslash, a NUL byte,
 * a path outside the folder). Checks the text only; `resolveAppFile` also follows links.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(requestUrl);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname}`);
  return outside(path.relative(base, file)) ? null : file;
}

/**
 * The file a request names, as `resolveAppPath`, and only if its real location (after
 * symbolic links) is still inside the real `root`: a link in the build output cannot
 * serve a file from elsewhere. Null when missing.
 */
export async function resolveAppFile(root: string, requestUrl: string): Promise<string | null> {
  const file = resolveAppPath(root, requestUrl);
  if (!file) return null;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    return outside(path.relative(realRoot, realFile)) ? null : realFile;
  } catch {
    return null;
  }
}
