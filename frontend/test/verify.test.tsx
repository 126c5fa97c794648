import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { VerificationReport } from "../src/verify/types.ts";
import { fakeClient, REGISTRY, uid } from "./fakeRegistry.ts";
import { renderApp } from "./render.tsx";

const runVerification = vi.fn();
vi.mock("../src/verify/run.ts", () => ({ runVerification: (...args: unknown[]) => runVerification(...args) }));

const steps = (over: Partial<Record<string, ["passed" | "failed" | "skipped" | "warning", string]>> = {}): VerificationReport["steps"] =>
  (["parse", "format", "proof", "anchor", "issuer", "status", "validity", "recipient"] as const).map((id) => {
    const [status, message] = over[id] ?? ["passed", `${id} ok`];
    // An uncoded step (run.uncoded) is shown by its English message, which these tests read.
    return { id, status, message, code: "run.uncoded" as const, params: {} };
  });

const valid: VerificationReport = {
  verdict: "valid",
  format: "ob3-data-integrity",
  steps: steps({ recipient: ["skipped", "No recipient was given to compare with."] }),
  credential: {
    name: "Data Literacy I",
    issuer: { id: "https://gw.example/ob3/issuers/1", name: "Université de Lyon" },
    validFrom: "2026-01-15T10:00:00Z",
    credentialSubject: {
      achievement: { name: "Data Literacy I", description: "Reads and charts data." },
      identifier: [{ identityType: "name", hashed: false, identityHash: "Ada Lovelace" }],
    },
  },
  anchor: { chainId: 31337, registry: REGISTRY, uid: uid(1) },
};

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe("Verifier", () => {
  beforeEach(() => runVerification.mockReset());

  it("offers a file drop and a paste box, with no wallet", async () => {
    renderApp("/verify", { client: fakeClient({}) });
    expect(await screen.findByRole("heading", { name: "Verify a badge", level: 1 })).toBeInTheDocument();
    expect(screen.getByLabelText(/Choose a file/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("tab", { name: "Link or JSON" }));
    expect(screen.getByLabelText(/Paste a share link/)).toBeInTheDocument();
  });

  it("checks a dropped PNG and shows every step, the verdict and where it asked", async () => {
    runVerification.mockResolvedValue(valid);
    renderApp("/verify", { client: fakeClient({}) });
    await userEvent.upload(await screen.findByLabelText(/Choose a file/), new File([PNG], "badge.png", { type: "image/png" }));
    expect(await screen.findByText("Valid badge")).toBeInTheDocument();
    const [input, options] = runVerification.mock.calls[0]!;
    expect(input).toBeInstanceOf(Uint8Array);
    expect((options as { rpcUrl: string }).rpcUrl).toBe("http://127.0.0.1:8545");
    const list = screen.getByRole("list", { name: "Verification steps" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(8);
    expect(within(list).getByText("Issuer's signature")).toBeInTheDocument();
    expect(within(list).getByText("No recipient was given to compare with.")).toBeInTheDocument();
    expect(screen.getByText("Ada Lovelace")).toBeInTheDocument();
    expect(screen.getByText("Hardhat · 31337")).toBeInTheDocument();
    expect(screen.getByText("http://127.0.0.1:8545")).toBeInTheDocument();
  });

  it("gives the revocation reason in the verdict", async () => {
    runVerification.mockResolvedValue({
      ...valid,
      verdict: "revoked",
      steps: steps({ status: ["failed", "Revoked on 2026-02-01: issued in error (wrong learner)."] }),
    });
    renderApp("/verify", { client: fakeClient({}) });
    await userEvent.click(await screen.findByRole("tab", { name: "Link or JSON" }));
    await userEvent.type(screen.getByLabelText(/Paste a share link/), `https://app.example/verify/31337/${REGISTRY}/${uid(1)}`);
    await userEvent.click(screen.getByRole("button", { name: "Check this badge" }));
    expect(await screen.findByRole("heading", { name: "Revoked" })).toBeInTheDocument();
    expect(screen.getAllByText(/wrong learner/).length).toBeGreaterThan(0);
  });

  it("never shows an unchecked badge as valid when the chain is unreachable", async () => {
    runVerification.mockResolvedValue({
      verdict: "error",
      format: "ob3-data-integrity",
      steps: steps({ anchor: ["failed", "The chain's RPC did not answer."] }),
    });
    renderApp("/verify", { client: fakeClient({}) });
    await userEvent.upload(await screen.findByLabelText(/Choose a file/), new File([PNG], "badge.png", { type: "image/png" }));
    expect(await screen.findByRole("heading", { name: "Could not check" })).toBeInTheDocument();
    expect(screen.queryByText("Valid badge")).not.toBeInTheDocument();
  });

  it("refuses a file that is too large before reading it", async () => {
    renderApp("/verify", { client: fakeClient({}) });
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], "huge.png", { type: "image/png" });
    await userEvent.upload(await screen.findByLabelText(/Choose a file/), big);
    expect(await screen.findByText("File too large")).toBeInTheDocument();
    expect(runVerification).not.toHaveBeenCalled();
  });

  it("refuses a file that is not a badge", async () => {
    renderApp("/verify", { client: fakeClient({}) });
    // A dropped file bypasses the input's accept list, so the page checks the bytes itself.
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(await screen.findByLabelText(/Choose a file/), new File(["hello, world"], "notes.txt", { type: "text/plain" }));
    expect(await screen.findByText("This is not a badge")).toBeInTheDocument();
    expect(screen.getByText(/notes.txt/)).toBeInTheDocument();
    expect(runVerification).not.toHaveBeenCalled();
  });

  it("shows the steps as pending while it checks", async () => {
    let finish: (report: VerificationReport) => void = () => {};
    runVerification.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    renderApp("/verify", { client: fakeClient({}) });
    await userEvent.upload(await screen.findByLabelText(/Choose a file/), new File([PNG], "badge.png", { type: "image/png" }));
    expect(await screen.findByRole("heading", { name: "Checking the badge…" })).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Checking the badge…" })).toHaveAttribute("aria-busy", "true");
    finish(valid);
    expect(await screen.findByText("Valid badge")).toBeInTheDocument();
  });

  it("verifies a share link opened directly, key included", async () => {
    runVerification.mockResolvedValue(valid);
    const key = "A".repeat(43);
    renderApp(`/verify/31337/${REGISTRY}/${uid(1)}#k=${key}`, { client: fakeClient({}) });
    expect(await screen.findByText("Valid badge")).toBeInTheDocument();
    await waitFor(() => expect(runVerification).toHaveBeenCalledTimes(1));
    expect(String(runVerification.mock.calls[0]![0])).toContain(`/verify/31337/${REGISTRY}/${uid(1)}`);
    expect(screen.getByRole("link", { name: "Open the badge page" })).toBeInTheDocument();
  });

  it("says when a share link is damaged", async () => {
    renderApp(`/verify/31337/0x1234/${uid(1)}`, { client: fakeClient({}) });
    expect(await screen.findByText("This link is damaged")).toBeInTheDocument();
    expect(runVerification).not.toHaveBeenCalled();
  });
});
