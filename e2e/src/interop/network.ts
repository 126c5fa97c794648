// The only network the independent tools get during the interoperability test: a replacement of
// the test process's global `fetch` (what DCC's http-client, its schema check and our plain-GET
// loader all end in). It answers
//   - JSON-LD contexts and the official OB 3.0 JSON Schema from offline copies,
//   - URLs of the gateway under test with a plain GET to the real gateway process (the public
//     https origin written into the credentials is mapped to its loopback port, as a reverse proxy
//     in front of a deployment would),
//   - anything else with a loud failure, recorded: the test lists every URL asked for and fails if
//     a tool wanted something it was not given.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contextLoader } from "@chancery/sdk/proofs";
import { ROOT } from "../stack.ts";

/**
 * The official 1EdTech OB 3.0 schemas: the sdk ships them byte for byte (sdk/src/schemas, copied from
 * shared/openbadges), so the test runs on any clone; the file's hash is checked against 1EdTech's.
 */
export const OB3_SCHEMA_DIR = join(ROOT, "sdk", "src", "schemas");
/** sha256 of 1EdTech's achievementcredential.json (openbadges-specification gh-pages @ a4e4e70, docs/schema/). */
const OFFICIAL_SHA256 = "5753fb3ecf7d024ed273dd364bd683f483eb47257e718e6618832cf89eb2083a";

/**
 * The URLs a credential (and DCC's schema check) names for the AchievementCredential schema, served
 * from the official file. Its `$id` ends in `-jsonschema1.json`; credentials name `_schema.json`.
 */
const SCHEMA_URLS = [
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential-jsonschema1.json",
];

export function officialAchievementCredentialSchema(): Record<string, unknown> {
  const bytes = readFileSync(join(OB3_SCHEMA_DIR, "achievementcredential.json"));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== OFFICIAL_SHA256)
    throw new Error(`sdk/src/schemas/achievementcredential.json is not 1EdTech's file (sha256 ${sha256}, expected ${OFFICIAL_SHA256}).`);
  return JSON.parse(bytes.toString("utf8"));
}

export type Served = "gateway" | "offline context" | "offline schema" | "refused";

export type RequestRecord = {
  /** The tool that was running when the request was made. */
  tool: string;
  method: string;
  url: string;
  served: Served;
  /** HTTP status (the gateway's, or 200 offline); undefined when refused. */
  status?: number;
};

export type OfflineNetwork = {
  requests: RequestRecord[];
  /** Names the tool whose requests follow (the tools run one at a time). */
  attribute: (tool: string) => void;
  restore: () => void;
};

/** A bundled JSON-LD context of the sdk (the offline copies of shared/openbadges and the W3C contexts), if `url` is one. */
async function offlineContext(url: string): Promise<unknown | undefined> {
  try {
    return (await contextLoader(url)).document;
  } catch {
    return undefined; // not bundled
  }
}

const urlOf = (input: string | URL | Request) => (typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
const methodOf = (input: string | URL | Request, init?: RequestInit) =>
  (init?.method ?? (typeof input === "object" && "method" in input ? input.method : "GET")).toUpperCase();

/**
 * Replaces `globalThis.fetch` until `restore()`. `gatewayBase` is the public origin written into the
 * credentials, `gatewayOrigin` the loopback origin the gateway process listens on.
 */
export function installOfflineNetwork(options: { gatewayBase: string; gatewayOrigin: string }): OfflineNetwork {
  const original = globalThis.fetch;
  const requests: RequestRecord[] = [];
  let tool = "(none)";
  const base = options.gatewayBase.replace(/\/$/, "");
  const schema = officialAchievementCredentialSchema();

  const json = (document: unknown, contentType: string) =>
    new Response(JSON.stringify(document), { status: 200, headers: { "content-type": contentType } });

  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = urlOf(input);
    const method = methodOf(input, init);
    const record: RequestRecord = { tool, method, url, served: "refused" };
    requests.push(record);
    // HTTP never sends a fragment: what a server (or a stock loader) sees is the URL without it.
    const target = url.split("#")[0] as string;
    if (method === "GET") {
      if (SCHEMA_URLS.includes(target)) {
        Object.assign(record, { served: "offline schema", status: 200 });
        return json(schema, "application/schema+json");
      }
      const context = await offlineContext(target);
      if (context !== undefined) {
        Object.assign(record, { served: "offline context", status: 200 });
        return json(context, "application/ld+json");
      }
      if (target === base || target.startsWith(`${base}/`) || target.startsWith(`${base}?`)) {
        // A plain GET: the Accept header the tool sent, nothing else of ours.
        const accept = new Headers(input instanceof Request ? input.headers : init?.headers).get("accept");
        const response = await original(`${options.gatewayOrigin}${target.slice(base.length)}`, {
          headers: accept ? { accept } : {},
        });
        Object.assign(record, { served: "gateway", status: response.status });
        return response;
      }
    }
    throw new TypeError(
      `offline test network: ${tool} asked for ${method} ${url}, which is neither the gateway under test nor an offline copy`,
    );
  };

  return {
    requests,
    attribute: (name) => {
      tool = name;
    },
    restore: () => {
      globalThis.fetch = original;
    },
  };
}
