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
console.log(
  `Chancery gateway on ${config.publicBaseUrl} (listening on ${config.host}:${app.server.address() && typeof app.server.address() === "object" ? (app.server.address() as { port: number }).port : config.port}) — chain ${config.chainId}, registry ${config.registry}, RPC ${config.rpcUrl}`,
);
