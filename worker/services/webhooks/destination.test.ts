import { describe, expect, it } from "vitest";
import { checkDestination } from "./destination";

/**
 * The registration check of webhook endpoints (issue "integrations", item 2), by hand: every spelling below names an
 * address inside (or a plain-http or credentialed URL) and must be refused; the public ones must pass.
 */
const REFUSED: [string, string][] = [
  ["http://example.com/hook", "plain http"],
  ["ftp://example.com/hook", "not http"],
  ["https://user:secret@example.com/hook", "credentials"],
  ["https://127.0.0.1/", "loopback"],
  ["https://127.1/", "loopback, short form"],
  ["https://2130706433/", "loopback, decimal"],
  ["https://0x7f000001/", "loopback, hex"],
  ["https://0x7f.1/", "loopback, hex short"],
  ["https://0177.0.0.1/", "loopback, octal"],
  ["https://017700000001/", "loopback, octal whole"],
  ["https://%31%32%37.0.0.1/", "loopback, percent-encoded"],
  ["https://127.0.0.1./", "loopback, trailing dot"],
  ["https://127.255.255.254/", "loopback, end of the block"],
  ["https://localhost/", "localhost"],
  ["https://LOCALHOST./", "localhost, capitals and trailing dot"],
  ["https://api.localhost/", "*.localhost"],
  ["https://metadata.google.internal/computeMetadata/v1/", "*.internal"],
  ["https://printer.local/", "*.local"],
  ["https://intranet/", "a single-label name"],
  ["https://0/", "unspecified, as 0"],
  ["https://0.0.0.0/", "unspecified"],
  ["https://10.0.0.1/", "private 10/8"],
  ["https://172.16.0.1/", "private 172.16/12"],
  ["https://172.31.255.255/", "private 172.16/12, end"],
  ["https://192.168.1.1/", "private 192.168/16"],
  ["https://3232235777/", "private 192.168.1.1, decimal"],
  ["https://169.254.169.254/latest/meta-data/", "link-local metadata"],
  ["https://100.64.0.1/", "carrier-grade NAT"],
  ["https://100.100.100.200/", "carrier-grade NAT metadata"],
  ["https://192.0.0.192/", "reserved metadata"],
  ["https://224.0.0.1/", "multicast"],
  ["https://255.255.255.255/", "broadcast"],
  ["https://240.0.0.1/", "reserved 240/4"],
  ["https://198.18.0.1/", "benchmarking"],
  ["https://[::1]/", "IPv6 loopback"],
  ["https://[0:0:0:0:0:0:0:1]/", "IPv6 loopback, long"],
  ["https://[::]/", "IPv6 unspecified"],
  ["https://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"],
  ["https://[::ffff:7f00:1]/", "IPv4-mapped loopback, hex"],
  ["https://[::ffff:10.0.0.1]/", "IPv4-mapped private"],
  ["https://[::ffff:169.254.169.254]/", "IPv4-mapped metadata"],
  ["https://[fe80::1]/", "IPv6 link-local"],
  ["https://[fc00::1]/", "IPv6 unique local"],
  ["https://[fd00:ec2::254]/", "IPv6 metadata"],
  ["https://[ff02::1]/", "IPv6 multicast"],
  ["https://[64:ff9b::7f00:1]/", "NAT64 of loopback"],
  ["https://[2002:7f00:1::]/", "6to4 of loopback"],
  ["https://[2001::1]/", "Teredo"],
  ["not a url", "not a URL"],
];

const ACCEPTED = ["https://example.com/hooks/comptoir", "https://hooks.example.org:8443/x?y=1", "https://93.184.216.34/hook", "https://[2606:4700::1111]/hook", "https://example.com./hook"];

describe("webhook destinations at registration", () => {
  it(`refuses ${REFUSED.length} spellings of an address inside, or of a URL that is not a plain https one`, () => {
    expect(REFUSED.length).toBeGreaterThanOrEqual(40);
    const passed = REFUSED.filter(([url]) => checkDestination(url).ok).map(([url, why]) => `${url} (${why})`);
    expect(passed).toEqual([]);
  });

  it("accepts public https endpoints", () => {
    expect(ACCEPTED.filter((url) => !checkDestination(url).ok)).toEqual([]);
  });

  it("lets exactly the listed origins through, for local development and tests", () => {
    const allow = ["http://127.0.0.1:9000"];
    expect(checkDestination("http://127.0.0.1:9000/hook", allow).ok).toBe(true);
    expect(checkDestination("http://127.0.0.1:9001/hook", allow).ok).toBe(false);
    expect(checkDestination("https://127.0.0.1:9000/hook", allow).ok).toBe(false);
  });
});
