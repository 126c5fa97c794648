// Typings for the JavaScript-only context packages the interoperability test loads (the
// Data Integrity libraries themselves are declared by the sdk, sdk/src/proofs/vendor.d.ts).
declare module "@digitalbazaar/credentials-context" {
  export const contexts: Map<string, unknown>;
}

declare module "@digitalbazaar/data-integrity-context" {
  const dataIntegrityContext: { contexts: Map<string, unknown> };
  export default dataIntegrityContext;
}
