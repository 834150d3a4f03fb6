/**
 * Electron's fuses for the packaged app: switches compiled into the Electron binary that
 * no command-line flag or environment variable can turn back. Flipped by the
 * electron-builder afterPack hook (scripts/after-pack.mjs) before the app is signed;
 * tests/unit/electron-fuses.test.ts asserts every value here.
 */
import path from 'node:path';
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/** The fuse settings, fuse by fuse. */
export const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node.js that runs any script.
  [FuseV1Options.RunAsNode]: false,
  // Cookies are encrypted at rest with the OS keychain (the app keeps none, but cheap to have).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends would open a debugger port into the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds (macOS and Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // The app runs only from app.asar, never from a loose app/ folder put beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // file:// pages get no more rights than any other origin (the app never loads one).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies FuseV1Config;

/** The configuration for one platform: macOS builds also get a fresh ad-hoc signature (arm64 needs one to start). */
export function fuseConfigFor(platform: string): FuseV1Config {
  return { ...FUSES, resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas' };
}

export interface PackedApp {
  /** electron-builder's electronPlatformName: darwin, mas, win32 or linux. */
  platform: string;
  appOutDir: string;
  /** The product's file name (Exhibit), used for the .app and the .exe. */
  productFilename: string;
  /** The Linux executable's name (exhibit). */
  linuxExecutableName: string;
}

/** Where electron-builder put the Electron executable whose fuses are flipped. */
export function electronBinaryPath(app: PackedApp): string {
  const name = app.platform === 'linux' ? app.linuxExecutableName : app.productFilename;
  const ext: Record<string, string> = { darwin: '.app', mas: '.app', win32: '.exe', linux: '' };
  if (!(app.platform in ext))
    throw new Error(`Unknown platform "${app.platform}": cannot find the Electron binary to flip its fuses`);
  return path.join(app.appOutDir, `${name}${ext[app.platform]}`);
}
