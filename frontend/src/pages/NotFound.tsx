import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../components/ui.tsx";

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="container page">
      <EmptyState title={t("notFound.title")} icon="search">
        <p>{t("notFound.body")}</p>
        <Link className="button" to="/">
          {t("notFound.home")}
        </Link>
      </EmptyState>
    </div>
  );
}
