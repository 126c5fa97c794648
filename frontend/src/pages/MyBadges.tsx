import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router";
import { isAddress } from "viem";
import { useAccount } from "wagmi";
import { Field, Section } from "../components/ui.tsx";
import { ConnectButton } from "../wallet/connect.tsx";

/** "My badges": the connected wallet's page, or a way to connect or look an address up. */
export default function MyBadges() {
  const { t } = useTranslation();
  const { address } = useAccount();
  const navigate = useNavigate();
  const [value, setValue] = useState("");
  const [touched, setTouched] = useState(false);
  if (address) return <Navigate to={`/learner/${address}`} replace />;
  const error = touched && !isAddress(value.trim()) ? t("team.addressInvalid") : undefined;
  return (
    <div className="container page narrow">
      <header className="page-header">
        <h1>{t("learner.myTitle")}</h1>
        <p className="lead">{t("learner.connectLead")}</p>
      </header>
      <div className="stack">
        <Section title={t("learner.connectTitle")} id="connect">
          <ConnectButton />
        </Section>
        <Section title={t("learner.lookupTitle")} description={t("learner.lookupBody")} id="lookup">
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              setTouched(true);
              if (isAddress(value.trim())) navigate(`/learner/${value.trim()}`);
            }}
          >
            <Field label={t("learner.address")} error={error}>
              {(p) => <input {...p} value={value} onChange={(e) => setValue(e.target.value)} placeholder="0x…" spellCheck={false} />}
            </Field>
            <button type="submit" className="button">
              {t("learner.show")}
            </button>
          </form>
        </Section>
      </div>
    </div>
  );
}
