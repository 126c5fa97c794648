// Showing a verification report: the verdict banner, each step, and what the credential says.
import { useTranslation } from "react-i18next";
import { useStepText } from "../i18n/steps/render.ts";
import { useChainEnv } from "../lib/chainEnv.tsx";
import { displayImage } from "../lib/displayImage.ts";
import { formatDuration } from "../lib/format.ts";
import { sameRegistry, type TrustedRegistry, useTrustedRegistries } from "../lib/trustedRegistries.ts";
import { onlyRecipientFailed } from "../verify/recipient.ts";
import type { IssuerStanding, StepStatus, Verdict, VerificationReport } from "../verify/types.ts";
import { Hex } from "./ui.tsx";

type Tone = "good" | "bad" | "warn" | "neutral" | "untrusted";

const VERDICT_TONE: Record<Verdict, Tone> = {
  valid: "good",
  invalid: "bad",
  revoked: "bad",
  suspended: "bad",
  expired: "warn",
  "not-yet-valid": "warn",
  "suspended-issuer": "bad",
  erased: "neutral",
  unanchored: "warn",
  "untrusted-registry": "untrusted",
  // The record stands but the content was withheld: good news, said apart from "valid" (see Verify.tsx).
  "record-valid": "good",
  error: "neutral",
};

/** Why the registry that answered is trusted: a Chancery deployment, this app's configuration, the user — or not at all. */
export type AnsweredBy = {
  chainId: number;
  registry: string;
  source: "deployment" | "app" | "user" | "untrusted" | "unstated";
  label?: string;
};

/** Which registry and chain answered the verification, and on whose authority (undefined: none was asked). */
export function answeredBy(
  report: VerificationReport,
  context: { app?: { chainId: number; registry: string }; userTrusted: TrustedRegistry[] },
): AnsweredBy | undefined {
  const where = report.trust ?? report.anchor ?? (report.verdict === "untrusted-registry" ? report.named : undefined);
  if (typeof where?.chainId !== "number" || typeof where?.registry !== "string") return undefined;
  const at = { chainId: where.chainId, registry: where.registry };
  if (report.verdict === "untrusted-registry") return { ...at, source: "untrusted" };
  const mine = context.userTrusted.find((e) => sameRegistry(e, at));
  if (mine) return { ...at, source: "user", label: mine.label };
  if (context.app && sameRegistry(context.app, at)) return { ...at, source: report.trust?.source === "deployment" ? "deployment" : "app" };
  if (report.trust) return { ...at, source: report.trust.source, label: report.trust.label };
  return { ...at, source: "unstated" };
}

function useAnsweredBy(report: VerificationReport): AnsweredBy | undefined {
  const { config } = useChainEnv();
  const { list } = useTrustedRegistries();
  return answeredBy(report, {
    app: config.registry ? { chainId: config.chainId, registry: config.registry } : undefined,
    userTrusted: list,
  });
}

function useChainLabel() {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  return (chainId: number) => (chainId === config.chainId ? `${config.chain.name} · ${chainId}` : t("trust.chain", { chainId }));
}

/** The tone of the banner: a valid badge whose issuer's name an accredited issuer already uses is a warning, not a plain green. */
function bannerTone(report: VerificationReport): Tone {
  const tone = VERDICT_TONE[report.verdict] ?? "neutral";
  return tone === "good" && report.issuer?.sameNameAs ? "warn" : tone;
}

function VerdictIcon({ tone }: { tone: string }) {
  const path = tone === "good" ? "M14 24.5l6.5 6.5L34 17.5" : tone === "bad" ? "M17 17l14 14M31 17L17 31" : "M24 14v12M24 32v1";
  return (
    <svg className="verdict-icon" viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="22" fill="currentColor" opacity="0.14" />
      <circle cx="24" cy="24" r="17" fill="currentColor" />
      <path d={path} stroke="#fff" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" fill="none" />
    </svg>
  );
}

type StepOf = VerificationReport["steps"][number];

/**
 * The sentence that explains the verdict best: the first failed step, else the first warning.
 * `say`: how a step is worded (useStepText() for the reader's language; the sdk's English by default).
 */
export function decisiveMessage(report: VerificationReport, say: (step: StepOf) => string = (step) => step.message): string | undefined {
  const failed = report.steps.find((s) => s.status === "failed");
  if (failed) return say(failed);
  // A record that stands has no single decisive sentence: the record card says what was withheld.
  if (report.verdict !== "valid" && report.verdict !== "record-valid") {
    const warning = report.steps.find((s) => s.status === "warning");
    return warning && say(warning);
  }
  return undefined;
}

export function VerdictBanner({
  report,
  elapsedMs,
  onTrust,
}: {
  report: VerificationReport;
  elapsedMs?: number;
  /** Offered on an "untrusted-registry" verdict: open the trusted-registries setting with this registry filled in. */
  onTrust?: (registry: { chainId: number; registry: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const tone = bannerTone(report);
  // "Issued by the issuer it names" would be untrue of a namesake: it gets words of its own.
  // A genuine badge of someone else is not "altered or malformed": it gets words of its own too.
  const words =
    report.verdict === "valid" && report.issuer?.sameNameAs
      ? "verdictNamesake"
      : onlyRecipientFailed(report)
        ? "verdictNotRecipient"
        : `verdict.${report.verdict}`;
  const say = useStepText();
  const detail = decisiveMessage(report, say);
  const answered = useAnsweredBy(report);
  const chainLabel = useChainLabel();
  return (
    <div className={`verdict verdict-${tone}`} role="status" aria-live="polite" data-verdict={report.verdict}>
      <VerdictIcon tone={tone} />
      <div className="verdict-text">
        <p className="verdict-label">{t("verify.verdictLabel")}</p>
        <h2 className="verdict-title">{t(`${words}.title`)}</h2>
        <p>{t(`${words}.body`)}</p>
        {detail && <p className="verdict-detail">{detail}</p>}
        <p className="verdict-answered" data-trust-source={answered?.source ?? "none"}>
          {answered
            ? t(`answered.${answered.source}`, {
                registry: answered.registry,
                chain: chainLabel(answered.chainId),
                label: answered.label ? `“${answered.label}” ` : "",
              })
            : t("answered.none")}
        </p>
        {report.verdict === "untrusted-registry" && answered && (
          <div className="verdict-trust-how">
            <p>{t("answered.howToTrust")}</p>
            {onTrust && (
              <button type="button" className="button button-secondary button-small" onClick={() => onTrust(answered)}>
                {t("answered.trustThis")}
              </button>
            )}
          </div>
        )}
        {report.issuer && report.verdict !== "untrusted-registry" && <IssuerStandingNote issuer={report.issuer} />}
        {elapsedMs !== undefined && (
          <p className="verdict-time">{t("verify.elapsed", { duration: formatDuration(elapsedMs, i18n.language) })}</p>
        )}
      </div>
    </div>
  );
}

/** The issuer's standing in words and colour: a self-declared issuer never looks like an accredited one. */
export function IssuerStandingNote({ issuer }: { issuer: IssuerStanding }) {
  const { t } = useTranslation();
  const name = issuer.name ? `“${issuer.name}” ` : "";
  return (
    <div className="issuer-standing">
      <p className={`standing standing-${issuer.standing}`} data-standing={issuer.standing}>
        <span className="standing-label">{t(`standing.${issuer.standing}.label`)}</span>{" "}
        <span>{t(`standing.${issuer.standing}.body`, { name, id: issuer.id })}</span>
      </p>
      {issuer.sameNameAs && (
        <p className="standing standing-same-name" role="alert" data-same-name-as={issuer.sameNameAs.id}>
          <span className="standing-label">{t("standing.sameName.label")}</span>{" "}
          <span>{t("standing.sameName.body", { name: issuer.sameNameAs.name, other: issuer.sameNameAs.id, id: issuer.id })}</span>
        </p>
      )}
    </div>
  );
}

function StepIcon({ status }: { status: StepStatus }) {
  const paths: Record<StepStatus, string> = {
    passed: "M7 12.5l3.2 3.2L17 9",
    failed: "M8 8l8 8M16 8l-8 8",
    warning: "M12 7v6M12 16.5v.3",
    skipped: "M8 12h8",
  };
  return (
    <svg className={`step-icon step-icon-${status}`} viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="11" fill="currentColor" />
      <path d={paths[status]} stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" fill="none" />
    </svg>
  );
}

export function StepList({ report }: { report: VerificationReport }) {
  const { t } = useTranslation();
  const say = useStepText();
  return (
    <ol className="steps" aria-label={t("verify.stepsLabel")}>
      {report.steps.map((step, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a report's steps are a fixed list, never reordered; an id may repeat
        <li key={`${step.id}-${i}`} className={`step step-${step.status}`} data-step={step.id}>
          <StepIcon status={step.status} />
          <div>
            <p className="step-title">
              {t(`steps.${step.id}`, { defaultValue: step.id })}
              <span className="visually-hidden">: {t(`stepStatus.${step.status}`)}</span>
              <span className={`step-status step-status-${step.status}`} aria-hidden="true">
                {t(`stepStatus.${step.status}`)}
              </span>
            </p>
            <p className="step-message">{say(step)}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}

export function StepsPending() {
  const { t } = useTranslation();
  const ids = ["parse", "format", "proof", "anchor", "issuer", "status", "validity"];
  return (
    <ol className="steps steps-pending" aria-busy="true" aria-label={t("verify.checking")}>
      {ids.map((id) => (
        <li key={id} className="step">
          <span className="step-icon step-icon-pending" aria-hidden="true" />
          <div>
            <p className="step-title">{t(`steps.${id}`)}</p>
            <p className="step-message skeleton-line" />
          </div>
        </li>
      ))}
    </ol>
  );
}

type Summary = {
  name?: string;
  description?: string;
  issuer?: string;
  image?: string;
  validFrom?: string;
  validUntil?: string;
  recipientName?: string;
  evidence?: { name?: string; narrative?: string; url?: string }[];
};

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const obj = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, unknown>) : undefined);
const img = (v: unknown) => str(v) ?? str(obj(v)?.id);

/** What a credential (OB 3.0 or 2.0) says, for display only. */
export function summarize(credential: Record<string, unknown> | undefined): Summary {
  if (!credential) return {};
  const subject = obj(Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject);
  const achievement = obj(subject?.achievement);
  const badge = obj(credential.badge);
  const issuer = obj(credential.issuer) ?? obj(badge?.issuer);
  const identifierList = subject?.identifier;
  const identifiers = Array.isArray(identifierList) ? (identifierList as unknown[]) : [];
  const name = identifiers.map(obj).find((i) => i?.identityType === "name" && i?.hashed === false);
  return {
    name: str(achievement?.name) ?? str(credential.name) ?? str(badge?.name),
    description: str(achievement?.description) ?? str(credential.description) ?? str(badge?.description),
    issuer: str(issuer?.name) ?? str(credential.issuer),
    image: img(achievement?.image) ?? img(credential.image) ?? img(badge?.image),
    validFrom: str(credential.validFrom) ?? str(credential.issuanceDate) ?? str(credential.issuedOn),
    validUntil: str(credential.validUntil) ?? str(credential.expirationDate) ?? str(credential.expires),
    recipientName: str(name?.identityHash),
    evidence: (Array.isArray(credential.evidence) ? credential.evidence : credential.evidence ? [credential.evidence] : [])
      .map((e) =>
        typeof e === "string" ? { url: e } : { name: str(obj(e)?.name), narrative: str(obj(e)?.narrative), url: str(obj(e)?.id) },
      )
      .filter((e) => e.name || e.narrative || e.url),
  };
}

/** A non-valid badge's content, shown as not to be relied on: the reason, and (unproven document) each field marked unverified. */
export type Untrusted = { reason?: string; unverified: boolean };

export function CredentialSummary({ credential, untrusted }: { credential: Record<string, unknown>; untrusted?: Untrusted }) {
  const { t, i18n } = useTranslation();
  const s = summarize(credential);
  const date = (iso?: string) =>
    iso && !Number.isNaN(Date.parse(iso)) ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(iso)) : undefined;
  const image = displayImage(s.image);
  const unverified = untrusted?.unverified ? (
    <span className="unverified-tag" data-unverified>
      {t("untrusted.unverified")}
    </span>
  ) : null;
  const fact = (label: string, value: string | undefined, className?: { row?: string; value?: string }) =>
    value ? (
      <div className={className?.row}>
        <dt>
          {label}
          {unverified}
        </dt>
        <dd className={className?.value}>{value}</dd>
      </div>
    ) : null;
  const summary = (
    <div className={`credential-summary${untrusted ? " credential-untrusted" : ""}`}>
      <div className="credential-image">
        {image.src ? <img src={image.src} alt="" /> : <div className="image-placeholder" aria-hidden="true" />}
        {image.blocked === "remote" && <p className="hint small">{t("images.notLoaded")}</p>}
      </div>
      <dl className="facts-list">
        {fact(t("credential.achievement"), s.name, { value: "credential-name" })}
        {fact(t("credential.issuer"), s.issuer)}
        {fact(t("credential.recipient"), s.recipientName)}
        {fact(t("credential.issued"), date(s.validFrom))}
        {fact(t("credential.expires"), date(s.validUntil))}
        {fact(t("credential.description"), s.description, { row: "wide" })}
        {s.evidence && s.evidence.length > 0 && (
          <div className="wide">
            <dt>
              {t("credential.evidence")}
              {unverified}
            </dt>
            <dd>
              <ul className="evidence-list">
                {s.evidence.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a credential's evidence is a fixed list
                  <li key={i}>
                    {e.name && <strong>{e.name}</strong>} {e.narrative && <span>{e.narrative}</span>}{" "}
                    {/* An unverified badge's links are shown, never followed with one click. */}
                    {e.url &&
                      (untrusted ? (
                        <code>{e.url}</code>
                      ) : /^https:\/\//i.test(e.url) ? (
                        <a href={e.url} rel="noopener noreferrer nofollow" target="_blank">
                          {e.url}
                        </a>
                      ) : (
                        <code>{e.url}</code>
                      ))}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
  if (!untrusted) return summary;
  return (
    <div className="untrusted-card" data-untrusted={untrusted.unverified ? "unverified" : "not-in-force"}>
      <div className="untrusted-banner" role="note">
        <p className="untrusted-title">{t("untrusted.title")}</p>
        <p>{untrusted.reason ?? t("untrusted.body")}</p>
        {untrusted.unverified && <p className="small">{t("untrusted.unverifiedBody")}</p>}
      </div>
      {summary}
    </div>
  );
}

/** Which chain, contract and RPC the verifier asked. */
export function AskedPanel({ report }: { report: VerificationReport }) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const answered = useAnsweredBy(report);
  const chainId = answered?.chainId ?? config.chainId;
  // An unknown registry is never replaced by the app's own in "where we checked".
  const registry = answered?.registry ?? (report.verdict === "untrusted-registry" ? undefined : config.registry);
  const uid = typeof report.anchor?.uid === "string" ? report.anchor.uid : undefined;
  return (
    <dl className="asked">
      <div>
        <dt>{t("verify.askedTrust")}</dt>
        <dd data-trust-source={answered?.source ?? "none"}>
          {t(`answered.short.${answered?.source ?? "none"}`, { label: answered?.label ? `“${answered.label}”` : "" })}
        </dd>
      </div>
      <div>
        <dt>{t("verify.askedChain")}</dt>
        <dd>{chainId === config.chainId ? `${config.chain.name} · ${chainId}` : String(chainId)}</dd>
      </div>
      <div>
        <dt>{t("verify.askedContract")}</dt>
        <dd>{registry ? <Hex value={registry} head={8} tail={6} copy /> : "—"}</dd>
      </div>
      {uid && (
        <div>
          <dt>{t("verify.askedBadge")}</dt>
          <dd>
            <Hex value={uid} head={10} tail={6} copy />
          </dd>
        </div>
      )}
      <div>
        <dt>{t("verify.askedRpc")}</dt>
        <dd>
          <code>{config.rpcUrl}</code>
        </dd>
      </div>
    </dl>
  );
}
