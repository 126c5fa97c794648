// The issuer metadata's display images: what @openid4vc/openid4vci (the independent wallet client of
// the gateway and e2e tests) accepts — https URLs and raster data: URIs. An SVG data: URI or a plain
// http URL as the issuer's logo made it refuse the whole metadata, so such a logo is left out.
import { describe, expect, it } from "vitest";
import { buildCredentialIssuerMetadata } from "../src/hosted/index.ts";

const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

function issuerLogo(image: unknown, gatewayBase = "https://badges.example.org") {
  const metadata = buildCredentialIssuerMetadata({
    gatewayBase,
    deployment: { chainId: 31337, registry: REGISTRY },
    classId: 1,
    achievement: { name: "Field Ecology", image: "data:image/svg+xml;base64,PHN2Zy8+" },
    issuerProfile: { name: "Marine Biological Institute", image },
    classImageUrl: `${gatewayBase}/ob2/badges/31337/1/image`,
  }) as { display: { name: string; logo?: { uri: string } }[] };
  expect(metadata.display[0]?.name).toBe("Marine Biological Institute");
  return metadata.display[0]?.logo?.uri;
}

describe("OpenID4VCI issuer metadata: display images", () => {
  it("keeps an https logo and a PNG or JPEG data: URI", () => {
    expect(issuerLogo("https://mbi.example.org/logo.png")).toBe("https://mbi.example.org/logo.png");
    expect(issuerLogo({ id: "https://mbi.example.org/logo.png", type: "Image" })).toBe("https://mbi.example.org/logo.png");
    expect(issuerLogo("data:image/png;base64,iVBORw0KGgo=")).toBe("data:image/png;base64,iVBORw0KGgo=");
    expect(issuerLogo("data:image/jpeg;base64,/9j/4AAQ")).toBe("data:image/jpeg;base64,/9j/4AAQ");
  });

  it("leaves out an SVG data: URI, a plain http URL and anything else", () => {
    expect(issuerLogo("data:image/svg+xml;base64,PHN2Zy8+")).toBeUndefined();
    expect(issuerLogo("http://127.0.0.1:8787/logo.png")).toBeUndefined();
    expect(issuerLogo("javascript:alert(1)")).toBeUndefined();
    expect(issuerLogo(undefined)).toBeUndefined();
  });

  it("names the badge's image through the gateway when the achievement's own is an SVG data: URI", () => {
    const metadata = buildCredentialIssuerMetadata({
      gatewayBase: "https://badges.example.org",
      deployment: { chainId: 31337, registry: REGISTRY },
      classId: 1,
      achievement: { name: "Field Ecology", image: "data:image/svg+xml;base64,PHN2Zy8+" },
      issuerProfile: { name: "Marine Biological Institute" },
      classImageUrl: "https://badges.example.org/ob2/badges/31337/1/image",
    }) as { credential_configurations_supported: Record<string, { credential_metadata: { display: { logo: { uri: string } }[] } }> };
    const [configuration] = Object.values(metadata.credential_configurations_supported);
    expect(configuration?.credential_metadata.display[0]?.logo.uri).toBe("https://badges.example.org/ob2/badges/31337/1/image");
  });
});
