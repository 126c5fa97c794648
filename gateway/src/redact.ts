// The key of a "100 % on chain" hosted URL (…/ob2/assertions/{chainId}/{uid}/{key}[.png|.svg]) is
// a secret: whoever has it reads the whole credential. It is cut out of every URL before logging.

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/**
 * The URL as it may be logged: no query string (the gateway uses none, so it can only carry noise
 * or secrets), and under /ob2/assertions/ nothing after the uid (whatever the case or encoding).
 */
export function redactUrl(url: string | undefined): string {
  if (!url) return "";
  // split() always yields a first element: everything before the first ? or #.
  const [path = ""] = url.split(/[?#]/);
  const segments = path.split("/");
  const at = segments.findIndex((s, i) => decode(s) === "ob2" && decode(segments[i + 1] ?? "").startsWith("assertions"));
  if (at >= 0 && (segments.length > at + 4 || /%2f/i.test(segments.slice(at).join("/")))) {
    return `${segments
      .slice(0, at + 4)
      .join("/")
      .replace(/%2f.*$/i, "")}/[redacted]`;
  }
  return path;
}
