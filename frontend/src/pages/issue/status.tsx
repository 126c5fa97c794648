import { useTranslation } from "react-i18next";
import { Chip } from "../../components/ui.tsx";
import type { IssuerStatusName } from "../../sdk/light.ts";

export function IssuerStatusChip({ status }: { status: IssuerStatusName }) {
  const { t } = useTranslation();
  const tone = status === "accredited" ? "accredited" : status === "suspended" ? "suspended" : "neutral";
  return <Chip tone={tone}>{t(`issuerStatus.${status}`)}</Chip>;
}
