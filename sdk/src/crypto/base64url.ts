// Kept for the modules that import it from here: the one base64url codec is ../codecs/base64.ts.
export { base64urlDecode, base64urlEncode } from "../codecs/base64.ts";
