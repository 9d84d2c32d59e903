// Every web response carries the security headers; pages are never cached; gRPC-Web still answers beside the UI.
import { describe, expect, inject, it } from "vitest";

const webUrl = inject("webUrl");

async function get(path: string): Promise<Response> {
  const response = await fetch(webUrl + path);
  expect(response.status, path).toBe(200);
  return response;
}

describe("security headers", () => {
  it.each(["/", "/s"])("%s is a page with a strict policy and no-store", async (path) => {
    const response = await get(path);
    const csp = response.headers.get("content-security-policy") ?? "";

    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    for (const directive of ["script-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.has("strict-transport-security")).toBe(false); // plain HTTP here: HSTS only on TLS
  });

  it("serves the pages with no inline script", async () => {
    for (const path of ["/", "/s", "/404.html"]) {
      const html = await (await get(path)).text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it("lets hashed assets be cached, with the same headers", async () => {
    const html = await (await get("/s")).text();
    const script = /src="\.?(\/assets\/[^"]+\.js)"/.exec(html)![1];

    const response = await get(script);

    expect(response.headers.get("content-type")).toContain("javascript");
    expect(response.headers.get("cache-control")).toContain("immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("still answers gRPC-Web POSTs on the same endpoint", async () => {
    const response = await fetch(`${webUrl}/onetime.v1.SecretService/Exists`, {
      method: "POST",
      headers: { "content-type": "application/grpc-web+proto" },
      body: new Uint8Array([0, 0, 0, 0, 0]), // an empty ExistsRequest frame: flag 0, length 0
    });

    expect(response.status).toBe(200);
    // grpc-dotnet answers binary gRPC-Web, without the +proto suffix, when the request names no Accept format.
    expect(response.headers.get("content-type")).toBe("application/grpc-web");
  });
});
