import ipaddr from "ipaddr.js";

/**
 * Where an outgoing webhook may be delivered (issue "integrations", item 2): calls from the Worker must never reach
 * inside — a private, loopback, link-local, carrier-grade NAT, multicast, metadata, reserved or unspecified address, in
 * any spelling. The URL as written is checked here, at registration, without a DNS lookup; the resolved address is
 * checked again before each attempt.
 *
 * The WHATWG URL parser already turns every IPv4 spelling (decimal, octal, hex, short forms, percent-encoded, trailing
 * dot) into a dotted quad and every IPv6 spelling into its compressed form, so an address is judged once, by what it
 * is: only ipaddr.js's `unicast` range passes (IPv4-mapped IPv6 is judged as its IPv4 address, and the other IPv6 ranges
 * that embed an IPv4 address — NAT64, 6to4, Teredo — are refused outright).
 */
export type Destination = { ok: true; url: URL } | { ok: false; reason: string };

/** Names that only ever mean this machine or a private network, whatever DNS says. */
const INTERNAL_NAMES = /(^|\.)(localhost|internal|local|localdomain|home\.arpa)$/;

/**
 * Whether `raw` may be registered as a webhook endpoint. `allowOrigins` (the `WEBHOOK_ALLOW_ORIGINS` variable, for local
 * development and tests only) lists exact origins that skip every check but the URL's syntax.
 */
export function checkDestination(raw: string, allowOrigins: readonly string[] = []): Destination {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "Not a URL" };
  }
  if (allowOrigins.includes(url.origin)) return { ok: true, url };
  if (url.protocol !== "https:") return { ok: false, reason: "Webhook endpoints are https" };
  if (url.username || url.password) return { ok: false, reason: "A webhook URL carries no user name or password" };
  return isPublicHost(url.hostname) ? { ok: true, url } : { ok: false, reason: "This address is not reachable from the internet" };
}

/** A hostname (as `URL.hostname` gives it) that names a public host: a public unicast address, or a public-looking name. */
export function isPublicHost(hostname: string): boolean {
  const host = hostname.replace(/\.$/, "").toLowerCase();
  if (host === "") return false;
  const literal = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (ipaddr.isValid(literal)) return isPublicAddress(literal);
  return !INTERNAL_NAMES.test(host) && host.includes(".");
}

/** An IP address (any spelling ipaddr.js reads) in the public unicast space. */
export function isPublicAddress(address: string): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return false;
  }
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === "unicast";
}
