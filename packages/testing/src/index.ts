// The public surface of @staunch/testing.
export { flushMicrotasks, VirtualClock } from '@staunch/core';
