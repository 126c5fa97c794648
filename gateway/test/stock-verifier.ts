// What the independent-verifier tests share: the contexts a stock Digital Bazaar verifier bundles,
// its plain-GET document loader, and a real gateway on a test chain.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contexts as credentialsContexts } from "@digitalbazaar/credentials-context";
import dataIntegrityContext from "@digitalbazaar/data-integrity-context";
import { buildGateway, type Gateway } from "../src/app.ts";
import type { GatewayConfig } from "../src/config.ts";
import { type Chain, ROOT } from "./helpers.ts";

// 1EdTech's OB 3.0 contexts, byte for byte (the sdk ships shared/openbadges' copies, so any clone runs this).
const OB3 = join(ROOT, "sdk", "src", "contexts");
const ob3Context = (file: string) => JSON.parse(readFileSync(join(OB3, file), "utf8"));

/** What a stock verifier bundles: VC and Data Integrity contexts from npm, OB 3.0 from 1EdTech. */
export const STOCK_CONTEXTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...(credentialsContexts as Map<string, unknown>),
  ...(dataIntegrityContext.contexts as Map<string, unknown>),
  ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", ob3Context("ob-v3p0-context-3.0.3.json")],
  ["https://purl.imsglobal.org/spec/ob/v3p0/extensions.json", ob3Context("ob-v3p0-extensions.json")],
]);

/**
 * The loader a Digital Bazaar integrator writes: bundled contexts, else GET the URL — only from the
 * gateway at `base` (anything else would be a fetch from the network). `onFetch` sees each URL fetched.
 */
export function stockLoaderFor(base: () => string, onFetch?: (url: string) => void) {
  return async (url: string) => {
    const context = STOCK_CONTEXTS.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    if (!url.startsWith(`${base()}/`)) throw new Error(`The stock loader would fetch ${url} from the network.`);
    onFetch?.(url);
    const response = await fetch(url, { headers: { accept: "application/ld+json, application/json" } });
    if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}.`);
    return { contextUrl: null, documentUrl: url, document: await response.json() };
  };
}

/** The real gateway over `chain`'s registry, answering as `publicBaseUrl` (not yet listening). */
export function chainGateway(chain: Chain, options: { publicBaseUrl: string; appUrl: string } & Partial<GatewayConfig>): Promise<Gateway> {
  return buildGateway({
    rpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    registry: chain.registry,
    deployedOnBlock: chain.deployedOnBlock,
    blockPollMs: 0,
    ...options,
  });
}
