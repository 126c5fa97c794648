// Route paths and parameter schemas, from the sdk's URL scheme (@chancery/sdk/urls): the gateway
// serves exactly the URLs the documents name, and Fastify refuses a malformed id before a handler
// runs. `explainParam` turns such a refusal into a sentence saying what is wrong and what to do.
import { PATHS, pathParamsSchema, type UrlKind } from "@chancery/sdk/urls";
import type { GatewayConfig } from "./config.ts";

/** The router's form of a template: `/ob2/assertions/{chainId}/{uid}.{format}` → `/ob2/assertions/:chainId/:uid.:format`. */
export function routePath(kind: UrlKind): string {
  return PATHS[kind].replace(/\{(\w+)\}/g, ":$1");
}

/** `schema.params` of a route serving `kind`. */
export function paramsSchema(kind: UrlKind) {
  return pathParamsSchema(kind);
}

/**
 * `schema.querystring` of the assertion routes: `?batch={batchId}` names the Merkle batch of a
 * batched badge (one spelling, not zero). Other query parameters (a tracker's utm_…) are dropped.
 */
export const batchQuerySchema = {
  type: "object",
  properties: { batch: pathParamsSchema("ob3BatchStatus").properties.batchId },
} as const;

const UINT32_MAX = 0xffff_ffff;

const NAMES: Record<string, string> = { uid: "badge uid", batchId: "batch id", issuerId: "issuer id", classId: "badge class id" };

/** The message of a 400 for a parameter the route's schema refused (`value` as it came in the URL). */
export function explainParam(name: string, value: unknown, config: GatewayConfig): string {
  const text = typeof value === "string" ? value : "";
  const shown = text.slice(0, 80);
  const what = NAMES[name] ?? name;
  switch (name) {
    case "chainId":
      return `The chain id "${shown}" is not a positive decimal integer; this gateway serves chain ${config.chainId}.`;
    case "registry":
      return `"${shown}" is not a registry address (0x + 40 hex digits); this gateway serves ${config.registry}.`;
    case "issuerId":
    case "classId":
      return `The ${what} "${shown}" is not an integer between 1 and ${UINT32_MAX}: ids on chain are numbered from 1, written without leading zeros.`;
    case "uid":
    case "batchId":
      if (/^0x[0-9A-Fa-f]{64}$/.test(text) && text !== text.toLowerCase())
        return `The ${what} must be written in lower-case hex: ${text.toLowerCase()}.`;
      if (/^0x0{64}$/.test(text)) return `The ${what} must not be zero: copy the URL again from the badge or its credential.`;
      return `The ${what} "${shown}" is not 0x followed by 64 hex digits: copy the URL again in full, it may have been cut.`;
    case "key":
      return "The last part of the URL is not a badge key (43 base64url characters): copy the badge's hosted URL again in full.";
    case "format":
      return `".${shown}" is not served here: ask for the document itself, or its .png or .svg image.`;
    default:
      return `The part "${shown}" of the URL is not valid. See GET / for the routes.`;
  }
}
