// Badge documents are untrusted JSON: read them through these guards instead of casting, and parse
// them with `parseJsonDocument`, which bounds their shape before any parsing work can grow.
import { ChanceryError } from "../errors.ts";

export type Json = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON-LD value that may be one item or a list, as a list. */
export function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The shape a badge document may have. A real credential is a few hundred values deep at most 8;
 * these bounds keep a hostile one (a huge array, a deep nest) from reaching JSON-LD or ajv, whose
 * cost grows with them.
 */
export const JSON_LIMITS = {
  /** Nesting of objects and arrays. */
  maxDepth: 32,
  /** Keys and array items, counted over the whole document. */
  maxValues: 100_000,
  /** One string value (an embedded image as a data: URL can be large). */
  maxStringLength: 1024 * 1024,
  /** One key. */
  maxKeyLength: 1024,
} as const;

/**
 * Own keys that JavaScript readers treat specially: `__proto__` is a plain key for JSON.parse and
 * JSON-LD but a prototype for object spreads and many readers, so a value under it can be shown
 * by one reader and ignored by the signed graph.
 */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A document refused for its shape, before it was parsed or processed. */
export class JsonShapeError extends ChanceryError {
  /** Where in the document (`credentialSubject.achievement.name`), "" for the whole document. */
  readonly path: string;
  constructor(message: string, path: string, kind: "invalid-input" | "too-large") {
    super("json-shape", message, { kind, details: { path } });
    this.name = "JsonShapeError";
    this.path = path;
  }
}

/** An open object (its keys so far) or list (`expectItem`: the next value is a new item). */
type Frame = { keys: Set<string> | undefined; index: number; key: string | undefined; expectItem?: boolean };

/** `credentialSubject.achievement.alignment[2]`: where the scan is. */
const pathOf = (stack: Frame[]) => {
  let path = "";
  // stack[0] stands for "outside the document", stack[1] is the document itself.
  for (let i = 2; i < stack.length; i++) {
    const key = (stack[i] as Frame).key ?? "?";
    path += (stack[i - 1] as Frame).keys ? `${path ? "." : ""}${key}` : `[${key}]`;
  }
  return path;
};

const at = (path: string) => (path ? ` at ${path}` : "");

/**
 * Checks the text of a JSON document in one linear pass before it is parsed: depth, number of
 * values, string lengths, and the keys JSON.parse cannot report — a duplicate key (JSON.parse keeps
 * the last, other readers the first, so a signature and a display could see two different values)
 * and `__proto__` / `constructor` / `prototype`. Syntax errors are left to JSON.parse.
 */
export function checkJsonText(text: string): void {
  const limits = JSON_LIMITS;
  // stack[0] is the top level; every container pushes a frame whose `key` is the member it is.
  const stack: Frame[] = [{ keys: undefined, index: 0, key: undefined }];
  let values = 0;
  let expectKey = false;
  let pendingKey: string | undefined;
  const overCount = () => {
    if (++values > limits.maxValues)
      throw new JsonShapeError(
        `The document has more than ${limits.maxValues} values (keys and list items); a badge has far fewer.`,
        pathOf(stack),
        "too-large",
      );
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) continue;
    const open = stack[stack.length - 1] as Frame;
    if (open.expectItem && c !== 0x5d /* ] */) {
      open.expectItem = false;
      overCount();
    }
    if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) {
          escaped = true;
          i++;
        } else if (d === 0x22) break;
      }
      const length = i - start - 1;
      const top = stack[stack.length - 1] as Frame;
      if (expectKey && top.keys) {
        if (length > limits.maxKeyLength)
          throw new JsonShapeError(
            `A key${at(pathOf(stack))} is ${length} characters long; at most ${limits.maxKeyLength}.`,
            pathOf(stack),
            "too-large",
          );
        const raw = text.slice(start, i + 1);
        let key: string;
        try {
          key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        } catch {
          return; // a malformed escape: JSON.parse reports it
        }
        const path = pathOf(stack) ? `${pathOf(stack)}.${key}` : key;
        if (top.keys.has(key))
          throw new JsonShapeError(
            `The key "${key}" appears twice in one object${at(pathOf(stack))}: readers disagree on which value counts, so the document is refused.`,
            path,
            "invalid-input",
          );
        if (FORBIDDEN_KEYS.has(key))
          throw new JsonShapeError(
            `The document has a "${key}" key (at ${path}), which JavaScript readers treat specially; it is refused.`,
            path,
            "invalid-input",
          );
        top.keys.add(key);
        pendingKey = key;
        expectKey = false;
        overCount();
      } else if (length > limits.maxStringLength) {
        const container = pathOf(stack);
        const path = top.keys && pendingKey !== undefined ? (container ? `${container}.${pendingKey}` : pendingKey) : container;
        throw new JsonShapeError(
          `A text value${at(path)} is ${length} characters long; at most ${limits.maxStringLength} are accepted.`,
          path,
          "too-large",
        );
      }
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const parent = stack[stack.length - 1] as Frame;
      stack.push({
        keys: c === 0x7b ? new Set() : undefined,
        index: 0,
        key: parent.keys ? pendingKey : `${parent.index}`,
        expectItem: c === 0x5b,
      });
      if (stack.length - 1 > limits.maxDepth)
        throw new JsonShapeError(
          `The document nests deeper than ${limits.maxDepth} levels${at(pathOf(stack))}; a badge is far shallower.`,
          pathOf(stack),
          "too-large",
        );
      expectKey = c === 0x7b;
      continue;
    }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (stack.length > 1) stack.pop();
      expectKey = false;
      continue;
    }
    if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1] as Frame;
      if (top.keys) expectKey = true;
      else {
        top.index++;
        top.expectItem = true;
      }
    }
  }
}

/**
 * The same bounds for a value given as an object (no text to scan: duplicate keys cannot exist
 * there, but depth, size and own `__proto__` keys can). Iterative, so a cycle or a deep nest ends
 * at the depth bound instead of the stack.
 */
export function checkJsonValue(value: unknown): void {
  const limits = JSON_LIMITS;
  let values = 0;
  const pending: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: "" }];
  while (pending.length > 0) {
    const { value: item, depth, path } = pending.pop() as (typeof pending)[number];
    if (typeof item === "string") {
      if (item.length > limits.maxStringLength)
        throw new JsonShapeError(
          `A text value${at(path)} is ${item.length} characters long; at most ${limits.maxStringLength}.`,
          path,
          "too-large",
        );
      continue;
    }
    if (typeof item !== "object" || item === null) continue;
    if (depth >= limits.maxDepth)
      throw new JsonShapeError(
        `The document nests deeper than ${limits.maxDepth} levels${at(path)}; a badge is far shallower.`,
        path,
        "too-large",
      );
    values += Array.isArray(item) ? item.length : Object.keys(item).length;
    if (values > limits.maxValues)
      throw new JsonShapeError(`The document has more than ${limits.maxValues} values (keys and list items).`, path, "too-large");
    const entries: [string, unknown][] = Array.isArray(item) ? item.map((v, i) => [`[${i}]`, v]) : Object.entries(item);
    for (const [key, child] of entries) {
      const childPath = Array.isArray(item) ? `${path}${key}` : path ? `${path}.${key}` : key;
      if (!Array.isArray(item) && FORBIDDEN_KEYS.has(key))
        throw new JsonShapeError(
          `The document has a "${key}" key (at ${childPath}), which JavaScript readers treat specially; it is refused.`,
          childPath,
          "invalid-input",
        );
      pending.push({ value: child, depth: depth + 1, path: childPath });
    }
  }
}

/** JSON text parsed after `checkJsonText`: the one way verification turns untrusted text into a value. */
export function parseJsonDocument(text: string): unknown {
  checkJsonText(text);
  return JSON.parse(text);
}
