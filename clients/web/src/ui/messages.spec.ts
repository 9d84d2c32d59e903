import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { fromConnectError, networkAwareFetch } from "../client/errors.js";
import { messageFor, sendFailure } from "./messages.js";

describe("UNAVAILABLE", () => {
  it("with no answer at all, asks the reader to check their connection", async () => {
    const offline = networkAwareFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    const error = fromConnectError(await offline("http://127.0.0.1:9/").catch((reason: unknown) => reason));

    expect(error.kind).toBe("unavailable");
    expect(messageFor(error).title).toBe("Can’t reach OneTime");
    expect(sendFailure(error)).toContain("Check your connection");
  });

  it("answered by the server (its store is down), says the service is unavailable and the secret is not lost", () => {
    const error = fromConnectError(new ConnectError("The secret store is unavailable; nothing was stored or read. Try again shortly.", Code.Unavailable));

    expect(error.kind).toBe("unavailable");
    expect(messageFor(error)).toMatchObject({ title: "OneTime is unavailable right now" });
    expect(messageFor(error).body).toContain("Your secret is not lost");
    expect(messageFor(error).body).not.toContain("connection");
    expect(sendFailure(error)).toContain("your secret is still here");
  });
});

describe("INVALID_ARGUMENT", () => {
  it("quotes the server's own reason, not the client's wrapping sentence", () => {
    const error = fromConnectError(new ConnectError("ttl must be at most 30 days", Code.InvalidArgument));
    expect(messageFor(error).body).toBe("The service did not accept this: ttl must be at most 30 days");
  });
});
