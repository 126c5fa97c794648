// Minimal typings for the JavaScript-only JSON-LD / Data Integrity packages the sdk uses
// (none ships its own). Only what proofs/ and anchor/ call is declared.
declare module "jsonld" {
  type DocumentLoader = (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  interface Options {
    documentLoader?: DocumentLoader;
    safe?: boolean;
    base?: string | null;
    [option: string]: unknown;
  }
  const jsonld: {
    canonize(input: object, options: Options & { algorithm: "RDFC-1.0"; format: "application/n-quads" }): Promise<string>;
    expand(input: object, options?: Options): Promise<object[]>;
    getValues(subject: object, property: string): unknown[];
  };
  export default jsonld;
}

declare module "@digitalbazaar/vc" {
  /** The credential, signed: a copy of it with `proof` added. */
  export function issue<T extends object>(options: {
    credential: T;
    suite: unknown;
    documentLoader?: unknown;
    purpose?: unknown;
    now?: Date | string;
  }): Promise<T & { proof: object }>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader?: unknown;
    now?: Date | string;
    checkStatus?: (options: unknown) => Promise<{ verified: boolean }>;
  }): Promise<{ verified: boolean; results?: { verified: boolean; error?: unknown }[]; error?: unknown }>;
}

declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: {
      signer?: { algorithm: string; id: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
      cryptosuite: unknown;
      date?: string | Date;
      legacyContext?: boolean;
    });
  }
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: { name: string; requiredAlgorithm: string; canonize: unknown; createVerifier: unknown };
}

declare module "@digitalbazaar/ed25519-signature-2020" {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; verifier?: unknown; date?: string | Date });
  }
}
