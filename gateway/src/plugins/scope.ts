// Which deployment this gateway serves. A well-formed chain id or registry that is not ours is a
// 404 ("not here"), checked before the parameter schemas so it answers the same whatever follows
// in the URL; a malformed one is left to the schemas (400). The registry must be written as
// documents write it, EIP-55 checksummed (JSON Schema cannot say so).

import { URL_PARAMS } from "@chancery/sdk/urls";
import fp from "fastify-plugin";
import { badRequest, notFound } from "./errors.ts";

const CHAIN_ID = new RegExp(`^(?:${URL_PARAMS.chainId.pattern})$`);
const REGISTRY = new RegExp(`^(?:${URL_PARAMS.registry.pattern})$`);

export const scope = fp(
  async (app) => {
    const { chainId, registry } = app.gatewayConfig;
    app.addHook("preValidation", async (request) => {
      const params = request.params as { chainId?: string; registry?: string };
      if (params.chainId === undefined || !CHAIN_ID.test(params.chainId)) return;
      if (Number(params.chainId) !== chainId) throw notFound(`This gateway serves chain ${chainId} only, not chain ${params.chainId}.`);
      const named = params.registry;
      if (named === undefined || !REGISTRY.test(named)) return;
      if (named.toLowerCase() !== registry.toLowerCase())
        throw notFound(`This gateway serves the registry ${registry} on chain ${chainId}, not ${named}.`);
      if (named !== registry) throw badRequest(`Write the registry address in its EIP-55 checksummed form: ${registry}.`);
    });
  },
  { name: "chancery-scope", fastify: "5.x", dependencies: ["chancery-chain"] },
);
