import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ADMIN, achievement, fakeClient, LEARNER, uid } from "./fakeRegistry.ts";
import { renderApp } from "./render.tsx";

const issuer = { issuerId: 1, admin: ADMIN, name: "Université de Lyon", url: "https://univ-lyon.example" };

describe("Issuer console", () => {
  it("asks to connect a wallet first", async () => {
    renderApp("/issue", { client: fakeClient({}) });
    expect(await screen.findByRole("heading", { name: "Connect your wallet" })).toBeInTheDocument();
  });

  it("offers to switch network when the wallet is on another chain", async () => {
    renderApp("/issue", { client: fakeClient({}), account: ADMIN, wrongNetwork: true });
    expect((await screen.findAllByText("Your wallet is on another network")).length).toBeGreaterThan(0);
    expect(screen.getAllByRole("button", { name: "Switch to Hardhat" }).length).toBeGreaterThan(0);
  });

  it("shows the registration form to a wallet with no institution, and checks it", async () => {
    renderApp("/issue", { client: fakeClient({}), account: ADMIN });
    expect(await screen.findByRole("heading", { name: "Register your institution" })).toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toBeInTheDocument();
    expect(screen.getByLabelText("Website")).toBeInTheDocument();
    expect(screen.getByLabelText(/Contact e-mail/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Description/)).toBeInTheDocument();
    expect(screen.getByText("Logo")).toBeInTheDocument();
    // The logo's file input is named after its field, not only "Drop an image".
    expect(screen.getByLabelText(/^Logo Drop an image/)).toHaveAttribute("type", "file");
    await userEvent.type(screen.getByLabelText(/Contact e-mail/), "not-an-email");
    await userEvent.click(screen.getByRole("button", { name: "Register on chain" }));
    expect(screen.getByText("Enter the institution's name.")).toBeInTheDocument();
    expect(screen.getByText(/full web address/)).toBeInTheDocument();
    expect(screen.getByText("Enter a valid e-mail address.")).toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
  });

  it("shows the dashboard of the wallet's institution with its standing", async () => {
    const client = fakeClient({
      issuers: [{ ...issuer, status: 2 }],
      classes: [{ classId: 1, issuerId: 1, content: achievement("Data Literacy I") }],
    });
    renderApp("/issue", { client, account: ADMIN });
    expect(await screen.findByRole("heading", { name: "Université de Lyon", level: 1 })).toBeInTheDocument();
    expect(screen.getAllByText("Accredited").length).toBeGreaterThan(0);
    expect(screen.getAllByText("Admin").length).toBeGreaterThan(0);
    expect(await screen.findByText("Getting started")).toBeInTheDocument();
    const tabs = screen.getByRole("navigation", { name: "Issuer console sections" });
    expect(within(tabs).getByRole("link", { name: "Award a badge" })).toHaveAttribute("href", "/issue/award");
  });

  it("shows a suspended institution the reason and blocks issuing", async () => {
    const client = fakeClient({
      issuers: [{ ...issuer, status: 3, reason: "Audit of the 2026 exams pending", statusChangedAt: 1_760_000_000 }],
    });
    renderApp("/issue", { client, account: ADMIN });
    expect(await screen.findByText("Your institution is suspended")).toBeInTheDocument();
    expect(await screen.findByText("Audit of the 2026 exams pending")).toBeInTheDocument();
  });

  it("asks once more before revoking the signing key, saying what it does", async () => {
    const key = `0x${"ab".repeat(32)}` as const;
    const client = fakeClient({ issuers: [issuer], keys: { 1: [key] } });
    renderApp("/issue/team", { client, account: ADMIN });
    await userEvent.click(await screen.findByRole("button", { name: "Revoke" }));
    const confirm = screen.getByRole("group", { name: "Revoke this signing key?" });
    expect(within(confirm).getByText(/Revoking is final\. Badges already signed with this key stay valid/)).toBeInTheDocument();
    expect(within(confirm).getByRole("button", { name: "Revoke the key" })).toBeInTheDocument();
    await userEvent.click(within(confirm).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("group", { name: "Revoke this signing key?" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Revoke" })).toBeInTheDocument();
  });

  it("lists badge classes with their images, and an empty state", async () => {
    const client = fakeClient({
      issuers: [issuer],
      classes: [
        { classId: 1, issuerId: 1, content: achievement("Data Literacy I") },
        { classId: 2, issuerId: 1, content: achievement("Old Course"), retired: true },
      ],
    });
    renderApp("/issue/classes", { client, account: ADMIN });
    expect(await screen.findByRole("heading", { name: "Data Literacy I" })).toBeInTheDocument();
    expect(screen.getByText("Retired")).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Retire this class" })).toHaveLength(1);

    const empty = fakeClient({ issuers: [issuer] });
    renderApp("/issue/classes", { client: empty, account: ADMIN });
    expect(await screen.findByText("No badge class yet")).toBeInTheDocument();
  });

  it("opens the class form with a live preview and required fields", async () => {
    renderApp("/issue/classes", { client: fakeClient({ issuers: [issuer] }), account: ADMIN });
    await userEvent.click((await screen.findAllByRole("button", { name: "Create a badge class" }))[0]!);
    await userEvent.type(screen.getByLabelText("Badge name"), "Statistics II");
    expect(within(screen.getByLabelText("Preview")).getByRole("heading", { name: "Statistics II" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Publish the class" }));
    expect(screen.getByText("Describe what the badge certifies.")).toBeInTheDocument();
    expect(screen.getByText("Add the badge image.")).toBeInTheDocument();
  });

  it("asks for a class before awarding, then shows the award form with a live preview", async () => {
    renderApp("/issue/award", { client: fakeClient({ issuers: [issuer] }), account: ADMIN });
    expect(await screen.findByText("Create a badge class first")).toBeInTheDocument();

    renderApp("/issue/award", {
      client: fakeClient({ issuers: [issuer], classes: [{ classId: 1, issuerId: 1, content: achievement("Data Literacy I") }] }),
      account: ADMIN,
    });
    const preview = await screen.findByLabelText("Live preview");
    await userEvent.type(screen.getByLabelText(/Full name/), "Ada Lovelace");
    expect(within(preview).getByText("Ada Lovelace")).toBeInTheDocument();
    expect(within(preview).getByRole("heading", { name: "Data Literacy I" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Sign and award" }));
    expect(screen.getByText("Give the recipient's e-mail or wallet.")).toBeInTheDocument();
  });

  it("lists issued badges with status, search and revoke", async () => {
    const client = fakeClient({
      issuers: [issuer],
      classes: [{ classId: 1, issuerId: 1, content: achievement("Data Literacy I") }],
      badges: [
        { uid: uid(1), issuerId: 1, classId: 1, recipient: LEARNER, issuedAt: 1_760_000_000 },
        {
          uid: uid(2),
          issuerId: 1,
          classId: 1,
          issuedAt: 1_760_000_100,
          revokedAt: 1_760_100_000,
          reason: "Issued to the wrong learner",
          block: 6,
        },
      ],
    });
    renderApp("/issue/issued", { client, account: ADMIN });
    expect(await screen.findByText("Revoked: Issued to the wrong learner")).toBeInTheDocument();
    expect(screen.getAllByText("Valid").length).toBeGreaterThan(0);
    expect(screen.getAllByRole("button", { name: "Revoke" })).toHaveLength(1);
    await userEvent.click(screen.getByRole("button", { name: "Revoke" }));
    expect(screen.getByLabelText("Reason shown to verifiers")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Revoke the badge" })).toBeDisabled();
    await userEvent.type(screen.getByLabelText("Search"), "0x00000000000000000000000000000000000000000000000000000000000000ff");
    expect(screen.getByText("Nothing matches your search")).toBeInTheDocument();
  });

  it("shows an empty issued list", async () => {
    renderApp("/issue/issued", { client: fakeClient({ issuers: [issuer] }), account: ADMIN });
    expect(await screen.findByText("No badge issued yet")).toBeInTheDocument();
  });

  it("explains a failed read and retries", async () => {
    const client = fakeClient({ issuers: [issuer], failing: { IssuerRegistered: "fetch failed" } });
    renderApp("/issue", { client, account: ADMIN });
    expect(await screen.findByText("The chain cannot be reached")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("shows signers with their windows and the signing-key step", async () => {
    renderApp("/issue/team", { client: fakeClient({ issuers: [issuer] }), account: ADMIN });
    expect(await screen.findByRole("button", { name: "Derive my signing key" })).toBeInTheDocument();
    expect(screen.getByText("No key registered yet.")).toBeInTheDocument();
    expect(await screen.findByText(/no end date/)).toBeInTheDocument();
    expect(screen.getByLabelText("Wallet address")).toBeInTheDocument();
  });
});
