// Badge images on screen never load anything from elsewhere: SVGs with external references are
// refused, remote images are not fetched, and every <img> the verdict view renders is a data: URI.
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { bakedSvg } from "../src/lib/bake.ts";
import { displayImage } from "../src/lib/displayImage.ts";
import { prepareImage } from "../src/lib/images.ts";
import { toDataUri } from "../src/sdk/light.ts";
import type { VerificationReport } from "../src/verify/types.ts";
import { fakeClient, REGISTRY, uid } from "./fakeRegistry.ts";
import { renderApp } from "./render.tsx";

const runVerification = vi.fn();
vi.mock("../src/verify/run.ts", () => ({ runVerification: (...args: unknown[]) => runVerification(...args) }));

const svg = (inner: string, attrs = "") =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs} viewBox="0 0 10 10">${inner}</svg>`;
const SAFE = svg(
  '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><circle id="c" r="4"/></defs><use href="#c" fill="url(#g)"/><image href="data:image/png;base64,iVBORw0KGgo="/>',
);
const HOSTILE: Record<string, string> = {
  "use href to another document": svg('<use href="https://tracker.example/sprite.svg#icon"/>'),
  "xlink:href to another document": svg('<use xlink:href="//tracker.example/s.svg#i"/>'),
  "image not data:": svg('<image href="http://169.254.169.254/latest/meta-data"/>'),
  "@import in style": svg('<style>@import url("https://tracker.example/x.css");</style><rect width="1" height="1"/>'),
  "@import without url()": svg("<style>@import 'https://tracker.example/x.css';</style>"),
  "external url() in an attribute": svg('<rect width="5" height="5" fill="url(https://tracker.example/p.svg#p)"/>'),
  "external url() in a style attribute": svg('<rect width="5" height="5" style="background:url(//tracker.example/a.png)"/>'),
  "CSS escape spelling @import": svg("<style>@\\69mport 'https://tracker.example/x.css';</style>"),
  "image-set()": svg("<style>rect{background:image-set('https://tracker.example/a.png' 1x)}</style>"),
  "entity-encoded href": svg('<use href="&#104;ttps://tracker.example/s.svg#i"/>'),
};

describe("displayImage", () => {
  it("shows a self-contained SVG (fragments and data: only) as a data: URI of the checked text", () => {
    const shown = displayImage(toDataUri("image/svg+xml", SAFE));
    expect(shown.src).toMatch(/^data:image\/svg\+xml/);
    expect(shown.blocked).toBeUndefined();
  });

  it.each(Object.entries(HOSTILE))("refuses an SVG with %s", (_what, text) => {
    expect(displayImage(toDataUri("image/svg+xml", text))).toEqual({ blocked: "unsafe" });
  });

  it("refuses scripts and handlers (the sdk's assertSafeSvg) and anything that is not an image data: URI", () => {
    expect(displayImage(toDataUri("image/svg+xml", svg("<script>alert(1)</script>")))).toEqual({ blocked: "unsafe" });
    expect(displayImage(toDataUri("image/svg+xml", svg("", 'onload="alert(1)"')))).toEqual({ blocked: "unsafe" });
    expect(displayImage("javascript:alert(1)")).toEqual({ blocked: "unsafe" });
    expect(displayImage("data:text/html,<script>alert(1)</script>")).toEqual({ blocked: "unsafe" });
  });

  it("never loads a remote image, and passes raster data: URIs through", () => {
    expect(displayImage("https://tracker.example/badge.png")).toEqual({ blocked: "remote" });
    const png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    expect(displayImage(png)).toEqual({ src: png });
  });

  it("refuses an uploaded SVG with an external reference before it can go on chain", async () => {
    const t = ((key: string, values?: Record<string, string>) => `${key}${values ? ` ${JSON.stringify(values)}` : ""}`) as never;
    const file = new File([HOSTILE["use href to another document"] ?? ""], "logo.svg", { type: "image/svg+xml" });
    await expect(prepareImage(file, 100_000, t)).rejects.toThrow(/images\.unsafeSvg .*imageFit\.svgRefused\.svg-external-resource/);
    const ok = await prepareImage(new File([SAFE], "logo.svg", { type: "image/svg+xml" }), 100_000, t);
    expect(ok.type).toBe("image/svg+xml");
  });
});

describe("Baked SVG downloads", () => {
  const credential = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    type: ["VerifiableCredential", "OpenBadgeCredential"],
  };
  it("bake a self-contained class SVG, and the medallion instead of one that loads from elsewhere", async () => {
    const own = await bakedSvg(credential, toDataUri("image/svg+xml", SAFE), "Data Literacy I");
    expect(own).toContain('<linearGradient id="g">');
    for (const hostile of Object.values(HOSTILE)) {
      const baked = await bakedSvg(credential, toDataUri("image/svg+xml", hostile), "Data Literacy I");
      expect(baked).not.toContain("tracker.example");
      expect(baked).not.toContain("169.254.169.254");
      expect(baked).toContain("OpenBadgeCredential");
    }
  });
});

describe("The verdict view renders badge images", () => {
  beforeEach(() => runVerification.mockReset());
  const report = (image: string): VerificationReport => ({
    verdict: "valid",
    format: "ob3-data-integrity",
    steps: [{ id: "parse", status: "passed", message: "ok", code: "run.uncoded", params: {} }],
    credential: {
      issuer: { name: "Université de Lyon" },
      credentialSubject: { achievement: { name: "Data Literacy I", image: { id: image } } },
    },
    anchor: { chainId: 31337, registry: REGISTRY, uid: uid(1) },
  });
  const drop = async () =>
    userEvent.upload(
      await screen.findByLabelText(/Choose a file/),
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], "b.png", { type: "image/png" }),
    );
  const images = () => [...document.querySelectorAll(".credential-summary img")].map((i) => i.getAttribute("src") ?? "");

  it("as a data: URI when the SVG is self-contained", async () => {
    runVerification.mockResolvedValue(report(toDataUri("image/svg+xml", SAFE)));
    renderApp("/verify", { client: fakeClient({}) });
    await drop();
    await screen.findByText("Valid badge");
    expect(images()).toHaveLength(1);
    expect(images()[0]).toMatch(/^data:image\/svg\+xml/);
  });

  it("as a placeholder when the SVG loads something from elsewhere, or the image is remote", async () => {
    runVerification.mockResolvedValueOnce(report(toDataUri("image/svg+xml", HOSTILE["@import in style"] ?? "")));
    runVerification.mockResolvedValueOnce(report("https://tracker.example/badge.png"));
    renderApp("/verify", { client: fakeClient({}) });
    await drop();
    await screen.findByText("Valid badge");
    expect(images()).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Verify another badge" }));
    await drop();
    expect(await screen.findByText(/Image hosted elsewhere — not loaded/)).toBeInTheDocument();
    expect(images()).toEqual([]);
    expect([...document.querySelectorAll("img")].every((i) => /^data:/.test(i.getAttribute("src") ?? ""))).toBe(true);
  });
});
