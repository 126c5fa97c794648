// Open Badges 2.0 assertions hosted by a Chancery gateway, bound to the chain. The URL's shape
// (…/ob2/assertions/{chainId}/{uid}) says nothing about who serves it: anyone can copy a real
// assertion to a host of their own and change its recipient. So the badge is first found on a
// trusted registry, then its issuer's on-chain profile says which hosts may serve its badges
// (`verification.allowedOrigins`), and only then is the URL fetched; every field a reader is shown
// (recipient, badge class, dates, evidence) must be what the chain (and, for a keyed URL, the
// credential published with the badge) says a faithful gateway serves, or the badge is "invalid".
import { type IssuerOnChain, type RegistryContext, readIssuer } from "../../chain/registry.ts";
import { ob2AssertionFromCredential, originHostName } from "../../documents/ob2.ts";
import type { LocatedBadge } from "../../hosted/chain.ts";
import { buildHostedAssertion } from "../../hosted/views.ts";
import { asArray, isJson, type Json } from "../json.ts";
import { failuresOf } from "../run.ts";
import { said } from "../steps.ts";
import { messageOf } from "../words.ts";
import { dateOf } from "./validity.ts";

const fail = failuresOf("proof");

/** The issuer's record, with its Profile JSON rebuilt from the profile event (hash checked by the registry). */
export async function readIssuerRecord(registry: RegistryContext, issuerId: number, chainId: number): Promise<IssuerOnChain> {
  try {
    return await readIssuer(registry, issuerId);
  } catch (error) {
    const detail = messageOf(error);
    throw fail(
      said(
        "proof.issuer-record-unreadable",
        { issuerId, chainId, detail },
        `Issuer #${issuerId}'s record could not be read from chain ${chainId} (${detail}).`,
      ),
      "error",
    );
  }
}

/**
 * The host names the issuer's on-chain profile allows to serve its badges, with validator-core's
 * semantics: `verification.allowedOrigins` lists host names (an old profile's `host:port` or URL
 * counts as its host name), and when the profile has no `allowedOrigins` the default is the
 * authority of the issuer's own id. A listed but empty `allowedOrigins` allows no host.
 */
export function allowedOriginsOf(issuer: IssuerOnChain): string[] {
  const profile = isJson(issuer.profile) ? issuer.profile : {};
  const verification = isJson(profile.verification) ? profile.verification : {};
  const listed = verification.allowedOrigins === undefined ? asArray(profile.id) : asArray(verification.allowedOrigins);
  const hosts = listed.map(originHostName).filter((host): host is string => host !== undefined);
  return [...new Set(hosts)];
}

/**
 * `url`'s host name is one `allowed` lists, on any port (validator-core compares authorities, and
 * its allowedOrigins hold host names only). Entries are read with `originHostName`, so an old
 * on-chain `host:port` still allows that host.
 */
export function hostAllowed(url: string, allowed: string[]): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return allowed.some((entry) => originHostName(entry) === hostname);
}

/** `url` is on one of the operator's own origins (`trustedOrigins`, e.g. the app's gateway, which serves what the chain records). */
function onOperatorOrigin(url: string, trustedOrigins: string[] | undefined): boolean {
  return (trustedOrigins ?? []).some((origin) => {
    try {
      return new URL(origin).origin === new URL(url).origin;
    } catch {
      return false;
    }
  });
}

/**
 * Refuses a URL that neither the issuer's on-chain profile nor the operator allows, before anything
 * is fetched from it. The operator's own gateway (`trustedOrigins`) may serve any issuer's badges:
 * what it serves is compared with the chain like any copy.
 */
export function checkAllowedOrigin(url: string, issuer: IssuerOnChain, allowed: string[], trustedOrigins: string[] | undefined) {
  if (hostAllowed(url, allowed) || onOperatorOrigin(url, trustedOrigins)) return;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // named as given
  }
  const { issuerId } = issuer;
  throw fail(
    allowed.length === 0
      ? said(
          "proof.hosted-no-allowed-host",
          { host, issuerId },
          `The hosted assertion is served by ${host}, but issuer #${issuerId}'s on-chain profile lists no host allowed to serve its badges (verification.allowedOrigins, or an http(s) id whose host is the default), and it is not one of this verifier's trusted origins, so no hosted copy can be trusted.`,
        )
      : said(
          "proof.hosted-host-not-allowed",
          { host, issuerId, allowed: allowed.join(", ") },
          `The hosted assertion is served by ${host}, which issuer #${issuerId}'s on-chain profile does not allow (it allows ${allowed.join(", ")}): it is a copy on another host.`,
        ),
  );
}

/** The fields a reader is shown, which must be the chain's (dates compared as instants, to the second). */
const BOUND_FIELDS = ["recipient", "badge", "issuedOn", "expires", "evidence", "narrative", "uid"] as const;
const DATE_FIELDS = new Set<string>(["issuedOn", "expires"]);

/** JSON with object keys sorted: two documents equal in content compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isJson(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "undefined";
}

function sameField(field: string, served: unknown, expected: unknown): boolean {
  if (DATE_FIELDS.has(field)) {
    const a = dateOf(served);
    const b = dateOf(expected);
    return a === undefined || b === undefined ? served === expected : Math.floor(a / 1000) === Math.floor(b / 1000);
  }
  return canonical(served) === canonical(expected);
}

const WORDS: Record<(typeof BOUND_FIELDS)[number], string> = {
  recipient: "recipient",
  badge: "badge class",
  issuedOn: "issue date",
  expires: "expiry date",
  evidence: "evidence",
  narrative: "narrative",
  uid: "uid",
};

/** The bound fields of `served` that differ from `expected` (what a faithful gateway serves), but for `except`. */
export function unboundFields(served: Json, expected: Json, except: readonly string[] = []): (typeof BOUND_FIELDS)[number][] {
  return BOUND_FIELDS.filter((field) => !except.includes(field) && !sameField(field, served[field], expected[field]));
}

/** What a faithful Chancery gateway serves at this URL: from the chain, or (keyed URL) from the credential published with the badge. */
export function expectedHostedAssertion(input: {
  gatewayBase: string;
  chainId: number;
  url: string;
  located: LocatedBadge;
  credential?: Json;
}): Json {
  const { gatewayBase, chainId, url, located, credential } = input;
  if (!credential) return buildHostedAssertion({ gatewayBase, chainId, badge: located, id: url });
  const expected = ob2AssertionFromCredential(credential, { gatewayBase, chainId, uid: located.uid, classId: located.status.classId });
  expected.uid = located.uid;
  return expected;
}

/**
 * The served assertion shows what the chain records, or it is refused ("invalid"), naming the fields
 * that differ. `hostedAt`: the URL it was served at (none: the assertion the holder gave).
 * `except`: fields the chain cannot answer for (a claim URL's e-mail recipient).
 */
export function checkHostedBound(served: Json, expected: Json, hostedAt: string | undefined, except: readonly string[] = []) {
  const differ = unboundFields(served, expected, except);
  if (differ.length === 0) return;
  const words = differ.map((field) => WORDS[field]).join(", ");
  const source = hostedAt ? `the assertion hosted at ${hostedAt}` : "the assertion given";
  const message = `The ${words} of ${source} ${differ.length > 1 ? "are" : "is"} not what the chain records for this badge: it was altered.`;
  const fields = differ.join(",");
  const count = differ.length;
  throw fail(
    hostedAt
      ? said("proof.hosted-altered", { fields, count, url: hostedAt }, message)
      : said("proof.given-altered", { fields, count }, message),
  );
}
