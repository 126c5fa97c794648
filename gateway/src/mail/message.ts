// The award message, in the language of the app that sent it: HTML (the badge picture inline by
// cid, the share link as a button, the wallet offer when there is one) and the same as plain text.
import { MAIL_OFFER_LIFETIME_SECONDS, type MailLocale } from "@chancery/sdk/mail";

export type AwardMessageInput = {
  locale: MailLocale;
  issuerName: string;
  badgeName: string;
  recipientName?: string;
  shareLink: string;
  /** The share link carries the badge key (it shows the full badge) or not (the on-chain record only). */
  withKey: boolean;
  walletOfferUrl?: string;
  attachmentName: string;
  pictureCid: string;
};

type Words = {
  subject: (badge: string, issuer: string) => string;
  hello: (name?: string) => string;
  awarded: (issuer: string, badge: string) => string;
  open: string;
  linkFull: string;
  linkRecord: string;
  wallet: string;
  walletNote: (days: number) => string;
  attached: (file: string) => string;
  keep: string;
  footer: string;
};

const WORDS: Record<MailLocale, Words> = {
  en: {
    subject: (badge, issuer) => `Your badge “${badge}” from ${issuer}`,
    hello: (name) => (name ? `Hello ${name},` : "Hello,"),
    awarded: (issuer, badge) => `${issuer} has awarded you the badge “${badge}”.`,
    open: "View and verify your badge",
    linkFull: "This link shows your full badge and checks it against the blockchain. Keep it: anyone you give it to can see the badge.",
    linkRecord: "This link checks your badge's record on the blockchain.",
    wallet: "Add it to your wallet",
    walletNote: (days) =>
      `Open this offer on your phone with an OpenID4VCI wallet app. It adds the badge once and works for ${days} days; after that, make a new offer from the badge page (the link above).`,
    attached: (file) =>
      `Your badge is attached as ${file}: the image carries the signed credential, so any Open Badges verifier or backpack can read it.`,
    keep: "Keep this e-mail: it is your copy of the badge.",
    footer: "Sent by Chancery on behalf of the issuer. You receive this message because the issuer awarded a badge to this address.",
  },
  fr: {
    subject: (badge, issuer) => `Votre badge « ${badge} » décerné par ${issuer}`,
    hello: (name) => (name ? `Bonjour ${name},` : "Bonjour,"),
    awarded: (issuer, badge) => `${issuer} vous a décerné le badge « ${badge} ».`,
    open: "Voir et vérifier votre badge",
    linkFull:
      "Ce lien affiche votre badge complet et le vérifie sur la blockchain. Conservez-le : toute personne qui le reçoit peut voir le badge.",
    linkRecord: "Ce lien vérifie l’enregistrement de votre badge sur la blockchain.",
    wallet: "L’ajouter à votre portefeuille",
    walletNote: (days) =>
      `Ouvrez cette offre sur votre téléphone avec une application de portefeuille OpenID4VCI. Elle ajoute le badge une seule fois et reste valable ${days} jours ; ensuite, créez une nouvelle offre depuis la page du badge (le lien ci-dessus).`,
    attached: (file) =>
      `Votre badge est joint (${file}) : l’image contient l’attestation signée, que tout vérificateur ou sac à badges Open Badges sait lire.`,
    keep: "Conservez ce courriel : c’est votre exemplaire du badge.",
    footer:
      "Envoyé par Chancery pour le compte de l’émetteur. Vous recevez ce message parce que l’émetteur a décerné un badge à cette adresse.",
  },
  zh: {
    subject: (badge, issuer) => `${issuer} 授予您的徽章“${badge}”`,
    hello: (name) => (name ? `${name}，您好：` : "您好："),
    awarded: (issuer, badge) => `${issuer} 已向您授予徽章“${badge}”。`,
    open: "查看并验证您的徽章",
    linkFull: "此链接显示您的完整徽章，并在区块链上进行验证。请妥善保管：任何获得此链接的人都能看到该徽章。",
    linkRecord: "此链接在区块链上核验您徽章的记录。",
    wallet: "添加到您的钱包",
    walletNote: (days) =>
      `请在手机上用支持 OpenID4VCI 的钱包应用打开此凭证邀约。它只能添加一次徽章，有效期为 ${days} 天；过期后，请在徽章页面（上方链接）重新生成邀约。`,
    attached: (file) => `您的徽章已作为附件 ${file} 发送：图片中包含已签名的凭证，任何 Open Badges 验证工具或徽章收藏应用均可读取。`,
    keep: "请保留此邮件：这是您的徽章副本。",
    footer: "由 Chancery 代表颁发机构发送。您收到此邮件，是因为颁发机构向此地址授予了一枚徽章。",
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

/** Subject, HTML and text of one learner's message. */
export function renderAwardMessage(input: AwardMessageInput): { subject: string; html: string; text: string } {
  const w = WORDS[input.locale];
  const note = input.withKey ? w.linkFull : w.linkRecord;
  // The app and the CLI ask e-mailed offers for MAIL_OFFER_LIFETIME_SECONDS (sdk/mail withWalletOffers).
  const walletNote = w.walletNote(Math.round(MAIL_OFFER_LIFETIME_SECONDS / 86_400));
  const subject = w.subject(input.badgeName, input.issuerName);
  const e = escapeHtml;
  const button = (href: string, label: string, color: string) =>
    `<a href="${e(href)}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:${color};color:#ffffff;text-decoration:none;font-weight:600">${e(label)}</a>`;
  const wallet = input.walletOfferUrl
    ? `<p style="margin:20px 0 4px">${button(input.walletOfferUrl, w.wallet, "#334155")}</p><p style="margin:4px 0;color:#475569;font-size:13px">${e(walletNote)}</p>`
    : "";
  const html = `<!doctype html>
<html lang="${input.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f1f5f9;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC','PingFang SC',sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:10px;padding:28px">
<p style="margin:0 0 16px">${e(w.hello(input.recipientName))}</p>
<p style="margin:0 0 20px;font-size:17px">${e(w.awarded(input.issuerName, input.badgeName))}</p>
<p style="text-align:center;margin:0 0 20px"><img src="cid:${e(input.pictureCid)}" alt="${e(input.badgeName)}" width="160" height="160" style="width:160px;height:160px;object-fit:contain"></p>
<p style="margin:0 0 6px">${button(input.shareLink, w.open, "#1d4ed8")}</p>
<p style="margin:6px 0 16px;color:#475569;font-size:13px">${e(note)}<br><a href="${e(input.shareLink)}" style="color:#1d4ed8;word-break:break-all">${e(input.shareLink)}</a></p>
${wallet}
<p style="margin:20px 0 8px">${e(w.attached(input.attachmentName))}</p>
<p style="margin:0 0 8px">${e(w.keep)}</p>
<hr style="border:none;border-top:1px solid #e2e8f0;margin:20px 0">
<p style="margin:0;color:#64748b;font-size:12px">${e(w.footer)}</p>
</div></body></html>`;
  const text = [
    w.hello(input.recipientName),
    "",
    w.awarded(input.issuerName, input.badgeName),
    "",
    `${w.open}: ${input.shareLink}`,
    note,
    ...(input.walletOfferUrl ? ["", `${w.wallet}: ${input.walletOfferUrl}`, walletNote] : []),
    "",
    w.attached(input.attachmentName),
    w.keep,
    "",
    "--",
    w.footer,
  ].join("\n");
  return { subject, html, text };
}
