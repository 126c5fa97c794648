// Award-mail settings from the environment: the SMTP server (SMTP_URL, or SMTP_HOST / SMTP_PORT /
// SMTP_USER / SMTP_PASS / SMTP_SECURE), the sender (MAIL_FROM) and the limits. Without an SMTP
// server the mail route answers 503 saying so.
import { ConfigError } from "../config.ts";

export type MailConfig = {
  /** nodemailer transport options: an smtp(s):// URL or { host, port, secure, auth }. */
  smtp: string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
  /** The sender address (the issuer's name is shown as its display name). */
  from: string;
  /** Mails one issuer may have sent per hour (token bucket, bursts up to the same number). */
  perIssuerPerHour: number;
  /** Mail requests one client IP may make per minute. */
  requestsPerIpPerMinute: number;
};

type Env = Record<string, string | undefined>;

const count = (env: Env, name: string, fallback: number) => {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError(`${name} must be an integer ≥ 1; got ${JSON.stringify(raw)}.`);
  return value;
};

/** `{ mail }` when SMTP is configured, `{}` otherwise. */
export function mailConfigFromEnv(env: Env): { mail?: MailConfig } {
  const url = env.SMTP_URL;
  const host = env.SMTP_HOST;
  if (!url && !host) return {};
  const from = env.MAIL_FROM;
  if (!from || !/^[^\s@<>]+@[^\s@<>]+$/.test(from))
    throw new ConfigError(
      `MAIL_FROM must be the sender's e-mail address (e.g. badges@example.org) when SMTP is configured; got ${JSON.stringify(from ?? "")}.`,
    );
  let smtp: MailConfig["smtp"];
  if (url) {
    if (!/^smtps?:\/\//.test(url))
      throw new ConfigError("SMTP_URL must be an smtp:// or smtps:// URL (e.g. smtps://user:pass@smtp.example.org:465).");
    smtp = url;
  } else {
    const secure = ["1", "true", "on", "yes"].includes((env.SMTP_SECURE ?? "").toLowerCase());
    const port = count(env, "SMTP_PORT", secure ? 465 : 587);
    const user = env.SMTP_USER;
    smtp = { host: host as string, port, secure, ...(user ? { auth: { user, pass: env.SMTP_PASS ?? "" } } : {}) };
  }
  return {
    mail: {
      smtp,
      from,
      perIssuerPerHour: count(env, "MAIL_PER_ISSUER_PER_HOUR", 2000),
      requestsPerIpPerMinute: count(env, "MAIL_REQUESTS_PER_IP_PER_MINUTE", 30),
    },
  };
}
