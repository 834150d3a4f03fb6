/**
 * Builds the API object the UI sees as `exhibit` on its window, from the channel list: `exhibit.documents.list(args)`
 * and `exhibit.on(event, callback)`. The preload and the end-to-end bridge both use it,
 * so the renderer sees the same shape in Electron and in a test browser.
 */
import type { ArgsOf, Channel, Envelope, EventName, EventOf, ResultOf } from './contract.ts';

type Split<S extends string> = S extends `${infer A}.${infer B}` ? [A, B] : never;
type Namespaces = Split<Channel>[0];
type MethodsOf<N extends string> = {
  [C in Channel as Split<C>[0] extends N ? Split<C>[1] : never]: (args: ArgsOf<C>) => Promise<Envelope<ResultOf<C>>>;
};

/** The object the preload exposes to the page as `exhibit`. */
export type ExhibitApi = { [N in Namespaces]: MethodsOf<N> } & {
  on<E extends EventName>(event: E, callback: (payload: EventOf<E>) => void): () => void;
};

export type Invoke = (channel: string, args: unknown) => Promise<unknown>;
export type Subscribe = (callback: (event: string, payload: unknown) => void) => () => void;

/** Build the API object from channel names and a host's invoke/subscribe functions. */
export function buildApi(names: readonly string[], invoke: Invoke, subscribe: Subscribe): ExhibitApi {
  const api: Record<string, unknown> = {};
  for (const name of names) {
    const [ns, method] = name.split('.') as [string, string];
    const group = (api[ns] ??= {}) as Record<string, unknown>;
    group[method] = (args: unknown) => invoke(name, args ?? {});
  }
  api.on = (event: string, callback: (payload: unknown) => void) =>
    subscribe((name, payload) => {
      if (name === event) callback(payload);
    });
  return api as ExhibitApi;
}
