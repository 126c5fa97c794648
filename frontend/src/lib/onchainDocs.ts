// Display helpers for the Open Badges JSON published on chain (issuer Profile, badge class
// Achievement). Turning that JSON back into award inputs is the sdk's (hosted/inputs.ts).
type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : undefined);

export function profileField(profile: unknown, key: "name" | "url" | "email" | "description"): string | undefined {
  return str(((profile ?? {}) as Json)[key]);
}

export function profileImage(profile: unknown): string | undefined {
  const image = ((profile ?? {}) as Json).image;
  return str(image) ?? str((image as Json | undefined)?.id);
}
