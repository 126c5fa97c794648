// Minimal typings for the JavaScript-only Digital Bazaar packages the interoperability test runs
// (the sdk's proofs/vendor.d.ts declares what the sdk itself calls; these add what the test calls).
declare module "@digitalbazaar/vc" {
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader?: unknown;
    now?: Date | string;
    maxClockSkew?: number;
    checkStatus?: (options: unknown) => Promise<unknown>;
  }): Promise<{
    verified: boolean;
    results?: { verified: boolean; error?: unknown }[];
    statusResult?: StatusResult;
    error?: unknown;
  }>;
  /** `verified`: the status could be checked; `status`: the entry's bit (true = set). */
  type StatusResult = { verified: boolean; results?: { verified: boolean; status?: boolean; credentialStatus: object }[]; error?: unknown };
}

declare module "@digitalbazaar/vc-bitstring-status-list" {
  export function checkStatus(options: {
    credential: object;
    documentLoader: unknown;
    suite: unknown;
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<{ verified: boolean; results?: { verified: boolean; status?: boolean; credentialStatus: object }[]; error?: unknown }>;
}
