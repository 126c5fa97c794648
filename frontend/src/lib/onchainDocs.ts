// Reads the Open Badges JSON published on chain (issuer Profile, badge class Achievement) back
// into the sdk's award inputs. A thin field mapping only (reported as an sdk gap: the sdk should
// offer "award inputs from the chain" so the app, gateway and CLI read them the same way).
import type { AchievementInput, IssuerInput } from "../sdk/light.ts";

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : undefined);
const imageId = (v: unknown) => str(v) ?? str((v as Json | undefined)?.id);

export function issuerInputFromProfile(issuerId: number, profile: unknown): IssuerInput {
  const p = (profile ?? {}) as Json;
  return {
    issuerId,
    name: str(p.name) ?? `Issuer #${issuerId}`,
    url: str(p.url) ?? "https://example.invalid",
    ...(str(p.email) ? { email: str(p.email) } : {}),
    ...(str(p.description) ? { description: str(p.description) } : {}),
    ...(imageId(p.image) ? { image: imageId(p.image) } : {}),
  };
}

export function achievementInputFromClass(content: unknown): AchievementInput {
  const c = (content ?? {}) as Json;
  const criteria = (c.criteria ?? {}) as Json;
  const tags = Array.isArray(c.tag) ? c.tag : Array.isArray(c.tags) ? c.tags : undefined;
  return {
    name: str(c.name) ?? "Badge",
    description: str(c.description) ?? str(c.name) ?? "Badge",
    criteria: { ...(str(criteria.narrative) ? { narrative: str(criteria.narrative) } : {}), ...(str(criteria.id) ? { id: str(criteria.id) } : {}) },
    ...(imageId(c.image) ? { image: imageId(c.image) } : {}),
    ...(tags ? { tags: tags.filter((t): t is string => typeof t === "string" && t.trim().length > 0) } : {}),
    ...(str(c.achievementType) ? { achievementType: str(c.achievementType) } : {}),
  };
}

export function profileField(profile: unknown, key: "name" | "url" | "email" | "description"): string | undefined {
  return str(((profile ?? {}) as Json)[key]);
}

export function profileImage(profile: unknown): string | undefined {
  return imageId(((profile ?? {}) as Json).image);
}
