// `npm start -w gateway` / `node gateway/src/main.ts`: the gateway configured from the environment.
import { buildGateway } from "./app.ts";
import { ConfigError, configFromEnv } from "./config.ts";

let config: ReturnType<typeof configFromEnv>;
try {
  config = configFromEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Gateway configuration: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

const app = await buildGateway(config);
const close = async () => {
  await app.close();
  process.exit(0);
};
process.on("SIGINT", close);
process.on("SIGTERM", close);

await app.listen({ port: config.port, host: config.host });
// Old hosted URLs of batched badges (no ?batch=) resolve through an index of the registry's batch
// events, built once per process in the background and followed block by block after that.
app.reads.startBatchIndex((error) => app.log.warn({ err: (error as Error).message }, "batch index: the chain could not be read yet"));
console.log(
  `Chancery gateway on ${config.publicBaseUrl} (listening on ${config.host}:${app.server.address() && typeof app.server.address() === "object" ? (app.server.address() as { port: number }).port : config.port}) — chain ${config.chainId}, registry ${config.registry}, RPC ${config.rpcUrl}`,
);
