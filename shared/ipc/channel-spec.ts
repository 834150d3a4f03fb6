/**
 * What each contract entry says about its channel besides its schemas: whether it changes
 * the open case, whether the host serves it, which paths it names and which grants its
 * answers give, and whether it switches cases. The engine's read-only guard, the Electron
 * path grants and the menu refresh all derive from these fields, so a new channel states
 * its facts once, where its schemas are.
 */
import type { z } from 'zod';

/** What a path the reviewer chose may be used for: reading, saving a bundle, or as a case folder. */
export type GrantPurpose = 'read' | 'save-bundle' | 'case';

export interface ChannelFacts {
  /**
   * 'write': changes the open case (its database, blobs or backups), so a read-only case
   * refuses it up front and an automatic backup counts it. 'read': reads the case, or
   * writes only elsewhere (per-user settings, an exported bundle, another case).
   */
  readonly access: 'read' | 'write';
  /** Served by the host (native dialogs, the shell, the clipboard), never by the services. */
  readonly host?: true;
  /** Its arguments name a file or folder (in `field`): the window may only name one it was granted. */
  readonly path?: {
    readonly field: 'path' | 'paths';
    readonly need: GrantPurpose;
    /** A file inside a granted folder is allowed too (importing a folder, then retrying one of its files). */
    readonly inside?: true;
  };
  /** Its answers are paths the reviewer chose (each answer itself, or each answer's `field`), granted for `purpose`. */
  readonly grants?: { readonly purpose: GrantPurpose; readonly field?: 'path' };
  /** Opens another case (or the same one anew): the host rebuilds its recent-cases menu. */
  readonly switchesCase?: true;
}

/** One contract entry: the schemas of the arguments and of the result, and the channel's facts. */
export interface ChannelSpec extends ChannelFacts {
  readonly args: z.ZodTypeAny;
  readonly result: z.ZodTypeAny;
}
