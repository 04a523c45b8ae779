/**
 * Long loops on the event loop that serves requests (judging thousands of
 * volunteers or AEDs for a week) let other requests in now and then, so a
 * dispatch arriving meanwhile waits milliseconds, not the whole loop.
 */

/**
 * Returns a function to await between items of a long loop: it yields to the
 * event loop once `milliseconds` have passed since it last did, and
 * otherwise returns at once.
 */
export function breather(milliseconds = 8): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < milliseconds) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
