// The issuer's badge classes: create one, revise one (a new version with a new class id, linked to
// the one it replaces, which the registry retires in the same transaction) or retire one. Each card
// is the current version; the versions it replaced are listed under it, newest first.
import { reviseBadgeClass } from "@chancery/sdk/chain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionButton, ActionFooter, Chip, EmptyState, ErrorNotice, Field, Notice, Section, SkeletonGrid } from "../../components/ui.tsx";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { explain } from "../../lib/errors.ts";
import { imageOf, safeImageSrc, textOf } from "../../lib/format.ts";
import { useAction } from "../../lib/hooks.ts";
import { type PreparedImage, preparedFromDataUri } from "../../lib/images.ts";
import type { IssuerClass } from "../../lib/registryQueries.ts";
import { badgeRegistryAbi, createBadgeClass, ob2BadgeClassUrl, writeRegistry } from "../../sdk/light.ts";
import { issuerKeys, useIssuer } from "./context.tsx";
import { fitDocument, ImagePicker, isHttpUrl, MAX_DOCUMENT_BYTES } from "./forms.tsx";
import { useClasses } from "./queries.ts";

/**
 * Characters the image may take when chosen: the class's other fields take about 250 bytes plus its
 * texts; at submit the image is fitted again into the exact room left (fitDocument).
 */
const IMAGE_BUDGET = 14_500;
const TYPES = ["Badge", "Certificate", "Course", "Competency", "Certification", "Award", "MicroCredential"];

export function Classes() {
  const { t } = useTranslation();
  const classes = useClasses();
  // undefined: the list; null: a new class; a class: its revision.
  const [editing, setEditing] = useState<IssuerClass | null>();
  const all = classes.data ?? [];
  // A class another one revised is shown in that one's history, not as a card of its own.
  const replaced = new Set(all.map((c) => c.previousVersion).filter(Boolean));
  const current = all.filter((c) => !replaced.has(c.classId));
  return (
    <div className="stack">
      {editing !== undefined ? (
        <ClassForm base={editing ?? undefined} onDone={() => setEditing(undefined)} />
      ) : (
        <Section
          title={t("classes.title")}
          description={t("classes.description")}
          id="classes"
          actions={
            <button type="button" className="button" onClick={() => setEditing(null)}>
              {t("classes.create")}
            </button>
          }
        >
          {classes.isPending && <SkeletonGrid count={3} />}
          {classes.isError && <ErrorNotice error={explain(classes.error, t)} onRetry={() => void classes.refetch()} />}
          {classes.data && classes.data.length === 0 && (
            <EmptyState title={t("classes.emptyTitle")} icon="badge">
              <p>{t("classes.emptyBody")}</p>
              <button type="button" className="button" onClick={() => setEditing(null)}>
                {t("classes.create")}
              </button>
            </EmptyState>
          )}
          {current.length > 0 && (
            <ul className="card-grid">
              {current.map((c) => (
                <ClassCard key={c.classId} item={c} history={historyOf(c, all)} onRevise={() => setEditing(c)} />
              ))}
            </ul>
          )}
        </Section>
      )}
    </div>
  );
}

/** The versions `item` replaced, newest first (following previousVersion through the issuer's classes). */
export function historyOf(item: IssuerClass, all: IssuerClass[]): IssuerClass[] {
  const byId = new Map(all.map((c) => [c.classId, c]));
  const out: IssuerClass[] = [];
  let at = byId.get(item.previousVersion);
  while (at && !out.includes(at)) {
    out.push(at);
    at = byId.get(at.previousVersion);
  }
  return out;
}

function ClassCard({ item, history, onRevise }: { item: IssuerClass; history: IssuerClass[]; onRevise: () => void }) {
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
          {t("classes.classNumber", { id: item.classId })}
          {history.length > 0 && ` · ${t("classVersions.version", { version: history.length + 1 })}`}{" "}
          {item.retired && <Chip tone="erased">{t("classes.retired")}</Chip>}
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
              <div className="button-row">
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={onRevise}
                  disabled={issuer.status === "suspended"}
                >
                  {t("classVersions.revise")}
                </button>
                <button type="button" className="link-button" onClick={() => setConfirming(true)}>
                  {t("classes.retire")}
                </button>
              </div>
            )}
          </div>
        )}
        {state.status === "error" && <ErrorNotice error={state.error} />}
        {history.length > 0 && (
          <details className="class-history">
            <summary>{t("classVersions.history", { count: history.length })}</summary>
            <ol>
              {history.map((h, i) => (
                <li key={h.classId}>
                  <span>{t("classVersions.historyEntry", { version: history.length - i, id: h.classId })}</span>{" "}
                  <span className="muted">{textOf(h.content, "name") ?? t("classes.untitled")}</span>
                </li>
              ))}
            </ol>
            <p className="small muted">{t("classVersions.historyNote")}</p>
          </details>
        )}
      </div>
    </li>
  );
}

const text = (content: IssuerClass["content"], key: string) => textOf(content, key) ?? "";

/** A new class, or (with `base`) a new version of `base` prefilled from what the chain holds. */
function ClassForm({ base, onDone }: { base?: IssuerClass; onDone: () => void }) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const { write, issuer } = useIssuer();
  const old = base?.content;
  const criteria = (old?.criteria ?? {}) as { narrative?: unknown; id?: unknown };
  const oldTags = (old?.tag ?? old?.tags) as unknown;
  const [name, setName] = useState(text(old, "name"));
  const [description, setDescription] = useState(text(old, "description"));
  const [narrative, setNarrative] = useState(typeof criteria.narrative === "string" ? criteria.narrative : "");
  const [criteriaUrl, setCriteriaUrl] = useState(typeof criteria.id === "string" ? criteria.id : "");
  const [tags, setTags] = useState(Array.isArray(oldTags) ? oldTags.filter((x) => typeof x === "string").join(", ") : "");
  const [type, setType] = useState(TYPES.includes(text(old, "achievementType")) ? text(old, "achievementType") : "Badge");
  const [image, setImage] = useState<PreparedImage | undefined>(() => preparedFromDataUri(imageOf(old)));
  const [imageRefused, setImageRefused] = useState(false);
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
    image: imageRefused ? t("imageFit.refusedPending") : image ? undefined : t("classes.imageRequired"),
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
      // The Achievement names its own class URL; creating (or revising) takes the next class id.
      const count = await write.client.readContract({ address: write.registry, abi: badgeRegistryAbi, functionName: "badgeClassCount" });
      const { document: achievement } = await fitDocument(
        (imageUri) =>
          buildOb3Achievement(
            {
              name: name.trim(),
              description: description.trim(),
              criteria: {
                ...(narrative.trim() ? { narrative: narrative.trim() } : {}),
                ...(criteriaUrl.trim() ? { id: criteriaUrl.trim() } : {}),
              },
              image: imageUri ?? image.dataUri,
              ...(tagList.length ? { tags: tagList } : {}),
              achievementType: type,
            },
            ob2BadgeClassUrl(config.gatewayUrl, config.chainId, Number(count) + 1),
          ),
        image,
        t,
        (size) => t("classes.tooLarge", { size, max: MAX_DOCUMENT_BYTES }),
      );
      step(t("common.confirmInWallet"));
      if (base) return (await reviseBadgeClass(write, base.classId, achievement)).classId;
      return (await createBadgeClass(write, issuer.issuerId, achievement)).classId;
    });
    if (classId) onDone();
  }

  return (
    <Section
      title={base ? t("classVersions.reviseTitle", { name: text(old, "name") || `#${base.classId}` }) : t("classes.createTitle")}
      description={base ? t("classVersions.reviseDescription", { id: base.classId }) : t("classes.createDescription")}
      id={base ? "revise-class" : "create-class"}
    >
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
          <ImagePicker
            label={t("classes.image")}
            hint={t("imageFit.classHint")}
            budget={IMAGE_BUDGET}
            value={image}
            onChange={setImage}
            onRefused={setImageRefused}
          />
          {show("image") && <p className="field-error">{show("image")}</p>}
          {/* The registry refuses new classes from a suspended issuer: say so before the form is filled in vain. */}
          <ActionFooter
            state={state}
            submitLabel={base ? t("classVersions.reviseSubmit") : t("classes.submit")}
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
