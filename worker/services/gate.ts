import { ForbiddenError, NotFoundError } from "../errors";

/**
 * A route's gate (define's `gate`): the permission that depends on the resource the path names, checked after the
 * access guard and before the route reads its inputs, so that whoever may not call the route learns that first, never
 * which of their inputs are wrong. A resource the caller may not see (or that does not exist) passes the gate: the
 * route answers its 404 after the inputs, as it does for any unknown id, and a 400 on the caller's own input tells
 * nothing of the resource.
 */
export async function refuseUnless<T>(loading: Promise<T>, allowed: (loaded: T) => boolean, refusal: string): Promise<void> {
  const loaded = await loading.catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  if (loaded !== null && !allowed(loaded)) throw new ForbiddenError(refusal);
}
