import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionButton, ActionFooter, Chip, EmptyState, ErrorNotice, Field, Notice, Section, SkeletonGrid } from "../../components/ui.tsx";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { explain, UiError } from "../../lib/errors.ts";
import { imageOf, safeImageSrc, textOf } from "../../lib/format.ts";
import { useAction } from "../../lib/hooks.ts";
import type { PreparedImage } from "../../lib/images.ts";
import type { IssuerClass } from "../../lib/registryQueries.ts";
import { badgeRegistryAbi, createBadgeClass, ob2BadgeClassUrl, writeRegistry } from "../../sdk/light.ts";
import { issuerKeys, useIssuer } from "./context.tsx";
import { byteLength, ImagePicker, isHttpUrl, MAX_DOCUMENT_BYTES } from "./forms.tsx";
import { useClasses } from "./queries.ts";

const IMAGE_BUDGET = 12_000;
const TYPES = ["Badge", "Certificate", "Course", "Competency", "Certification", "Award", "MicroCredential"];

export function Classes() {
  const { t } = useTranslation();
  const classes = useClasses();
  const [creating, setCreating] = useState(false);
  return (
    <div className="stack">
      {creating ? (
        <CreateClass onDone={() => setCreating(false)} />
      ) : (
        <Section
          title={t("classes.title")}
          description={t("classes.description")}
          id="classes"
          actions={
            <button type="button" className="button" onClick={() => setCreating(true)}>
              {t("classes.create")}
            </button>
          }
        >
          {classes.isPending && <SkeletonGrid count={3} />}
          {classes.isError && <ErrorNotice error={explain(classes.error, t)} onRetry={() => void classes.refetch()} />}
          {classes.data && classes.data.length === 0 && (
            <EmptyState title={t("classes.emptyTitle")} icon="badge">
              <p>{t("classes.emptyBody")}</p>
              <button type="button" className="button" onClick={() => setCreating(true)}>
                {t("classes.create")}
              </button>
            </EmptyState>
          )}
          {classes.data && classes.data.length > 0 && (
            <ul className="card-grid">
              {classes.data.map((c) => (
                <ClassCard key={c.classId} item={c} />
              ))}
            </ul>
          )}
        </Section>
      )}
    </div>
  );
}

function ClassCard({ item }: { item: IssuerClass }) {
  const { t } = useTranslation();
  const { write, issuer } = useIssuer();
  const [confirming, setConfirming] = useState(false);
  const { state, run } = useAction({ invalidate: [issuerKeys.classes(issuer.issuerId)] });
  const image = safeImageSrc(imageOf(item.content));
  const tags = ((item.content?.tag ?? item.content?.tags) as string[] | undefined) ?? [];
  return (
    <li className={`badge-card${item.retired ? " retired" : ""}`}>
      <div className="badge-card-image">
        {image ? <img src={image} alt="" /> : <div className="image-placeholder" aria-hidden="true" />}
      </div>
      <div className="badge-card-body">
        <h3>{textOf(item.content, "name") ?? t("classes.untitled")}</h3>
        <p className="muted small">
          {t("classes.classNumber", { id: item.classId })} {item.retired && <Chip tone="erased">{t("classes.retired")}</Chip>}
        </p>
        {textOf(item.content, "description") && <p className="clamp">{textOf(item.content, "description")}</p>}
        {tags.length > 0 && (
          <ul className="tags" aria-label={t("classes.tags")}>
            {tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        )}
        {!item.retired && (
          <div className="card-actions">
            {confirming ? (
              <>
                <p className="small">{t("classes.retireConfirm")}</p>
                <div className="button-row">
                  <ActionButton
                    className="button button-danger button-small"
                    pending={state.status === "pending"}
                    onClick={() => void run(() => writeRegistry(write, "retireBadgeClass", [item.classId]))}
                  >
                    {t("classes.retireYes")}
                  </ActionButton>
                  <button type="button" className="button button-secondary button-small" onClick={() => setConfirming(false)}>
                    {t("common.cancel")}
                  </button>
                </div>
              </>
            ) : (
              <button type="button" className="link-button" onClick={() => setConfirming(true)}>
                {t("classes.retire")}
              </button>
            )}
          </div>
        )}
        {state.status === "error" && <ErrorNotice error={state.error} />}
      </div>
    </li>
  );
}

function CreateClass({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const { write, issuer } = useIssuer();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [narrative, setNarrative] = useState("");
  const [criteriaUrl, setCriteriaUrl] = useState("");
  const [tags, setTags] = useState("");
  const [type, setType] = useState("Badge");
  const [image, setImage] = useState<PreparedImage>();
  const [touched, setTouched] = useState(false);
  const { state, run } = useAction<number>({ invalidate: [issuerKeys.classes(issuer.issuerId)] });
  const tagList = tags
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const errors = {
    name: name.trim() ? undefined : t("classes.nameRequired"),
    description: description.trim() ? undefined : t("classes.descriptionRequired"),
    narrative: narrative.trim() || criteriaUrl.trim() ? undefined : t("classes.criteriaRequired"),
    criteriaUrl: criteriaUrl.trim() && !isHttpUrl(criteriaUrl.trim()) ? t("register.urlInvalid") : undefined,
    image: image ? undefined : t("classes.imageRequired"),
  };
  const valid = Object.values(errors).every((e) => !e);
  const show = (key: keyof typeof errors) => (touched ? errors[key] : undefined);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!valid || !image) return;
    const classId = await run(async (step) => {
      step(t("classes.stepPreparing"));
      const { buildOb3Achievement } = await import("../../sdk/heavy.ts");
      // The Achievement names its own class URL; creation takes the next class id.
      const count = await write.client.readContract({ address: write.registry, abi: badgeRegistryAbi, functionName: "badgeClassCount" });
      const achievement = buildOb3Achievement(
        {
          name: name.trim(),
          description: description.trim(),
          criteria: {
            ...(narrative.trim() ? { narrative: narrative.trim() } : {}),
            ...(criteriaUrl.trim() ? { id: criteriaUrl.trim() } : {}),
          },
          image: image.dataUri,
          ...(tagList.length ? { tags: tagList } : {}),
          achievementType: type,
        },
        ob2BadgeClassUrl(config.gatewayUrl, config.chainId, Number(count) + 1),
      );
      const size = byteLength(achievement);
      if (size > MAX_DOCUMENT_BYTES) throw new UiError("too-large", t("classes.tooLarge", { size, max: MAX_DOCUMENT_BYTES }));
      step(t("common.confirmInWallet"));
      return (await createBadgeClass(write, issuer.issuerId, achievement)).classId;
    });
    if (classId) onDone();
  }

  return (
    <Section title={t("classes.createTitle")} description={t("classes.createDescription")} id="create-class">
      <div className="form-with-preview">
        <form className="stack" onSubmit={submit} noValidate>
          <Field label={t("classes.name")} error={show("name")}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />}
          </Field>
          <Field label={t("classes.descriptionLabel")} error={show("description")}>
            {(p) => <textarea {...p} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} />}
          </Field>
          <Field label={t("classes.narrative")} hint={t("classes.narrativeHint")} error={show("narrative")}>
            {(p) => <textarea {...p} rows={3} value={narrative} onChange={(e) => setNarrative(e.target.value)} maxLength={2000} />}
          </Field>
          <Field label={t("classes.criteriaUrl")} error={show("criteriaUrl")} optional>
            {(p) => <input {...p} type="url" value={criteriaUrl} onChange={(e) => setCriteriaUrl(e.target.value)} placeholder="https://" />}
          </Field>
          <div className="field-row">
            <Field label={t("classes.type")}>
              {(p) => (
                <select {...p} value={type} onChange={(e) => setType(e.target.value)}>
                  {TYPES.map((ty) => (
                    <option key={ty} value={ty}>
                      {t(`classes.types.${ty}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t("classes.tagsLabel")} hint={t("classes.tagsHint")} optional>
              {(p) => <input {...p} value={tags} onChange={(e) => setTags(e.target.value)} />}
            </Field>
          </div>
          <ImagePicker label={t("classes.image")} hint={t("classes.imageHint")} budget={IMAGE_BUDGET} value={image} onChange={setImage} />
          {show("image") && <p className="field-error">{show("image")}</p>}
          {/* The registry refuses new classes from a suspended issuer: say so before the form is filled in vain. */}
          <ActionFooter
            state={state}
            submitLabel={t("classes.submit")}
            disabled={issuer.status === "suspended"}
            notice={
              issuer.status === "suspended" && (
                <Notice tone="danger" title={t("issue.suspendedTitle")}>
                  {t("issue.suspendedBody")}
                </Notice>
              )
            }
            onCancel={onDone}
          />
        </form>
        <aside className="preview" aria-label={t("classes.preview")}>
          <p className="eyebrow">{t("classes.preview")}</p>
          <div className="badge-card preview-card">
            <div className="badge-card-image">
              {image ? <img src={image.dataUri} alt="" /> : <div className="image-placeholder" aria-hidden="true" />}
            </div>
            <div className="badge-card-body">
              <h3>{name || t("classes.namePlaceholder")}</h3>
              <p className="muted small">{t(`classes.types.${type}`)}</p>
              {description && <p className="clamp">{description}</p>}
              {tagList.length > 0 && (
                <ul className="tags">
                  {tagList.map((tag) => (
                    <li key={tag}>{tag}</li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </aside>
      </div>
    </Section>
  );
}
