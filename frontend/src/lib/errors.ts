// Turns anything thrown by the wallet, the RPC or the registry into a title a person understands
// (translated) and the sdk's plain sentence as detail.
import type { TFunction } from "i18next";
import { explainError } from "../sdk/light.ts";

export type ErrorKind = "rejected" | "reverted" | "rpc" | "not-deployed" | "wrong-network" | "too-large" | "not-a-badge" | "generic";

export type Explained = { kind: ErrorKind; title: string; detail: string };

function walk(error: unknown, test: (e: { name?: string; code?: number; message?: string }) => boolean): boolean {
  let current = error as { name?: string; code?: number; message?: string; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 8; depth++) {
    if (test(current)) return true;
    current = current.cause as typeof current;
  }
  return false;
}

export function classifyError(error: unknown): ErrorKind {
  if (error && typeof error === "object" && "kind" in error && typeof (error as { kind: unknown }).kind === "string") {
    return (error as { kind: ErrorKind }).kind;
  }
  if (walk(error, (e) => e.name === "UserRejectedRequestError" || e.code === 4001 || /user (rejected|denied)/i.test(e.message ?? ""))) return "rejected";
  if (walk(error, (e) => e.name === "ContractFunctionRevertedError" || (e.name === "RegistryError" && !!(e as { errorName?: string }).errorName))) return "reverted";
  if (walk(error, (e) => e.name === "HttpRequestError" || e.name === "TimeoutError" || /fetch failed|failed to fetch|networkerror/i.test(e.message ?? ""))) return "rpc";
  if (walk(error, (e) => e.name === "ChainMismatchError" || e.name === "SwitchChainError")) return "wrong-network";
  return "generic";
}

/** An error the UI raises itself, with a known kind. */
export class UiError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = "UiError";
    this.kind = kind;
  }
}

export function explain(error: unknown, t: TFunction): Explained {
  const kind = classifyError(error);
  let detail: string;
  if (error instanceof UiError) detail = error.message;
  else if (kind === "rejected") detail = t("errors.rejectedDetail");
  else detail = explainError(error).message;
  return { kind, title: t(`errors.${kind}`), detail };
}
