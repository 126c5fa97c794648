import { proofInBatch, readBatch } from "@chancery/sdk/chain";
import { rosterEmailMatches } from "@chancery/sdk/roster";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { AwardMails } from "../../components/AwardMails.tsx";
import { BadgeChip } from "../../components/BadgeChip.tsx";
import { ListSource } from "../../components/ListSource.tsx";
import { ActionFooter, CopyButton, EmptyState, ErrorNotice, Field, Hex, Notice, Section, Spinner } from "../../components/ui.tsx";
import { appBase } from "../../config.ts";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { explain } from "../../lib/errors.ts";
import { formatDate, textOf } from "../../lib/format.ts";
import { useAction } from "../../lib/hooks.ts";
import { REVOCATION_REASONS, type RevocationReasonName } from "../../sdk/light.ts";
import { type IssuerSession, issuerKeys, useIssuer } from "./context.tsx";
import { useChainNow, useClasses, useIssuerBadges, useIssuerBadgesSource } from "./queries.ts";
import { filterRoster, type RosterFilter, type RosterRow, rosterRows, shareLinkOf, useRosterNames, useRosterSecret } from "./roster.tsx";
import { deriveIssuerKey } from "./signingKey.ts";

const PAGE = 25;
const STATUSES = ["valid", "revoked", "expired", "erased"] as const;

export function Issued() {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const session = useIssuer();
  const badges = useIssuerBadges();
  const listSource = useIssuerBadgesSource();
  const classes = useClasses();
  const now = useChainNow();
  const roster = useRosterSecret(session);
  const names = useRosterNames(session, roster.secret, badges.data);
  const unlock = useAction();
  const { search: locationSearch } = useLocation();
  const [filter, setFilter] = useState<RosterFilter>({ query: "", classId: "all", status: "all", from: "", to: "" });
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const classNames = useMemo(
    () => new Map((classes.data ?? []).map((c) => [c.classId, textOf(c.content, "name") ?? `#${c.classId}`])),
    [classes.data],
  );
  const registry = config.registry ?? "";
  const all = useMemo(
    () => rosterRows(badges.data ?? [], names.data, { chainId: config.chainId, registry, now, classNames }),
    [badges.data, names.data, config.chainId, registry, now, classNames],
  );
  const rows = useMemo(() => filterRoster(all, filter), [all, filter]);
  const revocable = rows.filter((r) => r.chip === "valid" || r.chip === "expired");
  const chosen = all.filter((r) => selected.has(r.badge.uid) && (r.chip === "valid" || r.chip === "expired"));
  const set = (patch: Partial<RosterFilter>) => {
    setFilter({ ...filter, ...patch });
    setLimit(PAGE);
  };
  const toggle = (uid: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(uid);
    else next.delete(uid);
    setSelected(next);
  };

  return (
    <Section
      title={t("issued.title")}
      description={t("roster.description")}
      id="issued"
      actions={
        <Link className="button" to={{ pathname: "/issue/award", search: locationSearch }}>
          {t("issue.tabs.award")}
        </Link>
      }
    >
      <RosterNames
        open={!!roster.secret}
        pending={unlock.state.status === "pending"}
        onOpen={() => void unlock.run(() => roster.unlock())}
        names={names}
        rows={all}
      />
      {unlock.state.status === "error" && <ErrorNotice error={unlock.state.error} />}
      <div className="toolbar roster-toolbar">
        <div className="field grow">
          <label htmlFor="issued-search">{t("issued.search")}</label>
          <input
            id="issued-search"
            type="search"
            placeholder={t("roster.searchPlaceholder")}
            value={filter.query}
            onChange={(e) => set({ query: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="issued-class">{t("roster.filterClass")}</label>
          <select
            id="issued-class"
            value={String(filter.classId)}
            onChange={(e) => set({ classId: e.target.value === "all" ? "all" : Number(e.target.value) })}
          >
            <option value="all">{t("roster.allClasses")}</option>
            {[...classNames].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="issued-filter">{t("issued.filter")}</label>
          <select id="issued-filter" value={filter.status} onChange={(e) => set({ status: e.target.value as RosterFilter["status"] })}>
            <option value="all">{t("issued.filterAll")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`badgeStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="issued-from">{t("roster.from")}</label>
          <input id="issued-from" type="date" value={filter.from} onChange={(e) => set({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="issued-to">{t("roster.to")}</label>
          <input id="issued-to" type="date" value={filter.to} onChange={(e) => set({ to: e.target.value })} />
        </div>
      </div>
      {badges.isPending && <Spinner label={t("issued.loading")} />}
      {badges.isError && <ErrorNotice error={explain(badges.error, t)} onRetry={() => void badges.refetch()} />}
      <ListSource value={listSource} />
      {badges.data && badges.data.length === 0 && (
        <EmptyState title={t("issued.emptyTitle")} icon="badge">
          <p>{t("issued.emptyBody")}</p>
        </EmptyState>
      )}
      {badges.data && badges.data.length > 0 && rows.length === 0 && <EmptyState title={t("issued.noMatch")} icon="search" />}
      {rows.length > 0 && (
        <div className="roster-select-bar">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={revocable.length > 0 && revocable.every((r) => selected.has(r.badge.uid))}
              disabled={revocable.length === 0}
              onChange={(e) => setSelected(e.target.checked ? new Set(revocable.map((r) => r.badge.uid)) : new Set())}
            />{" "}
            {t("roster.selectShown", { count: revocable.length })}
          </label>
          <span className="small muted">{t("roster.shown", { count: rows.length, total: all.length })}</span>
        </div>
      )}
      {chosen.length > 0 && <RevokeForm session={session} rows={chosen} onDone={() => setSelected(new Set())} />}
      {rows.length > 0 && (
        <ul className="rows issued-list roster-list">
          {rows.slice(0, limit).map((row) => (
            <RosterItem
              key={row.badge.uid}
              row={row}
              selected={selected.has(row.badge.uid)}
              onSelect={(on) => toggle(row.badge.uid, on)}
              rosterOpen={!!roster.secret}
            />
          ))}
        </ul>
      )}
      {rows.length > limit && (
        <button type="button" className="button button-secondary" onClick={() => setLimit(limit + PAGE)}>
          {t("issued.more", { count: rows.length - limit })}
        </button>
      )}
    </Section>
  );
}

function RosterNames({
  open,
  pending,
  onOpen,
  names,
  rows,
}: {
  open: boolean;
  pending: boolean;
  onOpen: () => void;
  names: ReturnType<typeof useRosterNames>;
  rows: RosterRow[];
}) {
  const { t } = useTranslation();
  if (!open) {
    return (
      <div className="roster-names">
        <Notice
          tone="info"
          title={t("roster.namesTitle")}
          action={
            <button type="button" className="button" onClick={onOpen} disabled={pending}>
              {pending ? t("common.confirmInWallet") : t("roster.showNames")}
            </button>
          }
        >
          <p>{t("roster.namesBody")}</p>
        </Notice>
      </div>
    );
  }
  if (names.isError) return <ErrorNotice error={explain(names.error, t)} onRetry={() => void names.refetch()} />;
  if (names.isFetching || !names.data) {
    const { done = 0, total = 0 } = names.progress ?? {};
    return (
      <div className="roster-progress" role="status">
        <p className="small">{t("roster.opening", { done, total })}</p>
        <progress max={Math.max(total, 1)} value={done} />
      </div>
    );
  }
  const counts = { named: 0, other: 0, merkle: 0, damaged: 0 };
  for (const row of rows) {
    const state = row.entry?.state;
    if (state === "named" || state === "batch-named") counts.named++;
    else if (state === "damaged") counts.damaged++;
    else if (row.badge.batchId && state === "no-payload" && !row.name) counts.merkle++;
    else if (!row.name) counts.other++;
  }
  return (
    <Notice tone="success" title={t("roster.openedTitle", { count: counts.named })}>
      {counts.other > 0 && <p className="small">{t("roster.otherKey", { count: counts.other })}</p>}
      {counts.merkle > 0 && <p className="small">{t("roster.merkleNoNames", { count: counts.merkle })}</p>}
      {counts.damaged > 0 && <p className="small">{t("roster.batchDamaged", { count: counts.damaged })}</p>}
    </Notice>
  );
}

function RosterItem({
  row,
  selected,
  onSelect,
  rosterOpen,
}: {
  row: RosterRow;
  selected: boolean;
  onSelect: (on: boolean) => void;
  rosterOpen: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { config } = useChainEnv();
  const { badge } = row;
  const revocable = row.chip === "valid" || row.chip === "expired";
  const [revoking, setRevoking] = useState(false);
  const [mailing, setMailing] = useState(false);
  const session = useIssuer();
  const mailable = row.chip === "valid" && row.entry?.state === "named" && !!row.entry.email && !!row.key;
  const link = shareLinkOf(row, { appBase: appBase(), chainId: config.chainId, registry: session.write.registry });
  const detail = `/badge/${config.chainId}/${badge.uid}${badge.batchId ? `?batch=${badge.batchId}` : ""}${row.key ? `#k=${row.key}` : ""}`;
  return (
    <li className="row issued-row roster-row" data-uid={badge.uid}>
      <div className="roster-check">
        <input
          type="checkbox"
          aria-label={t("roster.select", { name: row.name ?? badge.uid })}
          checked={selected}
          disabled={!revocable}
          onChange={(e) => onSelect(e.target.checked)}
        />
      </div>
      <div className="issued-main">
        <p className="issued-title roster-name">
          {row.name ? (
            <strong>{row.name}</strong>
          ) : (
            <span className="muted">{rosterOpen ? t("roster.noName") : t("roster.nameHidden")}</span>
          )}
        </p>
        <p className="small roster-class">
          {row.className}
          {badge.batchId && <span className="muted"> · {t("roster.merkle")}</span>}
        </p>
        <p className="small muted roster-meta">
          <Hex value={badge.uid} head={10} tail={6} copy />
          {badge.recipient && (
            <>
              {" · "}
              {t("issued.wallet")} <Hex value={badge.recipient} />
            </>
          )}
          {badge.issuedAt ? ` · ${formatDate(badge.issuedAt, i18n.language)}` : ""}
        </p>
        {badge.revocationReason && <p className="small revoked-reason">{t("issued.revokedBecause", { reason: badge.revocationReason })}</p>}
      </div>
      <div className="row-end">
        <BadgeChip kind={row.chip} />
        <Link className="button button-secondary button-small" to={detail}>
          {t("issued.open")}
        </Link>
        {row.chip !== "erased" && <CopyButton text={link} label={row.key ? t("roster.copyFull") : t("roster.copyRecord")} />}
        {mailable && !mailing && (
          <button type="button" className="button button-secondary button-small" onClick={() => setMailing(true)}>
            {t("roster.mailAgain")}
          </button>
        )}
        {revocable && !revoking && (
          <button type="button" className="button button-danger-outline button-small" onClick={() => setRevoking(true)}>
            {t("issued.revoke")}
          </button>
        )}
      </div>
      {mailing && <MailAgain session={session} row={row} onClose={() => setMailing(false)} />}
      {revoking && <RevokeForm session={session} rows={[row]} onDone={() => setRevoking(false)} onCancel={() => setRevoking(false)} />}
    </li>
  );
}

/** Revokes one badge or many, each with its signed status list in the same transaction; Merkle badges with their proof. */
function RevokeForm({
  session,
  rows,
  onDone,
  onCancel,
}: {
  session: IssuerSession;
  rows: RosterRow[];
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const { write, issuer } = session;
  const [code, setCode] = useState<RevocationReasonName>("issued-in-error");
  const [reason, setReason] = useState("");
  const { state, run } = useAction({ invalidate: [issuerKeys.issued(issuer.issuerId)] });
  const many = rows.length > 1;
  return (
    <form
      className="revoke-form stack"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!reason.trim()) return;
        const done = await run(async (step) => {
          const signingKey = session.signingKey ?? (await deriveIssuerKey(session));
          const { revokeAndPublish } = await import("../../sdk/heavy.ts");
          const signing = { gatewayBase: config.gatewayUrl, deployment: { chainId: config.chainId, registry: write.registry }, signingKey };
          // One transaction per badge (the badge and its list in one multicall): each is final on its own,
          // so a stop halfway leaves every list in step with the registry.
          for (const [i, row] of rows.entries()) {
            if (many) step(t("roster.revokingStep", { done: i + 1, total: rows.length }));
            const { badge } = row;
            let batch: { batchId: `0x${string}`; proof: `0x${string}`[]; position: number } | undefined;
            if (badge.batchId) {
              const found = proofInBatch(await readBatch(write, badge.batchId), badge.uid);
              if (!found) throw new Error(t("roster.notInBatch"));
              batch = { batchId: badge.batchId, proof: found.proof, position: found.index };
            }
            await revokeAndPublish(write, { uid: badge.uid, code, reason: reason.trim(), ...(batch ? { batch } : {}) }, signing);
          }
          return rows.length;
        });
        if (done) onDone();
      }}
    >
      <p className="small">{many ? t("roster.revokeManyExplain", { count: rows.length }) : t("issued.revokeExplain")}</p>
      <div className="field-row">
        <Field label={t("issued.reasonCode")}>
          {(p) => (
            <select {...p} value={code} onChange={(e) => setCode(e.target.value as RevocationReasonName)}>
              {REVOCATION_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`revocation.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("issued.reasonText")} hint={t("issued.reasonHint")}>
          {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />}
        </Field>
      </div>
      <ActionFooter
        state={state}
        submitLabel={many ? t("roster.revokeMany", { count: rows.length }) : t("issued.revokeSubmit")}
        danger
        disabled={!reason.trim()}
        onCancel={onCancel ?? onDone}
      />
    </form>
  );
}

/**
 * "Send the e-mail again": the chain holds only the e-mail's salted hash, so the issuer types the
 * address; it is checked against the badge's hash here, then the award mail goes out as after issuing.
 */
function MailAgain({ session, row, onClose }: { session: IssuerSession; row: RosterRow; onClose: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const entry = row.entry?.state === "named" ? row.entry : undefined;
  const typed = email.trim();
  const matches = !!entry && typed.includes("@") && rosterEmailMatches(entry, typed);
  return (
    <div className="roster-mail stack">
      <Field
        label={t("roster.mailEmail")}
        hint={typed && !matches ? undefined : t("roster.mailEmailHint")}
        error={typed.includes("@") && !matches ? t("roster.mailMismatch") : undefined}
      >
        {(p) => <input {...p} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      {matches && entry && row.key && (
        <AwardMails
          issuerId={session.issuer.issuerId}
          write={session.write}
          recipients={[{ uid: row.badge.uid, email: typed, key: row.key, credential: entry.credential }]}
        />
      )}
      <div>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
