/**
 * The renderer's only door to the host. Whatever installed `window.exhibit` (the
 * Electron preload or the test bridge), calls come back as envelopes; here they
 * become values or a thrown ApiError the UI can show.
 */
import type { ErrorCode } from '../../shared/errors.ts';
import type { ExhibitApi } from '../../shared/ipc/api-shape.ts';
import type { ArgsOf, Channel, Envelope, EventName, EventOf, ResultOf } from '../../shared/ipc/contract.ts';

declare global {
  interface Window {
    exhibit?: ExhibitApi;
  }
}

/** A failed call: the engine's code, a message a reviewer understands, and the file or item at fault. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'unavailable';
  readonly subject: string | null;
  constructor(code: ErrorCode | 'unavailable', message: string, subject: string | null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.subject = subject;
  }
}

type Method = (args: unknown) => Promise<Envelope<unknown>>;

function bridge(): ExhibitApi {
  const api = window.exhibit;
  if (!api) throw new ApiError('unavailable', 'This window is not connected to the Exhibit engine.', null);
  return api;
}

/** Call a contract channel and unwrap its envelope. */
export async function call<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  const [group, name] = channel.split('.') as [string, string];
  const method = (bridge() as unknown as Record<string, Record<string, Method> | undefined>)[group]?.[name];
  if (!method) throw new ApiError('unavailable', `The host does not offer "${channel}".`, channel);
  const envelope = await method(args);
  if (!envelope.ok) {
    const { code, message, subject } = envelope.error;
    throw new ApiError(code as ErrorCode, message, subject);
  }
  return envelope.value as ResultOf<C>;
}

/** Listen to a host event; returns the function that stops listening. */
export function onEvent<E extends EventName>(event: E, callback: (payload: EventOf<E>) => void): () => void {
  // Without the engine no event can arrive; the first call that fails tells the reviewer why.
  const api = window.exhibit;
  if (!api) return () => undefined;
  return api.on(event, callback);
}

/** A message for anything caught, preferring the engine's own wording. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
