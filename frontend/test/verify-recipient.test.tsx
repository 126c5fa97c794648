import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { contentUnverified, onlyRecipientFailed, parseExpectedRecipient } from "../src/verify/recipient.ts";
import type { VerificationReport } from "../src/verify/types.ts";
import { fakeClient, REGISTRY, uid } from "./fakeRegistry.ts";
import { renderApp } from "./render.tsx";

const runVerification = vi.fn();
vi.mock("../src/verify/run.ts", () => ({ runVerification: (...args: unknown[]) => runVerification(...args) }));

type Over = Partial<Record<string, ["passed" | "failed" | "skipped" | "warning", string]>>;
const steps = (over: Over = {}): VerificationReport["steps"] =>
  (["parse", "format", "proof", "anchor", "issuer", "status", "validity", "recipient"] as const).map((id) => {
    const [status, message] = over[id] ?? ["passed", `${id} ok`];
    // An uncoded step (run.uncoded) is shown by its English message, which these tests read.
    return { id, status, message, code: "run.uncoded" as const, params: {} };
  });

const credential = {
  issuer: { id: "https://gw.example/ob3/issuers/1", name: "Université de Lyon" },
  validFrom: "2026-01-15T10:00:00Z",
  credentialSubject: { achievement: { name: "Data Literacy I" } },
  evidence: [{ id: "https://evidence.example/ada", name: "Final project" }],
};
const report = (verdict: VerificationReport["verdict"], over: Over, recipient?: VerificationReport["recipient"]): VerificationReport => ({
  verdict,
  format: "ob3-data-integrity",
  steps: steps(over),
  credential,
  anchor: { chainId: 31337, registry: REGISTRY, uid: uid(1) },
  ...(recipient ? { recipient } : {}),
});
const WALLET = "0x00000000000000000000000000000000000000a1";

describe("the recipient field", () => {
  it("reads an e-mail or a plain wallet address, and says what is wrong otherwise", () => {
    expect(parseExpectedRecipient("  ")).toEqual({ ok: true });
    expect(parseExpectedRecipient(" ada@example.org ")).toEqual({ ok: true, expected: { email: "ada@example.org" } });
    expect(parseExpectedRecipient(WALLET.toUpperCase().replace("0X", "0x"))).toEqual({
      ok: true,
      expected: { wallet: "0x00000000000000000000000000000000000000A1" },
    });
    expect(parseExpectedRecipient("0x1234")).toEqual({ ok: false, error: "wallet-length" });
    expect(parseExpectedRecipient(`0x${"g".repeat(40)}`)).toEqual({ ok: false, error: "wallet-characters" });
    expect(parseExpectedRecipient("ada.eth")).toEqual({ ok: false, error: "ens" });
    expect(parseExpectedRecipient("ada@")).toEqual({ ok: false, error: "not-an-address" });
  });

  it("tells a recipient-only failure and an unproven document apart", () => {
    const mismatch = report("invalid", { recipient: ["failed", "This badge was not issued to bob@example.org."] });
    expect(onlyRecipientFailed(mismatch)).toBe(true);
    expect(contentUnverified(mismatch)).toBe(false);
    const tampered = report("invalid", { proof: ["failed", "The signature does not match."] });
    expect(onlyRecipientFailed(tampered)).toBe(false);
    expect(contentUnverified(tampered)).toBe(true);
    expect(contentUnverified(report("revoked", { status: ["failed", "Revoked."] }))).toBe(false);
  });
});

describe("Verifier: is it this person's badge?", () => {
  beforeEach(() => runVerification.mockReset());

  async function check(value: string) {
    const field = await screen.findByLabelText(/E-mail address or wallet address/);
    await userEvent.clear(field);
    await userEvent.type(field, value);
    await userEvent.click(screen.getByRole("button", { name: "Check" }));
  }
  async function paste() {
    await userEvent.click(await screen.findByRole("tab", { name: "Link or JSON" }));
    await userEvent.type(screen.getByLabelText(/Paste a share link/), `https://app.example/verify/31337/${REGISTRY}/${uid(1)}`);
    await userEvent.click(screen.getByRole("button", { name: "Check this badge" }));
  }

  it("passes the e-mail to the verifier, and a mismatch shows at the top in red, with its own verdict words", async () => {
    runVerification.mockResolvedValue(
      report("invalid", { recipient: ["failed", "This badge was not issued to bob@example.org."] }, { email: "not-matched" }),
    );
    renderApp("/verify", { client: fakeClient({}) });
    await check("bob@example.org");
    await paste();
    const answer = await screen.findByRole("alert");
    expect(answer).toHaveAttribute("data-recipient", "email-not-matched");
    expect(within(answer).getByText("Not awarded to this e-mail address")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Not this person’s badge" })).toBeInTheDocument();
    expect(runVerification.mock.calls[0]?.[1]).toMatchObject({ expectedRecipient: { email: "bob@example.org" } });
    // The verdict comes first, the answer right under it: both before the steps.
    const result = document.querySelector(".verify-result")!;
    expect(result.firstElementChild).toHaveAttribute("data-verdict", "invalid");
    expect(result.children[1]).toBe(answer);
    // Genuine content, not this person's: the card is marked, its fields are not called unverified.
    expect(screen.getByText("Do not rely on what this badge says")).toBeInTheDocument();
    expect(document.querySelector("[data-unverified]")).toBeNull();
  });

  it("changing the recipient checks the badge on screen again; a badge naming no wallet cannot be checked (never a pass)", async () => {
    runVerification.mockResolvedValueOnce(report("valid", { recipient: ["passed", "Issued to ada@example.org."] }, { email: "matched" }));
    renderApp("/verify", { client: fakeClient({}) });
    await check("ada@example.org");
    await paste();
    expect(await screen.findByText("Awarded to this e-mail address")).toBeInTheDocument();
    expect(screen.queryByText("Do not rely on what this badge says")).toBeNull();
    runVerification.mockResolvedValueOnce(
      report(
        "valid",
        { recipient: ["warning", "This badge names no wallet, so it cannot be checked against the one given."] },
        { wallet: "not-named" },
      ),
    );
    await check(WALLET);
    expect(await screen.findByText("This badge names no wallet, so it cannot be checked")).toBeInTheDocument();
    expect(document.querySelector("[data-recipient]")).toHaveAttribute("data-recipient", "wallet-not-named");
    expect(runVerification).toHaveBeenCalledTimes(2);
    expect(runVerification.mock.calls[1]?.[1]).toMatchObject({
      expectedRecipient: { wallet: "0x00000000000000000000000000000000000000A1" },
    });
  });

  it("refuses what is neither an e-mail nor a wallet, and says why", async () => {
    renderApp("/verify", { client: fakeClient({}) });
    await check("0x1234");
    expect(await screen.findByText(/40 hexadecimal characters; this one has 4/)).toBeInTheDocument();
    await check("ada.eth");
    expect(await screen.findByText(/ENS names such as ada.eth are not looked up/)).toBeInTheDocument();
    expect(runVerification).not.toHaveBeenCalled();
  });

  it("shows a tampered badge's content under the warning, each field labelled unverified, its links not clickable", async () => {
    runVerification.mockResolvedValue(report("invalid", { proof: ["failed", "The issuer's signature does not match the content."] }));
    renderApp("/verify", { client: fakeClient({}) });
    await paste();
    const card = await waitFor(() => {
      const el = document.querySelector(".untrusted-card");
      if (!el) throw new Error("no untrusted card yet");
      return el as HTMLElement;
    });
    expect(card).toHaveAttribute("data-untrusted", "unverified");
    expect(within(card).getByText("Do not rely on what this badge says")).toBeInTheDocument();
    expect(within(card).getByText("The issuer's signature does not match the content.")).toBeInTheDocument();
    expect(within(card).getAllByText("unverified").length).toBeGreaterThanOrEqual(4);
    expect(within(card).getByText("https://evidence.example/ada").tagName).toBe("CODE");
  });
});

describe("a wallet matched without an on-chain record", () => {
  it("says the document names it, not the chain", async () => {
    const { recipientAnswer } = await import("../src/verify/recipient.ts");
    const unanchored = report(
      "unanchored",
      { anchor: ["warning", "Not on chain."], recipient: ["passed", "Issued to the wallet."] },
      { wallet: "matched" },
    );
    expect(recipientAnswer(unanchored, { wallet: WALLET })).toMatchObject({ kind: "matched", documentOnly: true });
    const anchored = report("valid", {}, { wallet: "matched" });
    expect(recipientAnswer(anchored, { wallet: WALLET })).toEqual({ kind: "matched", identity: "wallet", value: WALLET });
  });
});
