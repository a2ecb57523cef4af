/**
 * Sends a request to the local server, again when `wrangler dev`'s proxy loses it: the proxy now and then answers a POST
 * with 503 "Your worker restarted mid-request" although the Worker never restarted, or closes a kept-alive connection
 * just as a request goes out on it ("other side closed"): a keep-alive race between the proxy and workerd under load
 * (workers-sdk issue 14641). Only GETs are retried by the proxy itself. A member's POST should carry an
 * `Idempotency-Key` (API.md "Conventions"), so that a request which did land before its connection broke is answered
 * again, not done twice (and while that first one is still being handled, the 409 says to try again in a moment).
 * Answers the response and its body's text; throws `what` with the socket's error when every attempt broke.
 */
export async function fetchRetrying(url, init, { what = `${init.method ?? "GET"} ${url}`, retries = 5 } = {}) {
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await fetch(url, init);
    } catch (err) {
      // The connection broke (fetch rejects with a TypeError whose cause is the socket's error).
      if (attempt < retries && err instanceof TypeError) {
        await pause(attempt);
        continue;
      }
      throw new Error(`${what} failed: ${err.cause?.message ?? err.message}`);
    }
    const text = await res.text();
    const restarted = res.status === 503 && text.startsWith("Your worker restarted mid-request");
    const stillHandled = attempt > 1 && res.status === 409 && text.includes("still being handled");
    if ((restarted || stillHandled) && attempt < retries) {
      await pause(attempt);
      continue;
    }
    return { res, text };
  }
}

const pause = (attempt) => new Promise((resolve) => setTimeout(resolve, 200 * attempt));
