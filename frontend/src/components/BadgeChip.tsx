import { useTranslation } from "react-i18next";
import type { BadgeChip as Kind } from "../lib/badgeStatus.ts";
import { Chip } from "./ui.tsx";

export function BadgeChip({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const tone = kind === "unknown" ? "neutral" : kind;
  return <Chip tone={tone}>{t(`badgeStatus.${kind}`)}</Chip>;
}
