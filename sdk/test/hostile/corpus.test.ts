// The hostile corpus (issue 13, part 8): hundreds of generated attacks on verifyBadge — cloned and
// foreign registries, impostor issuers, tampered and unsigned fields, forged JWS, hostile PNG/SVG,
// hosted copies on an attacker's host, slow/endless/lying hosts and RPCs, private addresses, bad
// share links — against a real Hardhat node and attacker servers on loopback. Each case must end
// in a report that is not "valid" (in its expected verdict family where that is certain), within
// its wall bound and 2 s of CPU. The figures by class are printed and written under the OS temp dir.
import {
  buildWorld,
  type HostileCase,
  hostileClasses,
  type Outcome,
  type Report,
  reasonOf,
  runCase,
  servedByAllowedGateway,
  tableOf,
  type World,
  wallBoundOf,
  writeFigures,
} from "@chancery/testing/hostile";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyBadge } from "../../src/verify/index.ts";

let world: World;
const outcomes: (Outcome & { reason?: string })[] = [];
const classes = hostileClasses();

/** What every case starts from: the real registry trusted (as a user would add it) and a client for its chain. */
const baseOptions = (w: World): Record<string, unknown> => ({
  publicClient: w.chain.publicClient,
  trust: [w.trusted],
  registries: { [w.trusted.chainId]: { address: w.trusted.registry, deployedOnBlock: w.trusted.deployedOnBlock } },
});

const verify = (input: unknown, options: Record<string, unknown>) =>
  verifyBadge(
    input as Parameters<typeof verifyBadge>[0],
    options as Parameters<typeof verifyBadge>[1],
  ) as Promise<unknown> as Promise<Report>;

beforeAll(async () => {
  world = await buildWorld();
}, 240_000);

afterAll(async () => {
  if (outcomes.length) {
    const file = writeFigures("chancery-hostile-corpus", outcomes);
    console.log(`\nHostile corpus (sdk), ${outcomes.length} cases:\n${tableOf(outcomes)}\n(figures and failing cases in ${file})\n`);
  }
  await world?.stop();
}, 60_000);

describe("the hostile corpus", () => {
  it("has at least 300 generated cases with distinct names, in every class", () => {
    const all = classes.flatMap((c) => c.cases);
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(new Set(all.map((c) => `${c.cls}: ${c.name}`)).size).toBe(all.length);
    for (const c of classes) expect(c.cases.length, c.cls).toBeGreaterThan(0);
  });

  // Controls (not hostile): the paths the corpus attacks do verify when nothing is tampered with,
  // so the refusals below are for the attack, not for the set-up.
  it("control: a genuine badge of the real registry is valid with the corpus options", async () => {
    const report = await verify(structuredClone(world.uni.plain.credential), baseOptions(world));
    expect(report.verdict, reasonOf(report)).toBe("valid");
  });

  it("control: the genuine hosted assertion, served by the gateway the issuer allows on chain, is valid", async () => {
    const report = await verify(servedByAllowedGateway(world), { ...baseOptions(world), fetch: world.fetch });
    expect(report.verdict, reasonOf(report)).toBe("valid");
  });
});

async function check(c: HostileCase) {
  const outcome = await runCase(c, world, verify, baseOptions(world));
  const { report, ...figures } = outcome;
  outcomes.push({ ...figures, reason: reasonOf(report) });
  expect(outcome.failures, `${outcome.verdict}: ${reasonOf(report)}`).toEqual([]);
}

for (const { cls, concurrent, cases } of classes) {
  const group = concurrent ? describe.concurrent : describe;
  group(cls, () => {
    for (const c of cases) it(c.name, () => check(c), wallBoundOf(c) + 15_000);
  });
}
