/**
 * Packaging flips Electron's fuses: the settings, where the hook finds the binary, and
 * the hook itself run on a file laid out like Electron's fuse wire (the real binary cannot
 * be downloaded here), read back with @electron/fuses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { electronBinaryPath, FUSES, fuseConfigFor } from '../../scripts/fuses.ts';
import { tempDir } from './helpers.ts';

describe('Electron fuses', () => {
  it('turn off running as Node, NODE_OPTIONS, inspect flags and file:// privileges; turn on asar integrity and asar-only', () => {
    expect(FUSES).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    expect(fuseConfigFor('darwin').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor('linux').resetAdHocDarwinSignature).toBe(false);
  });

  it('are flipped on the binary electron-builder packed, per platform', () => {
    const app = { appOutDir: path.join('release', 'out'), productFilename: 'Exhibit', linuxExecutableName: 'exhibit' };
    expect(electronBinaryPath({ ...app, platform: 'linux' })).toBe(path.join('release', 'out', 'exhibit'));
    expect(electronBinaryPath({ ...app, platform: 'win32' })).toBe(path.join('release', 'out', 'Exhibit.exe'));
    expect(electronBinaryPath({ ...app, platform: 'darwin' })).toBe(path.join('release', 'out', 'Exhibit.app'));
    expect(() => electronBinaryPath({ ...app, platform: 'aix' })).toThrow(/Unknown platform "aix"/);
  });

  it('are set by the afterPack hook named in electron-builder.yml', async () => {
    const yml = fs.readFileSync('electron-builder.yml', 'utf8');
    expect(yml).toMatch(/^afterPack: \.\/scripts\/after-pack\.mjs$/m);
    expect(yml).toMatch(/^asar: true$/m);

    // Electron's layout: the sentinel, then version 1, the wire's length, one byte per fuse.
    const appOutDir = tempDir();
    const binary = path.join(appOutDir, 'exhibit');
    const defaults = [FuseState.ENABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE, FuseState.DISABLE];
    const wire = [...defaults, FuseState.DISABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE];
    const head = Buffer.alloc(4096, 0x90);
    fs.writeFileSync(
      binary,
      Buffer.concat([
        head,
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
        Buffer.from([1, wire.length, ...wire]),
        Buffer.alloc(4096),
      ]),
    );

    const hook = (await import(pathToFileURL(path.resolve('scripts/after-pack.mjs')).href)) as {
      default: (context: unknown) => Promise<void>;
    };
    await hook.default({
      electronPlatformName: 'linux',
      appOutDir,
      packager: { appInfo: { productFilename: 'Exhibit' }, executableName: 'exhibit' },
    });

    const after = await getCurrentFuseWire(binary);
    expect(after[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(after[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(after[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(after[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // Fuses this app does not set keep Electron's value.
    expect(after[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE);
  });

  it('fail the build when the binary has no fuse wire', async () => {
    const appOutDir = tempDir();
    fs.writeFileSync(path.join(appOutDir, 'exhibit'), Buffer.alloc(1024));
    const hook = (await import(pathToFileURL(path.resolve('scripts/after-pack.mjs')).href)) as {
      default: (context: unknown) => Promise<void>;
    };
    await expect(
      hook.default({
        electronPlatformName: 'linux',
        appOutDir,
        packager: { appInfo: { productFilename: 'Exhibit' }, executableName: 'exhibit' },
      }),
    ).rejects.toThrow(/sentinel/);
  });
});
