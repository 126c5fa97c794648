// The public-network configuration path, against a second local node started with Base Sepolia's
// chain id (no public network is reachable from CI): the CLI reads the network from
// hardhat.config.ts with its RPC URL and deployer key from the environment, the gateway is
// configured from the environment only, and everything names chain 84532.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateOb2 } from "@chancery/sdk/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway, type Gateway } from "../src/app.ts";
import { ConfigError, configFromEnv } from "../src/config.ts";
import { type Chain, ROOT, startChain } from "./helpers.ts";

const CHAIN_ID = 84532;
const GATEWAY = "https://badges.base-sepolia.test";
// Hardhat's public test account #2: funded on the local node, standing in for a real deployer key.
const DEPLOYER_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
let chain: Chain;
let dir: string;
let gw: Gateway;

function chancery(args: string[]) {
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, "cli", "bin", "chancery.mjs"),
      ...args,
      "--network",
      "baseSepolia",
      "--registry",
      chain.registry,
      "--gateway",
      GATEWAY,
      "--json",
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        BASE_SEPOLIA_RPC_URL: chain.rpcUrl,
        DEPLOYER_PRIVATE_KEY: DEPLOYER_KEY,
        CHANCERY_PRIVATE_KEY: "",
        CHANCERY_RPC_URL: "",
      },
    },
  );
  if (result.status !== 0) throw new Error(`chancery ${args.join(" ")}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

beforeAll(async () => {
  chain = await startChain({ chainId: CHAIN_ID });
  dir = mkdtempSync(join(tmpdir(), "chancery-net-"));
}, 180_000);

afterAll(async () => {
  await gw?.close();
  await chain?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`a second node with chain id ${CHAIN_ID} (Base Sepolia)`, () => {
  let uid: string;

  it("the CLI issues through --network baseSepolia (RPC URL and key from the environment)", () => {
    expect(chain.chainId).toBe(CHAIN_ID);
    const issuer = chancery(["issuer", "register", "--name", "Base Academy", "--url", "https://academy.example"]);
    expect(issuer.admin).toBe("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    expect(issuer.ob3Profile).toBe(`${GATEWAY}/ob3/issuers/${CHAIN_ID}/${chain.registry}/1`);
    const klass = chancery([
      "class",
      "create",
      "--issuer",
      "1",
      "--name",
      "Onchain Basics",
      "--description",
      "Wallets and transactions.",
      "--criteria",
      "Quiz passed.",
    ]);
    const badge = chancery([
      "issue",
      "--class",
      String(klass.classId),
      "--wallet",
      "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
      "--email",
      "l@example.org",
      "--out",
      join(dir, "badges"),
    ]);
    uid = badge.uid;
    expect(badge.hostedUrl).toBe(`${GATEWAY}/ob2/assertions/${CHAIN_ID}/${uid}`);
  });

  it("the gateway configured from the environment alone serves that chain", async () => {
    const config = configFromEnv(
      {
        RPC_URL: chain.rpcUrl,
        CHAIN_ID: String(CHAIN_ID),
        REGISTRY_ADDRESS: chain.registry,
        DEPLOYED_BLOCK: String(chain.deployedOnBlock),
        PUBLIC_BASE_URL: GATEWAY,
        PORT: "0",
        LOG_LEVEL: "silent",
      },
      {},
    );
    expect(config).toMatchObject({ chainId: CHAIN_ID, registry: chain.registry, publicBaseUrl: GATEWAY, logLevel: false });
    gw = await buildGateway(config);
    const health = (await gw.inject({ method: "GET", url: "/healthz" })).json();
    expect(health).toMatchObject({ status: "ok", chainId: CHAIN_ID, registryHasCode: true });
    const res = await gw.inject({ method: "GET", url: `/ob2/assertions/${CHAIN_ID}/${uid}` });
    expect(res.statusCode).toBe(200);
    expect(validateOb2(res.json())).toEqual([]);
    expect(res.json().recipient.identity).toBe(`${GATEWAY}/ob2/recipients/${CHAIN_ID}/0x90F79bf6EB2c4f870365E785982E1f101E93b906`);
    expect((await gw.inject({ method: "GET", url: `/ob3/issuers/${CHAIN_ID}/${chain.registry}/1` })).json().name).toBe("Base Academy");
    expect((await gw.inject({ method: "GET", url: `/ob2/assertions/31337/${uid}` })).statusCode).toBe(404);
  });

  it("takes the registry from the exported deployments, and explains what is missing", () => {
    const table = { [String(CHAIN_ID)]: { BadgeRegistry: { address: chain.registry, deployedOnBlock: 7 } } };
    expect(configFromEnv({ RPC_URL: chain.rpcUrl, CHAIN_ID: String(CHAIN_ID) }, table)).toMatchObject({
      registry: chain.registry,
      deployedOnBlock: 7n,
    });
    expect(() => configFromEnv({ RPC_URL: chain.rpcUrl, CHAIN_ID: String(CHAIN_ID) }, {})).toThrow(
      /No BadgeRegistry is exported for chain 84532/,
    );
    expect(() => configFromEnv({ CHAIN_ID: String(CHAIN_ID), REGISTRY_ADDRESS: chain.registry }, {})).toThrow(ConfigError);
    expect(() => configFromEnv({ CHAIN_ID: String(CHAIN_ID), REGISTRY_ADDRESS: chain.registry }, {})).toThrow(/RPC_URL is required/);
    expect(() => configFromEnv({ RPC_URL: chain.rpcUrl, CHAIN_ID: "abc", REGISTRY_ADDRESS: chain.registry }, {})).toThrow(
      /CHAIN_ID must be an integer/,
    );
    expect(() =>
      configFromEnv(
        { RPC_URL: chain.rpcUrl, CHAIN_ID: String(CHAIN_ID), REGISTRY_ADDRESS: chain.registry, PUBLIC_BASE_URL: "ftp://x" },
        {},
      ),
    ).toThrow(/PUBLIC_BASE_URL/);
  });

  it("the gateway's main.ts refuses a bad configuration with exit 2", () => {
    const result = spawnSync(process.execPath, ["gateway/src/main.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHAIN_ID: "8453", RPC_URL: "", REGISTRY_ADDRESS: "" },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/RPC_URL is required for chain 8453/);
  });
});
