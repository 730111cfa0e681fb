import { isDeadlineError } from '@staunch/core';
import { staunch } from '@staunch/undici';
import { Agent, fetch } from 'undici';
import type { Call } from './adapters.js';
import type { NativeOutcome } from './outcome.js';

const JSON_BODY = JSON.stringify({ model: 'conformance-model', messages: [{ role: 'user', content: 'héllo' }] });
const agent = new Agent();

/**
 * The undici interceptor, driven through undici's fetch. It has fetch's shape only (a response
 * whatever its status; a transport error, the caller's reason or a deadline otherwise), so it
 * runs the native half of the table: the same arrivals and the same final outcome.
 */
export async function undiciNative(call: Call): Promise<NativeOutcome> {
  const dispatcher = agent.compose(staunch({ policy: call.policy, throttle: false, retryGate: false }));
  const body =
    call.body === 'json'
      ? JSON_BODY
      : call.body === 'stream'
        ? new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode(JSON_BODY));
              controller.close();
            },
          })
        : undefined;
  const init = {
    method: call.body === 'none' ? 'GET' : 'POST',
    headers: { 'x-test-id': call.testId, 'content-type': 'application/json' },
    dispatcher,
    ...(call.signal === undefined ? {} : { signal: call.signal }),
    ...(body === undefined ? {} : { body, duplex: 'half' }),
  } as Parameters<typeof fetch>[1];
  try {
    const response = await fetch(call.url, init);
    await response.body?.cancel();
    return { response: response.status };
  } catch (error) {
    if (error === call.abortReason) return { failed: 'aborted' };
    const cause = (error as { cause?: unknown }).cause;
    if (isDeadlineError(cause) || isDeadlineError(error)) return { failed: 'deadline' };
    if (error instanceof TypeError) return { failed: 'network' };
    return { failed: 'other' };
  }
}
