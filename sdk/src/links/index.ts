/** Share links of the app (`/verify/<chainId>/<registry>/<uid>#k=<key>`). */
export { buildShareLink, LinkError, type LinkErrorCode, parseShareLink, type ShareLinkInput, type ShareLinkParts } from "./share.ts";
