import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ADMIN, achievement, fakeClient, LEARNER, REGISTRY, uid } from "./fakeRegistry.ts";
import { renderApp } from "./render.tsx";

const issuer = { issuerId: 1, admin: ADMIN, name: "Université de Lyon" };
const classes = [
  { classId: 1, issuerId: 1, content: achievement("Data Literacy I") },
  { classId: 2, issuerId: 1, content: achievement("Statistics II") },
];
const now = Math.floor(Date.now() / 1000);

describe("Learner page", () => {
  it("shows a grid of badge cards with image, name, issuer, date and status", async () => {
    const client = fakeClient({
      issuers: [issuer],
      classes,
      badges: [
        { uid: uid(1), issuerId: 1, classId: 1, recipient: LEARNER, issuedAt: now - 86_400 },
        {
          uid: uid(2),
          issuerId: 1,
          classId: 2,
          recipient: LEARNER,
          issuedAt: now - 2 * 86_400,
          revokedAt: now - 3600,
          reason: "Issued in error",
        },
        { uid: uid(3), issuerId: 1, classId: 2, recipient: LEARNER, issuedAt: now - 400 * 86_400, expiresAt: now - 86_400 },
        { uid: uid(4), issuerId: 1, classId: 1, recipient: LEARNER, issuedAt: now - 500, erased: true },
      ],
    });
    renderApp(`/learner/${LEARNER}`, { client });
    const first = (await screen.findByRole("heading", { name: "Data Literacy I" })).closest("li")!;
    expect(within(first).getByText("Université de Lyon")).toBeInTheDocument();
    expect(within(first).getByText("Valid")).toBeInTheDocument();
    expect(within(first).getByRole("link")).toHaveAttribute("href", `/badge/31337/${uid(1)}`);
    expect(first.querySelector("img")).toHaveAttribute("src", expect.stringMatching(/^data:image\/svg\+xml/));
    expect(screen.getByText("Revoked")).toBeInTheDocument();
    expect(screen.getByText("Expired")).toBeInTheDocument();
    expect(screen.getByText("3 badges")).toBeInTheDocument();
    expect(screen.getByText("1 erased badge is not shown.")).toBeInTheDocument();
  });

  it("links to the full badge when this device holds its key", async () => {
    localStorage.setItem(
      "chancery.badgeKeys.v1",
      JSON.stringify([{ chainId: 31337, registry: REGISTRY, uid: uid(1), key: "K".repeat(43), savedAt: 1 }]),
    );
    const client = fakeClient({
      issuers: [issuer],
      classes,
      badges: [{ uid: uid(1), issuerId: 1, classId: 1, recipient: LEARNER, issuedAt: now }],
    });
    renderApp(`/learner/${LEARNER}`, { client });
    const card = (await screen.findByRole("heading", { name: "Data Literacy I" })).closest("a")!;
    expect(card).toHaveAttribute("href", `/badge/31337/${uid(1)}#k=${"K".repeat(43)}`);
  });

  it("shows an empty state for an address with no badges", async () => {
    renderApp(`/learner/${LEARNER}`, { client: fakeClient({ issuers: [issuer], classes }) });
    expect(await screen.findByText("No badge for this address")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Verify a badge file" })).toHaveAttribute("href", "/verify");
  });

  it("says 'My badges' to the connected owner", async () => {
    renderApp(`/learner/${LEARNER}`, { client: fakeClient({ issuers: [issuer] }), account: LEARNER });
    expect(await screen.findByRole("heading", { name: "My badges", level: 1 })).toBeInTheDocument();
    expect(await screen.findByText("No badge yet")).toBeInTheDocument();
  });

  it("shows loading placeholders, then an error in plain words with a retry", async () => {
    renderApp(`/learner/${LEARNER}`, { client: fakeClient({ issuers: [issuer], failing: { getLogs: "fetch failed" } }) });
    expect(await screen.findByText("The chain cannot be reached")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("refuses something that is not an address", async () => {
    renderApp("/learner/0x1234", { client: fakeClient({}) });
    expect(await screen.findByText("This is not a wallet address")).toBeInTheDocument();
  });

  it("offers to connect or look up an address under My badges", async () => {
    renderApp("/learner", { client: fakeClient({}) });
    expect(await screen.findByRole("heading", { name: "Look up an address" })).toBeInTheDocument();
  });

  it("goes to the connected wallet's badges from My badges", async () => {
    const { router } = renderApp("/learner", { client: fakeClient({}), account: LEARNER });
    await screen.findByRole("heading", { name: "My badges", level: 1 });
    await screen.findByText("No badge yet");
    expect(router.state.location.pathname).toBe(`/learner/${LEARNER}`);
  });
});

describe("Badge page", () => {
  const state = {
    issuers: [issuer],
    classes,
    badges: [
      { uid: uid(1), issuerId: 1, classId: 1, recipient: LEARNER, issuedAt: now - 86_400 },
      { uid: uid(2), issuerId: 1, classId: 1, recipient: LEARNER, issuedAt: now - 86_400, revokedAt: now - 60, reason: "Exam retaken" },
      { uid: uid(3), issuerId: 1, classId: 1, recipient: LEARNER, issuedAt: now - 86_400, erased: true },
    ],
  };

  it("shows the on-chain record, share links and the hosted URL without the key", async () => {
    renderApp(`/badge/31337/${uid(1)}`, { client: fakeClient(state) });
    expect(await screen.findByRole("heading", { name: "Data Literacy I", level: 1 })).toBeInTheDocument();
    expect(screen.getByText("Only the record is shown")).toBeInTheDocument();
    expect(screen.getByLabelText("Share link")).toHaveValue(`http://localhost:3000/verify/31337/${REGISTRY}/${uid(1)}`);
    expect(screen.getByRole("link", { name: "Add to LinkedIn profile" })).toHaveAttribute(
      "href",
      expect.stringContaining("linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Data+Literacy+I"),
    );
    expect(screen.getByText(`https://gw.example/ob2/assertions/31337/${uid(1)}`)).toBeInTheDocument();
    expect(await screen.findByAltText("QR code of the share link", undefined, { timeout: 5000 })).toBeInTheDocument();
  });

  it("shows a revoked badge with the issuer's reason", async () => {
    renderApp(`/badge/31337/${uid(2)}`, { client: fakeClient(state) });
    expect(await screen.findByText("Reason: Exam retaken")).toBeInTheDocument();
    expect(screen.getAllByText("Revoked").length).toBeGreaterThan(0);
  });

  it("discloses nothing about an erased badge", async () => {
    renderApp(`/badge/31337/${uid(3)}`, { client: fakeClient(state) });
    expect(await screen.findByText("This badge was erased")).toBeInTheDocument();
    expect(screen.queryByText("Data Literacy I")).not.toBeInTheDocument();
  });

  it("says when no such badge exists, or when it is on another chain", async () => {
    renderApp(`/badge/31337/${uid(9)}`, { client: fakeClient(state) });
    expect(await screen.findByText("No such badge")).toBeInTheDocument();
    renderApp(`/badge/8453/${uid(1)}`, { client: fakeClient(state) });
    expect(await screen.findByText("This badge is on another chain")).toBeInTheDocument();
  });
});
