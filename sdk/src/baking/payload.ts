/** What may be baked, and a light sanity check of it. */
import { BakingError } from "./errors.ts";

/** `ob3`: OB 3.0 OpenBadgeCredential (JSON or compact JWS). `ob2`: OB 2.0 Assertion (JSON, JWS or hosted URL). */
export type BadgeKind = "ob3" | "ob2";

export const JWS_RE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** Light sanity check of what is being baked, so garbage never lands in an image. */
export function validateBakePayload(payload: string, kind: BadgeKind): "json" | "jws" | "url" {
  if (kind !== "ob3" && kind !== "ob2") throw new TypeError(`Badge kind must be "ob3" or "ob2", got ${String(kind)}`);
  if (typeof payload !== "string") throw new TypeError("The badge payload must be a string");
  const t = payload.trim();
  if (t.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch (cause) {
      throw new BakingError("invalid-payload", "The badge payload starts like JSON but does not parse: bake the exact credential JSON.", {
        cause,
      });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new BakingError("invalid-payload", "The badge payload must be one JSON object (the credential or assertion).");
    }
    return "json";
  }
  if (JWS_RE.test(t) && t.startsWith("eyJ")) return "jws";
  if (kind === "ob2" && /^https?:\/\/[^\s]+$/i.test(t)) return "url";
  throw new BakingError(
    "invalid-payload",
    kind === "ob3"
      ? "An OB 3.0 badge payload must be the credential JSON or its compact JWS."
      : "An OB 2.0 badge payload must be the assertion JSON, its JWS, or the hosted assertion URL.",
  );
}
