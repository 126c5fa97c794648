import type { TFunction } from "i18next";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { FileDrop } from "../components/FileDrop.tsx";
import { type TrustDraft, TrustedRegistriesPanel } from "../components/TrustedRegistries.tsx";
import { ErrorNotice, Section } from "../components/ui.tsx";
import { AskedPanel, CredentialSummary, decisiveMessage, StepList, StepsPending, VerdictBanner } from "../components/verification.tsx";
import { WalletOffer } from "../components/WalletOffer.tsx";
import { useStepText } from "../i18n/steps/render.ts";
import { useChainEnv } from "../lib/chainEnv.tsx";
import { type Explained, explain, UiError } from "../lib/errors.ts";
import { formatBytes } from "../lib/format.ts";
import { trustOptions } from "../lib/trustedRegistries.ts";
import { detectBadgeFile, LinkError, parseShareLink } from "../sdk/light.ts";
import { HolderProof, recipientWalletOf } from "../verify/HolderProof.tsx";
import { RecipientAnswerNote, RecipientField } from "../verify/RecipientCheck.tsx";
import { RecordCard } from "../verify/RecordCard.tsx";
import { contentUnverified, type ExpectedRecipient, recipientAnswer } from "../verify/recipient.ts";
import { runVerification } from "../verify/run.ts";
import type { VerificationReport, VerifyInput } from "../verify/types.ts";

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

type State =
  | { status: "idle" }
  | { status: "checking"; source: string }
  | { status: "done"; source: string; report: VerificationReport; elapsedMs: number; expected?: ExpectedRecipient }
  | { status: "rejected"; error: Explained };

/** Reads a dropped file into what the verifier takes, refusing what cannot be a badge. */
export async function readBadgeFile(file: File, t: TFunction): Promise<VerifyInput> {
  if (file.size > MAX_FILE_BYTES)
    throw new UiError("too-large", t("verify.tooLarge", { size: formatBytes(file.size), max: formatBytes(MAX_FILE_BYTES) }));
  if (file.size === 0) throw new UiError("not-a-badge", t("verify.emptyFile"));
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectBadgeFile(bytes);
  if (type === "unknown") throw new UiError("not-a-badge", t("verify.notABadge", { name: file.name }));
  if (type === "json" || type === "jws") return new TextDecoder().decode(bytes).trim();
  return bytes;
}

/** What the verifier itself explains about a full link's carried badge (a step code each), rather than this page's "bad link". */
const CARRIED_BADGE_PROBLEMS = new Set<string>(["link-bad-credential", "link-credential-too-large", "link-too-long"]);

/** The badge key of a full share link (`#k=…`), if the page was opened with one. */
const keyInHash = (hash: string) => /(?:^#|&)k=([A-Za-z0-9_-]{43})(?:&|$)/.exec(hash)?.[1];

export default function VerifyPage() {
  const { t } = useTranslation();
  const say = useStepText();
  // Where the badge came from: a catalog key ("verify.sourceLink") worded in the current language, or a file's name.
  const sourceText = (source: string) => (source.startsWith("verify.source") ? t(source) : source);
  const env = useChainEnv();
  const params = useParams();
  const location = useLocation();
  const [state, setState] = useState<State>({ status: "idle" });
  const [text, setText] = useState("");
  const [mode, setMode] = useState<"file" | "paste">("file");
  const resultRef = useRef<HTMLDivElement>(null);
  const trustRef = useRef<HTMLDivElement>(null);
  const run = useRef(0);
  const last = useRef<{ input: VerifyInput; source: string }>(undefined);
  const [trustDraft, setTrustDraft] = useState<TrustDraft>();
  // The employer's "is it this person's badge?": kept across badges, and a change checks the badge on screen again.
  const [expected, setExpected] = useState<ExpectedRecipient>();
  const expectedRef = useRef<ExpectedRecipient>(undefined);

  const verify = useCallback(
    async (input: VerifyInput, source: string) => {
      const id = ++run.current;
      last.current = { input, source };
      setState({ status: "checking", source });
      const started = performance.now();
      const expectedRecipient = expectedRef.current;
      const report = await runVerification(input, {
        publicClient: env.client,
        rpcUrl: env.config.rpcUrl,
        expectedRecipient,
        ...trustOptions(env),
      });
      if (id !== run.current) return;
      setState({ status: "done", source, report, elapsedMs: performance.now() - started, expected: expectedRecipient });
      requestAnimationFrame(() => resultRef.current?.focus());
    },
    [env],
  );

  // A share link opened directly: /verify/:chainId/:registry/:uid[?batch=…][#k=…]
  const linked = params.chainId && params.registry && params.uid;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a link is checked once when it changes, not again on a language switch
  useEffect(() => {
    if (!linked) return;
    const href = `${window.location.origin}${location.pathname}${location.search}${location.hash}`;
    try {
      parseShareLink(href);
    } catch (error) {
      // A full-badge link whose badge is cut, altered or oversized: the verifier says which, in the reader's language.
      if (error instanceof LinkError && CARRIED_BADGE_PROBLEMS.has(error.code)) {
        void verify(href, "verify.sourceLink");
        return;
      }
      setState({ status: "rejected", error: { kind: "not-a-badge", title: t("verify.badLinkTitle"), detail: (error as Error).message } });
      return;
    }
    void verify(href, "verify.sourceLink");
  }, [linked, location.pathname, location.search, location.hash]);

  async function onFile(file: File) {
    try {
      const input = await readBadgeFile(file, t);
      await verify(input, file.name);
    } catch (error) {
      setState({ status: "rejected", error: explain(error, t) });
    }
  }

  function onPaste(e: React.FormEvent) {
    e.preventDefault();
    const value = text.trim();
    if (!value) {
      setState({ status: "rejected", error: { kind: "not-a-badge", title: t("errors.not-a-badge"), detail: t("verify.pasteEmpty") } });
      return;
    }
    if (value.length > MAX_FILE_BYTES) {
      setState({
        status: "rejected",
        error: {
          kind: "too-large",
          title: t("errors.too-large"),
          detail: t("verify.tooLarge", { size: formatBytes(value.length), max: formatBytes(MAX_FILE_BYTES) }),
        },
      });
      return;
    }
    void verify(value, value.startsWith("http") ? "verify.sourceLink" : "verify.sourcePasted");
  }

  const reset = () => {
    run.current++;
    setState({ status: "idle" });
  };

  const onRecipient = (next: ExpectedRecipient | undefined) => {
    expectedRef.current = next;
    setExpected(next);
    // Simple and correct: the whole verification runs again with the new recipient (about 0.2 s).
    if ((state.status === "done" || state.status === "checking") && last.current) void verify(last.current.input, last.current.source);
  };

  const offerTrust = (at: { chainId: number; registry: string }) => {
    setTrustDraft({ chainId: String(at.chainId), registry: at.registry });
    requestAnimationFrame(() => trustRef.current?.scrollIntoView({ block: "nearest" }));
  };
  // A registry just trusted answers for the badge on screen: check it again, now with that trust.
  const onTrusted = () => {
    setTrustDraft(undefined);
    if (state.status === "done" && state.report.verdict === "untrusted-registry" && last.current)
      void verify(last.current.input, last.current.source);
  };

  return (
    <div className="container page verify-page">
      <header className="page-header">
        <h1>{t("verify.title")}</h1>
        <p className="lead">{t("verify.lead")}</p>
      </header>

      <Section title={t("verify.recipient.title")} id="verify-recipient">
        <RecipientField applied={expected} onApply={onRecipient} />
      </Section>

      {(state.status === "idle" || state.status === "rejected") && !linked && (
        <Section title={t("verify.inputTitle")} id="verify-input">
          <div className="segmented" role="tablist" aria-label={t("verify.inputTitle")}>
            <button
              type="button"
              role="tab"
              aria-selected={mode === "file"}
              className={mode === "file" ? "active" : ""}
              onClick={() => setMode("file")}
            >
              {t("verify.tabFile")}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={mode === "paste"}
              className={mode === "paste" ? "active" : ""}
              onClick={() => setMode("paste")}
            >
              {t("verify.tabPaste")}
            </button>
          </div>
          {mode === "file" ? (
            <FileDrop
              accept=".png,.svg,.json,.jws,image/png,image/svg+xml,application/json,application/ld+json"
              onFile={(f) => void onFile(f)}
              title={t("verify.dropTitle")}
              hint={t("verify.dropHint")}
            />
          ) : (
            <form className="stack" onSubmit={onPaste}>
              <div className="field">
                <label htmlFor="verify-paste">{t("verify.pasteLabel")}</label>
                <textarea
                  id="verify-paste"
                  rows={6}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  placeholder={t("verify.pastePlaceholder")}
                  spellCheck={false}
                />
              </div>
              <div>
                <button type="submit" className="button">
                  {t("verify.check")}
                </button>
              </div>
            </form>
          )}
          <p className="hint privacy-note">{t("verify.privacy")}</p>
        </Section>
      )}

      {state.status === "rejected" && (
        <div className="stack">
          <ErrorNotice error={state.error} />
          {linked && (
            <Link to="/verify" className="button button-secondary">
              {t("verify.another")}
            </Link>
          )}
        </div>
      )}

      {state.status === "checking" && (
        <Section title={t("verify.checking")} description={sourceText(state.source)} id="verify-pending">
          <StepsPending />
        </Section>
      )}

      {state.status === "done" && (
        <div className="verify-result stack" ref={resultRef} tabIndex={-1}>
          <VerdictBanner report={state.report} elapsedMs={state.elapsedMs} onTrust={offerTrust} />
          {(() => {
            const answer = recipientAnswer(state.report, state.expected);
            return answer && <RecipientAnswerNote answer={answer} />;
          })()}
          <div className="result-grid">
            <Section title={t("verify.stepsTitle")} description={sourceText(state.source)} id="verify-steps">
              <StepList report={state.report} />
            </Section>
            <div className="stack">
              {state.report.record && (
                <Section title={t("recordLink.cardTitle")} id="verify-record">
                  <RecordCard report={state.report} />
                </Section>
              )}
              {state.report.credential && state.report.verdict !== "erased" && (
                <Section title={t("verify.credentialTitle")} id="verify-credential">
                  <CredentialSummary
                    credential={state.report.credential}
                    untrusted={
                      state.report.verdict === "valid"
                        ? undefined
                        : { reason: decisiveMessage(state.report, say), unverified: contentUnverified(state.report) }
                    }
                  />
                </Section>
              )}
              {/* A valid badge opened by its key (the full link): offer it to the holder's credential wallet. */}
              {state.report.verdict === "valid" && state.report.anchor?.uid && keyInHash(location.hash) && (
                <Section title={t("walletOffer.title")} id="verify-wallet-offer">
                  <WalletOffer uid={state.report.anchor.uid} badgeKey={keyInHash(location.hash) ?? ""} />
                </Section>
              )}
              {state.report.anchor?.uid && recipientWalletOf(state.report) && (
                <Section title={t("holderProof.title")} id="verify-holder">
                  <HolderProof report={state.report} uid={state.report.anchor.uid} />
                </Section>
              )}
              <Section title={t("verify.askedTitle")} id="verify-asked">
                <AskedPanel report={state.report} />
              </Section>
            </div>
          </div>
          <div>
            {linked ? (
              <div className="button-row">
                {state.report.verdict !== "erased" && Number(params.chainId) === env.config.chainId && (
                  <Link to={`/badge/${params.chainId}/${params.uid}${location.search}${location.hash}`} className="button">
                    {t("verify.openBadgePage")}
                  </Link>
                )}
                <Link to="/verify" className="button button-secondary">
                  {t("verify.another")}
                </Link>
              </div>
            ) : (
              <button type="button" className="button button-secondary" onClick={reset}>
                {t("verify.another")}
              </button>
            )}
          </div>
        </div>
      )}

      <div className="trusted-registries-slot" ref={trustRef}>
        <TrustedRegistriesPanel draft={trustDraft} onAdded={onTrusted} />
      </div>
    </div>
  );
}
