import { skipToken, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import type { Hex } from "viem";
import { useAccount } from "wagmi";
import { BadgeChip } from "../components/BadgeChip.tsx";
import { Downloads, linkedInUrl, ShareLink, type ShareLinks } from "../components/share.tsx";
import { ActionFooter, ErrorNotice, Hex as HexText, Notice, Section, Spinner } from "../components/ui.tsx";
import { CredentialSummary, StepList, VerdictBanner } from "../components/verification.tsx";
import { WalletGate } from "../components/WalletGate.tsx";
import { WalletOffer } from "../components/WalletOffer.tsx";
import { appBase } from "../config.ts";
import { chipOf } from "../lib/badgeStatus.ts";
import { useChainEnv } from "../lib/chainEnv.tsx";
import { explain } from "../lib/errors.ts";
import { formatDate, imageOf, safeImageSrc, textOf } from "../lib/format.ts";
import { useAction } from "../lib/hooks.ts";
import { readBadgeStatus } from "../lib/learner.ts";
import { findLocalBadge, forgetBadge, rememberBadge } from "../lib/localBadges.ts";
import { profileField } from "../lib/onchainDocs.ts";
import { trustOptions } from "../lib/trustedRegistries.ts";
import {
  buildShareLink,
  decodeLinkCredential,
  eraseOwnBadge,
  keyFromString,
  LinkError,
  ob2AssertionUrl,
  readBadgeClass,
  readIssuer,
  readPayload,
  readRevocationReason,
} from "../sdk/light.ts";
import { runVerification } from "../verify/run.ts";

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

function keyFromHash(hash: string): string | undefined {
  const [, key] = /(?:^#|&)k=([A-Za-z0-9_-]{43})(?:&|$)/.exec(hash) ?? [];
  if (key === undefined) return undefined;
  try {
    keyFromString(key);
    return key;
  } catch {
    return undefined;
  }
}

/** The `#c=` value of a full link that carries the credential (a badge with no content on chain), if it reads. */
function linkCredentialFromHash(hash: string): string | undefined {
  const [, value] = /(?:^#|&)c=([A-Za-z0-9_-]+)(?:&|$)/.exec(hash) ?? [];
  return value !== undefined && "text" in decodeLinkCredential(value) ? value : undefined;
}

/** The full link of a badge whose credential travels in it, or why there is none (too large for a link). */
function carriedLink(base: Omit<Parameters<typeof buildShareLink>[0], "credential">, value: string): { link?: string; tooLong?: true } {
  const decoded = decodeLinkCredential(value);
  if (!("text" in decoded)) return {};
  try {
    return { link: buildShareLink({ ...base, credential: JSON.parse(decoded.text) as object }) };
  } catch (e) {
    if (e instanceof LinkError && e.code === "link-too-long") return { tooLong: true };
    return {};
  }
}

export default function BadgePage() {
  const { t } = useTranslation();
  const { chainId, uid } = useParams();
  const [search] = useSearchParams();
  const { config } = useChainEnv();
  const batch = search.get("batch") ?? undefined;
  if (!uid || !BYTES32.test(uid) || (batch && !BYTES32.test(batch))) {
    return (
      <div className="container page">
        <ErrorNotice error={{ kind: "generic", title: t("badge.badLinkTitle"), detail: t("badge.badLinkBody") }} />
      </div>
    );
  }
  if (Number(chainId) !== config.chainId) {
    return (
      <div className="container page">
        <ErrorNotice
          error={{
            kind: "wrong-network",
            title: t("badge.otherChainTitle"),
            detail: t("badge.otherChainBody", { badgeChain: chainId, appChain: `${config.chain.name} (${config.chainId})` }),
          }}
        />
      </div>
    );
  }
  return <BadgeDetail uid={uid.toLowerCase() as Hex} batchId={batch?.toLowerCase() as Hex | undefined} />;
}

function BadgeDetail({ uid, batchId }: { uid: Hex; batchId?: Hex }) {
  const { t, i18n } = useTranslation();
  const env = useChainEnv();
  const { config, registry } = env;
  const location = useLocation();
  const { address } = useAccount();
  const [key, setKey] = useState<string | undefined>(
    () => keyFromHash(location.hash) ?? findLocalBadge(config.chainId, config.registry ?? "", uid)?.key,
  );
  // The credential of a badge with no content on chain: from the link opened, else kept on this device.
  const fromLinkCredential = linkCredentialFromHash(location.hash);
  const linkCredential = fromLinkCredential ?? findLocalBadge(config.chainId, config.registry ?? "", uid)?.linkCredential;

  // A key that came in the link is kept on this device so "My badges" can open the full badge later.
  useEffect(() => {
    const fromLink = keyFromHash(location.hash);
    if (fromLink && config.registry) {
      rememberBadge({ chainId: config.chainId, registry: config.registry, uid, key: fromLink, batchId });
      setKey(fromLink);
    }
  }, [location.hash, config.chainId, config.registry, uid, batchId]);

  const facts = useQuery({
    queryKey: ["badge", config.chainId, uid, batchId ?? null],
    enabled: !!registry,
    queryFn: registry
      ? async () => {
          const { status, proof } = await readBadgeStatus(registry, uid, batchId);
          if (!status.exists) return { status, proof };
          const [badgeClass, issuer, reason, payload] = await Promise.all([
            readBadgeClass(registry, status.classId).catch(() => undefined),
            readIssuer(registry, status.issuerId).catch(() => undefined),
            status.revokedBlock ? readRevocationReason(registry, uid, status.revokedBlock).catch(() => undefined) : undefined,
            // A Merkle badge's content is not published today; if it ever is, its full link works the same.
            readPayload(registry, uid, status.issuedBlock).catch(() => undefined),
          ]);
          return { status, proof, badgeClass, issuer, reason, hasPayload: !!payload };
        }
      : skipToken,
  });

  const linkBase = config.registry
    ? { appBase: appBase(), chainId: config.chainId, registry: config.registry, uid, ...(batchId ? { batchId } : {}) }
    : undefined;
  const linkOf = (withKey?: string) => (linkBase ? buildShareLink({ ...linkBase, ...(withKey ? { key: withKey } : {}) }) : "");
  const registryOfLinks = config.registry;
  // The class image and the issuer's logo stay out of the link when they are the chain's (the verifier puts them back).
  const classImage = imageOf(facts.data?.badgeClass?.content);
  const issuerImage = imageOf(facts.data?.issuer?.profile);
  const carried = useMemo(
    () =>
      linkCredential && registryOfLinks
        ? carriedLink(
            {
              appBase: appBase(),
              chainId: config.chainId,
              registry: registryOfLinks,
              uid,
              ...(batchId ? { batchId } : {}),
              classImage,
              issuerImage,
            },
            linkCredential,
          )
        : {},
    [linkCredential, registryOfLinks, config.chainId, uid, batchId, classImage, issuerImage],
  );
  // The record-only link always; the full one when this device can make it: with the key when the
  // content was published on chain, else carrying the credential itself when it is on this device.
  const links: ShareLinks = {
    record: linkOf(),
    ...(facts.data && !facts.data.hasPayload
      ? carried.link
        ? { full: carried.link }
        : { fullMissing: carried.tooLong ? ("too-long" as const) : ("not-published" as const) }
      : key
        ? { full: linkOf(key) }
        : { fullMissing: "no-key" as const }),
  };
  // What this page checks: the full badge when it can be opened, else the record alone (never "could not check").
  const checked = links.full ?? links.record;
  const verification = useQuery({
    queryKey: ["badge-verify", config.chainId, uid, checked],
    enabled: !!facts.data?.status.exists && !facts.data.status.erased && !!checked,
    queryFn: () => runVerification(checked, { publicClient: env.client, rpcUrl: config.rpcUrl, ...trustOptions(env) }),
    staleTime: 60_000,
  });
  // A credential that came in the link is kept on this device once it verified as the genuine badge
  // (its proof and anchor passed), so "My badges" and the issued list can share it in full again.
  const report = verification.data;
  useEffect(() => {
    const genuine = report?.verdict === "valid" || report?.verdict === "expired" || report?.verdict === "revoked";
    if (fromLinkCredential && genuine && report?.credential && config.registry)
      rememberBadge({
        chainId: config.chainId,
        registry: config.registry,
        uid,
        linkCredential: fromLinkCredential,
        ...(batchId ? { batchId } : {}),
      });
  }, [fromLinkCredential, report, config.chainId, config.registry, uid, batchId]);

  if (facts.isPending)
    return (
      <div className="container page">
        <Spinner label={t("badge.loading")} />
      </div>
    );
  if (facts.isError)
    return (
      <div className="container page">
        <ErrorNotice error={explain(facts.error, t)} onRetry={() => void facts.refetch()} />
      </div>
    );
  const { status } = facts.data;
  if (!status.exists) {
    return (
      <div className="container page">
        <ErrorNotice error={{ kind: "generic", title: t("badge.notFoundTitle"), detail: t("badge.notFoundBody", { uid }) }} />
      </div>
    );
  }
  if (status.erased) {
    return (
      <div className="container page narrow">
        <Notice tone="info" title={t("badge.erasedTitle")}>
          {t("badge.erasedBody")}
        </Notice>
      </div>
    );
  }
  const { badgeClass, issuer, reason, hasPayload } = facts.data;
  const content = badgeClass?.content;
  const name = textOf(content, "name") ?? t("issued.badge");
  const issuerName = profileField(issuer?.profile, "name");
  const image = safeImageSrc(imageOf(content));
  const chip = chipOf(status);
  const credential = verification.data?.credential;
  const hosted = ob2AssertionUrl(config.gatewayUrl, config.chainId, uid, batchId);
  const recipientWallet = (credential?.credentialSubject as { id?: string } | undefined)?.id?.split(":").at(-1);
  const isRecipient = !!address && !!recipientWallet && recipientWallet.toLowerCase() === address.toLowerCase();

  return (
    <div className="container page badge-page">
      <header className="badge-hero">
        <div className="badge-hero-image">
          {image ? <img src={image} alt="" /> : <div className="image-placeholder" aria-hidden="true" />}
        </div>
        <div>
          <p className="eyebrow">{issuerName}</p>
          <h1>{name}</h1>
          <p className="badge-hero-meta">
            <BadgeChip kind={chip} />
            <span className="muted">{t("badge.issuedOn", { date: formatDate(status.issuedAt, i18n.language) })}</span>
            {status.expiresAt && (
              <span className="muted">{t("badge.expiresOn", { date: formatDate(status.expiresAt, i18n.language) })}</span>
            )}
          </p>
          {textOf(content, "description") && <p className="lead">{textOf(content, "description")}</p>}
          {status.revokedAt && !verification.data && (
            <Notice tone="danger" title={t("badge.revokedTitle", { date: formatDate(status.revokedAt, i18n.language) })}>
              {reason ? t("badge.revokedReason", { reason }) : t(`revocation.${status.revocationReason ?? "unspecified"}`)}
            </Notice>
          )}
        </div>
      </header>

      {!links.full && (
        <Notice tone="info" title={t("badge.noKeyTitle")}>
          {hasPayload ? t("badge.noKeyBody") : t("badge.noPayloadBody")}
        </Notice>
      )}

      {(verification.isLoading || verification.data) && (
        <div className="stack">
          {verification.isLoading && <Spinner label={t("verify.checking")} />}
          {verification.data && <VerdictBanner report={verification.data} />}
          <div className={credential ? "result-grid" : "stack"}>
            {verification.data && (
              <Section title={t("verify.stepsTitle")} id="badge-steps">
                <StepList report={verification.data} />
              </Section>
            )}
            {credential && (
              <Section title={t("badge.credentialTitle")} id="badge-credential">
                <CredentialSummary credential={credential} />
                <details className="raw-json">
                  <summary>{t("badge.showJson")}</summary>
                  <pre>{JSON.stringify(credential, null, 2)}</pre>
                </details>
              </Section>
            )}
          </div>
        </div>
      )}

      <div className="two-col">
        <Section title={t("badge.shareTitle")} id="badge-share">
          <ShareLink
            links={links}
            linkedIn={
              chip !== "valid"
                ? undefined
                : (certUrl) =>
                    linkedInUrl({
                      name,
                      organization: issuerName,
                      issuedAt: status.issuedAt,
                      expiresAt: status.expiresAt,
                      certUrl,
                      certId: uid,
                    })
            }
          />
          {/* OpenID4VCI: only a badge whose credential was published on chain, opened by the key on this device. */}
          {links.full && key && chip === "valid" && (
            <div className="stack wallet-offer-block">
              <p className="field-label">{t("walletOffer.title")}</p>
              <WalletOffer uid={uid} badgeKey={key} />
            </div>
          )}
          {/* Nothing on chain for the gateway to hand a wallet (even when a full link carries the badge): say so. */}
          {!hasPayload && chip === "valid" && (
            <div className="stack wallet-offer-block">
              <p className="field-label">{t("walletOffer.title")}</p>
              <p className="hint" data-testid="wallet-offer-not-published">
                {t("walletOfferMore.notPublishedHolder")}
              </p>
            </div>
          )}
        </Section>
        <Section title={t("badge.downloadsTitle")} id="badge-downloads">
          {credential ? (
            <Downloads
              credential={credential}
              imageUri={imageOf(content)}
              name={name}
              hostedUrl={hosted}
              claimFrom={{ gatewayUrl: config.gatewayUrl, chainId: config.chainId }}
            />
          ) : (
            <div className="stack">
              <p className="muted">{t("badge.downloadsNeedKey")}</p>
              <div className="hosted">
                <span className="field-label">{t("share.hosted")}</span>
                <p>
                  <code className="break">{hosted}</code>
                </p>
                <p className="hint">{t("share.hostedHint")}</p>
              </div>
            </div>
          )}
        </Section>
      </div>

      <Section title={t("badge.recordTitle")} id="badge-record">
        <dl className="facts-list">
          <div>
            <dt>{t("badge.uid")}</dt>
            <dd>
              <HexText value={uid} head={10} tail={8} copy />
            </dd>
          </div>
          <div>
            <dt>{t("credential.issuer")}</dt>
            <dd>
              {issuerName} · #{status.issuerId}
            </dd>
          </div>
          <div>
            <dt>{t("badge.class")}</dt>
            <dd>#{status.classId}</dd>
          </div>
          <div>
            <dt>{t("badge.block")}</dt>
            <dd>{String(status.issuedBlock)}</dd>
          </div>
          {verification.data?.record?.recipientWallet && (
            <div>
              <dt>{t("recordLink.wallet")}</dt>
              <dd>
                <HexText value={verification.data.record.recipientWallet} head={8} tail={6} copy />
              </dd>
            </div>
          )}
        </dl>
      </Section>

      {credential && verification.data?.anchor?.credentialHash && (isRecipient || !address) && (
        <EraseSection
          uid={uid}
          issuerId={status.issuerId}
          credentialHash={verification.data.anchor.credentialHash}
          batch={batchId && facts.data.proof ? { batchId, proof: facts.data.proof } : undefined}
          recipientWallet={recipientWallet}
        />
      )}
      <p>
        <Link to={address ? `/learner/${address}` : "/learner"}>← {t("badge.backToBadges")}</Link>
      </p>
    </div>
  );
}

function EraseSection({
  uid,
  issuerId,
  credentialHash,
  batch,
  recipientWallet,
}: {
  uid: Hex;
  issuerId: number;
  credentialHash: Hex;
  batch?: { batchId: Hex; proof: Hex[] };
  recipientWallet?: string;
}) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const [confirm, setConfirm] = useState(false);
  const [typed, setTyped] = useState("");
  const word = t("badge.eraseWord");
  const { state, run } = useAction({ invalidate: [["badge", config.chainId, uid]] });
  return (
    <Section title={t("badge.eraseTitle")} id="badge-erase">
      <div className="stack">
        <p>{t("badge.eraseExplain1")}</p>
        <ul className="plain-list bullets">
          <li>{t("badge.eraseExplain2")}</li>
          <li>{t("badge.eraseExplain3")}</li>
          <li>{t("badge.eraseExplain4")}</li>
        </ul>
        {!recipientWallet ? (
          <p className="muted">{t("badge.eraseNoWallet")}</p>
        ) : (
          <WalletGate purpose={t("badge.eraseConnect")}>
            {(wallet) =>
              !confirm ? (
                <div>
                  <button type="button" className="button button-danger-outline" onClick={() => setConfirm(true)}>
                    {t("badge.eraseStart")}
                  </button>
                </div>
              ) : (
                <form
                  className="stack"
                  onSubmit={async (e) => {
                    e.preventDefault();
                    if (typed.trim().toLowerCase() !== word.toLowerCase()) return;
                    const done = await run(() => eraseOwnBadge(wallet.write, { issuerId, credentialHash, batch }));
                    if (done) forgetBadge(config.chainId, config.registry ?? "", uid);
                  }}
                >
                  <div className="field">
                    <label htmlFor="erase-confirm">{t("badge.eraseType", { word })}</label>
                    <input id="erase-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
                  </div>
                  <ActionFooter
                    state={state}
                    submitLabel={t("badge.eraseSubmit")}
                    danger
                    disabled={typed.trim().toLowerCase() !== word.toLowerCase()}
                    onCancel={() => setConfirm(false)}
                  />
                </form>
              )
            }
          </WalletGate>
        )}
      </div>
    </Section>
  );
}
