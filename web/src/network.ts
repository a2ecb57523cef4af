import { signal } from "@preact/signals";
import { api } from "./api";
import type { PublicNetwork } from "./api-types";

/** The network's public face (GET /api/v1/network): the shell shows its name, logo and colour. */
export const network = signal<PublicNetwork | null>(null);

export async function loadNetwork(): Promise<void> {
  try {
    network.value = await api<PublicNetwork>("/network");
  } catch {
    // The default face stays: the name "Comptoir" and the default colour.
  }
}

/** The network's colour on the brand mark only (the interface's own accent keeps its checked contrast). */
export function brandStyle(): Record<string, string> | undefined {
  const colour = network.value?.colour;
  return colour ? { background: colour } : undefined;
}
