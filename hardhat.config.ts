import { createRequire } from "node:module";
import hardhatIgnitionViem from "@nomicfoundation/hardhat-ignition-viem";
import hardhatKeystore from "@nomicfoundation/hardhat-keystore";
import hardhatMocha from "@nomicfoundation/hardhat-mocha";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import hardhatVerify from "@nomicfoundation/hardhat-verify";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import hardhatViemAssertions from "@nomicfoundation/hardhat-viem-assertions";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// The compiler is the solc-js build shipped in the npm `solc` package: no download.
// Hardhat reports the configured version whatever the file really is, so refuse a mismatch.
const SOLC_VERSION = "0.8.30";
const solcPackageVersion: string = require("solc/package.json").version;
if (solcPackageVersion !== SOLC_VERSION) {
  throw new Error(
    `hardhat.config.ts pins solc ${SOLC_VERSION} but node_modules has solc ${solcPackageVersion}. ` +
      `Run \`npm i -D -E solc@${SOLC_VERSION}\` or change SOLC_VERSION.`,
  );
}

const COMPILER = {
  version: SOLC_VERSION,
  path: require.resolve("solc/soljson.js"),
  settings: {
    optimizer: { enabled: true, runs: 10_000 },
    viaIR: true,
    evmVersion: "prague",
  },
};

/** A public network whose RPC URL and deployer key come from the environment or Hardhat's keystore. */
function publicNetwork(prefix: string, chainId: number) {
  return {
    type: "http" as const,
    chainType: chainId === 10 || chainId === 8453 || chainId === 84532 ? ("op" as const) : ("l1" as const),
    chainId,
    url: configVariable(`${prefix}_RPC_URL`),
    accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
  };
}

export default defineConfig({
  plugins: [hardhatMocha, hardhatViem, hardhatViemAssertions, hardhatNetworkHelpers, hardhatIgnitionViem, hardhatKeystore, hardhatVerify],
  solidity: {
    profiles: {
      default: { compilers: [COMPILER] },
      // Ignition deploys with the production profile. An isolated build compiles Common.sol (types
      // only, no contract) on its own, and Hardhat's node then refuses to start on that build info
      // ("missing field `contracts`"): compile production builds as one job, like the default.
      production: { compilers: [COMPILER], isolated: false },
    },
  },
  paths: {
    sources: "contracts",
    tests: { mocha: "test", solidity: "test/solidity" },
    ignition: "deploy",
  },
  test: {
    mocha: { timeout: 120_000 },
    // A fixed seed: fuzz runs are reproducible from one CI run to the next.
    solidity: { fuzz: { runs: 256, seed: "0x6368616e636572792d66757a7a2d7365656400000000000000000000000000" } },
  },
  networks: {
    hardhat: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: process.env.LOCAL_RPC_URL ?? "http://127.0.0.1:8545" },
    sepolia: publicNetwork("SEPOLIA", 11155111),
    baseSepolia: publicNetwork("BASE_SEPOLIA", 84532),
    base: publicNetwork("BASE", 8453),
    optimism: publicNetwork("OPTIMISM", 10),
    polygon: publicNetwork("POLYGON", 137),
    arbitrum: publicNetwork("ARBITRUM", 42161),
  },
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
  },
});
