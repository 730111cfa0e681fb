import type { CallInfo } from '@staunch/core';
import { expect, it } from 'vitest';
import type { RouteEnd } from '../src/index.js';
import { BACKUP, fakeChain, OPENAI, settle } from './support/fake-chain.js';

// Telemetry follows a routed call through the router's seam: each engine call's target and key, the end, the breakers.
it('names the target and key of each leg, reports the end with the same token, and reads every breaker', async () => {
  const { clock, call, router } = fakeChain(
    [
      { name: 'openai', baseURL: OPENAI, policy: 'openai' },
      { name: 'backup', baseURL: BACKUP, policy: 'together', keys: ['k-a', 'k-b'] },
    ],
    (s) => (s.target === 'openai' ? { status: 503 } : { status: 200 }),
  );
  const calls: CallInfo[] = [];
  const ends: RouteEnd[] = [];
  for (const engine of router.engines) engine.onCallStart(({ call: info }) => calls.push(info));
  router.telemetry.onRouteEnd((end) => ends.push(end));
  await settle(clock, call(`${OPENAI}/chat/completions`, { body: '{}' }));
  const legs = calls.map((info) => router.telemetry.legOf(info));
  expect(legs.map((leg) => [leg?.target, leg?.key])).toEqual([
    ['openai', undefined],
    ['backup', 0],
  ]);
  expect(legs[0]?.route).toBe(legs[1]?.route);
  expect(ends).toHaveLength(1);
  expect(ends[0]?.route).toBe(legs[0]?.route);
  expect(ends[0]?.report).toMatchObject({ ok: true, target: 'backup', key: 0 });
  expect(router.telemetry.breakers()).toEqual([
    { target: 'openai', key: undefined, state: 'closed' },
    { target: 'backup', key: undefined, state: 'closed' },
    { target: 'backup', key: 0, state: 'closed' },
    { target: 'backup', key: 1, state: 'closed' },
  ]);
});
