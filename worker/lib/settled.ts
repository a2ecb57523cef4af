/** A read started now whose answer (or error) is taken later, when the rules before it have passed. */
export function settled<T>(reading: Promise<T>): Promise<() => T> {
  return reading.then(
    (value) => () => value,
    (err: unknown) => () => {
      throw err;
    },
  );
}
