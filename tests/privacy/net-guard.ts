/**
 * A network tripwire for the privacy test, preloaded with `node --import` so it is in place
 * before any engine code runs — in the main thread and in every worker thread (Node runs
 * preloads in workers started from a file, as the extraction pool's are). Every way Node
 * has to reach out — TCP/IPC sockets, TLS, HTTP(S)/2, fetch, WebSocket, UDP, DNS — is
 * recorded (to the JSON-lines file named by EXHIBIT_NET_GUARD_LOG) and refused.
 * Each thread also records that the guard was loaded in it.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { isMainThread, threadId } from 'node:worker_threads';

const LOG = process.env.EXHIBIT_NET_GUARD_LOG;
if (!LOG) throw new Error('net-guard: set EXHIBIT_NET_GUARD_LOG to the file that records attempts');

export interface GuardRecord {
  kind: 'loaded' | 'attempt';
  thread: number;
  main: boolean;
  api?: string;
  target?: string;
  stack?: string;
}

function record(r: Omit<GuardRecord, 'thread' | 'main'>): void {
  fs.appendFileSync(LOG!, `${JSON.stringify({ ...r, thread: threadId, main: isMainThread })}\n`);
}

/** What the call was aimed at, for the report (host:port, a URL, a socket path…). */
function describe(args: unknown[]): string {
  const [a, b] = args;
  if (typeof a === 'string' || a instanceof URL) return String(a);
  if (typeof a === 'number') return `port ${a}${typeof b === 'string' ? ` on ${b}` : ''}`;
  if (Array.isArray(a)) return describe(a);
  if (a && typeof a === 'object') {
    const o = a as Record<string, unknown>;
    return String(o.href ?? o.path ?? `${String(o.host ?? o.hostname ?? '?')}:${String(o.port ?? '?')}`);
  }
  return typeof a;
}

const refusal = (api: string) => Object.assign(new Error(`${api}: the network is off in this test`), { code: 'ENETUNREACH' });

/** Replace `obj[name]` by a function that records the call and throws (or calls back with) a refusal. */
function trip(obj: object, name: string, api: string, style: 'throw' | 'callback' | 'reject' = 'throw'): void {
  const target = obj as Record<string, unknown>;
  if (typeof target[name] !== 'function') return;
  target[name] = function tripped(...args: unknown[]) {
    record({ kind: 'attempt', api, target: describe(args), stack: new Error().stack?.split('\n').slice(2, 8).join('\n') });
    const err = refusal(api);
    if (style === 'reject') return Promise.reject(err);
    const cb = args.findLast((x) => typeof x === 'function') as ((e: Error) => void) | undefined;
    if (style === 'callback' && cb) {
      process.nextTick(cb, err);
      return undefined;
    }
    throw err;
  };
}

trip(net.Socket.prototype, 'connect', 'net.Socket.connect');
trip(net, 'connect', 'net.connect');
trip(net, 'createConnection', 'net.createConnection');
trip(tls, 'connect', 'tls.connect');
trip(tls.TLSSocket.prototype, 'connect', 'tls.TLSSocket.connect');
for (const [mod, name] of [
  [http, 'http'],
  [https, 'https'],
] as const) {
  trip(mod, 'request', `${name}.request`);
  trip(mod, 'get', `${name}.get`);
}
trip(http2, 'connect', 'http2.connect');
trip(dgram, 'createSocket', 'dgram.createSocket');
trip(dgram.Socket.prototype, 'send', 'dgram.Socket.send');
trip(dgram.Socket.prototype, 'connect', 'dgram.Socket.connect');
for (const fn of [
  'lookup',
  'lookupService',
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCname',
  'resolveMx',
  'resolveNs',
  'resolveSrv',
  'resolveTxt',
  'reverse',
]) {
  trip(dns, fn, `dns.${fn}`, 'callback');
  trip(dns.promises, fn, `dns.promises.${fn}`, 'reject');
  trip(dns.Resolver.prototype, fn, `dns.Resolver.${fn}`, 'callback');
  trip(dns.promises.Resolver.prototype, fn, `dns.promises.Resolver.${fn}`, 'reject');
}
trip(globalThis, 'fetch', 'fetch', 'reject');
if (typeof globalThis.WebSocket === 'function') {
  globalThis.WebSocket = class RefusedWebSocket {
    constructor(url: string | URL) {
      record({ kind: 'attempt', api: 'WebSocket', target: String(url) });
      throw refusal('WebSocket');
    }
  } as unknown as typeof WebSocket;
}
// `import { connect } from 'node:net'` reads named exports: bring them in line with the patched modules.
syncBuiltinESMExports();

record({ kind: 'loaded' });
