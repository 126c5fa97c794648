import { useTranslation } from "react-i18next";
import { ActionFooter, Notice, Section } from "../../components/ui.tsx";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { useAction } from "../../lib/hooks.ts";
import { badgeRegistryAbi, registerIssuer, type WriteContext } from "../../sdk/light.ts";
import { ProfileFields, useProfileFields } from "./ProfileFields.tsx";

export function RegisterForm({ write, address, onRegistered }: { write: WriteContext; address: string; onRegistered: () => void }) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const form = useProfileFields();
  const { state, run } = useAction<number>();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    form.setTouched(true);
    if (!form.valid) return;
    const issuerId = await run(async (step) => {
      step(t("register.stepPreparing"));
      const { buildRegisteredIssuerProfile } = await import("../../sdk/heavy.ts");
      // The profile names its own issuer id; registration takes the next one.
      const count = await write.client.readContract({ address: write.registry, abi: badgeRegistryAbi, functionName: "issuerCount" });
      const profile = await form.profile((input) =>
        buildRegisteredIssuerProfile({ issuerId: Number(count) + 1, ...input }, config.gatewayUrl, {
          chainId: config.chainId,
          registry: write.registry,
        }),
      );
      step(t("common.confirmInWallet"));
      const result = await registerIssuer(write, profile);
      return result.issuerId;
    });
    if (issuerId) onRegistered();
  }

  return (
    <div className="register">
      <header className="page-header">
        <p className="eyebrow">{t("issue.console")}</p>
        <h1>{t("register.title")}</h1>
        <p className="lead">{t("register.lead")}</p>
      </header>
      <div className="two-col">
        <Section title={t("register.formTitle")} id="register-form">
          <form className="stack" onSubmit={submit} noValidate>
            <ProfileFields form={form} />
            <ActionFooter state={state} submitLabel={t("register.submit")} />
          </form>
        </Section>
        <aside className="stack">
          <Notice tone="info" title={t("register.whatHappensTitle")}>
            <ul className="plain-list">
              <li>{t("register.whatHappens1", { address })}</li>
              <li>{t("register.whatHappens2")}</li>
              <li>{t("register.whatHappens3")}</li>
            </ul>
          </Notice>
        </aside>
      </div>
    </div>
  );
}
