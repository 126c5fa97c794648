import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAccount } from "wagmi";

function DoorIcon({ kind }: { kind: "issue" | "learner" | "verify" }) {
  if (kind === "issue")
    return (
      <svg viewBox="0 0 48 48" aria-hidden="true">
        <circle cx="24" cy="20" r="12" fill="none" stroke="currentColor" strokeWidth="2.6" />
        <path d="M18 20.5l4 4 8-8.5" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M16 30l-4 13 7-3 4 6 3-11M32 30l4 13-7-3-4 6" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinejoin="round" />
      </svg>
    );
  if (kind === "learner")
    return (
      <svg viewBox="0 0 48 48" aria-hidden="true">
        <rect x="6" y="10" width="36" height="28" rx="5" fill="none" stroke="currentColor" strokeWidth="2.6" />
        <circle cx="17" cy="22" r="5" fill="none" stroke="currentColor" strokeWidth="2.6" />
        <path
          d="M27 20h9M27 26h6M11 32c1.5-3 4-4.5 6-4.5s4.5 1.5 6 4.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.6"
          strokeLinecap="round"
        />
      </svg>
    );
  return (
    <svg viewBox="0 0 48 48" aria-hidden="true">
      <path
        d="M24 5l15 6v11c0 10-6.5 17-15 21-8.5-4-15-11-15-21V11z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.6"
        strokeLinejoin="round"
      />
      <path d="M17 24l5 5 9-10" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function Home() {
  const { t } = useTranslation();
  const { address } = useAccount();
  const doors = [
    { kind: "issue" as const, to: "/issue", title: t("home.issueTitle"), body: t("home.issueBody"), cta: t("home.issueCta") },
    {
      kind: "learner" as const,
      to: address ? `/learner/${address}` : "/learner",
      title: t("home.learnerTitle"),
      body: t("home.learnerBody"),
      cta: t("home.learnerCta"),
    },
    { kind: "verify" as const, to: "/verify", title: t("home.verifyTitle"), body: t("home.verifyBody"), cta: t("home.verifyCta") },
  ];
  return (
    <div className="home">
      <section className="hero">
        <div className="container">
          <p className="eyebrow">{t("home.eyebrow")}</p>
          <h1>{t("home.title")}</h1>
          <p className="hero-lead">{t("home.lead")}</p>
        </div>
      </section>
      <div className="container">
        <ul className="doors">
          {doors.map((door) => (
            <li key={door.kind}>
              <Link to={door.to} className={`door door-${door.kind}`}>
                <span className="door-icon">
                  <DoorIcon kind={door.kind} />
                </span>
                <span className="door-title">{door.title}</span>
                <span className="door-body">{door.body}</span>
                <span className="door-cta">
                  {door.cta} <span aria-hidden="true">→</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
        <ul className="facts" aria-label={t("home.factsLabel")}>
          <li>
            <strong>{t("home.fact1Title")}</strong>
            <span>{t("home.fact1Body")}</span>
          </li>
          <li>
            <strong>{t("home.fact2Title")}</strong>
            <span>{t("home.fact2Body")}</span>
          </li>
          <li>
            <strong>{t("home.fact3Title")}</strong>
            <span>{t("home.fact3Body")}</span>
          </li>
        </ul>
      </div>
    </div>
  );
}
