/**
 * Every channel of the contract refuses malformed arguments with 'invalid-args' before
 * any handler runs: in the router itself, and through the whole Electron chain (sender
 * check, path grants, router).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/ipc/channels.ts';
import { contract, hostChannels } from '../../shared/ipc/contract.ts';
import { guardedCall } from '../../electron/main/ipc-guard.ts';
import { PathGrants, withPathGrants } from '../../electron/main/path-grants.ts';
import { createRouter, type HostHandlers, type RouterContext } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { newCase, tempDir } from './helpers.ts';

/**
 * A context that records any use once armed: a handler that runs touches it. The router's
 * own error mapping may look at the open case's folder and read-only flag; nothing else.
 */
function watchedContext() {
  const touched: string[] = [];
  let armed = false;
  const record = (key: string) => {
    touched.push(key);
    throw new Error(`a handler ran and read ctx.${key}`);
  };
  const store = new Proxy({ dir: '/no/case', readOnly: false } as Record<string, unknown>, {
    get: (target, key) =>
      !armed || key === 'dir' || key === 'readOnly' ? target[key as string] : record(`store.${String(key)}`),
  });
  const ctx = new Proxy({} as RouterContext, {
    get: (_target, key) => (!armed ? undefined : key === 'store' ? store : record(String(key))),
  });
  return { ctx, touched, arm: () => (armed = true) };
}

/** Host handlers that record being called. */
function watchedHost() {
  const called: string[] = [];
  const host = Object.fromEntries(
    hostChannels.map((name) => [
      name,
      async () => {
        called.push(name);
        return [];
      },
    ]),
  ) as HostHandlers;
  return { host, called };
}

/** Arguments of the wrong shape for every channel: not an object, or an object with a field no schema has. */
const malformed: unknown[] = [42, 'a string', ['an', 'array'], true, { unexpected: 'field' }];

/** Per channel: each of its fields given a value of a kind no field accepts (a nested object of junk). */
function wrongFields(channel: keyof typeof contract): Record<string, unknown>[] {
  const shape = (contract[channel].args as unknown as { shape: Record<string, unknown> }).shape;
  return Object.keys(shape).map((key) => ({ [key]: { junk: [1, 2, 3] } }));
}

describe('every channel validates its arguments before any handler runs', () => {
  it('checks the contract has a strict object schema per channel', () => {
    expect([...channelNames].sort()).toEqual(Object.keys(contract).sort());
    for (const name of channelNames) {
      const args = contract[name].args as unknown as { shape?: unknown; safeParse(v: unknown): { success: boolean } };
      expect(args.shape, name).toBeTypeOf('object');
      expect(args.safeParse({ unexpected: 'field' }).success, `${name} accepts unknown fields`).toBe(false);
    }
  });

  it("answers 'invalid-args' in the router, no handler or host dialog touched", async () => {
    const { ctx, touched, arm } = watchedContext();
    const { host, called } = watchedHost();
    const router = createRouter(ctx, host);
    arm();
    for (const name of channelNames) {
      for (const args of [...malformed, ...wrongFields(name)]) {
        const res = await router.call(name, args);
        expect(res, `${name} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
      }
    }
    expect(touched).toEqual([]);
    expect(called).toEqual([]);
  });

  it("answers 'invalid-args' through the Electron chain (trusted sender, path grants) on a real case", async () => {
    const { host, called } = watchedHost();
    const home = tempDir('exhibit-user-');
    const s = openServices({
      caseDir: path.join(tempDir(), 'case'),
      create: true,
      pool: { size: 1 },
      actor: () => 'Test Reviewer',
      configDir: path.join(home, 'config'),
      dataDir: path.join(home, 'data'),
      host,
    });
    try {
      const audited = async () => ((await s.router.call('audit.verify', {})) as { ok: true; value: { rows: number } }).value.rows;
      const before = await audited();
      // The real engine, reached only as the window reaches it.
      const router = withPathGrants(s.router, new PathGrants());
      const frame = { url: 'app://exhibit/index.html', parent: null };
      for (const name of channelNames) {
        for (const args of [...malformed, ...wrongFields(name)]) {
          const res = await guardedCall(router, frame, name, args);
          expect(res, `${name} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
        }
      }
      expect(called).toEqual([]);
      // Nothing was written: the audit log has the rows it had.
      expect(await audited()).toBe(before);
    } finally {
      await s.close();
    }
  });

  it('names the field at fault', async () => {
    const s = newCase();
    const res = await s.router.call('search.query', { query: 42 });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-args', subject: 'query' } });
  });
});
