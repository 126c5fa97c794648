/**
 * Baked SVG badges, read with a strict, namespace-aware XML parser (saxes) that
 * never processes a DTD, so no entity is ever expanded and nothing external is
 * fetched.
 *
 * OB 3.0 (spec §"Baked Badge / SVG"): root `<svg>` declares
 * `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`; its first child is
 * `<openbadges:credential>`, holding the credential JSON in CDATA, or a
 * `verify="<compact JWS>"` attribute.
 * OB 2.0: `xmlns:openbadges="http://openbadges.org"` and
 * `<openbadges:assertion verify="<hosted URL or JWS>">`, with the assertion JSON in
 * CDATA for hosted assertions.
 *
 * saxes runs without its namespace mode (see NamespaceScope) and nesting is capped
 * at SVG_MAX_DEPTH, so work stays linear in the input size.
 *
 * Every SVG we read is also checked for active content (see `assertSafeSvg`): the
 * same check guards the app before it shows an uploaded badge image.
 */
import { SaxesParser } from "saxes";
import { BakingError } from "./errors.ts";
import { type BadgeKind, validateBakePayload } from "./payload.ts";

export interface SvgLimits {
  /** Largest SVG accepted: bytes for a Uint8Array, UTF-16 code units for a string. Default 2 MiB. */
  maxBytes?: number;
}

export const SVG_DEFAULT_LIMITS: Readonly<Required<SvgLimits>> = Object.freeze({ maxBytes: 2 * 1024 * 1024 });

export interface ExtractedSvgBadge {
  kind: BadgeKind;
  /**
   * The badge: OB 3.0 → the `verify` JWS if present, else the credential JSON;
   * OB 2.0 → the assertion JSON if present, else the `verify` value (URL or JWS).
   */
  payload: string;
  /** The raw `verify` attribute, when the element has one. */
  verify?: string;
}

export interface BakeSvgOptions extends SvgLimits {
  /**
   * OB 2.0 with a JSON payload only: the hosted assertion URL for `verify`.
   * Defaults to the assertion's `id` when that is an http(s) URL.
   */
  verify?: string;
}

export const SVG_NS = "http://www.w3.org/2000/svg";
/** Namespace of the OB 3.0 `<openbadges:credential>` element. */
export const OB3_SVG_NS = "https://purl.imsglobal.org/ob/v3p0";
/** Namespace of the OB 1.0/2.0 `<openbadges:assertion>` element. */
export const OB2_SVG_NS = "http://openbadges.org";

/** Namespaces under which we recognise a badge element (the spec's two, plus a seen variant). */
const BADGE_NAMESPACES = new Set([OB3_SVG_NS, OB2_SVG_NS, "https://purl.imsglobal.org/spec/ob/v3p0"]);
const BADGE_ELEMENTS: ReadonlyMap<string, BadgeKind> = new Map([
  ["credential", "ob3"],
  ["assertion", "ob2"],
]);

/** Elements that run script or embed active documents. Compared lowercased, any namespace. */
const SCRIPT_ELEMENTS = new Set(["script", "handler"]);
const FORBIDDEN_ELEMENTS = new Set(["iframe", "embed", "object", "frame", "frameset", "applet", "base", "link", "meta", "portal"]);

interface BadgeElement {
  kind: BadgeKind;
  start: number;
  end: number;
  verify?: string;
  body: string;
}

interface SvgScan {
  rootStart: number;
  /** Offset just past the `>` of the root start tag. */
  rootOpenEnd: number;
  rootName: string;
  rootSelfClosing: boolean;
  badges: BadgeElement[];
}

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MiB`;
}

function resolveLimits(limits: SvgLimits | undefined): Required<SvgLimits> {
  const maxBytes = limits?.maxBytes ?? SVG_DEFAULT_LIMITS.maxBytes;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new TypeError(`SVG limit maxBytes must be a positive integer`);
  return { maxBytes };
}

const utf8Fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Bytes or string → text without BOM, enforcing size and UTF-8. */
function decodeSvg(svg: string | Uint8Array, limits: Required<SvgLimits>): string {
  let text: string;
  if (typeof svg === "string") {
    if (svg.length > limits.maxBytes) {
      throw new BakingError(
        "svg-too-large",
        `The SVG is larger than the ${mib(limits.maxBytes)} accepted for a badge image. Use a smaller image.`,
      );
    }
    text = svg;
  } else if (svg instanceof Uint8Array) {
    if (svg.length > limits.maxBytes) {
      throw new BakingError(
        "svg-too-large",
        `The SVG is larger than the ${mib(limits.maxBytes)} accepted for a badge image. Use a smaller image.`,
      );
    }
    if (svg.length >= 2 && ((svg[0] === 0xfe && svg[1] === 0xff) || (svg[0] === 0xff && svg[1] === 0xfe))) {
      throw new BakingError("svg-bad-encoding", "The SVG is encoded in UTF-16; only UTF-8 badge images are accepted. Save it as UTF-8.");
    }
    try {
      text = utf8Fatal.decode(svg);
    } catch (cause) {
      throw new BakingError("svg-bad-encoding", "The SVG is not valid UTF-8 text. Save it as UTF-8 and try again.", { cause });
    }
  } else {
    throw new TypeError("SVG input must be a string or a Uint8Array");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new BakingError("svg-malformed", "The SVG file is empty.");
  return text;
}

/** Strip what a browser's URL parser ignores (controls, whitespace), lowercase. */
function normaliseForScheme(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point (javascript: obfuscation)
  return value.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g, "").toLowerCase();
}

function hasScriptUrl(value: string): boolean {
  const v = normaliseForScheme(value);
  return v.includes("javascript:") || v.includes("vbscript:");
}

/** An element as we see it: qualified name split, namespace resolved. */
interface Tag {
  name: string;
  local: string;
  uri: string;
  isSelfClosing: boolean;
  attributes: { name: string; local: string; value: string }[];
}

function checkAttributes(tag: Tag): void {
  for (const attr of tag.attributes) {
    const local = attr.local.toLowerCase();
    const isNsDecl = attr.name === "xmlns" || attr.name.startsWith("xmlns:");
    if (local.startsWith("on") && !isNsDecl) {
      throw new BakingError(
        "svg-event-handler",
        `The SVG has an event handler attribute "${attr.name}" on <${tag.name}>, which would run script. Badge images must be static.`,
      );
    }
    if (local === "attributename" && attr.value.trim().toLowerCase().startsWith("on")) {
      throw new BakingError(
        "svg-event-handler",
        `The SVG animates the event handler "${attr.value}" on <${tag.name}>, which would run script. Badge images must be static.`,
      );
    }
    if (hasScriptUrl(attr.value)) {
      throw new BakingError(
        "svg-javascript-url",
        `The SVG has a script URL (javascript:) in "${attr.name}" on <${tag.name}>. Badge images must not contain script.`,
      );
    }
  }
}

function checkElement(tag: Tag): void {
  const local = tag.local.toLowerCase();
  if (SCRIPT_ELEMENTS.has(local)) {
    throw new BakingError("svg-script", `The SVG contains a <${tag.name}> element. Badge images must not contain script.`);
  }
  if (local === "foreignobject") {
    throw new BakingError(
      "svg-foreign-object",
      "The SVG contains <foreignObject>, which can embed arbitrary HTML. Badge images must be plain SVG.",
    );
  }
  if (FORBIDDEN_ELEMENTS.has(local)) {
    throw new BakingError("svg-forbidden-element", `The SVG contains a <${tag.name}> element, which is not allowed in a badge image.`);
  }
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

function malformed(message: string): BakingError {
  return new BakingError("svg-malformed", `The SVG is not well-formed namespaced XML (${message}). Re-export the image and try again.`);
}

/**
 * Namespaces in XML, resolved in O(1) per name. (saxes' own `xmlns` mode walks the
 * whole open-element stack for every lookup: quadratic on deeply nested input.)
 */
class NamespaceScope {
  private readonly bindings = new Map<string, string[]>([
    ["xml", [XML_NS]],
    ["xmlns", [XMLNS_NS]],
  ]);
  private readonly declared: string[][] = [];

  open(attributes: Record<string, string>): void {
    const here: string[] = [];
    for (const [name, value] of Object.entries(attributes)) {
      let prefix: string;
      if (name === "xmlns") prefix = "";
      else if (name.startsWith("xmlns:")) prefix = name.slice(6);
      else continue;
      if (name !== "xmlns" && (prefix === "" || prefix.includes(":") || value === "")) throw malformed(`bad namespace declaration ${name}`);
      if (prefix === "xmlns" || value === XMLNS_NS || (prefix === "xml") !== (value === XML_NS)) {
        throw malformed(`reserved namespace misused in ${name}`);
      }
      let stack = this.bindings.get(prefix);
      if (!stack) {
        stack = [];
        this.bindings.set(prefix, stack);
      }
      stack.push(value);
      here.push(prefix);
    }
    this.declared.push(here);
  }

  close(): void {
    // open() pushed a value on each of these prefixes' stacks: pop it.
    for (const prefix of this.declared.pop() ?? []) this.bindings.get(prefix)?.pop();
  }

  /** Split a qualified name and resolve its prefix (`element`: unprefixed names take the default namespace). */
  resolve(qname: string, element: boolean): { local: string; uri: string } {
    const colon = qname.indexOf(":");
    if (colon === -1) return { local: qname, uri: element ? (this.bindings.get("")?.at(-1) ?? "") : "" };
    const prefix = qname.slice(0, colon);
    const local = qname.slice(colon + 1);
    if (prefix === "" || local === "" || local.includes(":")) throw malformed(`invalid qualified name "${qname}"`);
    const uri = this.bindings.get(prefix)?.at(-1);
    if (uri === undefined) throw malformed(`unbound namespace prefix "${prefix}"`);
    return { local, uri };
  }
}

// ---- Display: nothing an SVG shows may load anything from elsewhere (a tracking pixel, a
// stylesheet, another document's symbols), since the image is shown to whoever verifies the badge.

/** Where a reference may point when shown: this document's own fragments, or inline image data. */
const LOCAL_REF = /^#/;
const INLINE_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif);/i;

function external(message: string): BakingError {
  return new BakingError(
    "svg-external-resource",
    `${message} A badge image shown here must not load anything from elsewhere; use the image without it.`,
  );
}

/** Every `url(…)` target in CSS or an attribute must be a fragment or inline data. */
function checkCssUrls(css: string, where: string): void {
  // CSS escapes (u\72l, @\69mport) would hide a url( or an @import from any pattern: refuse them.
  if (css.includes("\\")) throw external(`The SVG has a CSS escape (\\) in ${where}, which can hide a remote url() or @import.`);
  const lower = css.toLowerCase();
  if (/@import/.test(lower)) throw external(`The SVG imports a stylesheet (@import) in ${where}.`);
  if (/(^|[^a-z-])(-webkit-)?(image-set|src|image)\s*\(/.test(lower))
    throw external(`The SVG uses image-set(), image() or src() in ${where}.`);
  for (const match of lower.matchAll(/url\s*\(\s*(['"]?)\s*([^'")\s]*)/g)) {
    const target = match[2] ?? "";
    if (!LOCAL_REF.test(target) && !target.startsWith("data:")) throw external(`The SVG refers to url(${target}) in ${where}.`);
  }
}

const ANIMATION_ELEMENTS = new Set(["animate", "set", "animatemotion", "animatetransform", "animatecolor"]);

function checkDisplayTag(tag: Tag): void {
  const local = tag.local.toLowerCase();
  const attributeName =
    tag.attributes
      .find((a) => a.local.toLowerCase() === "attributename")
      ?.value.trim()
      .toLowerCase() ?? "";
  for (const attr of tag.attributes) {
    const name = attr.local.toLowerCase();
    const value = attr.value.trim();
    if (name === "href" || name === "src") {
      // A link is followed only when clicked (script URLs are refused already); anything else loads.
      if (local === "a" && name === "href") continue;
      if (LOCAL_REF.test(value) || ((local === "image" || local === "feimage") && INLINE_IMAGE.test(value))) continue;
      throw external(`The SVG's <${tag.name}> loads ${value.slice(0, 120)} (${attr.name}).`);
    }
    // An animation can set href / style to a remote value after the checks above.
    if (ANIMATION_ELEMENTS.has(local) && (attributeName.endsWith("href") || attributeName === "style")) {
      if (["to", "from", "by", "values"].includes(name) && !value.split(";").every((v) => LOCAL_REF.test(v.trim()) || v.trim() === ""))
        throw external(`The SVG's <${tag.name}> animates ${attributeName} to ${value.slice(0, 120)}.`);
    }
    if (/url\s*\(|@import|\\|image-set|src\s*\(/i.test(value)) checkCssUrls(value, `the ${attr.name} attribute of <${tag.name}>`);
  }
}

/** Deeper than any real artwork; bounds work and memory on crafted input. */
export const SVG_MAX_DEPTH = 256;

/**
 * Parse and check the whole SVG. With `badges`, also locate badge elements and
 * enforce where they may sit.
 */
function scanSvg(text: string, badges: boolean, display = false): SvgScan {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const ns = new NamespaceScope();
  let depth = 0;
  let scan: SvgScan | undefined;
  let openBadge: (BadgeElement & { depth: number }) | undefined;
  const found: BadgeElement[] = [];
  const styleDepths: number[] = [];
  // The text of the <style> being read: checked whole when it closes (CDATA may split a url( in two).
  let styleText = "";

  parser.on("error", (err) => {
    throw new BakingError("svg-malformed", `The SVG is not well-formed XML (${err.message}). Re-export the image and try again.`, {
      cause: err,
    });
  });
  parser.on("doctype", () => {
    throw new BakingError(
      "svg-doctype",
      "The SVG has a DOCTYPE declaration. Badge images must not have one (DTDs can define entities that expand into huge or external content); remove it.",
    );
  });
  parser.on("processinginstruction", (pi) => {
    throw new BakingError(
      "svg-processing-instruction",
      `The SVG has a processing instruction <?${pi.target} …?>. Only the <?xml …?> declaration is allowed in a badge image; remove it.`,
    );
  });
  parser.on("opentag", (raw) => {
    if (depth >= SVG_MAX_DEPTH) {
      throw new BakingError(
        "svg-too-deep",
        `The SVG nests elements more than ${SVG_MAX_DEPTH} levels deep, far beyond any badge artwork: refusing it.`,
      );
    }
    ns.open(raw.attributes);
    const tag: Tag = {
      name: raw.name,
      ...ns.resolve(raw.name, true),
      isSelfClosing: raw.isSelfClosing,
      attributes: Object.entries(raw.attributes).map(([name, value]) => ({ name, value, local: ns.resolve(name, false).local })),
    };
    const end = parser.position;
    const start = text.lastIndexOf(`<${tag.name}`, end);
    if (depth === 0) {
      if (tag.local !== "svg" || tag.uri !== SVG_NS) {
        throw new BakingError(
          "svg-not-svg",
          `The file's root element is <${tag.name}>${tag.uri ? ` in namespace ${tag.uri}` : ""}, not an <svg> element in the SVG namespace (${SVG_NS}).`,
        );
      }
      scan = { rootStart: start, rootOpenEnd: end, rootName: tag.name, rootSelfClosing: tag.isSelfClosing, badges: found };
    }
    checkElement(tag);
    checkAttributes(tag);
    if (display) checkDisplayTag(tag);
    if (openBadge) {
      throw new BakingError(
        "svg-badge-malformed",
        `The badge element contains a child <${tag.name}> element; it must hold only text (JSON in CDATA).`,
      );
    }
    if (tag.local.toLowerCase() === "style") styleDepths.push(depth);
    const kind = BADGE_NAMESPACES.has(tag.uri) ? (BADGE_ELEMENTS.get(tag.local) ?? null) : null;
    if (kind && badges) {
      if (depth !== 1) {
        throw new BakingError(
          "svg-badge-misplaced",
          `The SVG has an <${tag.name}> badge element that is not a direct child of the root <svg>. A baked badge keeps it right under <svg>.`,
        );
      }
      const verify = raw.attributes.verify;
      openBadge = { kind, start, end, body: "", depth, ...(verify !== undefined ? { verify } : {}) };
    }
    depth++;
  });
  const onText = (t: string): void => {
    if (openBadge) {
      openBadge.body += t; // badge data, never rendered: may quote anything
      return;
    }
    // Markup smuggled as text (CDATA or &lt;) turns live if the SVG is ever inlined into HTML.
    if (/<\s*script/i.test(t)) {
      throw new BakingError(
        "svg-script",
        "The SVG hides a <script> tag in its text (CDATA or escaped). Badge images must not contain script.",
      );
    }
    if (styleDepths.length > 0) styleText += t;
    if (styleDepths.length > 0 && hasScriptUrl(t)) {
      throw new BakingError(
        "svg-javascript-url",
        "The SVG has a script URL (javascript:) inside a <style> element. Badge images must not contain script.",
      );
    }
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    depth--;
    ns.close();
    if (styleDepths.at(-1) === depth) {
      styleDepths.pop();
      if (display && styleDepths.length === 0) checkCssUrls(styleText, "a <style> element");
      if (styleDepths.length === 0) styleText = "";
    }
    if (openBadge && depth === openBadge.depth) {
      const { depth: _depth, ...badge } = openBadge;
      badge.end = parser.position;
      found.push(badge);
      openBadge = undefined;
    }
  });

  try {
    parser.write(text).close();
  } catch (err) {
    if (err instanceof BakingError) throw err;
    throw new BakingError("svg-malformed", `The SVG could not be parsed (${(err as Error).message}).`, { cause: err });
  }
  if (!scan) throw new BakingError("svg-malformed", "The SVG has no root element.");
  return scan;
}

/**
 * Throw a BakingError unless the SVG is safe to show: UTF-8, within the size limit,
 * well-formed, `<svg>` root, no DOCTYPE, no processing instruction (besides the XML
 * declaration), no script/handler elements, no `on*` attributes, no `javascript:` /
 * `vbscript:` URLs, no `<foreignObject>`, no iframe/embed/object. Returns the
 * decoded text.
 */
export function assertSafeSvg(svg: string | Uint8Array, limits?: SvgLimits): string {
  const text = decodeSvg(svg, resolveLimits(limits));
  scanSvg(text, false);
  return text;
}

/**
 * The SVG text, safe to show in a page (as an <img> source, or inline): everything `assertSafeSvg`
 * refuses, and anything that would load a resource from elsewhere — `<use>`/`<image>`/`<feImage>`
 * hrefs other than `#fragments` (and inline PNG/JPEG/GIF/WebP/AVIF data for images), `@import`,
 * `url(…)` other than `#fragments` or `data:`, CSS escapes, animations that set an href. Refuses
 * (a BakingError "svg-external-resource") rather than rewriting: an image that needs any of these
 * is shown as a placeholder, not half-rendered.
 */
export function sanitizeSvgForDisplay(svg: string | Uint8Array, limits?: SvgLimits): string {
  const text = decodeSvg(svg, resolveLimits(limits));
  scanSvg(text, false, true);
  return text;
}

/** Read the badge baked into an SVG (checked with `assertSafeSvg` first). */
export function extractFromSvg(svg: string | Uint8Array, limits?: SvgLimits): ExtractedSvgBadge {
  const text = decodeSvg(svg, resolveLimits(limits));
  const { badges } = scanSvg(text, true);
  const [b, ...others] = badges;
  if (b === undefined) {
    throw new BakingError(
      "not-a-badge",
      "This SVG is a valid image but carries no Open Badges data (no <openbadges:credential> or <openbadges:assertion>). Use the baked badge from the issuer or the learner page.",
    );
  }
  if (others.length > 0) {
    throw new BakingError(
      "svg-multiple-badges",
      `This SVG carries ${badges.length} badge elements; a baked badge must carry exactly one. Use the original badge file.`,
    );
  }
  const body = b.body.trim();
  const verify = b.verify?.trim() ?? "";
  const payload = b.kind === "ob3" ? verify || body : body || verify;
  if (!payload) {
    throw new BakingError("empty-badge", "The SVG has a badge element, but it is empty: there is no badge to read.");
  }
  return { kind: b.kind, payload, ...(b.verify !== undefined ? { verify: b.verify } : {}) };
}

// XML 1.0 Char production (no lone surrogates, no C0 controls besides tab/LF/CR).
const NON_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

function escapeAttr(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : `&#${c.charCodeAt(0)};`,
  );
}

/**
 * Wrap a JSON payload in one CDATA section. A `]]>` can only occur inside a JSON string (`>` is no
 * JSON token), where `\u003e` means the same character: the JSON parses to the same value (and a
 * signed credential keeps its proof), and readers that keep only one CDATA section — the Python
 * bakery of validator-core and Badgr keeps the last — still get the whole document.
 */
function cdata(json: string): string {
  return `<![CDATA[${json.replaceAll("]]>", "]]\\u003e")}]]>`;
}

function badgeElement(payload: string, kind: BadgeKind, verifyOption: string | undefined): string {
  const type = validateBakePayload(payload, kind);
  if (NON_XML_CHAR.test(payload) || (verifyOption !== undefined && NON_XML_CHAR.test(verifyOption))) {
    throw new BakingError(
      "invalid-payload",
      "The badge payload contains characters XML cannot carry (control characters or lone surrogates).",
    );
  }
  const trimmed = payload.trim();
  if (kind === "ob3") {
    if (verifyOption !== undefined) throw new TypeError("The verify option applies to OB 2.0 badges only");
    return type === "jws"
      ? `<openbadges:credential verify="${escapeAttr(trimmed)}"></openbadges:credential>`
      : `<openbadges:credential>${cdata(payload)}</openbadges:credential>`;
  }
  if (type !== "json") {
    if (verifyOption !== undefined) throw new TypeError("The verify option applies to a JSON OB 2.0 payload only");
    return `<openbadges:assertion verify="${escapeAttr(trimmed)}"></openbadges:assertion>`;
  }
  let verify = verifyOption;
  if (verify === undefined) {
    const id = (JSON.parse(trimmed) as { id?: unknown }).id;
    if (typeof id === "string" && /^https?:\/\/\S+$/i.test(id)) verify = id;
  }
  if (!verify || !/^https?:\/\/\S+$/i.test(verify)) {
    throw new BakingError(
      "invalid-payload",
      "A hosted OB 2.0 assertion baked into SVG needs its https URL in verify: give the assertion an http(s) id or pass options.verify.",
    );
  }
  return `<openbadges:assertion verify="${escapeAttr(verify)}">${cdata(payload)}</openbadges:assertion>`;
}

/** Attributes of a start tag as written: name and the [start, end) of `name="value"`. */
function startTagAttributes(tag: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  let i = 1;
  // charAt: "" past the end, which no test below matches.
  while (i < tag.length && !/[\s/>]/.test(tag.charAt(i))) i++; // element name
  for (;;) {
    while (i < tag.length && /\s/.test(tag.charAt(i))) i++;
    if (i >= tag.length || tag[i] === ">" || tag[i] === "/") return out;
    const start = i;
    while (i < tag.length && !/[\s=]/.test(tag.charAt(i))) i++;
    const name = tag.slice(start, i);
    while (/\s/.test(tag.charAt(i))) i++;
    i++; // '='
    while (/\s/.test(tag.charAt(i))) i++;
    const quote = tag.charAt(i);
    if (quote !== '"' && quote !== "'") throw malformed(`attribute ${name} of the root element has no quoted value`);
    i = tag.indexOf(quote, i + 1) + 1;
    out.push({ name, start, end: i });
  }
}

/**
 * Bake a badge into an SVG: declares the `openbadges` namespace on the root
 * `<svg>` (OB 3.0 → https://purl.imsglobal.org/ob/v3p0, OB 2.0 →
 * http://openbadges.org) and inserts the badge element as its first child. Any badge
 * element already present is removed, so the result always carries exactly one.
 * The input must pass `assertSafeSvg`.
 */
export function bakeSvg(svg: string | Uint8Array, payload: string, kind: BadgeKind, options?: BakeSvgOptions): string {
  const limits = resolveLimits(options);
  const text = decodeSvg(svg, limits);
  const element = badgeElement(payload, kind, options?.verify);
  const scan = scanSvg(text, true);

  const nsDecl = `xmlns:openbadges="${kind === "ob3" ? OB3_SVG_NS : OB2_SVG_NS}"`;
  let rootTag = text.slice(scan.rootStart, scan.rootOpenEnd);
  const existing = startTagAttributes(rootTag).find((a) => a.name === "xmlns:openbadges");
  if (existing) {
    rootTag = rootTag.slice(0, existing.start) + nsDecl + rootTag.slice(existing.end);
  } else {
    const at = 1 + scan.rootName.length;
    rootTag = `${rootTag.slice(0, at)} ${nsDecl}${rootTag.slice(at)}`;
  }

  let rest: string;
  if (scan.rootSelfClosing) {
    rootTag = rootTag.replace(/\s*\/>$/, ">");
    rest = `</${scan.rootName}>${text.slice(scan.rootOpenEnd)}`;
  } else {
    rest = "";
    let at = scan.rootOpenEnd;
    for (const b of scan.badges) {
      rest += text.slice(at, b.start);
      at = b.end;
    }
    rest += text.slice(at);
  }
  const out = text.slice(0, scan.rootStart) + rootTag + element + rest;
  if (out.length > limits.maxBytes) {
    throw new BakingError("svg-too-large", `The baked SVG would be larger than the ${mib(limits.maxBytes)} accepted. Use a smaller image.`);
  }
  extractFromSvg(out, limits); // self-check: what we write must read back
  return out;
}
