import { skipToken, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { type Address, getAddress, isAddress } from "viem";
import { useAccount } from "wagmi";
import { BadgeCard } from "../components/BadgeCard.tsx";
import { ListSource } from "../components/ListSource.tsx";
import { CopyButton, EmptyState, ErrorNotice, Notice, SkeletonGrid } from "../components/ui.tsx";
import { useChainEnv } from "../lib/chainEnv.tsx";
import { explain } from "../lib/errors.ts";
import { shortHex } from "../lib/format.ts";
import { useChainHealth } from "../lib/hooks.ts";
import { type LearnerBadge, loadLearnerList } from "../lib/learner.ts";
import { findLocalBadge } from "../lib/localBadges.ts";

export function badgePath(chainId: number, registry: string, badge: Pick<LearnerBadge, "uid" | "batchId">): string {
  const local = findLocalBadge(chainId, registry, badge.uid);
  return `/badge/${chainId}/${badge.uid}${badge.batchId ? `?batch=${badge.batchId}` : ""}${local?.key ? `#k=${local.key}` : ""}`;
}

export default function LearnerPage() {
  const { t } = useTranslation();
  const { address: param } = useParams();
  if (!param || !isAddress(param, { strict: false })) {
    return (
      <div className="container page">
        <ErrorNotice
          error={{ kind: "generic", title: t("learner.badAddressTitle"), detail: t("learner.badAddressBody", { value: param ?? "" }) }}
        />
      </div>
    );
  }
  return <LearnerBadges address={getAddress(param)} />;
}

function LearnerBadges({ address }: { address: Address }) {
  const { t } = useTranslation();
  const { registry, config } = useChainEnv();
  const health = useChainHealth();
  const { address: connected } = useAccount();
  const own = connected?.toLowerCase() === address.toLowerCase();
  const badges = useQuery({
    queryKey: ["learner", config.chainId, address.toLowerCase()],
    queryFn: registry ? () => loadLearnerList(registry, address) : skipToken,
    enabled: !!registry && health.data?.state === "ok",
  });
  const shown = badges.data?.badges.filter((b) => !b.status.erased) ?? [];
  const erased = (badges.data?.badges.length ?? 0) - shown.length;
  const link = `${window.location.origin}/learner/${address}`;
  return (
    <div className="container page learner-page">
      <header className="page-header with-actions">
        <div>
          <p className="eyebrow">{own ? t("learner.yourWallet") : t("learner.wallet")}</p>
          <h1>{own ? t("learner.myTitle") : t("learner.title")}</h1>
          <p className="lead">
            <code title={address}>{shortHex(address, 8, 6)}</code> · {config.chain.name}
          </p>
        </div>
        <CopyButton text={link} label={t("learner.copyPageLink")} />
      </header>
      {health.data && health.data.state !== "ok" && (
        <Notice tone="warning" title={t("learner.unavailableTitle")}>
          {t("learner.unavailableBody")}
        </Notice>
      )}
      {badges.isPending && badges.fetchStatus !== "idle" && <SkeletonGrid />}
      {badges.isError && <ErrorNotice error={explain(badges.error, t)} onRetry={() => void badges.refetch()} />}
      {badges.data && shown.length === 0 && (
        <EmptyState title={own ? t("learner.emptyOwnTitle") : t("learner.emptyTitle")} icon="badge">
          <p>{own ? t("learner.emptyOwnBody") : t("learner.emptyBody")}</p>
          <Link className="button button-secondary" to="/verify">
            {t("learner.verifyFile")}
          </Link>
        </EmptyState>
      )}
      {shown.length > 0 && (
        <>
          <p className="muted">{t("learner.count", { count: shown.length })}</p>
          <ul className="card-grid">
            {shown.map((b) => (
              <BadgeCard key={b.uid} badge={b} to={badgePath(config.chainId, config.registry ?? "", b)} />
            ))}
          </ul>
        </>
      )}
      {erased > 0 && <p className="muted small">{t("learner.erasedHidden", { count: erased })}</p>}
      <ListSource value={badges.data?.source} />
    </div>
  );
}
