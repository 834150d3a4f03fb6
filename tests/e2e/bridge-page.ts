/**
 * Runs inside the test page, before the app's own scripts: installs `window.exhibit`
 * exactly as the preload does (same buildApi, same channel list), but invoking through
 * the `__exhibitInvoke` Playwright binding and receiving events from `__exhibitEmit`.
 * Bundled to an init script by tests/e2e/bridge.ts; written without DOM types on purpose,
 * since tests/ is type-checked as Node code.
 */
import { buildApi, type Invoke, type Subscribe } from '../../shared/ipc/api-shape.ts';
import { channelNames } from '../../shared/ipc/channels.ts';

type Listener = (event: string, payload: unknown) => void;
interface BridgeGlobals {
  __exhibitInvoke?: (channel: string, args: unknown) => Promise<unknown>;
  __exhibitEmit?: (event: string, payload: unknown) => void;
  exhibit?: unknown;
}

const g = globalThis as unknown as BridgeGlobals;
const listeners = new Set<Listener>();

const invoke: Invoke = (channel, args) => {
  const binding = g.__exhibitInvoke;
  if (!binding) return Promise.reject(new Error('the test host binding __exhibitInvoke is missing'));
  return binding(channel, args);
};

const subscribe: Subscribe = (callback) => {
  listeners.add(callback);
  return () => {
    listeners.delete(callback);
  };
};

// Not enumerable or writable, like a contextBridge global: page code cannot swap it out.
Object.defineProperty(g, '__exhibitEmit', {
  value: (event: string, payload: unknown) => {
    for (const listener of listeners) listener(event, payload);
  },
});

const api = buildApi(channelNames, invoke, subscribe) as unknown as Record<string, unknown>;
for (const value of Object.values(api)) if (typeof value === 'object' && value !== null) Object.freeze(value);
Object.defineProperty(g, 'exhibit', { value: Object.freeze(api), enumerable: true });
