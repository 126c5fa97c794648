// Which hosts a badge may make the verifier fetch. A badge names URLs (its issuer, keys, hosted
// assertion, status list); letting it name 127.0.0.1, a router at 192.168.1.1 or a cloud metadata
// service at 169.254.169.254 would let a badge probe the verifier's own network. Literal addresses
// are checked here (in every environment); names are checked after resolution when the caller
// gives a `resolveHost` (node: dns.lookup), since a browser cannot resolve names itself.

export type HostPolicy = {
  allowPrivateHosts?: boolean;
  /** Origins (`https://gateway.example:8443`) the operator configured: fetched even when private. */
  trustedOrigins?: string[];
  /** Resolves a host name to its addresses (node: `dns.lookup(name, { all: true })`). */
  resolveHost?: (hostname: string) => Promise<string[]>;
};

/** The four bytes of a dotted IPv4 address (URL-normalised: decimal, octal and hex forms already folded). */
function ipv4Bytes(host: string): number[] | undefined {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

/** WHATWG URL folds 0x7f.1, 2130706433 and 0177.0.0.1 into 127.0.0.1; this reads what it left, or a bare number. */
function parseIpv4(host: string): number[] | undefined {
  const dotted = ipv4Bytes(host);
  if (dotted) return dotted;
  // A host given without URL normalisation (resolveHost answers, options): one number, any base.
  if (/^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(host)) {
    const n = Number(host.startsWith("0") && !/^0x/i.test(host) && host.length > 1 ? Number.parseInt(host, 8) : host);
    if (Number.isSafeInteger(n) && n >= 0 && n <= 0xffffffff) return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  }
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (without brackets), or undefined. */
function parseIpv6(host: string): number[] | undefined {
  let text = host.toLowerCase().replace(/%.*$/, "");
  if (!text.includes(":")) return undefined;
  // An embedded IPv4 tail (::ffff:127.0.0.1) becomes two groups.
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = ipv4Bytes(tail[1] as string);
    if (!v4) return undefined;
    text = `${text.slice(0, tail.index)}:${((v4[0] as number) * 256 + (v4[1] as number)).toString(16)}:${((v4[2] as number) * 256 + (v4[3] as number)).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const head = groups(halves[0] as string);
  const rest = halves.length === 2 ? groups(halves[1] as string) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return all.map((g) => Number.parseInt(g, 16));
}

function privateIpv4([a, b]: number[]): string | undefined {
  if (a === 127) return "a loopback address";
  if (a === 10 || (a === 172 && (b as number) >= 16 && (b as number) <= 31) || (a === 192 && b === 168)) return "a private address";
  if (a === 169 && b === 254) return "a link-local address";
  if (a === 100 && (b as number) >= 64 && (b as number) <= 127) return "a shared (CGNAT) address";
  if (a === 0) return "an unspecified address";
  if ((a as number) >= 224) return "a multicast or reserved address";
  return undefined;
}

function privateIpv6(groups: number[]): string | undefined {
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = groups;
  const zeroPrefix = groups.slice(0, 5).every((g) => g === 0);
  if (zeroPrefix && g5 === 0 && g6 === 0 && g7 === 0) return "an unspecified address";
  if (zeroPrefix && g5 === 0 && g6 === 0 && g7 === 1) return "a loopback address";
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses: judge the IPv4 inside.
  if (zeroPrefix && (g5 === 0xffff || g5 === 0)) return privateIpv4([g6 >> 8, g6 & 255, g7 >> 8, g7 & 255]);
  // NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::) reach the IPv4 address they embed.
  if (g0 === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0))
    return privateIpv4([g6 >> 8, g6 & 255, g7 >> 8, g7 & 255]);
  if (g0 === 0x2002) {
    const [, g1 = 0, g2 = 0] = groups;
    return privateIpv4([g1 >> 8, g1 & 255, g2 >> 8, g2 & 255]);
  }
  if ((g0 & 0xfe00) === 0xfc00) return "a private (unique local) address";
  if ((g0 & 0xffc0) === 0xfe80) return "a link-local address";
  if ((g0 & 0xff00) === 0xff00) return "a multicast address";
  return undefined;
}

/** What kind of non-public address `host` is ("a loopback address"…), or undefined for a public one or a name. */
export function privateAddressKind(host: string): string | undefined {
  const bare = host.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  const lower = bare.toLowerCase();
  if (lower === "localhost" || lower.endsWith(".localhost")) return "a loopback address";
  const v4 = parseIpv4(bare);
  if (v4) return privateIpv4(v4);
  const v6 = parseIpv6(bare);
  if (v6) return privateIpv6(v6);
  return undefined;
}

/**
 * Why the verifier must not fetch `url` (a sentence for the step message), or undefined when it may.
 * Checks the literal host, then, with `resolveHost`, every address the name resolves to.
 */
export async function privateHostRefusal(url: URL, policy: HostPolicy): Promise<string | undefined> {
  if (policy.allowPrivateHosts) return undefined;
  if (policy.trustedOrigins?.some((origin) => sameOrigin(origin, url))) return undefined;
  const how =
    "Only if you run this badge's servers yourself, allow it with allowPrivateHosts (CLI: --allow-private-hosts) or list the origin in trustedOrigins.";
  const kind = privateAddressKind(url.hostname);
  if (kind)
    return `The badge names ${url.origin}, ${kind}: the verifier does not fetch private, loopback or link-local hosts a badge names. ${how}`;
  if (!policy.resolveHost || parseIpv4(url.hostname) || parseIpv6(url.hostname.replace(/^\[|\]$/g, ""))) return undefined;
  let addresses: string[];
  try {
    addresses = await policy.resolveHost(url.hostname);
  } catch {
    return undefined; // the fetch itself will fail on a name that does not resolve, and say so
  }
  for (const address of addresses) {
    const resolved = privateAddressKind(address);
    if (resolved)
      return `The badge names ${url.origin}, whose name resolves to ${address}, ${resolved}: the verifier does not fetch private, loopback or link-local hosts a badge names. ${how}`;
  }
  return undefined;
}

function sameOrigin(origin: string, url: URL): boolean {
  try {
    return new URL(origin).origin === url.origin;
  } catch {
    return false;
  }
}
