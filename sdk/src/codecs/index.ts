/** Codecs shared by every part of the sdk: base64url / base64 (jose) and `data:` URIs. */
export { base64DecodeForgiving, base64Encode, base64urlDecode, base64urlEncode } from "./base64.ts";
export { type DataUri, MAX_DATA_URI_BYTES, parseDataUri, toDataUri } from "./dataUri.ts";
export { type InflateOutcome, inflateCapped } from "./inflate.ts";
