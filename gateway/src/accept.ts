// Content negotiation for the one question the gateway asks: is this a browser that wants a page?

type Range = { type: string; q: number };

function parse(accept: string): Range[] {
  return accept
    .split(",")
    .map((part) => {
      // split() always yields a first element: the media range (possibly "").
      const [type = "", ...params] = part.trim().toLowerCase().split(";");
      let q = 1;
      for (const param of params) {
        const [name, value] = param.trim().split("=");
        if (name === "q") q = Number(value);
      }
      return { type: type.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((r) => r.type.length > 0);
}

/**
 * True when the client ranks HTML above every JSON type it names explicitly (a browser's
 * navigation: `text/html,…,*\/*;q=0.8`). `*\/*` alone (curl), JSON-LD (backpacks, verifiers) or
 * no header at all get the document.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = parse(accept);
  const q = (types: string[]) => Math.max(0, ...ranges.filter((r) => types.includes(r.type)).map((r) => r.q));
  const html = q(["text/html", "application/xhtml+xml"]);
  const json = q(["application/ld+json", "application/json"]);
  return html > 0 && html > json;
}
