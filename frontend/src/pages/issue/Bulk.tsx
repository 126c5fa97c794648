import { useTranslation } from "react-i18next";
import { Notice, Section } from "../../components/ui.tsx";

/** Bulk issue from CSV: not built yet (the single-badge flow and the sdk's anchorMerkleBatch are ready). */
export function Bulk() {
  const { t } = useTranslation();
  return (
    <Section title={t("bulk.title")} description={t("bulk.description")} id="bulk">
      <Notice tone="info" title={t("bulk.comingTitle")}>
        {t("bulk.comingBody")}
      </Notice>
    </Section>
  );
}
