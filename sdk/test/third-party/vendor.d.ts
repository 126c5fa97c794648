// Typings for the signing library the third-party corpus uses and the sdk does not (only what the
// generator calls).
declare module "@digitalbazaar/ed25519-multikey" {
  export function generate(options: { id?: string; controller?: string; seed?: Uint8Array }): Promise<{
    id: string;
    controller: string;
    publicKeyMultibase: string;
    signer(): { id: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
  }>;
}
