/** Share links of the app (`/verify/<chainId>/<registry>/<uid>#k=<key>`). */
export { buildShareLink, LinkError, parseShareLink, type LinkErrorCode, type ShareLinkInput, type ShareLinkParts } from "./share.ts";
