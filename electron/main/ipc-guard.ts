/**
 * Who may call the engine over IPC: only the top frame of a page served from
 * app://exhibit. Every contract message goes through `guardedCall` before the router
 * (which validates the arguments against the contract's schemas). Pure, so
 * tests/unit/electron-security.test.ts checks it with stand-in frames.
 */
import type { Envelope } from '../../shared/ipc/contract.ts';
import type { Router } from '../services/router.ts';
import { APP_HOST, APP_SCHEME } from './app-url.ts';

/** The parts of a WebFrameMain the sender check reads (null when the frame is gone). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** True only for the top frame of a page served from app://exhibit. */
export function isTrustedFrame(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    // Node's URL gives non-special schemes an opaque origin ("null"), so compare the parts.
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The answer to a message from anywhere else: nothing runs. */
export const forbiddenSender = (channel: string): Envelope<never> => ({
  ok: false,
  error: { code: 'forbidden', message: `"${channel}" may only be called by the Exhibit window`, subject: channel },
});

/** Route one IPC message if its sender is trusted; otherwise refuse it without touching the router. */
export function guardedCall(
  router: Router,
  frame: SenderFrame | null | undefined,
  channel: string,
  args: unknown,
): Promise<Envelope<unknown>> {
  if (!isTrustedFrame(frame)) return Promise.resolve(forbiddenSender(channel));
  return router.call(channel, args);
}
