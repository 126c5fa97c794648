// The verdict view of issue 13: the "untrusted-registry" verdict, which registry answered (on every
// verdict), the issuer's standing and a name an accredited issuer already uses, and the user's
// "Trusted registries" setting feeding the verifier's `trust`.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { TRUSTED_REGISTRIES_KEY } from "../src/lib/trustedRegistries.ts";
import type { RunOptions } from "../src/verify/run.ts";
import type { VerificationReport } from "../src/verify/types.ts";
import { fakeClient, REGISTRY, uid } from "./fakeRegistry.ts";
import { renderApp } from "./render.tsx";

const runVerification = vi.fn();
vi.mock("../src/verify/run.ts", () => ({ runVerification: (...args: unknown[]) => runVerification(...args) }));

const CLONE = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const steps = (over: Partial<Record<string, ["passed" | "failed" | "skipped" | "warning", string]>> = {}): VerificationReport["steps"] =>
  (["parse", "format", "proof", "anchor", "issuer", "status", "validity", "recipient"] as const).map((id) => {
    const [status, message] = over[id] ?? ["passed", `${id} ok`];
    // An uncoded step (run.uncoded) is shown by its English message, which these tests read.
    return { id, status, message, code: "run.uncoded" as const, params: {} };
  });
const credential = {
  issuer: { id: "https://gw.example/ob3/issuers/1", name: "Université de Lyon" },
  credentialSubject: { achievement: { name: "Data Literacy I" } },
};
const untrusted: VerificationReport = {
  verdict: "untrusted-registry",
  format: "ob3-data-integrity",
  steps: steps({ anchor: ["failed", `Registry ${CLONE} on chain 31337 is not one this verifier knows.`] }),
  credential,
  anchor: { chainId: 31337, registry: CLONE, uid: uid(7) },
};
const validOn = (registry: string, source: "deployment" | "user", issuer: VerificationReport["issuer"]): VerificationReport => ({
  verdict: "valid",
  format: "ob3-data-integrity",
  steps: steps(),
  credential,
  anchor: { chainId: 31337, registry: registry as `0x${string}`, uid: uid(7) },
  trust: { chainId: 31337, registry: registry as `0x${string}`, source },
  issuer,
});

async function dropBadge() {
  await userEvent.upload(await screen.findByLabelText(/Choose a file/), new File([PNG], "badge.png", { type: "image/png" }));
}

describe("Verdict view: trust root and issuer standing", () => {
  beforeEach(() => runVerification.mockReset());

  it("shows an untrusted registry in its own words and colour, names it, and trusting it makes the badge valid, trusted by you", async () => {
    runVerification.mockResolvedValueOnce(untrusted);
    runVerification.mockResolvedValueOnce(validOn(CLONE, "user", { id: 1, name: "Université de Lyon", standing: "self-declared" }));
    renderApp("/verify", { client: fakeClient({}) });
    await dropBadge();
    expect(await screen.findByRole("heading", { name: "Unknown registry" })).toBeInTheDocument();
    const verdict = document.querySelector("[data-verdict]") as HTMLElement;
    expect(verdict).toHaveAttribute("data-verdict", "untrusted-registry");
    expect(verdict).toHaveClass("verdict-untrusted");
    expect(
      within(verdict).getByText(`The badge names registry ${CLONE} on Hardhat · 31337, which is not a registry we know.`),
    ).toBeInTheDocument();
    expect(within(verdict).queryByText(/Self-declared issuer|Accredited issuer/)).not.toBeInTheDocument();
    expect(screen.queryByText("Valid badge")).not.toBeInTheDocument();

    // The verdict offers to trust the registry: the setting is filled in, nothing is trusted until the user adds it.
    await userEvent.click(within(verdict).getByRole("button", { name: "Trust this registry…" }));
    expect(screen.getByLabelText("Registry contract address")).toHaveValue(CLONE);
    expect(screen.getByLabelText("Chain id")).toHaveValue("31337");
    expect(localStorage.getItem(TRUSTED_REGISTRIES_KEY)).toBeNull();
    await userEvent.type(screen.getByLabelText(/Name \(your note\)/), "Consortium test registry");
    await userEvent.click(screen.getByRole("button", { name: "Trust this registry" }));

    // Stored, checked again with it, and the new verdict says on whose authority.
    expect(JSON.parse(localStorage.getItem(TRUSTED_REGISTRIES_KEY) ?? "[]")).toEqual([
      { chainId: 31337, registry: CLONE, label: "Consortium test registry" },
    ]);
    expect(await screen.findByText("Valid badge")).toBeInTheDocument();
    expect(runVerification).toHaveBeenCalledTimes(2);
    const second = runVerification.mock.calls[1]?.[1] as RunOptions;
    expect(second.trust).toContainEqual({ chainId: 31337, registry: CLONE, label: "Consortium test registry" });
    expect(document.querySelector(".verdict-answered")).toHaveTextContent(
      `Answered by registry ${CLONE} on Hardhat · 31337 — trusted by you “Consortium test registry” (Trusted registries setting).`,
    );
    expect(screen.getByRole("list", { name: "Registries you trust" })).toHaveTextContent("Consortium test registry");
  });

  it("passes the app's own registry and gateway origin to the verifier, and says a deployment answered", async () => {
    runVerification.mockResolvedValue(validOn(REGISTRY, "deployment", { id: 1, name: "Université de Lyon", standing: "accredited" }));
    renderApp("/verify", { client: fakeClient({}) });
    await dropBadge();
    expect(await screen.findByText("Valid badge")).toBeInTheDocument();
    const options = runVerification.mock.calls[0]?.[1] as RunOptions;
    expect(options.trustedOrigins).toEqual(["https://gw.example"]);
    expect(options.trust?.[0]).toMatchObject({ chainId: 31337, registry: REGISTRY });
    expect(document.querySelector(".verdict-answered")).toHaveTextContent(
      `registry ${REGISTRY} on Hardhat · 31337 — a Chancery deployment.`,
    );
    expect(document.querySelector("[data-standing]")).toHaveAttribute("data-standing", "accredited");
    expect(screen.getByText("Accredited issuer.")).toBeInTheDocument();
  });

  it("never presents a self-declared issuer like an accredited one", async () => {
    runVerification.mockResolvedValue(validOn(REGISTRY, "deployment", { id: 4, name: "Night School", standing: "self-declared" }));
    renderApp("/verify", { client: fakeClient({}) });
    await dropBadge();
    expect(await screen.findByText("Self-declared issuer.")).toBeInTheDocument();
    const standing = document.querySelector("[data-standing]") as HTMLElement;
    expect(standing).toHaveClass("standing-self-declared");
    expect(standing).not.toHaveClass("standing-accredited");
    expect(standing).toHaveTextContent("no authority vouches for this issuer");
    expect(screen.queryByText("Accredited issuer.")).not.toBeInTheDocument();
  });

  it("flags a name an accredited issuer already uses, in warning colour", async () => {
    runVerification.mockResolvedValue(
      validOn(REGISTRY, "deployment", {
        id: 9,
        name: "Université de Lyon",
        standing: "self-declared",
        sameNameAs: { id: 1, name: "Université de Lyon" },
      }),
    );
    renderApp("/verify", { client: fakeClient({}) });
    await dropBadge();
    const flag = await screen.findByRole("alert");
    expect(flag).toHaveTextContent("Another, accredited issuer uses this name.");
    expect(flag).toHaveTextContent("accredited issuer #1; this badge is from issuer #9");
    expect(flag).toHaveClass("standing-same-name");
    expect(document.querySelector("[data-verdict]")).toHaveClass("verdict-warn");
    expect(screen.getByRole("heading", { name: "Genuine record, borrowed name" })).toBeInTheDocument();
    expect(screen.queryByText("Valid badge")).not.toBeInTheDocument();
  });

  it("says which registry answered on every verdict, and when none did", async () => {
    runVerification.mockResolvedValueOnce({
      ...validOn(REGISTRY, "deployment", { id: 1, standing: "accredited" }),
      verdict: "revoked",
      steps: steps({ status: ["failed", "Revoked: issued in error."] }),
    });
    runVerification.mockResolvedValueOnce({ verdict: "error", format: "unknown", steps: steps({ parse: ["failed", "Not a badge."] }) });
    renderApp("/verify", { client: fakeClient({}) });
    await dropBadge();
    expect(await screen.findByRole("heading", { name: "Revoked" })).toBeInTheDocument();
    expect(document.querySelector(".verdict-answered")).toHaveTextContent(`Answered by registry ${REGISTRY} on Hardhat · 31337`);
    expect(within(document.querySelector(".asked") as HTMLElement).getByText("a Chancery deployment")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Verify another badge" }));
    await dropBadge();
    expect(await screen.findByRole("heading", { name: "Could not check" })).toBeInTheDocument();
    expect(document.querySelector(".verdict-answered")).toHaveTextContent("No registry answered");
  });
});

describe("Trusted registries setting", () => {
  it("refuses a malformed chain id or address, stores valid ones checksummed, and forgets on remove", async () => {
    renderApp("/verify", { client: fakeClient({}) });
    await userEvent.click(await screen.findByText("Trusted registries"));
    const chain = screen.getByLabelText("Chain id");
    const address = screen.getByLabelText("Registry contract address");
    const add = screen.getByRole("button", { name: "Trust this registry" });
    await userEvent.type(chain, "0");
    await userEvent.type(address, CLONE);
    await userEvent.click(add);
    expect(screen.getByText(/A chain id is a positive whole number/)).toBeInTheDocument();
    await userEvent.clear(chain);
    await userEvent.type(chain, "11155111");
    await userEvent.clear(address);
    await userEvent.type(address, "0x1234");
    await userEvent.click(add);
    expect(screen.getByText(/A registry address is 0x followed by 40 hexadecimal characters/)).toBeInTheDocument();
    expect(localStorage.getItem(TRUSTED_REGISTRIES_KEY)).toBeNull();

    await userEvent.clear(address);
    await userEvent.type(address, CLONE.toLowerCase());
    await userEvent.click(add);
    await waitFor(() =>
      expect(JSON.parse(localStorage.getItem(TRUSTED_REGISTRIES_KEY) ?? "[]")).toEqual([{ chainId: 11155111, registry: CLONE }]),
    );
    await userEvent.click(screen.getByRole("button", { name: `Stop trusting registry ${CLONE} on chain 11155111` }));
    expect(JSON.parse(localStorage.getItem(TRUSTED_REGISTRIES_KEY) ?? "[]")).toEqual([]);
    expect(screen.getByText("You trust no extra registry.")).toBeInTheDocument();
  });

  it("drops a hand-edited entry that is not a registry instead of trusting it", async () => {
    localStorage.setItem(
      TRUSTED_REGISTRIES_KEY,
      JSON.stringify([
        { chainId: 1, registry: "0xnot-an-address" },
        { chainId: -3, registry: CLONE },
        { chainId: 10, registry: CLONE },
      ]),
    );
    runVerification.mockResolvedValue(untrusted);
    renderApp("/verify", { client: fakeClient({}) });
    await dropBadge();
    await screen.findByRole("heading", { name: "Unknown registry" });
    const options = runVerification.mock.calls.at(-1)?.[1] as RunOptions;
    expect(options.trust?.slice(1)).toEqual([{ chainId: 10, registry: CLONE }]);
  });
});
