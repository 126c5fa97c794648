// Turns anything thrown by the wallet, the RPC or the registry into a title a person understands
// (translated) and the sdk's plain sentence as detail. The title follows the error's `kind`, which
// the sdk gives every error it raises (and `explainError` to whatever viem or a wallet throws).
import type { TFunction } from "i18next";
import { ChanceryError, explainError } from "../sdk/light.ts";

/** The sdk kinds the app has a title of its own for (errors.<kind> in the catalogs). */
export const UI_ERROR_KINDS = ["rejected", "reverted", "rpc", "not-deployed", "wrong-network", "too-large", "not-a-badge"] as const;

/** What the app tells apart; every other sdk kind is shown as "generic". */
export type ErrorKind = (typeof UI_ERROR_KINDS)[number] | "generic";

export type Explained = { kind: ErrorKind; title: string; detail: string };

const isUiKind = (kind: string): kind is (typeof UI_ERROR_KINDS)[number] => (UI_ERROR_KINDS as readonly string[]).includes(kind);

export function classifyError(error: unknown): ErrorKind {
  const { kind } = explainError(error);
  return isUiKind(kind) ? kind : "generic";
}

/** An error the UI raises itself, with a known kind and an already translated message. */
export class UiError extends ChanceryError {
  constructor(kind: ErrorKind, message: string) {
    super(`ui-${kind}`, message, { kind: kind === "generic" ? "unknown" : kind });
    this.name = "UiError";
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
