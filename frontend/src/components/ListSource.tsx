// A small line under a list saying what answered it: the indexer (statuses still read from the
// registry) or the chain's events, and whether the chain stood in for an indexer that did not answer.
import { useTranslation } from "react-i18next";

export type ListSourceValue = { source: "indexer" | "chain"; indexerDown: boolean };

export function ListSource({ value }: { value: ListSourceValue | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  const key = value.source === "indexer" ? "indexer" : value.indexerDown ? "fallback" : "chain";
  return (
    <p className="small muted list-source" data-list-source={key}>
      {t(`listSource.${key}`)}
    </p>
  );
}
