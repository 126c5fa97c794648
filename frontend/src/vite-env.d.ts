/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_CHAIN_ID?: string;
  readonly VITE_RPC_URL?: string;
  readonly VITE_REGISTRY_ADDRESS?: string;
  readonly VITE_GATEWAY_URL?: string;
  readonly VITE_DEPLOYED_BLOCK?: string;
  /** The Ponder indexer's base URL (npm start sets it): lists come from it, verdicts still from the registry. */
  readonly VITE_INDEXER_URL?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
