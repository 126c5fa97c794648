// The key of a "100 % on chain" hosted URL (…/ob2/assertions/{chainId}/{uid}/{key}[.png|.svg], and
// the "add from URL" …/ob3/credentials/{chainId}/{registry}/{uid}/{key}) is a secret: whoever has it
// reads the whole credential. It is cut out of every URL before logging. (OpenID4VCI codes and
// tokens travel in request bodies and headers, which are never logged.)

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/**
 * The URL as it may be logged: no query string (the gateway uses none, so it can only carry noise
 * or secrets), and under /ob2/assertions/ and /ob3/credentials/ nothing after the uid (whatever the case or encoding).
 */
export function redactUrl(url: string | undefined): string {
  if (!url) return "";
  // split() always yields a first element: everything before the first ? or #.
  const [path = ""] = url.split(/[?#]/);
  const segments = path.split("/");
  // Segments kept after the family's first one: ob2/assertions/{chainId}/{uid}, ob3/credentials/{chainId}/{registry}/{uid}.
  const families: [string, string, number][] = [
    ["ob2", "assertions", 4],
    ["ob3", "credentials", 5],
  ];
  let keep = 0;
  const at = segments.findIndex((s, i) => {
    const family = families.find(([a, b]) => decode(s) === a && decode(segments[i + 1] ?? "").startsWith(b));
    keep = family?.[2] ?? 0;
    return family !== undefined;
  });
  if (at >= 0 && (segments.length > at + keep || /%2f/i.test(segments.slice(at).join("/")))) {
    return `${segments
      .slice(0, at + keep)
      .join("/")
      .replace(/%2f.*$/i, "")}/[redacted]`;
  }
  return path;
}
