// electron-builder afterPack hook (electron-builder.yml): flips the Electron fuses set in
// scripts/fuses.ts on the packed app, before it is signed. Fails the build if they cannot be flipped.
import { flipFuses } from '@electron/fuses';
import { electronBinaryPath, fuseConfigFor } from './fuses.ts';

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const binary = electronBinaryPath({
    platform,
    appOutDir: context.appOutDir,
    productFilename: context.packager.appInfo.productFilename,
    linuxExecutableName: platform === 'linux' ? context.packager.executableName : '',
  });
  await flipFuses(binary, fuseConfigFor(platform));
}
