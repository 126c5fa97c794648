// The Open Badges JSON an issuer published on chain (its Profile in IssuerRegistered /
// IssuerProfileUpdated, a class's Achievement in BadgeClassCreated) read back into the sdk's
// award inputs, so the app, the gateway and the CLI rebuild documents the same way. The chain
// accepts any JSON, so this is lenient: OB 3.0 forms (`tag`, `alignment`, `image: { id }`) and
// the sdk's input forms (`tags`, `alignments`, `image: "…"`) are both read, and a missing
// required field gets a neutral fallback instead of failing the whole document.
import type { AchievementInput, AlignmentInput, IssuerInput } from "../documents/types.ts";

type Json = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value.trim() : undefined);
const imageId = (value: unknown): string | undefined => str(value) ?? str((value as Json | undefined)?.id);

function httpUrl(value: unknown): string | undefined {
  const text = str(value);
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? text : undefined;
  } catch {
    return undefined;
  }
}

function imageUrlOrData(value: unknown): string | undefined {
  const id = imageId(value);
  if (!id) return undefined;
  return httpUrl(id) ?? (/^data:image\//i.test(id) ? id : undefined);
}

/**
 * The issuer as `IssuerInput`, from its on-chain Profile JSON. `fallbackUrl` stands in for a
 * missing or unusable `url` (Open Badges requires one): pass the issuer's hosted profile URL.
 */
export function issuerInputFromProfile(issuerId: number, profile: unknown, fallbackUrl?: string): IssuerInput {
  const p = (profile && typeof profile === "object" ? profile : {}) as Json;
  const email = str(p.email);
  const image = imageUrlOrData(p.image);
  return {
    issuerId,
    name: str(p.name) ?? `Issuer #${issuerId}`,
    url: httpUrl(p.url) ?? fallbackUrl ?? "https://example.invalid",
    ...(email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? { email } : {}),
    ...(str(p.description) ? { description: str(p.description) } : {}),
    ...(image ? { image } : {}),
  };
}

function alignmentsOf(value: unknown): AlignmentInput[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: AlignmentInput[] = [];
  for (const item of value) {
    const a = (item ?? {}) as Json;
    const targetName = str(a.targetName);
    const targetUrl = httpUrl(a.targetUrl);
    if (!targetName || !targetUrl) continue;
    const alignment: AlignmentInput = { targetName, targetUrl };
    for (const key of ["targetDescription", "targetFramework", "targetCode", "targetType"] as const) {
      const v = str(a[key]);
      if (v) alignment[key] = v;
    }
    out.push(alignment);
  }
  return out.length ? out : undefined;
}

/** A badge class as `AchievementInput`, from its on-chain Achievement JSON. */
export function achievementInputFromClass(content: unknown): AchievementInput {
  const c = (content && typeof content === "object" ? content : {}) as Json;
  const criteria = (c.criteria && typeof c.criteria === "object" ? c.criteria : {}) as Json;
  const name = str(c.name) ?? "Badge";
  const narrative = str(criteria.narrative) ?? (typeof c.criteria === "string" ? str(c.criteria) : undefined);
  const criteriaId = httpUrl(criteria.id);
  const rawTags = Array.isArray(c.tag) ? c.tag : Array.isArray(c.tags) ? c.tags : undefined;
  const tags = rawTags?.map(str).filter((t): t is string => t !== undefined);
  const alignments = alignmentsOf(c.alignment ?? c.alignments);
  const image = imageUrlOrData(c.image);
  return {
    name,
    description: str(c.description) ?? name,
    criteria:
      narrative || criteriaId
        ? { ...(criteriaId ? { id: criteriaId } : {}), ...(narrative ? { narrative } : {}) }
        : { narrative: `Awarded by the issuer for “${name}”.` },
    ...(image ? { image } : {}),
    ...(tags?.length ? { tags } : {}),
    ...(alignments ? { alignments } : {}),
    ...(str(c.achievementType) ? { achievementType: str(c.achievementType) } : {}),
  };
}
